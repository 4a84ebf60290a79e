import TermCanvas

/// Every key, generated from `KeyMap.bindings`, in a box over the current view.
///
/// Everything stays inside the border at every size from 80×24 up: one column when the
/// screen is tall enough, else two; when two columns are too wide the spacing tightens, and
/// as a last resort a description wraps onto the next row (whole words, never clipped).
enum HelpOverlay {
  static func draw(theme: Theme, inLesson: Bool, into canvas: inout Canvas) {
    let bindings = KeyMap.bindings(inLesson: inLesson)
    let labels = bindings.map { KeyMap.label($0, compact: true).replacingUnicode(theme) }
    let helps = bindings.map { $0.help.replacingUnicode(theme) }
    let labelWidth = labels.map(\.count).max() ?? 0
    let helpWidth = helps.map(\.count).max() ?? 0
    // With the mouse on, the terminal's own selection needs Shift: say so where people look
    // for keys, on one line where it fits and else on two.
    let footer =
      theme.mouse
      ? ["any key or click closes this help", "Shift+drag selects text to copy"]
      : ["any key closes this help"]
    let columns = bindings.count + 2 + footer.count <= canvas.height - 2 ? 1 : 2
    // Spacing (gap between key and text, margin inside the border), widest first.
    var gap = 2, margin = 1, textWidth = helpWidth
    for (g, m) in [(2, 1), (1, 1)] {
      gap = g
      margin = m
      textWidth = helpWidth
      if columns * (labelWidth + g + helpWidth) + (columns - 1) * 2 + 2 * m + 2 <= canvas.width { break }
      textWidth = (canvas.width - 2 - 2 * m - (columns - 1) * 2) / columns - labelWidth - g
    }
    textWidth = max(8, textWidth)
    let entryWidth = labelWidth + gap + textWidth
    // Each entry as its lines: the key and the first words, then the rest indented.
    let entries = zip(labels, helps).map { label, help -> [String] in
      let lines = Canvas.wrap(help, width: textWidth)
      return lines.enumerated().map { index, line in
        (index == 0 ? label.padding(to: labelWidth) : String(repeating: " ", count: labelWidth))
          + String(repeating: " ", count: gap) + line
      }
    }
    let rows = entries.reduce(0) { $0 + $1.count }
    let rowsPerColumn = columns == 1 ? rows : Self.split(entries.map(\.count))
    let width = min(canvas.width, columns * entryWidth + (columns - 1) * 2 + 2 * margin + 2)
    let inner = width - 2 - 2 * margin
    let footerLines = footer.joined(separator: " \(theme.dot) ").count <= inner ? 1 : footer.count
    let height = min(canvas.height - 2, rowsPerColumn + 2 + footerLines)
    let rect = Rect(
      x: (canvas.width - width) / 2, y: (canvas.height - height) / 2, width: width, height: height)
    canvas.clearForOverlay(rect)
    canvas.box(rect, style: theme.box, title: "Keys")
    var column = 0, row = 0
    for entry in entries {
      if row + entry.count > rowsPerColumn && column + 1 < columns {
        column += 1
        row = 0
      }
      for line in entry where row < rowsPerColumn {
        canvas.write(
          line, x: rect.x + 1 + margin + column * (entryWidth + 2), y: rect.y + 1 + row, maxWidth: entryWidth)
        row += 1
      }
    }
    let lines = footerLines == 1 ? [footer.joined(separator: " \(theme.dot) ")] : footer
    for (offset, line) in lines.enumerated() {
      canvas.write(
        line, x: rect.x + 1 + margin, y: rect.maxY - 1 - lines.count + offset, style: theme.dim,
        maxWidth: inner)
    }
  }

  /// Rows of the first of two columns, keeping entries whole: the smallest height that
  /// holds every entry in order.
  static func split(_ heights: [Int]) -> Int {
    let total = heights.reduce(0, +)
    for height in ((total + 1) / 2)...max(1, total) {
      var used = 0, column = 0
      for entry in heights {
        if used + entry > height {
          column += 1
          used = 0
        }
        used += entry
      }
      if column < 2 { return height }
    }
    return total
  }
}

extension String {
  func padding(to width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
