import MobileNetKit
import Reports
import TermCanvas

/// Colours and glyphs of the explorer. Colour is never the only carrier of meaning: every
/// coloured thing also has a label or a mark, so the monochrome theme reads the same.
public struct Theme: Sendable {
  public var colored: Bool
  public var unicode: Bool
  /// High contrast for a washed-out projector: no dim text, bold where others use colour.
  public var classroom: Bool
  /// For a white page or a light terminal: every colour reaches 4.5:1 on white (WCAG AA)
  /// and dim text is a readable grey (`LightBackground`).
  public var light: Bool
  /// Whether screens say which key does what ("(b)", "+/- k"). Off for slides without
  /// chrome and for printed handouts, where no key can be pressed.
  public var keyHints: Bool
  /// Whether the Network view's selected row is drawn reversed. Exports turn it off unless
  /// asked (`export --selection`): on paper a reversed row reads as a black bar.
  public var showsSelection = true
  /// Whether bold and reverse reach the reader, so a screen may say "bold: stride 2".
  /// Off for plain-text output (handouts, txt exports).
  public var formatting: Bool
  /// Whether the terminal reports the mouse to the explorer, so the help says how to select
  /// text anyway (Shift+drag). Off in exports and wherever `--no-mouse` left it to the terminal.
  public var mouse = false

  public init(
    colored: Bool, unicode: Bool, classroom: Bool = false, light: Bool = false, keyHints: Bool = true,
    formatting: Bool = true
  ) {
    self.colored = colored
    self.unicode = unicode
    self.classroom = classroom
    self.light = light
    self.keyHints = keyHints
    self.formatting = formatting
  }

  /// `text` where key hints are shown, else nothing (a token TokenFit then skips).
  func hint(_ text: String) -> String { keyHints ? text : "" }

  var titleBar: CellStyle { CellStyle(reverse: true) }
  var statusBar: CellStyle { CellStyle(reverse: true) }
  var heading: CellStyle { CellStyle(bold: true) }
  var dim: CellStyle { classroom ? .plain : CellStyle(dim: true) }
  var selection: CellStyle { CellStyle(bold: true, reverse: true) }
  var bar: CellStyle { classroom ? .bold : (colored ? CellStyle(foreground: .cyan) : .plain) }
  /// The measured time's share bar, beside the MAdds bar in another colour.
  var timeBar: CellStyle { classroom ? .plain : (colored ? CellStyle(foreground: .yellow) : .plain) }
  var residual: CellStyle { colored && !classroom ? CellStyle(foreground: .green, bold: true) : .bold }
  /// The projection's activation: highlighted, green when linear (the paper's design),
  /// yellow when ReLU6 (the ablation), and bold and underlined without colour.
  func activation(linear: Bool) -> CellStyle {
    if classroom { return CellStyle(bold: true, reverse: !linear, underline: true) }
    return colored
      ? CellStyle(foreground: linear ? .green : .yellow, bold: true, underline: true)
      : CellStyle(bold: true, underline: true)
  }

  var box: BoxStyle { BoxStyle.forUnicode(unicode) }
  var times: String { unicode ? "×" : "x" }
  var arrow: String { unicode ? "→" : "->" }
  var dot: String { unicode ? "·" : "-" }
  var barFull: Unicode.Scalar { unicode ? "█" : "#" }
  /// Eighth blocks for fractional bar ends; ASCII has none.
  var barEighths: [Unicode.Scalar] { unicode ? ["▏", "▎", "▍", "▌", "▋", "▊", "▉"] : [] }
  var down: String { unicode ? "▼" : "v" }
  var plus: String { unicode ? "⊕" : "(+)" }

  func shape(_ shape: TensorShape) -> String { shape.formatted(unicode: unicode) }
}

extension Theme {
  /// `TokenFit.line` on the tokens as this theme spells them, so a line measured for the
  /// screen is the line drawn (ASCII spellings are often longer).
  func fit(_ tokens: [(text: String, priority: Int)], separator: String = " ", width: Int) -> String {
    TokenFit.line(
      tokens.filter { !$0.text.isEmpty }.map { ($0.text.replacingUnicode(self), $0.priority) },
      separator: separator.replacingUnicode(self),
      width: width)
  }
}

extension Canvas {
  /// Every dim cell drawn at full intensity (the classroom theme).
  mutating func removeDim() {
    for row in 0..<height {
      for column in 0..<width where self[column, row].style.dim {
        self[column, row].style.dim = false
      }
    }
  }

  /// The last line of defence for terminals without UTF-8: any symbol a view wrote
  /// directly becomes its one-character ASCII stand-in, or `?`.
  mutating func transliterateToASCII() {
    for row in 0..<height {
      for column in 0..<width {
        var cell = self[column, row]
        // A wide character becomes "?" and a blank, so the columns after it stay put.
        guard !cell.scalar.isASCII || cell.width != 1 else { continue }
        let replacement = TextStyle(unicode: false).apply(String(Character(cell.scalar)))
        let ascii: Unicode.Scalar =
          cell.width == 1 && cell.marks.isEmpty && replacement.unicodeScalars.count == 1
          ? replacement.unicodeScalars.first! : "?"
        cell = Cell(ascii.isASCII ? ascii : "?", style: cell.style)
        self[column, row] = cell
      }
    }
  }
}
