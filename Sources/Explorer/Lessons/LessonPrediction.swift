/// A question a lesson step asks the class before it shows the answer (docs/teaching.md,
/// "Predictions"): choices the teacher tallies with a–d, or a number, and what the reveal says.
public struct LessonPrediction: Equatable, Sendable {
  public var question: String
  /// Two to four options; empty for a numeric prediction (no tally, only the reveal).
  public var choices: [String]
  /// The right choice's index, or for a numeric prediction its value as written.
  public var answer: Answer
  public var reveal: String

  public enum Answer: Equatable, Sendable {
    case choice(Int)
    case number(String)
  }

  public static let choiceLetters: [Character] = ["a", "b", "c", "d"]

  /// "(a) linear", or the number.
  public var answerText: String {
    switch answer {
    case .choice(let index): return "(\(Self.choiceLetters[index])) \(choices[index])"
    case .number(let value): return value
    }
  }

  public var correctChoice: Int? {
    if case .choice(let index) = answer { return index }
    return nil
  }
}
