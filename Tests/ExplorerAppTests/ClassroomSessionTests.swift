import Practice
import TermCanvas
import TerminalBackend
import Testing

@testable import Explorer
@testable import ExplorerApp

/// What a student and a teacher do at the keyboard, on the real run loop and the in-memory
/// terminal: the quiz, a lesson driven by a clicker, the class's votes. These were tmux
/// sessions; what needs a real terminal (signals, modes, mouse bytes) stays in tmux.
@Suite struct ClassroomSessionTests {
  static let theme = Theme(colored: true, unicode: true)

  /// Plays `steps`, each a key and the texts the screen must then show: each step's
  /// screen is the last frame of a session that typed every key up to it, with the work
  /// they started done. Returns that session's state (ended by the end of input) and the
  /// screens.
  @discardableResult
  func play(
    _ start: ExplorerState, theme: Theme = theme, width: Int = 80, height: Int = 24,
    _ steps: [(key: Key?, shows: [String])], sourceLocation: SourceLocation = #_sourceLocation
  ) -> (state: ExplorerState, screens: [String]) {
    var state = start
    var screens: [String] = []
    for count in steps.indices {
      let keys = steps[...count].compactMap(\.key)
      let backend = TestBackend(width: width, height: height, script: keys.map { .key($0) })
      var loop = ExplorerRunLoop(state: start, theme: theme, runner: SteppedJobRunner())
      state = loop.run(on: backend)
      let screen = backend.screen?.plainText() ?? ""
      screens.append(screen)
      for text in steps[count].shows {
        #expect(
          screen.contains(text), "after \(keys): '\(text)' missing from\n\(screen)",
          sourceLocation: sourceLocation)
      }
    }
    return (state, screens)
  }

  /// Seed 3, multiply-adds only: question 1 is b4.dw of MobileNetV2 1.0 at 224×224 (3×3
  /// depthwise, stride 2, 56×56×144 → 28×28×144), so 28·28·9·144 = 1,016,064 MAdds, worked
  /// out here by hand. A wrong answer gets the hint, not the answer; the right one the
  /// worked solution, not scored as right first time; `?` shows the next one's solution.
  @Test func wrongThenHintThenRight() {
    let quiz = QuizSession(seed: 3, kinds: [.multiplyAdds])
    let typed = "1016".map { Key.character($0) }
    let (state, screens) = play(
      ExplorerState(quiz: quiz),
      [(nil, ["Question 1", "b4.dw", "56×56×144 to 28×28×144", "Your answer:", "level 1"])]
        + typed.map { ($0, []) }
        + [(.enter, ["Not that", "Hint: MAdds = H′·W′·k²·C", "first try 0/0"])]
        + Array(repeating: (Key.backspace, [String]()), count: 4)
        + "1,016,064".map { (Key.character($0), []) }
        + [
          (.enter, ["Right: 1,016,064 MAdds", "Worked solution:", "= 28·28·3²·144", "first try 0/1"]),
          (.enter, ["Question 2"]),
          (.character("?"), ["Worked solution:", "not scored as right", "first try 0/2"]),
        ])
    #expect(!screens[5].contains("1,016,064"), "the hint gave the answer away")
    #expect(state.quizIsTheSession)
    // Started from the shell, Esc ends the quiz: no explorer the student never asked for.
    let backend = TestBackend(width: 80, height: 24, script: [.key(.escape), .key(.character("j"))])
    var loop = ExplorerRunLoop(
      state: ExplorerState(quiz: quiz), theme: Self.theme, runner: SteppedJobRunner())
    let ended = loop.run(on: backend)
    #expect(ended.quitRequested && backend.script == [.key(.character("j"))], "Esc ended the session")
    #expect(!backend.frames.contains { $0.plainText().contains("bottleneck: linear") })
  }

  /// From the explorer, Q opens the quiz and Esc goes back to where it was; Q again comes
  /// back to the same question with the answer half typed.
  @Test func theExplorersQuizGoesBackWhereItWasOpened() {
    play(
      ExplorerState(view: .block, selectedGroup: 7),
      [
        (nil, ["b7 · bottleneck"]), (.character("Q"), ["Question 1", "Your answer:", "Esc:back"]),
        (.character("1"), []), (.character("2"), ["Your answer: 12"]), (.escape, ["b7 · bottleneck"]),
        (.character("Q"), ["Question 1", "Your answer: 12", "Esc:back"]),
      ])
  }

  /// An answer that cannot be read is said so in one line, and is not a wrong try.
  @Test func unreadableAnswersGetOneLine() {
    let (_, screens) = play(
      ExplorerState(quiz: QuizSession(seed: 3, kinds: [.shape])),
      [(nil, ["Your answer:"])] + "56 by 56".map { (Key.character($0), []) }
        + [(.enter, ["Expected a shape such as 56x56x24"])])
    #expect(!screens.last!.contains("Hint:"), "an unreadable answer is not a wrong one")
  }

  /// The teacher at the projector, step 4: five votes, an undo, the reveal with the
  /// class's tally, then the summary at the end of the lesson.
  @Test func votesRevealUndoAndSummary() {
    let votes: [(key: Key?, shows: [String])] = "aaabb".map { (Key.character($0), []) }
    let (_, screens) = play(
      ExplorerState(lessonStep: 3),
      [(nil, ["Step 4 / 10", "Predict first:", "(b) the wide expansions", "a-c vote (12a: 12) u undo"])]
        + votes + [(nil, ["5 votes."])]
        + [
          (.character("u"), ["4 votes."]),
          (.character("v"), ["Answer: (a) the narrow bottlenecks", "class: a 3, b 1, c 0 (75% right)"]),
          (.end, ["Step 10 / 10"]),
          (
            .character(" "),
            ["Predictions", "Step 4:", "class: a 3, b 1, c 0 (75% right)", "right on 1 of 1"]
          ),
        ])
    #expect(!screens[8].contains("Predict first:"))
    #expect(screens.last!.contains("Step 2:") && screens.last!.contains("no votes"))
  }

  /// A class with a presenter clicker at 80×24 in the classroom theme: PgDn forward; on a
  /// step that asks, a votes, v reveals, and a late hand (b, a) after the reveal is refused
  /// with a notice; . blanks the screen without touching the model and the next key only
  /// brings it back; Esc asks before it leaves, and L comes back to the same step.
  @Test func aLessonDrivenByAClicker() {
    let classroom = Theme(colored: true, unicode: true, classroom: true)
    let (state, screens) = play(
      ExplorerState(lessonStep: 0), theme: classroom,
      [
        (nil, ["Step 1 / 10 · Depthwise separable convolutions", "Lesson 1 / 10"]),
        (.pageDown, ["Step 2 / 10", "Predict first:", "a-d vote"]),
        (.character("a"), ["1 vote."]),
        (.character("v"), ["Step 2 / 10", "Figure 1 · ReLU", "─ n = 30 ─", "Figure 1: ReLU (t)"]),
        (.character("b"), ["b: votes closed at the reveal"]),
        (.character("a"), ["a: votes closed at the reveal", "Figure 1 · ReLU", "Step 2 / 10"]),
        (.character("."), []),
        (.character(" "), ["Step 2 / 10", "Figure 1 · ReLU"]),
        (.character("t"), ["Figure 1 · linear", "coll 0.0%"]),
        (.escape, ["Esc again leaves the lesson"]),
        (.escape, [" 1 Network ", "bottleneck: linear (b)"]),
        (.character("L"), ["Step 2 / 10", "Figure 1 · linear"]),
      ])
    #expect(!screens[5].contains("Figure 1 . ReLU"), "a switched the lesson to ASCII")
    #expect(screens[6].trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "a blank screen")
    #expect(state.config.bottleneckActivation == .linear, "the blank key did not touch the model")
  }
}
