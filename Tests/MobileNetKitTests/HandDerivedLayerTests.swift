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

/// The reconciliations `layers --help` and docs/reference.md print for torchinfo, fvcore and
/// thop (their totals measured on torchvision's model): each is mnv2's count plus what that
/// counter adds, derived here from the network's own layers.
@Suite struct ThirdPartyCounterTests {
  @Test func totalsReconcile() {
    let network = Network.mobileNetV2()
    let normalised = network.layers.filter { $0.kind != .pool && $0.kind != .classifier }
    let batchNormElements = normalised.reduce(0) { $0 + $1.output.elements }
    let breakdown = network.layers.reduce(ParamBreakdown.zero) { $0 + $1.params }
    #expect(network.multiplyAdds == 300_774_272)
    #expect(batchNormElements == 6_678_112)
    #expect(network.multiplyAdds + breakdown.batchNormAffine + breakdown.biases == 300_809_384)  // torchinfo
    #expect(network.multiplyAdds + 2 * batchNormElements + 7 * 7 * 1280 == 314_193_216)  // fvcore
    #expect(network.multiplyAdds + 4 * batchNormElements == 327_486_720)  // thop
  }
}

/// The paper slips the tool flags, from the architecture itself.
@Suite struct PaperSlipTests {
  @Test func v1FullConvShareIsOnePointNineOne() {
    let v1 = Network.mobileNetV1()
    // The stem: 112·112 outputs × 32 channels × 3·3·3 inputs, by hand.
    #expect(v1.layers.filter { $0.kind == .conv }.map(\.multiplyAdds) == [112 * 112 * 32 * 27])
    let share = PaperSlips.v1FullConvShare(v1)
    #expect(abs(share - 10_838_016.0 / Double(v1.multiplyAdds)) < 1e-15)
    #expect((share * 10_000).rounded() == 191)  // 1.91%, printed 1.19%
  }

  @Test func mobileNetV2RangeIsElevenPointNineTo582() throws {
    let grid = try VariantsGrid(convention: .torchvision)
    let range = PaperSlips.mobileNetV2Range(grid)
    #expect(range.lowerBound == Network.mobileNetV2(NetworkConfig(width: 0.35, resolution: 96)).multiplyAdds)
    #expect((Double(range.lowerBound) / 1e5).rounded() == 119)  // 11.9M, printed "7"
    #expect((Double(range.upperBound) / 1e5).rounded() == 5822)  // 582.2M, printed 585M
  }
}
