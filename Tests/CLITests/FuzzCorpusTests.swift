import Foundation
import Testing

/// The fuzz targets' committed corpus (seeds, and every crash fuzzing has found once fixed)
/// replayed through the same harness without the fuzzer: each input must hold the target's
/// invariants (no trap, errors that name the file and line, nothing raw on a terminal).
@Suite struct FuzzCorpusTests {
  static let replayer = BinaryRunner.binary.deletingLastPathComponent().appendingPathComponent("mnv2-fuzz")
  static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fuzz/corpus")

  @Test(arguments: ["architecture", "lesson", "keys"])
  func corpusHoldsEveryInvariant(target: String) throws {
    let folder = Self.corpus.appendingPathComponent(target)
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
      .map { folder.appendingPathComponent($0).path }
    #expect(files.count >= 4, "the \(target) corpus has \(files.count) inputs")
    let result = try BinaryRunner.run([target] + files, executable: Self.replayer)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "\(files.count) inputs held every invariant\n")
  }
}
