import Foundation
import Testing

/// A second handout shows the cached Figure 6 instead of retraining 100 networks, and a
/// damaged cache file is ignored with a notice, retrained, and written again bit for bit.
@Suite struct BoardCacheCommandTests {
  /// A cache folder holding a copy of the suite's trained board.
  static func copyOfTheTrainedBoard() throws -> (folder: String, board: String) {
    #expect(BinaryRunner.trainedBoard)
    let source = BinaryRunner.sharedCache + "/mnv2"
    let boards = try FileManager.default.contentsOfDirectory(atPath: source).filter { $0.hasSuffix(".board") }
    try #require(boards.count == 1, "\(boards)")
    let folder = try BinaryRunner.temporaryFolder()
    try FileManager.default.createDirectory(atPath: folder + "/mnv2", withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: source + "/" + boards[0], toPath: folder + "/mnv2/" + boards[0])
    return (folder, folder + "/mnv2/" + boards[0])
  }

  @Test func aSecondHandoutReadsTheCache() throws {
    let (folder, _) = try Self.copyOfTheTrainedBoard()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let handout = try BinaryRunner.run(
      ["lesson", "--print", "--step", "9"], environment: ["XDG_CACHE_HOME": folder])
    #expect(handout.status == 0)
    #expect(handout.stderr == "", "nothing to train, nothing to say: \(handout.stderr)")
    #expect(handout.stdout.contains("d = 2: linear is ahead of ReLU6"))
  }

  /// One retrain, in one child: the notice, the expected time, and the same bytes again.
  @Test func aDamagedCacheIsIgnoredRetrainedAndRewritten() throws {
    let (folder, board) = try Self.copyOfTheTrainedBoard()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let good = try Data(contentsOf: URL(fileURLWithPath: board))
    var damaged = good
    damaged[damaged.count / 2] ^= 0xFF
    try damaged.write(to: URL(fileURLWithPath: board))
    let output = folder + "/fig6.txt"
    let export = try BinaryRunner.run(
      ["export", "--view", "ablation", "--output", output], environment: ["XDG_CACHE_HOME": folder])
    #expect(export.status == 0, "\(export.stderr)")
    let lines = export.stderr.split(separator: "\n")
    #expect(
      lines.first
        == "mnv2: ignoring the cached board \(board): its checksum does not match (truncated or damaged)")
    #expect(
      lines.count > 1 && lines[1].hasPrefix("mnv2: training Figure 6: 100 networks, about "), "\(lines)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: board)) == good, "retraining gave other bits")
  }
}
