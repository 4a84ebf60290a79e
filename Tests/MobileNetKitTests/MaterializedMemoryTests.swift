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

/// Table 3 under the paper's own definitions, derived by hand from Table 2's shapes.
@Suite struct Table3DefinitionTests {
  /// The caption's first-layer trick: the stem streamed into b1, so the largest tensor at
  /// 112×112 is b1's 112×112×16 output, 401,408 B: exactly arXiv v4's "16/400".
  @Test func firstLayerTrickGivesThePapersFourHundredK() {
    let trick = MaterializedMemory(network: .mobileNetV2(), firstLayerTrick: true)
    #expect(trick.entry(size: 112)?.channels == 16)
    #expect(trick.entry(size: 112)?.bytes == 112 * 112 * 16 * 2)
    #expect(trick.entry(size: 112)?.bytes == 401_408)
    #expect(PaperTable3.channels(in: PaperTable3.rows(.arxivV4)[0].mobileNetV2) == 16)
    // Elsewhere the trick changes nothing.
    let plain = MaterializedMemory(network: .mobileNetV2())
    #expect(trick.entries.dropFirst() == plain.entries.dropFirst())
  }

  /// Eq. (2): inputs + outputs of one operator, a bottleneck being one operator.
  @Test func equationTwoByHand() {
    let plain = OperatorMemory(network: .mobileNetV2())
    let trick = OperatorMemory(network: .mobileNetV2(), firstLayerTrick: true)
    // b1 at 112×112: in 112·112·32, out 112·112·16 (2 bytes each).
    #expect(plain.entry(size: 112)?.bytes == (112 * 112 * 32 + 112 * 112 * 16) * 2)
    #expect(plain.entry(size: 112)?.name == "b1")
    // With the trick, stem+b1: in the 224·224·3 image, out 112·112·16.
    #expect(trick.entry(size: 112)?.bytes == (224 * 224 * 3 + 112 * 112 * 16) * 2)
    #expect(trick.entry(size: 112)?.name == "stem+b1")
    // b2 writes 56×56: in 112·112·16, out 56·56·24.
    #expect(plain.entry(size: 56)?.bytes == (112 * 112 * 16 + 56 * 56 * 24) * 2)
    // M(G) is the 112×112 operator.
    #expect(plain.peak?.bytes == 1_204_224 && trick.peak?.bytes == 702_464)
  }

  /// MobileNetV1 has no bottleneck to fuse: the trick leaves it alone.
  @Test func v1IsUntouched() {
    #expect(
      OperatorMemory(network: .mobileNetV1(), firstLayerTrick: true)
        == OperatorMemory(network: .mobileNetV1()))
  }
}
