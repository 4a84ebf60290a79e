import CNCurses
import TermCanvas

/// An ncurses key as `get_wch` returns it: a character, or a function key code.
public enum CursesKeyCode: Equatable, Sendable {
  case character(UnicodeScalar)
  case function(Int32)

  /// The key it stands for, or nil for keys the explorer does not use.
  public var key: Key? {
    switch self {
    case .character(let scalar):
      switch scalar.value {
      case 0x03: return .controlC
      case 0x09: return .tab
      case 0x0A, 0x0D: return .enter
      case 0x1B: return .escape
      case 0x7F, 0x08: return .backspace
      default: return scalar.value >= 0x20 ? .character(Character(scalar)) : nil
      }
    case .function(let code):
      switch code {
      case KEY_UP: return .up
      case KEY_DOWN: return .down
      case KEY_LEFT: return .left
      case KEY_RIGHT: return .right
      case KEY_ENTER: return .enter
      case KEY_BACKSPACE: return .backspace
      case KEY_NPAGE: return .pageDown
      case KEY_PPAGE: return .pageUp
      case KEY_HOME: return .home
      case KEY_END: return .end
      default: return nil
      }
    }
  }
}
