/// What a key does in the open quiz. Its keys are `KeyMap`'s bindings of mode `.quiz`, in
/// the one table with every other key: every printable key they do not take types into the
/// answer.
public enum QuizInput: Equatable, Sendable {
  case type(Character)
  case deleteBackward
  case submit
  case solution
  case skip
  case levelDown
  case levelUp
  case close
}
