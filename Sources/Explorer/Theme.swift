import MobileNetKit
import TermCanvas

/// Colours and glyphs of the explorer. Colour is never the only carrier of meaning: every
/// coloured thing also has a label or a mark, so the monochrome theme reads the same.
public struct Theme: Sendable {
  public var colored: Bool
  public var unicode: Bool

  public init(colored: Bool, unicode: Bool) {
    self.colored = colored
    self.unicode = unicode
  }

  var titleBar: CellStyle { CellStyle(reverse: true) }
  var statusBar: CellStyle { CellStyle(reverse: true) }
  var heading: CellStyle { CellStyle(bold: true) }
  var dim: CellStyle { CellStyle(dim: true) }
  var selection: CellStyle { CellStyle(bold: true, reverse: true) }
  var bar: CellStyle { colored ? CellStyle(foreground: .cyan) : .plain }
  var residual: CellStyle { colored ? CellStyle(foreground: .green, bold: true) : .bold }
  /// The projection's activation: highlighted, green when linear (the paper's design),
  /// yellow when ReLU6 (the ablation), and bold and underlined without colour.
  func activation(linear: Bool) -> CellStyle {
    colored
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
