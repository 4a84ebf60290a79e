import Foundation
import Testing

/// A student at the terminal: a wrong answer, the hint, then the right one; and the
/// worked solution on request. The expected values are derived here by hand.
@Suite(.serialized) struct QuizEndToEndTests {
  @Test func wrongThenHintThenRight() throws {
    let session = try TmuxSession(width: 80, height: 24)
    let binary = ExplorerEndToEndTests.command
    // Seed 3, madds only: question 1 is b4.dw of MobileNetV2 1.0 at 224×224 (3×3
    // depthwise, stride 2, 56×56×144 → 28×28×144), so 28·28·9·144 = 1,016,064 MAdds.
    try session.run("sh -c 'trap \"\" INT; " + binary + " quiz --seed 3 --kinds madds; echo EXIT=$?'")
    let first = try session.waitForAll(["Question 1", "b4.dw", "56×56×144 to 28×28×144", "Your answer:"])
    #expect(first.contains("level 1"))
    try session.type("1016")
    try session.press("Enter")
    let wrong = try session.waitForAll(["Not that", "Hint: MAdds = H′·W′·k²·C"])
    #expect(!wrong.contains("1,016,064"), "the hint gave the answer away: \(wrong)")
    #expect(wrong.contains("first try 0/0"))
    try session.press("BSpace", "BSpace", "BSpace", "BSpace")
    try session.type("1,016,064")
    try session.press("Enter")
    let right = try session.waitForAll(["Right: 1,016,064 MAdds", "Worked solution:", "= 28·28·3²·144"])
    #expect(right.contains("first try 1/1") == false, "a second try is not scored as right first time")
    #expect(right.contains("first try 0/1"))
    try session.press("Enter")
    try session.waitFor(text: "Question 2")
    try session.press("?")
    try session.waitForAll(["Worked solution:", "not scored as right", "first try 0/2"])
    try session.type("xyz")
    // Started from the shell, Esc ends the quiz: no explorer the student never asked for.
    try session.press("Escape")
    let ended = try session.waitFor(text: "EXIT=0")
    #expect(!ended.contains("bottleneck: linear"))
  }

  /// From the explorer, Q opens the quiz and Esc goes back to where you were; Q again
  /// comes back to the same question.
  @Test func theExplorersQuizGoesBackWhereItWasOpened() throws {
    let session = try TmuxSession(width: 80, height: 24)
    try session.run(
      "sh -c 'trap \"\" INT; " + ExplorerEndToEndTests.command + " --view block --block 7; echo EXIT=$?'")
    try session.waitFor(text: "b7 · bottleneck")
    try session.press("Q")
    try session.waitForAll(["Question 1", "Your answer:", "Esc:back"])
    try session.type("12")
    try session.press("Escape")
    try session.waitFor(text: "b7 · bottleneck")
    try session.press("Q")
    let back = try session.waitForAll(["Question 1", "Your answer: 12"])
    #expect(back.contains("Esc:back"))
    try session.press("C-c")
    try session.waitFor(text: "EXIT=130")
  }

  @Test func unreadableAnswersGetOneLine() throws {
    let session = try TmuxSession(width: 80, height: 24)
    let binary = ExplorerEndToEndTests.command
    try session.run(binary + " quiz --seed 3 --kinds shape; echo EXIT=$?")
    try session.waitFor(text: "Your answer:")
    try session.type("56 by 56")
    try session.press("Enter")
    let screen = try session.waitFor(text: "Expected a shape such as 56x56x24")
    #expect(!screen.contains("Hint:"), "an unreadable answer is not a wrong one")
    try session.press("Escape")
    try session.waitFor(text: "EXIT=0")
  }
}

/// The teacher at the projector: the class's votes, an undo, the reveal, and the summary.
@Suite(.serialized) struct PredictionEndToEndTests {
  @Test func votesRevealUndoAndSummary() throws {
    let session = try TmuxSession(width: 80, height: 24)
    try session.run(ExplorerEndToEndTests.command + " lesson --step 4; echo EXIT=$?")
    let open = try session.waitForAll(["Step 4 / 10", "Predict first:", "(b) the wide expansions"])
    #expect(open.contains("a-c vote (12a: 12) u undo"))
    try session.press("a", "a", "a", "b", "b")
    try session.waitFor(text: "5 votes.")
    try session.press("u")
    try session.waitFor(text: "4 votes.")
    try session.press("v")
    let revealed = try session.waitFor(text: "Answer: (a) the narrow bottlenecks")
    #expect(revealed.contains("class: a 3, b 1, c 0 (75% right)"), "\(revealed)")
    #expect(!revealed.contains("Predict first:"))
    try session.press("End")
    try session.waitFor(text: "Step 10 / 10")
    try session.press("Space")
    let summary = try session.waitForAll([
      "Predictions", "Step 4:", "class: a 3, b 1, c 0 (75% right)", "right on 1 of 1",
    ])
    #expect(summary.contains("Step 2:") && summary.contains("no votes"))
    try session.press("q")
    try session.waitFor(text: "EXIT=0")
  }
}

/// `--record FILE`: the quiz's outcomes and the lesson's votes as CSV, written when the
/// session ends; the path is checked before the screen opens.
@Suite(.serialized) struct RecordEndToEndTests {
  @Test func theLessonsVotesAreRecordedOnQuit() throws {
    let folder = try BinaryRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let file = folder + "/votes.csv"
    let session = try TmuxSession(width: 80, height: 24)
    try session.run(ExplorerEndToEndTests.command + " lesson --step 2 --record \(file); echo EXIT=$?")
    try session.waitForAll(["Step 2 / 10", "Predict first:"])
    try session.type("12")
    try session.waitFor(text: "12_")
    try session.press("c")
    try session.waitFor(text: "12 votes.")
    try session.press("v")
    try session.waitFor(text: "Answer: (c) 15")
    try session.press("q")
    try session.waitFor(text: "EXIT=0")
    let csv = try String(contentsOfFile: file, encoding: .utf8)
    #expect(csv.contains(",c,15,12,yes,yes\n"), "\(csv)")
  }

  @Test func theQuizsOutcomesAreRecordedOnEsc() throws {
    let folder = try BinaryRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let file = folder + "/quiz.csv"
    let session = try TmuxSession(width: 80, height: 24)
    try session.run(
      ExplorerEndToEndTests.command + " quiz --seed 3 --kinds madds --record \(file); echo EXIT=$?")
    try session.waitFor(text: "Your answer:")
    try session.type("1016064")
    try session.press("Enter")
    try session.waitFor(text: "Right: 1,016,064 MAdds")
    try session.press("Escape")
    try session.waitFor(text: "EXIT=0")
    let csv = try String(contentsOfFile: file, encoding: .utf8)
    #expect(
      csv == "question,id,seed,kind,level,result,wrong_tries,last_answer\n1,3-1,3,madds,1,right,0,1016064\n")
  }

  @Test func aRecordThatCannotBeWrittenIsRefusedBeforeTheScreenOpens() throws {
    let existing = try BinaryRunner.temporaryFile("old", name: "votes.csv")
    let taken = try BinaryRunner.run(["lesson", "--record", existing])
    #expect(taken.status == 73 && taken.stderr.contains("exists; use --force"), "\(taken.stderr)")
    let nowhere = try BinaryRunner.run(["quiz", "--record", "/nonexistent-folder/q.csv"])
    #expect(nowhere.status == 73 && nowhere.stderr.contains("no such folder"), "\(nowhere.stderr)")
    let printed = try BinaryRunner.run(["lesson", "--print", "--record", "x.csv"])
    #expect(printed.status == 64 && printed.stderr.contains("--record goes with the lesson on screen"))
  }
}
