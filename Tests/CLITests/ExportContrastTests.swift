import Foundation
import Testing

/// Every theme's SVG and HTML export is readable on the page it draws itself (white): text
/// at 4.5:1 or more, plot dots at 3:1 (WCAG 2). Before the fix the default theme put the
/// terminal's #d7d700 (1.5:1) and #87d75f (1.8:1) on white.
@Suite struct ExportContrastTests {
  /// WCAG 2's relative luminance and contrast ratio, written out here.
  static func luminance(_ hex: String) -> Double {
    let digits = Array(hex.dropFirst())
    func channel(_ at: Int) -> Double {
      let value = Double(Int(String(digits[at..<at + 2]), radix: 16)!) / 255
      return value <= 0.04045 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
    }
    return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
  }

  static func contrast(_ a: String, _ b: String) -> Double {
    let (x, y) = (luminance(a), luminance(b))
    return (max(x, y) + 0.05) / (min(x, y) + 0.05)
  }

  /// Braille, block elements and the band's dot are plot marks, held to 3:1.
  static func isPlot(_ text: String) -> Bool {
    text.unicodeScalars.allSatisfy {
      $0 == " " || (0x2800...0x28FF).contains($0.value) || (0x2580...0x259F).contains($0.value) || $0 == "·"
    }
  }

  static let screens: [[String]] = [
    ["--view", "network"], ["--view", "block", "--block", "7"], ["--view", "manifold", "--keys", "bb"],
    ["--view", "lesson", "--step", "2", "--keys", "v"], ["--view", "ablation"],
  ]

  @Test(arguments: ["default", "classroom", "light"])
  func everyRunReachesWCAGOnTheExportsOwnPage(theme: String) throws {
    let folder = try BinaryRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    for screen in Self.screens {
      let file = folder + "/screen.svg"
      let export = try BinaryRunner.run(
        ["export"] + screen + ["--theme", theme, "--size", "100x30", "--output", file, "--force"])
      try #require(export.status == 0, "\(export.stderr)")
      let svg = try String(contentsOfFile: file, encoding: .utf8)
      let page = try #require(svg.firstMatch(of: /<rect width="100%" height="100%" fill="(#[0-9a-f]{6})"\/>/))
      let pageColor = String(page.1)
      #expect(pageColor == "#ffffff")
      // Cell backgrounds by position, then each text run against what is under it.
      var backgrounds: [String: String] = [:]
      for match in svg.matches(
        of: /<rect x="([0-9.]+)" y="([0-9.]+)" width="[0-9.]+" height="[0-9.]+" fill="(#[0-9a-f]{6})"\/>/)
      {
        backgrounds["\(Double(match.1)!),\(Double(match.2)!)"] = String(match.3)
      }
      var worstText = 99.0, worstPlot = 99.0, runs = 0
      for match in svg.matches(
        of: /<text x="([0-9.]+)" y="([0-9.]+)" fill="(#[0-9a-f]{6})"([^>]*)>([^<]*)<\/text>/)
      {
        runs += 1
        #expect(!match.4.contains("opacity"), "opacity lowers contrast: \(match.0)")
        // A run's baseline is its row's top plus the 14 px font size.
        let under = backgrounds["\(Double(match.1)!),\(Double(match.2)! - 14)"]
        let text = String(match.5)
        if Self.isPlot(text) {
          guard under == nil else { continue }  // a two-colour pixel of a map: both are dots
          worstPlot = min(worstPlot, Self.contrast(String(match.3), pageColor))
        } else {
          worstText = min(worstText, Self.contrast(String(match.3), under ?? pageColor))
        }
      }
      #expect(runs > 20, "\(screen): \(runs) runs")
      #expect(worstText >= 4.5, "\(theme) \(screen): text at \(worstText):1")
      #expect(worstPlot >= 3, "\(theme) \(screen): plot dots at \(worstPlot):1")
      let html = try BinaryRunner.run(
        ["export"] + screen + ["--theme", theme, "--size", "100x30", "--format", "html", "--output", "-"])
      #expect(!html.stdout.contains("opacity"), "\(theme) \(screen): HTML dims by opacity")
      for color in ["#d7d700", "#87d75f"] {
        #expect(!html.stdout.contains(color), "\(theme) \(screen): \(color)")
      }
    }
  }

  /// Exports show no selected row unless asked: on paper a reversed row reads as a black bar.
  @Test func theNetworkExportShowsNoSelectionUnlessAsked() throws {
    let plain = try BinaryRunner.run(["export", "--view", "network", "--format", "ansi", "--output", "-"])
    let selected = try BinaryRunner.run(
      ["export", "--view", "network", "--format", "ansi", "--output", "-", "--selection"])
    func reversedRows(_ text: String) -> Int {
      // Between the title bar (first) and the status bar (last, then the final newline).
      text.components(separatedBy: "\n").dropFirst().dropLast(2).filter {
        $0.contains(/\x{1B}\[[0-9;]*;7[;m]/)
      }
      .count
    }
    #expect(plain.status == 0 && selected.status == 0)
    #expect(reversedRows(plain.stdout) == 0, "\(plain.stdout)")
    #expect(reversedRows(selected.stdout) == 1)
  }
}
