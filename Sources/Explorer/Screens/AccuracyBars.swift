import AblationKit
import MobileNetKit
import Reports
import TermCanvas

/// Final test accuracy as a bar from 50% (chance) to 100%: solid to one sd below the mean,
/// then a darker shade to the mean and a light one to one sd above, so mean ± sd is the
/// bar's two shaded ends.
enum AccuracyBars {
  static func bar(_ statistics: SeedStatistics, width: Int, theme: Theme) -> String {
    func position(_ accuracy: Double) -> Double {
      min(Double(width), max(0, (accuracy - AccuracyChart.floor) / (1 - AccuracyChart.floor) * Double(width)))
    }
    let mean = position(statistics.mean), sd = statistics.count > 1 ? statistics.standardDeviation : 0
    let low = position(statistics.mean - sd), high = position(statistics.mean + sd)
    let glyphs: (Character, Character, Character) = theme.unicode ? ("█", "▓", "░") : ("#", "=", "-")
    return String(
      (0..<width).map { i -> Character in
        let centre = Double(i) + 0.5
        if centre < low { return glyphs.0 }
        if centre < mean { return glyphs.1 }
        if centre < high { return glyphs.2 }
        return " "
      })
  }

  /// "78.5 ± 6.1", and how many seeds when not all are in.
  static func figures(_ statistics: SeedStatistics, of seeds: Int) -> String {
    let mean = NumberFormatting.fixed(100 * statistics.mean, decimals: 1)
    let sd =
      statistics.count > 1 ? NumberFormatting.fixed(100 * statistics.standardDeviation, decimals: 1) : "?"
    let text = "\(mean) ± \(sd)"
    return statistics.count == seeds ? text : "\(text) (\(statistics.count)/\(seeds))"
  }
}
