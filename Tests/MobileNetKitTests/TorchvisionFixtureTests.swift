import Foundation
import Testing

@testable import MobileNetKit

/// Compares every convolution and the classifier with what torchvision built and ran
/// (fixture written by scripts/make_torchvision_fixture.py; PyTorch is not needed here).
@Suite struct TorchvisionFixtureTests {
  struct Fixture: Decodable {
    struct Variant: Decodable {
      var width: Double
      var resolution: Int
      var classes: Int
      var params: Int
      var buffers_bn_running: Int
      var flop_counter_macs: Int
      var layers: [FixtureLayer]
    }
    struct FixtureLayer: Decodable {
      var module: String
      var type: String
      var input: [Int]
      var output: [Int]
      var kernel: Int?
      var stride: Int?
      var groups: Int?
      var macs: Int
      var weights: Int
      var biases: Int
      var bn_affine: Int?
      var bn_running: Int?
    }
    var torchvision: String
    var variants: [Variant]
  }

  static let fixture: Fixture = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/torchvision_mobilenet_v2.json")
    return try! JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
  }()

  @Test func fixtureCoversSeveralVariants() {
    #expect(Self.fixture.variants.count >= 3)
    #expect(Self.fixture.variants.contains { $0.width == 0.35 && $0.resolution == 96 })
    #expect(Self.fixture.variants.contains { $0.width == 1.4 && $0.resolution == 224 })
  }

  @Test(arguments: fixture.variants.indices)
  func layerByLayer(variantIndex: Int) {
    let variant = Self.fixture.variants[variantIndex]
    let network = Network.mobileNetV2(
      NetworkConfig(width: variant.width, resolution: variant.resolution, classes: variant.classes))
    let ours = network.layers.filter { $0.kind != .pool }
    #expect(ours.count == variant.layers.count)
    for (mine, theirs) in zip(ours, variant.layers) {
      let context = Comment(
        rawValue: "\(variant.width)/\(variant.resolution) \(mine.name) vs \(theirs.module)")
      #expect([mine.input.height, mine.input.width, mine.input.channels] == theirs.input, context)
      #expect([mine.output.height, mine.output.width, mine.output.channels] == theirs.output, context)
      #expect(mine.multiplyAdds == theirs.macs, context)
      #expect(mine.params.weights == theirs.weights, context)
      #expect(mine.params.biases == theirs.biases, context)
      #expect(mine.params.batchNormAffine == (theirs.bn_affine ?? 0), context)
      #expect(mine.params.batchNormRunning == (theirs.bn_running ?? 0), context)
      if theirs.type == "conv" {
        #expect(mine.kernel == theirs.kernel, context)
        #expect(mine.stride == theirs.stride, context)
        #expect(mine.groups == theirs.groups, context)
      }
    }
    #expect(network.params(.torchvision) == variant.params)
    #expect(network.params(.keras) == variant.params + variant.buffers_bn_running)
    // FlopCounterMode counts 2 FLOPs per multiply-add and nothing for BN or pooling.
    #expect(network.multiplyAdds == variant.flop_counter_macs)
  }
}
