import Foundation
import Testing

// The quiz and the class's votes as a student and a teacher drive them are tested on the
// in-memory terminal (Tests/ExplorerAppTests/ClassroomSessionTests.swift). What stays here
// needs the real binary: the record file the command writes when the session ends.

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
