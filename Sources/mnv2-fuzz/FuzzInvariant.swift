import TermCanvas

/// The invariants every target checks. A failure traps with the reason, so libFuzzer saves
/// the input and the replayer names it.
enum FuzzInvariant {
  /// An error as mnv2 prints it: one line, no raw control character, naming the file and
  /// a line ("fuzz.json:3: …").
  static func checkError(_ description: String, source: String) {
    let printed = TerminalSafe.escape(description)
    check(!printed.unicodeScalars.contains(where: TerminalSafe.isUnsafe), "raw control in \(printed)")
    check(!printed.contains("\n"), "a second line in \(printed)")
    check(printed.hasPrefix(source + ":"), "error does not name the file: \(printed)")
    let afterSource = printed.dropFirst(source.count + 1)
    check(afterSource.first?.isNumber == true, "error does not name a line: \(printed)")
  }

  /// Text that goes to a terminal as it is: nothing TerminalSafe would escape.
  static func checkTerminalText(_ text: String, _ what: String) {
    if let bad = text.unicodeScalars.first(where: { TerminalSafe.isUnsafe($0) && $0 != "\n" }) {
      fail("\(what) holds U+\(String(bad.value, radix: 16, uppercase: true))")
    }
  }

  static func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fail(message()) }
  }

  static func fail(_ message: String) -> Never {
    preconditionFailure("fuzz invariant: \(message)")
  }
}
