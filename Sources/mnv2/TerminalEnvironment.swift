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

extension TerminalEnvironment {
  static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

  /// Colour is off when NO_COLOR is set to anything (no-color.org) or TERM is dumb.
  static var colorAllowed: Bool {
    let environment = ProcessInfo.processInfo.environment
    if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
    return environment["TERM"] != "dumb"
  }

  /// The mouse is on unless MNV2_MOUSE is 0, off, no or false (as `--no-mouse`).
  static var mouseAllowed: Bool {
    guard let value = ProcessInfo.processInfo.environment["MNV2_MOUSE"] else { return true }
    return !["0", "off", "no", "false"].contains(value.trimmingCharacters(in: .whitespaces).lowercased())
  }

  /// The terminal's width when stdout is one, else $COLUMNS when set.
  static var columns: Int? {
    var size = winsize()
    if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
      return Int(size.ws_col)
    }
    if let text = ProcessInfo.processInfo.environment["COLUMNS"], let value = Int(text), value > 0 {
      return value
    }
    return nil
  }
}
