import Foundation

/// How one question of a quiz ended, as `mnv2 quiz --record` writes it.
public struct QuizOutcome: Equatable, Sendable {
  public enum Result: String, Sendable {
    case right
    case rightAfterWrong = "right after wrong tries"
    case solutionShown = "solution shown"
    case skipped
    case leftForAnotherLevel = "left for another level"
  }

  public var number: Int
  public var id: String
  public var kind: QuestionKind
  public var level: Int
  public var result: Result
  public var wrongTries: Int
  /// What was in the answer field when the question ended (the right answer, or a partial one).
  public var lastAnswer: String

  /// One CSV per quiz: a header, then a row per finished question.
  public static func csv(_ outcomes: [QuizOutcome], seed: UInt64) -> String {
    var lines = ["question,id,seed,kind,level,result,wrong_tries,last_answer"]
    for outcome in outcomes {
      lines.append(
        [
          String(outcome.number), outcome.id, String(seed), outcome.kind.rawValue, String(outcome.level),
          outcome.result.rawValue, String(outcome.wrongTries), outcome.lastAnswer,
        ].map(CSVField.escape).joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

/// RFC 4180 fields: quoted when they hold a comma, a quote or a line break (quotes doubled),
/// and control characters replaced by spaces, so a record never carries a terminal escape.
public enum CSVField {
  public static func escape(_ field: String) -> String {
    let clean = String(
      String.UnicodeScalarView(
        field.unicodeScalars.map { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) ? " " : $0 }))
    guard clean.contains(where: { $0 == "," || $0 == "\"" }) else { return clean }
    return "\"" + clean.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
