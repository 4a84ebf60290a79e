import Practice
import Testing

/// The quiz's rules: a hint after a wrong try, the solution on request (then it is not
/// scored as right), a streak that lifts the level, and input that cannot hold controls.
@Suite struct QuizSessionTests {
  /// Types the right answer in the form a sheet prints it.
  static func answer(_ quiz: inout QuizSession) {
    let typed: String
    switch quiz.question.answer {
    case .count(let value, _): typed = String(value)
    case .shape(let shape): typed = "\(shape.height)x\(shape.width)x\(shape.channels)"
    case .ratio(let p, let q): typed = "\(p)/\(q)"
    case .choice(_, let correct): typed = String(correct + 1)
    }
    for character in typed { quiz.type(character) }
    quiz.submit()
  }

  @Test func aWrongTryShowsTheHintAndBreaksTheStreak() {
    var quiz = QuizSession(seed: 3, kinds: [.multiplyAdds])
    #expect(!quiz.showsHint)
    for character in "1" { quiz.type(character) }
    quiz.submit()
    #expect(quiz.feedback == .wrong && quiz.showsHint && !quiz.isFinished)
    quiz.deleteBackward()
    Self.answer(&quiz)
    #expect(quiz.isFinished && quiz.correct == 0 && quiz.asked == 1 && quiz.streak == 0)
  }

  /// Retyping after a wrong answer replaces it: before the fix "8161" then "8" read "81618".
  @Test func aWrongAnswerIsReplacedByTheNextOne() {
    var quiz = QuizSession(seed: 3, kinds: [.multiplyAdds])
    for character in "8161" { quiz.type(character) }
    quiz.submit()
    #expect(quiz.feedback == .wrong && quiz.input == "8161" && quiz.inputSelected)
    quiz.type("8")
    #expect(quiz.input == "8" && !quiz.inputSelected)
    quiz.type("1")
    #expect(quiz.input == "81", "only the selected answer is replaced, not each new one")
    quiz.submit()
    quiz.deleteBackward()
    #expect(quiz.input == "", "Backspace clears a selected wrong answer at once")
  }

  @Test func enterAgainOnTheSameWrongAnswerIsNotAnotherTry() {
    var quiz = QuizSession(seed: 3, kinds: [.multiplyAdds])
    quiz.type("1")
    quiz.submit()
    quiz.submit()
    quiz.submit()
    #expect(quiz.phase == .answering(tries: 1))
    quiz.type("2")
    quiz.submit()
    #expect(quiz.phase == .answering(tries: 2))
  }

  @Test func aLevelChangeCountsTheQuestionLeft() {
    var quiz = QuizSession(seed: 3)
    quiz.setLevel(.two)
    #expect(quiz.asked == 1 && quiz.level == .two && quiz.feedback == .levelSet(.two))
  }

  @Test func aFullAnswerLineSaysSo() {
    var quiz = QuizSession(seed: 3)
    for _ in 0...QuizSession.inputLimit { quiz.type("9") }
    #expect(quiz.feedback == .unreadable("At most 40 characters fit in an answer."))
  }

  @Test func theSolutionEndsTheQuestionUnscored() {
    var quiz = QuizSession(seed: 4)
    quiz.revealSolution()
    #expect(quiz.showsSolution && quiz.isFinished && quiz.asked == 1 && quiz.correct == 0)
    quiz.submit()
    #expect(quiz.number == 2 && !quiz.isFinished && quiz.input.isEmpty)
  }

  @Test func unreadableInputIsNotATry() {
    var quiz = QuizSession(seed: 5, kinds: [.shape])
    for character in "56 by 56" { quiz.type(character) }
    quiz.submit()
    guard case .unreadable = quiz.feedback else {
      Issue.record("not refused: \(quiz.feedback)")
      return
    }
    #expect(quiz.phase == .answering(tries: 0) && !quiz.showsHint)
  }

  @Test func threeRightInARowMoveUpALevel() {
    var quiz = QuizSession(seed: 6)
    #expect(quiz.level == .one)
    for _ in 0..<3 {
      Self.answer(&quiz)
      #expect(quiz.feedback != .wrong)
      quiz.submit()
    }
    #expect(quiz.level == .two && quiz.feedback == .levelUp(.two))
    #expect(quiz.correct == 3 && quiz.bestStreak == 3 && quiz.streak == 0)
  }

  @Test func controlsAndOverlongInputAreNotTyped() {
    var quiz = QuizSession(seed: 7)
    for character in "\u{1B}[2J\u{7}\u{9B}" { quiz.type(character) }
    #expect(quiz.input == "[2J")
    for _ in 0..<100 { quiz.type("9") }
    #expect(quiz.input.count == QuizSession.inputLimit)
  }

  @Test func theQuestionsAreTheSheetsQuestions() {
    // The terminal quiz at level 3 asks what `mnv2 quiz --print --seed 8` prints.
    var quiz = QuizSession(seed: 8, level: .three)
    let sheet = QuestionGenerator(seed: 8, level: .three).questions(count: 4)
    for question in sheet {
      #expect(quiz.question == question)
      quiz.skip()
    }
  }
}
