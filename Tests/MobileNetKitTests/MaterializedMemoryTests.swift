import Testing

@testable import MobileNetKit

/// Table 3 (paper-facts §3). V1's cells are plain arithmetic and must match the printed
/// channel counts; the known slips must be the only disagreements.
@Suite struct MaterializedMemoryTests {
  let v1 = MaterializedMemory(network: .mobileNetV1())
  let v2 = MaterializedMemory(network: .mobileNetV2())

  @Test func mobileNetV1MatchesPrintedChannels() {
    for row in PaperTable3.rows(.arxivV4) {
      #expect(
        v1.entry(size: row.size)?.channels == PaperTable3.channels(in: row.mobileNetV1), "size \(row.size)")
    }
  }

  @Test func mobileNetV1KilobytesMatchExceptTheSlip() {
    // 64·112²·2 = 1,605,632 B, printed 1600; 128·56²·2 = 802,816 B, printed 800.
    #expect(v1.entry(size: 112)?.bytes == 1_605_632)
    #expect(v1.entry(size: 56)?.bytes == 802_816)
    #expect(v1.entry(size: 28)?.bytes == 401_408)
    #expect(v1.entry(size: 14)?.bytes == 200_704)
    // The paper prints 199 here; 16-bit arithmetic gives 100,352 B.
    #expect(v1.entry(size: 7)?.bytes == 1024 * 49 * 2)
    #expect(PaperTable3.erratum(model: "MobileNetV1", size: 7) != nil)
    #expect(v1.peak()?.bytes == 1_605_632)  // printed max 1600K
  }

  @Test func mobileNetV2ExcludesExpandedTensors() {
    // The widest tensor at 56×56 is 24 channels between blocks, not the 144-wide expansion.
    #expect(v2.entry(size: 56)?.channels == 24)
    #expect(v2.entry(size: 1)?.channels == 1280)  // printed 1280/2
    #expect(v2.entry(size: 1)?.bytes == 2560)
  }

  @Test func theTwoPublishedVersionsDifferOnlyInTheFirstRow() {
    let v4 = PaperTable3.rows(.arxivV4), cvpr = PaperTable3.rows(.cvpr)
    #expect(v4.count == cvpr.count)
    #expect(zip(v4, cvpr).filter { $0 != $1 }.map(\.0.size) == [112])
  }
}
