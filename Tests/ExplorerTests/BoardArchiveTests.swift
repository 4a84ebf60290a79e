import AblationKit
import Testing

@testable import Explorer

/// The board cache's bytes: a finished board comes back bit for bit, and anything else (a
/// flipped byte, a cut file, another board's file) is refused, never trusted or trapped on.
@Suite struct BoardArchiveTests {
  /// Two variants of 6a and three of 6b at one seed and 100 steps: a whole board in a second.
  static let study = AblationStudy(
    comparison: .both, activationWidths: [2], shortcutWidths: [3], seeds: 1, steps: 100, seed: 5)

  static let board = AblationBoard(study: study).trainedToTheEnd()

  @Test func aFinishedBoardComesBackBitForBit() throws {
    let bytes = try #require(BoardArchive.encode(Self.board))
    let runs = try BoardArchive.decode(bytes, for: Self.study)
    #expect(runs == Self.board.finished)
    var restored = AblationBoard(study: Self.study)
    #expect(restored.restore(runs, for: Self.study) == [])
    #expect(restored.isComplete && restored.finished == Self.board.finished)
    #expect(restored.runsToStart().isEmpty, "a restored board trains nothing")
  }

  @Test func anUnfinishedBoardIsNotArchived() {
    var board = AblationBoard(study: Self.study)
    let key = board.plan[0]
    board.running[JobID(1)] = key
    for report in LongJob.training(TrainingJob(study: Self.study, key: key)).reportsToTheEnd(JobContext()) {
      board.record(report, from: JobID(1))
    }
    #expect(board.finished.count == 1)
    #expect(!board.isComplete && BoardArchive.encode(board) == nil)
  }

  /// Every 97th byte flipped in turn, and the file cut at a dozen lengths: each is refused.
  @Test func damageIsRefused() throws {
    let bytes = try #require(BoardArchive.encode(Self.board))
    for position in stride(from: 0, to: bytes.count, by: 97) {
      var damaged = bytes
      damaged[position] ^= 0x40
      #expect(throws: BoardArchive.Failure.self, "byte \(position)") {
        _ = try BoardArchive.decode(damaged, for: Self.study)
      }
    }
    for length in [0, 1, 7, 8, 20, 100, bytes.count / 3, bytes.count / 2, bytes.count - 9, bytes.count - 1] {
      #expect(throws: BoardArchive.Failure.self, "cut at \(length)") {
        _ = try BoardArchive.decode(Array(bytes.prefix(length)), for: Self.study)
      }
    }
    #expect(throws: BoardArchive.Failure.self) { _ = try BoardArchive.decode(bytes + [0], for: Self.study) }
  }

  /// Another seed, steps or width is another board: its file is foreign here.
  @Test func anotherBoardsFileIsForeign() throws {
    let bytes = try #require(BoardArchive.encode(Self.board))
    var others = [Self.study, Self.study, Self.study]
    others[0].seed = 6
    others[1].steps = 101
    others[2].activationWidths = [3]
    for other in others {
      #expect(BoardArchive.key(for: other) != BoardArchive.key(for: Self.study))
      #expect(throws: BoardArchive.Failure.foreign) { _ = try BoardArchive.decode(bytes, for: other) }
    }
  }

  /// A board never mixes cached and retrained runs: a partial set is not taken.
  @Test func onlyAWholeBoardIsRestored() {
    var partial = Self.board.finished
    partial.removeValue(forKey: partial.keys.first!)
    var board = AblationBoard(study: Self.study)
    _ = board.restore(partial, for: Self.study)
    #expect(board.finished.isEmpty)
  }
}

extension AblationBoard {
  /// The board with every run trained, on this thread, as an export trains it.
  func trainedToTheEnd() -> AblationBoard {
    var state = ExplorerState(view: .ablation)
    state.ablation = self
    EffectRunner.settle(&state)
    return state.ablation
  }
}
