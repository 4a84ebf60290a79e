import Practice
import Testing

/// Two students with the same seed get the same sheet.
@Suite struct SheetDeterminismTests {
  @Test func theSameSeedGivesTheSameSheet() {
    let first = QuestionGenerator(seed: 2018).questions(count: 30)
    let second = QuestionGenerator(seed: 2018).questions(count: 30)
    #expect(first == second)
    #expect(first.map(\.id) == (1...30).map { "2018-\($0)" })
  }

  @Test func anotherSeedGivesAnotherSheet() {
    let first = QuestionGenerator(seed: 1).questions(count: 10).map(\.prompt)
    let second = QuestionGenerator(seed: 2).questions(count: 10).map(\.prompt)
    #expect(first != second)
  }

  @Test func aLongerSheetStartsWithTheShorterOne() {
    let short = QuestionGenerator(seed: 7).questions(count: 4)
    let long = QuestionGenerator(seed: 7).questions(count: 20)
    #expect(Array(long.prefix(4)) == short)
  }

  @Test func nineMixedQuestionsCoverEveryKind() {
    for seed in UInt64(1)...20 {
      let kinds = Set(QuestionGenerator(seed: seed).questions(count: 9).map(\.kind))
      #expect(kinds == Set(QuestionKind.allCases))
    }
  }

  /// A long sheet does not ask the same question twice while the kind has variants left.
  @Test func aLongSheetDoesNotRepeatItself() {
    for seed in UInt64(1)...5 {
      let prompts = QuestionGenerator(seed: seed).questions(count: 40).filter { $0.kind != .placeReLU6 }.map(
        \.prompt)
      #expect(Set(prompts).count == prompts.count, "seed \(seed)")
    }
  }

  @Test func levelOneIsWidthOneAt224() {
    for question in QuestionGenerator(seed: 3, level: .one).questions(count: 40) {
      #expect(question.model?.width == 1.0 && question.model?.resolution == 224)
      #expect(QuestionGenerator.costKinds.contains(question.kind))
    }
  }

  @Test func everySolutionEndsInTheAnswer() {
    for question in QuestionGenerator(seed: 11).questions(count: 90) {
      #expect(!question.hint.isEmpty && question.solution.count >= 2)
      let last = question.solution.last ?? ""
      switch question.answer {
      case .count(let value, _):
        #expect(last.contains(ExpectedAnswer.grouped(value)), "\(question.id): \(last)")
      case .shape(let shape):
        #expect(last.contains(shape.formatted()), "\(question.id): \(last)")
      case .ratio:
        #expect(question.solution.joined().contains(question.answer.formatted()), "\(question.id)")
      case .choice(let options, let correct):
        #expect(last.contains(options[correct]), "\(question.id): \(last)")
      }
    }
  }
}
