import Foundation
import TermCanvas
import Testing

@testable import Explorer

/// `--theme light` is for slides and handouts on white: every colour on every screen must
/// reach WCAG AA's 4.5:1 against white. The ratio is computed here from WCAG 2's formula,
/// not with the code under test.
@Suite struct LightThemeTests {
  static func contrastOnWhite(hex: String) -> Double {
    let value = Int(hex.dropFirst(), radix: 16)!
    func channel(_ shift: Int) -> Double {
      let c = Double((value >> shift) & 0xFF) / 255
      return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
    }
    let luminance = 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
    return 1.05 / (luminance + 0.05)
  }

  static func colours(_ theme: Theme) -> Set<String> {
    var seen = Set<String>()
    for (_, keys) in LayoutRuleTests.screens {
      var state = ExplorerState()
      for key in keys { _ = ExplorerReducer.reduce(&state, key: key) }
      EffectRunner.settle(&state)
      let canvas = ExplorerRenderer.render(state, width: 120, height: 40, theme: theme)
      for cell in canvas.cells {
        for colour in [cell.style.foreground, cell.style.background].compactMap({ $0 }) {
          seen.insert(XtermPalette.hex(colour))
        }
        #expect(!(theme.light && cell.style.dim), "dim text is drawn grey on a light background")
      }
    }
    return seen
  }

  @Test func everyColourOfTheLightThemeReachesAAOnWhite() {
    let colours = Self.colours(Theme(colored: true, unicode: true, light: true))
    #expect(colours.count >= 8, "the gradient and the highlights are still coloured")
    for hex in colours.sorted() {
      #expect(Self.contrastOnWhite(hex: hex) >= 4.5, "\(hex) is \(Self.contrastOnWhite(hex: hex)):1 on white")
    }
  }

  /// The check can fail: the default theme's yellow and light green do not reach AA.
  @Test func theDefaultThemeDoesNot() {
    let colours = Self.colours(Theme(colored: true, unicode: true))
    #expect(colours.contains("#d7d700") && Self.contrastOnWhite(hex: "#d7d700") < 4.5)
    #expect(colours.contains("#87d75f") && Self.contrastOnWhite(hex: "#87d75f") < 4.5)
  }
}
