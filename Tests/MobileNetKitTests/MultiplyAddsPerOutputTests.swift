import Testing

@testable import MobileNetKit

/// What one output of a layer costs, which the Block view multiplies out for a class.
@Suite struct MultiplyAddsPerOutputTests {
  /// Each layer's count is its outputs times the multiply-adds behind one output: an
  /// identity of the counting rule, over every layer of both bundled networks.
  @Test func perOutputCostsAddUpToTheLayersCounts() throws {
    for spec in [ArchitectureSpec.mobileNetV2, .mobileNetV1] {
      for width in [0.35, 1.0, 1.4] {
        let network = try Network(spec: spec, config: NetworkConfig(width: width, resolution: 160))
        for layer in network.layers {
          #expect(layer.output.elements * layer.multiplyAddsPerOutput == layer.multiplyAdds, "\(layer.name)")
        }
      }
    }
  }

  /// By hand, at 224: the stem's 3×3 window over 3 channels is 27; b2's depthwise is one
  /// channel's 3×3, 9; its projection reads 96 channels; the classifier reads 1,280 inputs.
  @Test func handDerivedWindows() throws {
    let network = try Network(spec: .mobileNetV2, config: NetworkConfig())
    let byName = Dictionary(network.layers.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    let perOutput = network.layers.map(\.multiplyAddsPerOutput)
    #expect(perOutput.first == 27)
    #expect(perOutput.last == 1280)
    let b2 = network.layers.filter { $0.group == 2 }
    #expect(b2.map(\.multiplyAddsPerOutput) == [16, 9, 96])
    #expect(byName["pool"]?.multiplyAddsPerOutput == 0)
  }
}
