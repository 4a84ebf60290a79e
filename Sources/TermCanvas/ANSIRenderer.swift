/// Renders a canvas as text with ANSI SGR escapes (xterm 256 colours), for `--color always`
/// output and `.ansi` exports. The last style change on each line is reset, so the output
/// can be concatenated with other text safely.
public enum ANSIRenderer {
  public static func render(_ canvas: Canvas) -> String {
    var output = ""
    for row in 0..<canvas.height {
      var line = ""
      var current = CellStyle.plain
      var pendingSpaces = 0
      for column in 0..<canvas.width {
        let cell = canvas[column, row]
        guard cell.width > 0 else { continue }  // the right half of a wide character
        // Unstyled blanks are held back: dropped at the end of a line, printed otherwise.
        if cell.scalar == " " && cell.style == .plain {
          pendingSpaces += 1
          continue
        }
        if pendingSpaces > 0 {
          if current != .plain {
            line += "\u{1B}[0m"
            current = .plain
          }
          line += String(repeating: " ", count: pendingSpaces)
          pendingSpaces = 0
        }
        if cell.style != current {
          line += sequence(cell.style)
          current = cell.style
        }
        line.unicodeScalars.append(cell.scalar)
        if !cell.marks.isEmpty { line.unicodeScalars.append(contentsOf: cell.marks.unicodeScalars) }
      }
      if current != .plain { line += "\u{1B}[0m" }
      output += line + "\n"
    }
    return output
  }

  /// The SGR sequence that sets exactly `style` (starting from a reset).
  public static func sequence(_ style: CellStyle) -> String {
    var codes = ["0"]
    if style.bold { codes.append("1") }
    if style.dim { codes.append("2") }
    if style.underline { codes.append("4") }
    if style.reverse { codes.append("7") }
    if let foreground = style.foreground { codes.append("38;5;\(foreground.index)") }
    if let background = style.background { codes.append("48;5;\(background.index)") }
    return "\u{1B}[" + codes.joined(separator: ";") + "m"
  }
}
