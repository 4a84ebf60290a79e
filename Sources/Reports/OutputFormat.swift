/// The machine- and human-readable forms every report can take.
public enum OutputFormat: String, CaseIterable, Sendable {
  case table
  case json
  case csv
  case markdown
}

/// Options that change how text looks but never what it says.
public struct TextStyle: Sendable {
  /// Use `×`, `→` and box rules; off for a non-UTF-8 locale.
  public var unicode: Bool
  public init(unicode: Bool = true) { self.unicode = unicode }

  var times: String { unicode ? "×" : "x" }
  var arrow: String { unicode ? "→" : "->" }
  var rule: Character { unicode ? "─" : "-" }
}
