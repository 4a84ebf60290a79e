extension String {
  /// Double quotes as single ones, for a font list inside an XML attribute.
  fileprivate var replacingQuotes: String { String(map { $0 == "\"" ? "'" : $0 }) }
}

/// Renders a canvas as SVG or HTML that keeps its colours and monospace layout, for
/// slides and handouts. Runs of cells with the same style become one text span.
public enum MarkupRenderer {
  /// Colours for a light page: the terminal's default foreground and background.
  static let foreground = "#1d1f21"
  static let background = "#ffffff"

  struct Run {
    var text: String
    var style: CellStyle
    var column: Int
  }

  static func runs(row: Int, of canvas: Canvas) -> [Run] {
    var runs: [Run] = []
    // A run ends after a wide character: a font's CJK or emoji glyph need not be exactly two
    // columns wide, so the text after it starts at its own column.
    var afterWide = false
    for column in 0..<canvas.width {
      let cell = canvas[column, row]
      guard cell.width > 0 else { continue }  // the right half of a wide character
      if !afterWide, var last = runs.last, last.style == cell.style {
        last.text += cell.text
        runs[runs.count - 1] = last
      } else {
        runs.append(Run(text: cell.text, style: cell.style, column: column))
      }
      afterWide = cell.width == 2
    }
    return runs
  }

  /// Text for HTML or XML: & < > and " as entities, and every code point XML 1.0 forbids
  /// (controls but tab, newline and return; U+FFFE and U+FFFF) as U+FFFD, with the C1
  /// controls too, so a name from a file can make neither the page invalid nor a terminal
  /// act. Before, U+FFFF in an architecture's name made the SVG export unreadable XML.
  public static func escape(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
      default:
        let value = scalar.value
        if value < 0x20 || (0x7F...0x9F).contains(value) || value == 0xFFFE || value == 0xFFFF {
          result += "&#xFFFD;"
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result
  }

  static func colors(_ style: CellStyle) -> (foreground: String, background: String?) {
    var fg = style.foreground.map(XtermPalette.hex) ?? foreground
    var bg = style.background.map(XtermPalette.hex)
    if style.reverse {
      let swapped = bg ?? background
      bg = fg
      fg = swapped
    }
    return (fg, bg)
  }

  public static func svg(_ canvas: Canvas, fontSize: Double = 14) -> String {
    let cellWidth = fontSize * 0.6, lineHeight = fontSize * 1.25
    let width = Double(canvas.width) * cellWidth, height = Double(canvas.height) * lineHeight
    var out = """
      <?xml version="1.0" encoding="UTF-8"?>
      <svg xmlns="http://www.w3.org/2000/svg" width="\(fixed(width))" height="\(fixed(height))" \
      viewBox="0 0 \(fixed(width)) \(fixed(height))" font-family="\(fontStack.replacingQuotes)" \
      font-size="\(fixed(fontSize))">
      <rect width="100%" height="100%" fill="\(background)"/>

      """
    for row in 0..<canvas.height {
      let y = Double(row) * lineHeight
      for run in runs(row: row, of: canvas) {
        let (fg, bg) = colors(run.style)
        let x = Double(run.column) * cellWidth
        let runWidth = Double(TerminalGlyph.width(of: run.text)) * cellWidth
        if let bg {
          out +=
            "<rect x=\"\(fixed(x))\" y=\"\(fixed(y))\" width=\"\(fixed(runWidth))\" height=\"\(fixed(lineHeight))\" fill=\"\(bg)\"/>\n"
        }
        guard run.text.contains(where: { $0 != " " }) else { continue }
        var attributes =
          "x=\"\(fixed(x))\" y=\"\(fixed(y + fontSize))\" fill=\"\(fg)\" textLength=\"\(fixed(runWidth))\""
        attributes += " xml:space=\"preserve\""
        if run.style.bold { attributes += " font-weight=\"bold\"" }
        if run.style.dim { attributes += " fill-opacity=\"0.6\"" }
        if run.style.underline { attributes += " text-decoration=\"underline\"" }
        out += "<text \(attributes)>\(escape(run.text))</text>\n"
      }
    }
    return out + "</svg>\n"
  }

  public static func html(_ canvas: Canvas, title: String) -> String {
    var body = ""
    for row in 0..<canvas.height {
      var line = ""
      for run in runs(row: row, of: canvas) {
        let (fg, bg) = colors(run.style)
        var css = ""
        if fg != foreground { css += "color:\(fg);" }
        if let bg { css += "background:\(bg);" }
        if run.style.bold { css += "font-weight:bold;" }
        if run.style.dim { css += "opacity:0.6;" }
        if run.style.underline { css += "text-decoration:underline;" }
        let text = cells(run.text)
        line += css.isEmpty ? text : "<span style=\"\(css)\">\(text)</span>"
      }
      body += line + "\n"
    }
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <title>\(escape(title))</title>
      <style>
      body { background: \(background); margin: 2em; }
      pre { font-family: \(fontStack); font-size: 14px; line-height: 1.25; color: \(foreground); }
      pre i { font-style: normal; display: inline-block; width: 1ch; overflow: hidden; vertical-align: top; text-align: center; }
      </style>
      </head>
      <body>
      <pre>
      \(body)</pre>
      </body>
      </html>

      """
  }

  /// Monospace fonts first; the symbol fonts after them only supply glyphs (Braille, box
  /// drawing) a monospace font lacks, and `cells` keeps those one column wide anyway.
  static let fontStack =
    "\"DejaVu Sans Mono\", \"Noto Sans Mono\", \"Liberation Mono\", Menlo, Consolas, \"Segoe UI Symbol\", "
    + "\"Noto Sans Symbols 2\", monospace"

  /// The text of a run, escaped, with every non-ASCII character in a box exactly one
  /// column (1ch) wide: a fallback font's wider Braille or box-drawing glyph cannot push
  /// the rest of the row out of line, in any browser.
  static func cells(_ text: String) -> String {
    var out = ""
    for character in text {
      if character.isASCII {
        out += escape(String(character))
      } else {
        out += "<i>\(escape(String(character)))</i>"
      }
    }
    return out
  }

  static func fixed(_ value: Double) -> String {
    let rounded = (value * 100).rounded() / 100
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
  }
}
