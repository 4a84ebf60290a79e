/// Keys written as text, for `mnv2 export --keys` and the docs' captures: characters stand
/// for themselves, named keys go in angle brackets ("jj<Enter>b", "<Down><Down>?").
public enum KeySequence {
  /// The names accepted between < and >, case-insensitive.
  public static let names: [(String, Key)] = [
    ("Enter", .enter), ("Esc", .escape), ("Tab", .tab), ("Space", .character(" ")), ("BkSp", .backspace),
    ("Up", .up), ("Down", .down), ("Left", .left), ("Right", .right), ("PgUp", .pageUp), ("PgDn", .pageDown),
    ("Home", .home), ("End", .end), ("lt", .character("<")),
  ]

  /// The most keys one sequence may hold: an export is one screen, not a session.
  public static let maximumLength = 200

  public struct ParseError: Error, Equatable {
    public var message: String
  }

  public static func parse(_ text: String) throws(ParseError) -> [Key] {
    var keys: [Key] = []
    var rest = Substring(text)
    while let first = rest.first {
      if first == "<" {
        guard let close = rest.firstIndex(of: ">") else {
          throw ParseError(message: "'<' opens a key name that is never closed; write <lt> for '<'")
        }
        let name = rest[rest.index(after: rest.startIndex)..<close]
        guard let key = names.first(where: { $0.0.lowercased() == name.lowercased() })?.1 else {
          let known = names.map { "<\($0.0)>" }.joined(separator: " ")
          throw ParseError(message: "unknown key <\(Self.printable(name))>; known: \(known)")
        }
        keys.append(key)
        rest = rest[rest.index(after: close)...]
      } else {
        guard
          first.unicodeScalars.allSatisfy({
            $0.value >= 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value)
          })
        else {
          throw ParseError(message: "control characters are not keys; name them, e.g. <Esc>")
        }
        keys.append(.character(first))
        rest = rest.dropFirst()
      }
      guard keys.count <= maximumLength else {
        throw ParseError(message: "more than \(maximumLength) keys")
      }
    }
    return keys
  }

  /// A key name as typed, with anything unprintable shown as "?", for the error message.
  static func printable(_ name: Substring) -> String {
    String(name.prefix(20).map { $0.isASCII && !$0.isWhitespace || $0 == " " ? $0 : "?" })
  }
}
