import Foundation
import Testing

/// The lab under an address-space cap (`ulimit -v`): a run the cap cannot hold is refused up
/// front with both figures, and none dies of a failed allocation. Before, a wide file was
/// estimated at 42 MB, peaked at 2.15 GB, and under a 5 GB cap aborted with "failed to
/// allocate 2149580736 bytes" (exit 134).
@Suite struct LabMemoryLimitTests {
  /// A stem of 4,096 channels into one t = 64, 256-channel bottleneck: 262,144 hidden
  /// channels, about half of them live, so the projection alone is some 270 MB.
  static let architecture = """
    {"schema": "mnv2-architecture/1", "name": "wide", "reference": "", "input_channels": 3,
     "stages": [{"op": "conv2d", "kernel": 3, "c": 4096, "n": 1, "s": 2},
                {"op": "bottleneck", "t": 64, "c": 256, "n": 1, "s": 1}, {"op": "avgpool"}, {"op": "classifier"}]}
    """

  static func lab(cap kilobytes: Int, arch: String) throws -> BinaryRunner.Result {
    try BinaryRunner.run(
      [
        "-c",
        "ulimit -c 0; ulimit -v \(kilobytes); exec '\(BinaryRunner.binary.path)' lab --arch '\(arch)' --block 1 "
          + "--points 200 --format csv",
      ], executable: URL(fileURLWithPath: "/bin/sh"))
  }

  @Test func aCapTooSmallIsOneLineAndNoCapIsAnAbort() throws {
    let arch = try BinaryRunner.temporaryFile(Self.architecture)
    let small = try Self.lab(cap: 600_000, arch: arch)
    #expect(small.status == 64, "\(small.stderr)")
    #expect(small.stderr.contains("of memory (limit") && small.stderr.contains("what ulimit -v leaves"))
    #expect(small.stderr.filter { $0 == "\n" }.count == 1)
    // Over a range of caps around the run's size: it runs, or it is refused; never a signal.
    for cap in stride(from: 700_000, through: 1_300_000, by: 150_000) {
      let result = try Self.lab(cap: cap, arch: arch)
      #expect([0, 64].contains(result.status), "cap \(cap) KB: \(result.status) \(result.stderr)")
      #expect(!result.stderr.contains("failed to allocate") && !result.stderr.contains("Fatal error"))
    }
  }

  /// The explorer's lab (an export of the Block view, a handout) under the same caps: found
  /// after the fix above, `export --view block --block 1` of a t = 64, 2,048-channel block
  /// still ran its 400-point lab at 2.65 GB and, under a 2 GB cap, died of "failed to
  /// allocate 1068638240 bytes". It is refused on the screen with its estimate instead.
  @Test func theExplorersLabIsRefusedOnScreenNotAborted() throws {
    let arch = try BinaryRunner.temporaryFile(
      Self.architecture.replacingOccurrences(of: #""c": 256"#, with: #""c": 2048"#))
    for cap in [600_000, 2_000_000, 5_000_000] {
      let result = try BinaryRunner.run(
        [
          "-c",
          "ulimit -c 0; ulimit -v \(cap); exec '\(BinaryRunner.binary.path)' export --view block --block 1 "
            + "--arch '\(arch)' --format txt --output -",
        ], executable: URL(fileURLWithPath: "/bin/sh"))
      #expect(result.status == 0, "cap \(cap) KB: \(result.status) \(result.stderr)")
      #expect(
        result.stdout.contains("Bottleneck lab: too large to run here"), "cap \(cap) KB: \(result.stdout)")
      #expect(!result.stderr.contains("failed to allocate") && !result.stderr.contains("Fatal error"))
    }
  }
}
