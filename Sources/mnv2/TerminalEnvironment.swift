import Foundation

/// What the environment says about the terminal, read once at the edge.
enum TerminalEnvironment {
  /// True when the locale's character set is UTF-8 (the first of LC_ALL, LC_CTYPE and LANG
  /// that is set decides, as in POSIX).
  static var isUTF8: Bool {
    let environment = ProcessInfo.processInfo.environment
    for key in ["LC_ALL", "LC_CTYPE", "LANG"] {
      if let value = environment[key], !value.isEmpty {
        let lower = value.lowercased()
        return lower.contains("utf-8") || lower.contains("utf8")
      }
    }
    return false
  }
}
