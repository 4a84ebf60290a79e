import MobileNetKit
import TermCanvas
import Testing

@testable import Explorer

/// Predictions in the lesson: the file format, the tally keys, the reveal and the summary.
@Suite struct LessonPredictionTests {
  static let file = """
    title: Shortcuts
    visual: inverted-residual
    predict: Where does the shortcut join?
    choices: the bottlenecks | the expansions
    answer: a
    reveal: Between the bottlenecks (Figure 6b).
    ---
    Text.
    """

  @Test func theFormatReadsChoicesAndAnswer() throws {
    let step = try LessonParser.parse(Self.file, source: "p.lesson")
    let prediction = try #require(step.prediction)
    #expect(prediction.choices == ["the bottlenecks", "the expansions"])
    #expect(prediction.answer == .choice(0) && prediction.answerText == "(a) the bottlenecks")
    let byText = try LessonParser.parse(
      Self.file.replacingOccurrences(of: "answer: a", with: "answer: the expansions"), source: "p.lesson")
    #expect(byText.prediction?.answer == .choice(1))
    let numeric = try LessonParser.parse(
      Self.file.replacingOccurrences(of: "choices: the bottlenecks | the expansions\n", with: "")
        .replacingOccurrences(of: "answer: a", with: "answer: 17"), source: "p.lesson")
    #expect(numeric.prediction?.answer == .number("17") && numeric.prediction?.choices == [])
  }

  @Test(arguments: [
    ("answer: a\n", "", "a prediction needs predict, answer and reveal; answer is missing"),
    ("answer: a", "answer: e", "answer must be one of the choices or its letter (a to b)"),
    ("choices: the bottlenecks | the expansions", "choices: one", "choices takes 2 to 4 options"),
    (
      "choices: the bottlenecks | the expansions", "choices: a | b | c | d | e",
      "choices takes 2 to 4 options"
    ),
    ("choices: the bottlenecks | the expansions", "choices: x | x", "lists an option twice"),
    (
      "choices: the bottlenecks | the expansions\nanswer: a", "answer: many",
      "without choices, answer must be a number"
    ),
    ("reveal: Between the bottlenecks (Figure 6b).\n", "", "reveal is missing"),
  ])
  func malformedPredictionsSayWhere(replacing: String, with: String, message: String) {
    let text = Self.file.replacingOccurrences(of: replacing, with: with)
    #expect(throws: LessonError.self) { _ = try LessonParser.parse(text, source: "p.lesson") }
    do {
      _ = try LessonParser.parse(text, source: "p.lesson")
    } catch {
      #expect(error.message.contains(message), "\(error.message)")
      #expect(error.line > 1)
    }
  }

  /// A teacher's file cannot reach the terminal raw through a prediction either.
  @Test func hostileBytesAreSpelledOut() throws {
    let hostile = Self.file.replacingOccurrences(of: "the expansions", with: "the \u{1B}[2Jexpansions")
      .replacingOccurrences(of: "(Figure 6b)", with: "(\u{9B}31m\u{202E})")
    let prediction = try #require(try LessonParser.parse(hostile, source: "p.lesson").prediction)
    for text in prediction.choices + [prediction.question, prediction.reveal] {
      #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B || $0.value == 0x202E })
    }
    #expect(prediction.choices[1] == "the \\x1b[2Jexpansions")
  }

  @Test func atLeastFiveBundledStepsPredict() {
    let predicting = LessonParser.bundled.enumerated().filter { $0.element.prediction != nil }.map {
      $0.offset + 1
    }
    #expect(predicting.count >= 5, "\(predicting)")
    #expect(Set([2, 3, 4, 5, 6]).isSubset(of: predicting))
  }

  /// The bundled answers, derived again by hand.
  @Test func theBundledAnswersAreRight() throws {
    let steps = LessonParser.bundled
    // Step 5: b2 is its row's first block, stride 2: 112/2 = 56, and c = 24 at width 1.0.
    #expect(steps[4].prediction?.answerText == "(b) 56×56×24")
    // Step 6: b1 takes 112×112×32 with t = 1, k = 3 and d″ = 16.
    let formula = 112 * 112 * 32 * 1 * (32 + 9 + 16)
    let exact = 112 * 112 * 9 * 32 + 112 * 112 * 32 * 16
    let reveal = try #require(steps[5].prediction?.reveal)
    #expect(reveal.contains(NumberFormattingForTests.grouped(formula)))
    #expect(reveal.contains(NumberFormattingForTests.grouped(exact)))
    #expect(reveal.contains(NumberFormattingForTests.grouped(112 * 112 * 32 * 32)))
    #expect(steps[5].prediction?.answerText == "(a) above" && formula > exact)
    #expect(steps[3].prediction?.answerText == "(a) the narrow bottlenecks")
    // Step 3: Theorem 1's (1 + n)/2ⁿ at n = 2 is 3/4.
    #expect((1 + 2) * 4 == 3 * (1 << 2) && steps[2].prediction?.answerText == "(d) three quarters")
    // Step 2: the paper's recovered range starts at 15, which is not the last choice.
    #expect(steps[1].prediction?.answerText == "(c) 15" && steps[1].prediction?.choices.last == "30")
  }

  /// `settled` performs the effects (Figure 1 and the lab); step 9 would train Figure 6.
  func state(_ keys: [Key], step: Int = 3, settled: Bool = false) -> ExplorerState {
    var state = ExplorerState(lessonStep: step - 1)
    for key in keys { _ = ExplorerReducer.reduce(&state, key: key) }
    if settled { EffectRunner.settle(&state) }
    return state
  }

  /// Behind "terminal too small" the class cannot see a vote land, so none does; q, in the
  /// live key table, still quits.
  @Test func aTooSmallScreenTakesNoVotesButQuits() {
    var state = ExplorerState(lessonStep: 3)
    _ = ExplorerReducer.reduce(&state, key: .character("a"), screenFits: false)
    _ = ExplorerReducer.reduce(&state, key: .character("v"), screenFits: false)
    #expect(state.lesson?.tally(step: 3, choices: 3) == [0, 0, 0] && state.lesson?.revealed.isEmpty == true)
    #expect(!state.quitRequested)
    _ = ExplorerReducer.reduce(&state, key: .character("q"), screenFits: false)
    #expect(state.quitRequested)
  }

  @Test func lettersVoteUntilTheReveal() throws {
    var after = state([.character("a"), .character("a"), .character("b")], step: 4)
    #expect(after.lesson?.tally(step: 3, choices: 3) == [2, 1, 0])
    _ = ExplorerReducer.reduce(&after, key: .character("d"))
    #expect(after.lesson?.tally(step: 3, choices: 3) == [2, 1, 0], "d is no choice of three: not a vote")
    #expect(after.notice == "d: this question has choices a to c.")
    #expect(after.plotStyle == .braille, "a voted instead of switching to ASCII")
    _ = ExplorerReducer.reduce(&after, key: .character("u"))
    #expect(after.lesson?.tally(step: 3, choices: 3) == [2, 0, 0])
    _ = ExplorerReducer.reduce(&after, key: .character("v"))
    #expect(after.lesson?.revealed == [3])
  }

  /// A late hand after the reveal: the step still owns a–d and u. Before the fix, b blanked
  /// the screen, a switched the lesson to ASCII for good, and u changed the shown tally.
  @Test func afterTheRevealTheLettersAreStillTheStepsOwn() {
    var after = state([.character("a"), .character("v")], step: 2)
    #expect(after.lesson?.revealed == [1])
    for letter in ["b", "a", "c", "d"] {
      _ = ExplorerReducer.reduce(&after, key: .character(Character(letter)))
      #expect(after.lesson?.blanked == false, "\(letter) blanked the screen")
      #expect(after.plotStyle == .braille, "\(letter) changed the style")
      #expect(after.lesson?.tally(step: 1, choices: 4) == [1, 0, 0, 0], "\(letter) changed the tally")
      #expect(
        after.notice?.hasPrefix("\(letter): votes closed at the reveal") == true, "\(after.notice ?? "")")
    }
    _ = ExplorerReducer.reduce(&after, key: .character("u"))
    #expect(after.lesson?.tally(step: 1, choices: 4) == [1, 0, 0, 0], "u changed the revealed tally")
    #expect(after.notice?.hasPrefix("u: the tally closed at the reveal") == true)
    let noticeLength: Int = after.notice?.count ?? 0
    #expect(noticeLength < 79, "a notice fits the status bar at 80 columns")
    // Hidden again, the tally opens again.
    _ = ExplorerReducer.reduce(&after, key: .character("v"))
    _ = ExplorerReducer.reduce(&after, key: .character("b"))
    #expect(after.lesson?.tally(step: 1, choices: 4) == [1, 1, 0, 0])
    // The blank key that is not a vote still blanks.
    _ = ExplorerReducer.reduce(&after, key: .character("."))
    #expect(after.lesson?.blanked == true)
  }

  /// ASCII has its own key in the lesson, A, and the status bar says when it is on.
  @Test func asciiHasItsOwnKeyAndShows() {
    let theme = Theme(colored: false, unicode: true)
    var after = state([.character("A")], step: 1)
    #expect(after.plotStyle == .ascii)
    let screen = ExplorerRenderer.render(after, width: 80, height: 24, theme: theme).plainText()
    #expect(screen.split(separator: "\n").last?.contains("ASCII (A)") == true, "\(screen)")
    _ = ExplorerReducer.reduce(&after, key: .character("a"))
    #expect(after.plotStyle == .ascii, "a is not the lesson's ASCII key")
    _ = ExplorerReducer.reduce(&after, key: .character("A"))
    #expect(after.plotStyle == .braille)
  }

  /// `12a` counts twelve hands at once; the number shows while it is typed, u takes the
  /// twelve back together, and a number no step has still works as a headcount.
  @Test func headcountVotes() {
    let theme = Theme(colored: false, unicode: true)
    var after = state([.character("1"), .character("2")], step: 2)
    let typing = ExplorerRenderer.render(after, width: 80, height: 24, theme: theme).plainText()
      .components(separatedBy: "\n")
    #expect(typing[22].hasPrefix("12_ · no step 12 (1 to 10) · a-d: 12 votes"), "\(typing[22])")
    _ = ExplorerReducer.reduce(&after, key: .character("a"))
    _ = ExplorerReducer.reduce(&after, key: .character("c"))
    #expect(after.lesson?.tally(step: 1, choices: 4) == [12, 0, 1, 0])
    #expect(after.lesson?.typedNumber == "")
    _ = ExplorerReducer.reduce(&after, key: .character("u"))
    _ = ExplorerReducer.reduce(&after, key: .character("u"))
    #expect(after.lesson?.tally(step: 1, choices: 4) == [0, 0, 0, 0])
    for key in [Key.character("0"), .character("b")] { _ = ExplorerReducer.reduce(&after, key: key) }
    #expect(after.notice?.contains("adds no votes") == true)
    #expect(after.lesson?.tally(step: 1, choices: 4) == [0, 0, 0, 0])
    // Digits then Enter still jump, and the prompt names the step first.
    for key in [Key.character("5")] { _ = ExplorerReducer.reduce(&after, key: key) }
    let jump = ExplorerRenderer.render(after, width: 80, height: 24, theme: theme).plainText()
      .components(separatedBy: "\n")
    #expect(jump[22].hasPrefix("5_ · Enter: step 5 · a-d: 5 votes"), "\(jump[22])")
    _ = ExplorerReducer.reduce(&after, key: .enter)
    #expect(after.lesson?.index == 4)
  }

  /// The lesson's ? lists the vote keys, v, u and the headcount form.
  @Test func helpListsTheVoteKeys() {
    let theme = Theme(colored: false, unicode: true)
    for step in [1, 2] {
      let help = ExplorerRenderer.render(
        state([.character("?")], step: step), width: 80, height: 24, theme: theme
      ).plainText()
      #expect(help.contains("a-d") && help.contains("12a: 12 votes"), "\(help)")
      #expect(help.contains("reveal the prediction") && help.contains("undo the last vote"))
      #expect(help.contains("A ") && help.contains("7-bit ASCII"))
    }
  }

  @Test func undoWithNoVotesSaysWhy() {
    let after = state([.character("u")])
    #expect(after.notice?.contains("No votes on this step") == true)
    let noPrediction = state([.character("v")], step: 1)
    #expect(noPrediction.notice?.contains("asks no prediction") == true)
  }

  @Test func theFigureWaitsForTheReveal() {
    let theme = Theme(colored: false, unicode: true)
    let before = ExplorerRenderer.render(state([.character("b")]), width: 80, height: 24, theme: theme)
      .plainText()
    #expect(before.contains("Predict first:") && before.contains("(d) three quarters"))
    #expect(!before.contains("ReLU prediction (Thm 1)"), "the chart gives the answer away")
    let after = ExplorerRenderer.render(
      state([.character("b"), .character("v")], settled: true), width: 80, height: 24, theme: theme
    ).plainText()
    #expect(after.contains("ReLU prediction (Thm 1)") && after.contains("Answer: (d) three quarters"))
    #expect(after.contains("class: a 0, b 1, c 0, d 0 (0% right)"))
  }

  /// Before the fix, the footer after a tie ended "(1 tied with the answer) · ← b" at 80×24.
  @Test func theSummaryAfterATieKeepsWholeWords() {
    let after = state([.character("a"), .character("c"), .character("v"), .end, .pageDown], step: 2)
    #expect(after.lesson?.showsSummary == true)
    let screen = ExplorerRenderer.render(
      after, width: 80, height: 24, theme: Theme(colored: false, unicode: true))
    #expect(screen.layoutViolations() == [])
    let footer = screen.plainText().components(separatedBy: "\n")[22]
    #expect(footer.contains("(1 tied with the answer)") && footer.contains("· ← back"), "\(footer)")
  }

  @Test func theSummaryFollowsTheLastStep() {
    var after = state([.character("d"), .character("v"), .end, .pageDown])
    #expect(after.lesson?.showsSummary == true)
    let screen = ExplorerRenderer.render(
      after, width: 80, height: 24, theme: Theme(colored: false, unicode: true))
    let text = screen.plainText()
    #expect(text.contains("Predictions") && text.contains("Step 3:") && text.contains("Step 6:"))
    #expect(text.contains("right on 1 of 1"))
    #expect(screen.layoutViolations() == [])
    _ = ExplorerReducer.reduce(&after, key: .left)
    #expect(after.lesson?.showsSummary == false && after.lesson?.index == 9)
  }
}

/// Thousands grouping written out again, so the test does not lean on the program's own.
enum NumberFormattingForTests {
  static func grouped(_ value: Int) -> String {
    var digits = String(value), out = ""
    while digits.count > 3 {
      out = "," + digits.suffix(3) + out
      digits.removeLast(3)
    }
    return digits + out
  }
}
