import MobileNetKit

/// A student working through questions one at a time: the typed answer, a hint after the
/// first wrong try, the worked solution on request, a score and a streak, and the level,
/// which rises after a streak. A plain value: the explorer draws it and its reducer feeds it.
public struct QuizSession: Equatable, Sendable {
  public enum Phase: Equatable, Sendable {
    /// Waiting for an answer; `tries` wrong ones so far (a hint shows after the first).
    case answering(tries: Int)
    /// The question is over: answered right (after `tries` wrong ones) or its solution shown.
    case finished(correct: Bool, tries: Int)
  }

  /// What the last key said, one line, shown under the input.
  public enum Feedback: Equatable, Sendable {
    case none
    case correct(note: String?)
    case wrong
    case unreadable(String)
    case skipped
    case levelUp(QuestionGenerator.Level)
    case levelSet(QuestionGenerator.Level)
  }

  public private(set) var seed: UInt64
  public private(set) var level: QuestionGenerator.Level
  /// Kinds, width or resolution fixed by `mnv2 quiz`'s flags, kept across levels.
  public private(set) var kinds: [QuestionKind]?
  public private(set) var width: Double?
  public private(set) var resolution: Int?
  public private(set) var framework: Framework
  /// The number of the question on screen, from 1; with the seed it names the question.
  public private(set) var number = 1
  public private(set) var question: Question
  public private(set) var input = ""
  /// Every question finished so far, in order, for `mnv2 quiz --record`.
  public private(set) var outcomes: [QuizOutcome] = []
  /// A wrong answer stays in the field, selected: the next key typed replaces it (as in a
  /// text field whose contents are selected), so a retry never appends to it ("8161/8").
  public private(set) var inputSelected = false
  public private(set) var phase = Phase.answering(tries: 0)
  public private(set) var feedback = Feedback.none
  /// Whether the worked solution is on screen.
  public private(set) var showsSolution = false
  public private(set) var correct = 0
  public private(set) var asked = 0
  public private(set) var streak = 0
  public private(set) var bestStreak = 0
  /// The last answer found wrong, so that Enter on it again does not count twice.
  private var lastWrong: String?

  /// Correct answers in a row, first time, that move the level up.
  public static let streakToLevelUp = 3
  /// Enough for any answer: `[1, 1280, 112, 112]` is 17 characters.
  public static let inputLimit = 40

  public init(
    seed: UInt64, level: QuestionGenerator.Level = .one, kinds: [QuestionKind]? = nil, width: Double? = nil,
    resolution: Int? = nil, framework: Framework = .torchvision
  ) {
    self.seed = seed
    self.level = level
    self.kinds = kinds
    self.width = width
    self.resolution = resolution
    self.framework = framework
    self.question = Self.generator(seed, level, kinds, width, resolution, framework).question(number: 1)
  }

  static func generator(
    _ seed: UInt64, _ level: QuestionGenerator.Level, _ kinds: [QuestionKind]?, _ width: Double?,
    _ resolution: Int?, _ framework: Framework
  ) -> QuestionGenerator {
    QuestionGenerator(
      seed: seed, level: level, kinds: kinds, width: width, resolution: resolution, framework: framework)
  }

  var currentGenerator: QuestionGenerator { Self.generator(seed, level, kinds, width, resolution, framework) }

  public var isFinished: Bool {
    if case .finished = phase { return true }
    return false
  }

  /// Whether the hint is on screen: after a wrong try, until the question is over.
  public var showsHint: Bool {
    switch phase {
    case .answering(let tries): return tries > 0
    case .finished(let correct, _): return !correct && !showsSolution
    }
  }

  public mutating func type(_ character: Character) {
    guard !isFinished,
      character.unicodeScalars.allSatisfy({
        $0.value >= 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value)
      })
    else { return }
    guard input.count < Self.inputLimit else {
      feedback = .unreadable("At most \(Self.inputLimit) characters fit in an answer.")
      return
    }
    if inputSelected {
      input = ""
      inputSelected = false
    }
    input.append(character)
    if case .unreadable = feedback { feedback = .none }
  }

  /// Backspace: one character, or the whole selected wrong answer.
  public mutating func deleteBackward() {
    guard !isFinished, !input.isEmpty else { return }
    if inputSelected {
      input = ""
      inputSelected = false
    } else {
      input.removeLast()
    }
  }

  /// Enter: checks the answer, or moves on once the question is over.
  public mutating func submit() {
    guard case .answering(let tries) = phase else {
      advance()
      return
    }
    switch AnswerParser.check(input, against: question.answer) {
    case .unreadable(let message):
      feedback = .unreadable(message)
    case .wrong:
      // Enter again on the same wrong answer is not another try.
      guard input != lastWrong else { return }
      lastWrong = input
      inputSelected = true
      phase = .answering(tries: tries + 1)
      feedback = .wrong
      streak = 0
    case .correct(let note):
      phase = .finished(correct: true, tries: tries)
      feedback = .correct(note: note)
      asked += 1
      log(tries == 0 ? .right : .rightAfterWrong, wrongTries: tries)
      if tries == 0 {
        correct += 1
        streak += 1
        bestStreak = max(bestStreak, streak)
      }
    }
  }

  /// `?`: the worked solution, which ends the question (it no longer counts as right).
  public mutating func revealSolution() {
    if case .answering(let tries) = phase {
      phase = .finished(correct: false, tries: 0)
      asked += 1
      streak = 0
      log(.solutionShown, wrongTries: tries)
    }
    showsSolution = true
    feedback = .none
  }

  /// Tab: the next question; one left unanswered counts as asked.
  public mutating func skip() {
    if case .answering(let tries) = phase {
      log(.skipped, wrongTries: tries)
      asked += 1
      streak = 0
      feedback = .skipped
    }
    advance(keepingFeedback: true)
  }

  /// PgUp/PgDn: a question left unanswered counts as asked, as Tab's does, so a level
  /// change is no way round a hard one; the streak starts again at the new level.
  public mutating func setLevel(_ newLevel: QuestionGenerator.Level) {
    guard newLevel != level else { return }
    if case .answering(let tries) = phase {
      asked += 1
      log(.leftForAnotherLevel, wrongTries: tries)
    }
    level = newLevel
    streak = 0
    question = currentGenerator.question(number: number)
    resetQuestion()
    feedback = .levelSet(newLevel)
  }

  private mutating func advance(keepingFeedback: Bool = false) {
    var levelUp: QuestionGenerator.Level?
    if streak >= Self.streakToLevelUp, let next = QuestionGenerator.Level(rawValue: level.rawValue + 1) {
      level = next
      streak = 0
      levelUp = next
    }
    number += 1
    question = currentGenerator.question(number: number)
    let kept = feedback
    resetQuestion()
    if let levelUp { feedback = .levelUp(levelUp) } else if keepingFeedback { feedback = kept }
  }

  private mutating func log(_ result: QuizOutcome.Result, wrongTries: Int) {
    outcomes.append(
      QuizOutcome(
        number: number, id: question.id, kind: question.kind, level: level.rawValue, result: result,
        wrongTries: wrongTries, lastAnswer: input))
  }

  private mutating func resetQuestion() {
    input = ""
    inputSelected = false
    lastWrong = nil
    phase = .answering(tries: 0)
    feedback = .none
    showsSolution = false
  }
}
