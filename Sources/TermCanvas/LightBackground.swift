#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Colours for a white page or a light terminal. The dark-background palette puts yellow
/// (#d7d700) and light green (#87d75f) on white at under 2:1; every colour here reaches
/// WCAG AA's 4.5:1 against white, so slides and printed handouts stay readable.
public enum LightBackground {
  /// WCAG 2's contrast ratio, (L1 + 0.05) / (L2 + 0.05), of a colour against white.
  public static func contrastOnWhite(_ color: TerminalColor) -> Double {
    (1.05) / (relativeLuminance(XtermPalette.rgb(color)) + 0.05)
  }

  /// Relative luminance of an sRGB colour, as WCAG 2 defines it.
  public static func relativeLuminance(_ rgb: (UInt8, UInt8, UInt8)) -> Double {
    func channel(_ value: UInt8) -> Double {
      let c = Double(value) / 255
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055).power(2.4)
    }
    return 0.2126 * channel(rgb.0) + 0.7152 * channel(rgb.1) + 0.0722 * channel(rgb.2)
  }

  /// The colour drawn for `color` on a light background: itself when it already reaches
  /// 4.5:1, else the nearest colour of the 6×6×6 cube that does (so yellow becomes olive,
  /// light green a darker green, and the gradient keeps its order).
  public static func adapted(_ color: TerminalColor) -> TerminalColor { table[Int(color.index)] }

  /// Dim text is drawn in this grey (7:1 on white): opacity would take it under 4.5:1.
  public static let dimGrey = TerminalColor(240)

  static let minimumContrast = 4.5

  private static let table: [TerminalColor] = (0...255).map { index in
    let color = TerminalColor(UInt8(index))
    guard contrastOnWhite(color) < minimumContrast else { return color }
    let (r, g, b) = XtermPalette.rgb(color)
    var best = TerminalColor(16)
    var bestDistance = Int.max
    for candidate in 16...231 {
      let other = TerminalColor(UInt8(candidate))
      guard contrastOnWhite(other) >= minimumContrast else { continue }
      let (r2, g2, b2) = XtermPalette.rgb(other)
      let distance = sq(Int(r) - Int(r2)) + sq(Int(g) - Int(g2)) + sq(Int(b) - Int(b2))
      if distance < bestDistance {
        bestDistance = distance
        best = other
      }
    }
    return best
  }

  private static func sq(_ value: Int) -> Int { value * value }
}

extension Double {
  fileprivate func power(_ exponent: Double) -> Double { pow(self, exponent) }
}

extension Canvas {
  /// Every foreground and background colour made readable on white, and dim text grey.
  public mutating func adaptForLightBackground() {
    for row in 0..<height {
      for column in 0..<width {
        var cell = self[column, row]
        cell.style.foreground = cell.style.foreground.map(LightBackground.adapted)
        cell.style.background = cell.style.background.map(LightBackground.adapted)
        if cell.style.dim {
          cell.style.dim = false
          if cell.style.foreground == nil { cell.style.foreground = LightBackground.dimGrey }
        }
        self[column, row] = cell
      }
    }
  }
}
