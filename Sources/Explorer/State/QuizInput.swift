import TermCanvas

/// The quiz's keys. While it is open every printable key is typed into the answer, so it
/// has its own small table instead of the explorer's; `?` is free for the worked solution
/// because no answer contains one.
public enum QuizInput: Equatable, Sendable {
  case type(Character)
  case deleteBackward
  case submit
  case solution
  case skip
  case levelDown
  case levelUp
  case close

  /// What a key does in the quiz; nil for keys it ignores. Ctrl-C is the explorer's quit.
  static func input(for key: Key) -> QuizInput? {
    switch key {
    case .character("?"): return .solution
    case .character(let character): return .type(character)
    case .backspace: return .deleteBackward
    case .enter: return .submit
    case .tab: return .skip
    case .pageUp: return .levelDown
    case .pageDown: return .levelUp
    case .escape: return .close
    default: return nil
    }
  }
}
