/// A key press as the explorer sees it: the terminal-independent vocabulary a backend
/// translates its own codes into.
public enum Key: Hashable, Sendable {
  case character(Character)
  case up, down, left, right
  case enter, escape, backspace, tab
  case pageUp, pageDown, home, end
  case controlC

  /// The label in the help overlay, where space is short.
  public var shortLabel: String { self == .backspace ? "BkSp" : label }

  /// How the key is written in help and docs/explorer.md.
  public var label: String {
    switch self {
    case .character(" "): return "Space"
    case .character(let c): return String(c)
    case .up: return "↑"
    case .down: return "↓"
    case .left: return "←"
    case .right: return "→"
    case .enter: return "Enter"
    case .escape: return "Esc"
    case .backspace: return "Backspace"
    case .tab: return "Tab"
    case .pageUp: return "PgUp"
    case .pageDown: return "PgDn"
    case .home: return "Home"
    case .end: return "End"
    case .controlC: return "Ctrl-C"
    }
  }
}
