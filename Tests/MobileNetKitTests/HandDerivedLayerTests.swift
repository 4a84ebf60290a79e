import Testing

@testable import MobileNetKit

/// Each expected value is worked out in the comment beside it from the layer's definition,
/// not read from the program.
@Suite struct HandDerivedLayerTests {
  let network = Network.mobileNetV2()

  func layer(_ name: String) -> Layer { network.layers.first { $0.name == name }! }

  @Test func stemConvolution() {
    let stem = layer("stem.conv")
    #expect(stem.input == TensorShape(224, 224, 3))
    #expect(stem.output == TensorShape(112, 112, 32))  // stride 2, same padding
    #expect(stem.multiplyAdds == 112 * 112 * 32 * 3 * 3 * 3)  // = 10,838,016
    #expect(stem.multiplyAdds == 10_838_016)
    #expect(stem.params.weights == 3 * 3 * 3 * 32)  // 864
    #expect(stem.params.count(.torchvision) == 864 + 2 * 32)  // + BN γ, β
    #expect(stem.activation == .relu6)
  }

  @Test func expansionOfBlockTwo() {
    let expand = layer("b2.expand")
    #expect(expand.input == TensorShape(112, 112, 16))
    #expect(expand.output == TensorShape(112, 112, 96))  // t = 6: 16 × 6
    #expect(expand.multiplyAdds == 112 * 112 * 96 * 16)  // = 19,267,584
    #expect(expand.params.count(.torchvision) == 16 * 96 + 2 * 96)  // 1,728
    #expect(expand.params.count(.keras) == 16 * 96 + 4 * 96)  // + moving mean, var
    #expect(expand.params.count(.tfSlim) == 16 * 96)
  }

  @Test func strideTwoDepthwise() {
    let depthwise = layer("b2.dw")
    #expect(depthwise.groups == 96)
    #expect(depthwise.stride == 2)
    #expect(depthwise.output == TensorShape(56, 56, 96))
    #expect(depthwise.multiplyAdds == 56 * 56 * 96 * 3 * 3)  // counted at the output size: 2,709,504
    #expect(depthwise.params.weights == 3 * 3 * 96)  // one 3×3 filter per channel
  }

  @Test func projectionIsLinearAndResidualOnlyWhereAllowed() {
    let project = layer("b2.project")
    #expect(project.output == TensorShape(56, 56, 24))
    #expect(project.multiplyAdds == 56 * 56 * 24 * 96)  // 7,225,344
    #expect(project.activation == .linear)
    #expect(!project.residualAdd)  // stride 2
    #expect(layer("b3.project").residualAdd)  // stride 1, 24 → 24
    #expect(!layer("b11.project").residualAdd)  // stride 1 but 64 → 96
  }

  @Test func classifier() {
    let classifier = layer("classifier")
    #expect(classifier.input == TensorShape(1, 1, 1280))
    #expect(classifier.multiplyAdds == 1280 * 1000)
    #expect(classifier.params.count(.torchvision) == 1280 * 1000 + 1000)  // weight + bias, no BN
  }

  @Test func blockWithTEqualOneHasNoExpansion() {
    let b1 = network.groups[1]
    let kinds = network.layers[b1.layerRange].map(\.kind)
    #expect(kinds == [.depthwise, .project])
    #expect(network.layers.filter { $0.kind == .expand }.count == 16)
  }

  @Test func reluSixBottleneckChangesActivationButNoCost() {
    let relu = Network.mobileNetV2(NetworkConfig(bottleneckActivation: .relu6))
    #expect(relu.layers.filter { $0.kind == .project }.allSatisfy { $0.activation == .relu6 })
    #expect(relu.multiplyAdds == network.multiplyAdds)
    #expect(relu.params(.torchvision) == network.params(.torchvision))
  }

  @Test func oddResolutionsRoundUp() {
    let odd = Network.mobileNetV2(NetworkConfig(resolution: 225))
    #expect(odd.layers[0].output.height == 113)  // ⌈225 / 2⌉
    #expect(odd.groups.last!.input == TensorShape(1, 1, 1280))
    #expect(odd.groups[18].output.height == 8)  // 225 → 113 → 57 → 29 → 15 → 8
  }
}
