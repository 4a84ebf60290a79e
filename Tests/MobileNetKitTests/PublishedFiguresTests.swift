import Testing

@testable import MobileNetKit

/// Totals against figures published by others: the paper, torchvision's docs, Keras'
/// model summary and TF-slim's checkpoint table.
@Suite struct PublishedFiguresTests {
  @Test func torchvisionParameterCount() {
    // torchvision docs, MobileNet_V2_Weights.IMAGENET1K_V1: num_params 3504872.
    #expect(Network.mobileNetV2().params(.torchvision) == 3_504_872)
  }

  @Test func paperHeadlineFigures() {
    // Paper §4: "300 million multiply-adds and uses 3.4 million parameters".
    let network = Network.mobileNetV2(NetworkConfig(classes: 1001))
    #expect(network.multiplyAdds / 1_000_000 == 300)
    #expect(network.params(.tfSlim) / 100_000 == 34)  // 3.47M → "3.4 million"
  }

  @Test func blockCounts() {
    let network = Network.mobileNetV2()
    #expect(network.bottlenecks.count == 17)  // Σn of Table 2 (the text's "19" counts the two convs)
    #expect(network.bottlenecks.filter(\.residualAdd).count == 10)
    #expect(
      network.bottlenecks.filter(\.residualAdd).map(\.name) == [
        "b3", "b5", "b6", "b8", "b9", "b10", "b12", "b13", "b15", "b16",
      ])
  }

  /// TF-slim README "Mobilenet V2 Imagenet Checkpoints": MACs (M) and Parameters (M).
  /// The MACs column is truncated to whole millions, the params rounded to 0.01M.
  static let tfSlimTable: [(Double, Int, Int, Double)] = [
    (1.4, 224, 582, 6.06), (1.3, 224, 509, 5.34), (1.0, 224, 300, 3.47), (1.0, 192, 221, 3.47),
    (1.0, 160, 154, 3.47), (1.0, 128, 99, 3.47), (1.0, 96, 56, 3.47), (0.75, 224, 209, 2.61),
    (0.75, 192, 153, 2.61), (0.75, 160, 107, 2.61), (0.75, 128, 69, 2.61), (0.75, 96, 39, 2.61),
    (0.5, 224, 97, 1.95), (0.5, 192, 71, 1.95), (0.5, 160, 50, 1.95), (0.5, 128, 32, 1.95),
    (0.5, 96, 18, 1.95), (0.35, 224, 59, 1.66), (0.35, 192, 43, 1.66), (0.35, 160, 30, 1.66),
    (0.35, 128, 20, 1.66), (0.35, 96, 11, 1.66),
  ]

  @Test(arguments: tfSlimTable)
  func tfSlimCheckpointTable(row: (Double, Int, Int, Double)) {
    let (width, resolution, macsMillions, paramsMillions) = row
    let network = Network.mobileNetV2(NetworkConfig(width: width, resolution: resolution, classes: 1001))
    #expect(network.multiplyAdds / 1_000_000 == macsMillions)
    let params = Double(network.params(.tfSlim)) / 1_000_000
    #expect(abs(params - paramsMillions) <= 0.005)
  }

  @Test func lastLayerRule() {
    func lastWidth(_ width: Double, _ rule: LastLayerRule) -> Int {
      let network = Network.mobileNetV2(NetworkConfig(width: width, lastLayerRule: rule))
      return network.layers.first { $0.name == "conv_last.conv" }!.output.channels
    }
    #expect(lastWidth(0.5, .paper) == 1280)  // paper §4: not shrunk below width 1
    #expect(lastWidth(1.4, .paper) == 1792)  // torchvision: 1280 × max(1, 1.4)
    #expect(lastWidth(0.5, .scaled) == 640)  // TF-slim without finegrain mode
    #expect(lastWidth(1.0, .scaled) == 1280)
  }

  @Test func mobileNetV1() {
    // Howard et al. 2017, Table 8: 569 million mult-adds, 4.2 million parameters.
    let v1 = Network.mobileNetV1()
    #expect((v1.multiplyAdds + 500_000) / 1_000_000 == 569)
    #expect((v1.params(.tfSlim) + 50_000) / 100_000 == 42)
    // Keras MobileNet(alpha=1.0) model.summary(): Total params 4,253,864.
    #expect(v1.params(.keras) == 4_253_864)
  }
}
