/// The machine- and human-readable forms every report can take.
public enum OutputFormat: String, CaseIterable, Sendable {
  case table
  case json
  case csv
  case markdown
}

/// Options that change how text looks but never what it says.
public struct TextStyle: Sendable {
  /// Use `×`, `→`, `γ` and box rules; off for a non-UTF-8 locale, where they would print
  /// as mojibake.
  public var unicode: Bool
  public init(unicode: Bool = true) { self.unicode = unicode }

  var times: String { unicode ? "×" : "x" }
  var rule: Character { unicode ? "─" : "-" }

  /// Spellings used when the terminal cannot show the symbol.
  static let asciiReplacements: [(Character, String)] = [
    ("×", "x"), ("·", "*"), ("→", "->"), ("─", "-"), ("γ", "gamma"), ("β", "beta"), ("′", "'"), ("″", "''"),
    ("²", "^2"), ("⌈", "ceil("), ("⌉", ")"), ("≈", "~"), ("α", "alpha"), ("–", "-"), ("§", "sec. "),
    ("≤", "<="),
    ("≥", ">="), ("⁺", "+"), ("±", "+/-"), ("…", "..."), ("▲", "^"), ("▼", "v"), ("↑", "^"), ("↓", "v"),
    ("←", "<-"), ("↔", "<->"), ("⁻", "^-"), ("¹", "1"), ("ⁿ", "^n"), ("█", "#"), ("⊕", "(+)"), ("│", "|"),
    ("┌", "+"), ("┐", "+"), ("└", "+"), ("┘", "+"), ("“", "\""), ("”", "\""), ("’", "'"),
    ("ᵀ", "^T"), ("▸", ">"), ("−", "-"), ("▓", "="), ("░", "-"),
    ("½", "1/2"), ("Σ", "sum"), ("•", "*"), ("⌊", "floor("), ("⌋", ")"), ("✓", "OK"), ("✗", "X"),
  ]

  /// Rewrites a finished report for the terminal: unchanged in UTF-8, transliterated to
  /// 7-bit ASCII otherwise (anything left over becomes `?`).
  public func apply(_ text: String) -> String {
    guard !unicode else { return text }
    var result = ""
    result.reserveCapacity(text.utf8.count)
    // A spaced middle dot separates ("2 spirals · 10 seeds"): as "*" it would read as a
    // product, so it becomes " | "; an unspaced one (h·w·d′) is a product and becomes "*".
    for character in text.replacingOccurrences(of: " · ", with: " | ") {
      if character.isASCII {
        result.append(character)
      } else if let replacement = Self.asciiReplacements.first(where: { $0.0 == character }) {
        result += replacement.1
      } else {
        result.append("?")
      }
    }
    return result
  }
}
