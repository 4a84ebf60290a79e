import Practice
import Testing

/// `mnv2 quiz --record`: each finished question, as the quiz rules define its end.
@Suite struct QuizOutcomeTests {
  @Test func everyWayAQuestionEndsIsRecorded() {
    var quiz = QuizSession(seed: 3, kinds: [.multiplyAdds])
    // Question 1 (b4.dw at 224: 28·28·9·144 = 1,016,064 MAdds): wrong, then right.
    for character in "1016" { quiz.type(character) }
    quiz.submit()
    for character in "1016064" { quiz.type(character) }
    quiz.submit()
    quiz.submit()  // next question
    quiz.revealSolution()  // question 2: the solution
    quiz.submit()
    quiz.skip()  // question 3: skipped
    #expect(quiz.outcomes.map(\.result) == [.rightAfterWrong, .solutionShown, .skipped])
    #expect(quiz.outcomes.map(\.number) == [1, 2, 3])
    #expect(quiz.outcomes[0].wrongTries == 1 && quiz.outcomes[0].lastAnswer == "1016064")
    let csv = QuizOutcome.csv(quiz.outcomes, seed: 3).split(separator: "\n")
    #expect(csv.first == "question,id,seed,kind,level,result,wrong_tries,last_answer")
    #expect(csv[1] == "1,3-1,3,madds,1,right after wrong tries,1,1016064")
    #expect(csv.count == 4)
  }

  /// Fields are RFC 4180: a comma or quote is quoted, a control character is a space.
  @Test func fieldsAreEscaped() {
    #expect(CSVField.escape("56, 56, 24") == "\"56, 56, 24\"")
    #expect(CSVField.escape("say \"hi\"") == "\"say \"\"hi\"\"\"")
    #expect(CSVField.escape("a\u{1B}[2Jb\nc") == "a [2Jb c")
    #expect(CSVField.escape("plain") == "plain")
  }
}
