import AblationKit
import Foundation
import Testing

@testable import Explorer
@testable import ExplorerApp

/// The board cache on disk: where it lives, and that a file it cannot use is ignored with
/// one line naming it and why.
@Suite struct BoardCacheTests {
  static let study = AblationStudy(
    comparison: .both, activationWidths: [2], shortcutWidths: [3], seeds: 1, steps: 50, seed: 9)

  static func folder() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "mnv2-cache-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// The board with every run trained, on this thread, as an export trains it.
  static func trained(_ board: AblationBoard) -> AblationBoard {
    var state = ExplorerState(view: .ablation)
    state.ablation = board
    EffectRunner.settle(&state)
    return state.ablation
  }

  @Test func theFolderFollowsXDG() {
    #expect(
      BoardCache.standard(environment: ["XDG_CACHE_HOME": "/x/c", "HOME": "/h"])?.folder == "/x/c/mnv2")
    #expect(BoardCache.standard(environment: ["HOME": "/h"])?.folder == "/h/.cache/mnv2")
    // A relative XDG_CACHE_HOME is invalid by the XDG spec: HOME's is used.
    #expect(
      BoardCache.standard(environment: ["XDG_CACHE_HOME": "rel", "HOME": "/h"])?.folder == "/h/.cache/mnv2")
    #expect(BoardCache.standard(environment: [:]) == nil)
  }

  @Test func savedThenLoaded() throws {
    let cache = BoardCache(folder: try Self.folder() + "/mnv2")
    defer { try? FileManager.default.removeItem(atPath: cache.folder) }
    #expect(cache.load(Self.study) { _ in Issue.record("no notice when there is no file") } == nil)
    let board = Self.trained(AblationBoard(study: Self.study))
    var notices: [String] = []
    cache.save(board) { notices.append($0) }
    #expect(notices == [])
    #expect(cache.load(Self.study) { notices.append($0) } == board.finished)
    #expect(notices == [])
    // Only the board's file is left: the temporary one was renamed over it.
    #expect(try FileManager.default.contentsOfDirectory(atPath: cache.folder).count == 1)
  }

  @Test(arguments: [
    ("damaged", "its checksum does not match"), ("foreign", "another board or build"),
    ("text", "not a Figure 6 board"),
  ])
  func aFileItCannotUseIsIgnoredWithOneLine(kind: String, reason: String) throws {
    let cache = BoardCache(folder: try Self.folder())
    defer { try? FileManager.default.removeItem(atPath: cache.folder) }
    var other = Self.study
    other.seed = 10
    let board = Self.trained(AblationBoard(study: kind == "foreign" ? other : Self.study))
    var bytes = try #require(BoardArchive.encode(board))
    if kind == "damaged" { bytes[bytes.count / 2] ^= 1 }
    if kind == "text" { bytes = Array("\u{1B}[2J hello".utf8) }
    #expect(FileManager.default.createFile(atPath: cache.path(for: Self.study), contents: Data(bytes)))
    var notices: [String] = []
    #expect(cache.load(Self.study) { notices.append($0) } == nil)
    #expect(notices.count == 1)
    #expect(
      notices.first?.contains(cache.path(for: Self.study)) == true && notices.first?.contains(reason) == true)
  }
}
