import Foundation
import Kernels
import MobileNetKit
import Testing

@testable import Inference

/// The forward pass against networks that frameworks built themselves (torchvision's
/// mobilenet_v2, Keras's MobileNetV2 and MobileNet, a PyTorch V1 written out by hand), all
/// with the same seeded weights, re-implemented in scripts/make_forward_fixture.py.
///
/// The measure is the relative L2 error of a whole tensor, ‖ours − theirs‖₂ / ‖theirs‖₂, for
/// every block's output and the logits.
@Suite struct ForwardFixtureTests {
  struct Slice: Decodable {
    var offset: Int
    var count: Int
    var group: Int?
    var shape: [Int]?
  }

  struct Config: Decodable {
    var name: String
    var arch: String
    var framework: String
    var width: Double
    var resolution: Int
    var classes: Int
    var input: Slice
    var outputs: [Slice]
    var logits: Slice
  }

  struct Fixture: Decodable {
    var seed: UInt64
    var configs: [Config]
  }

  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  static let fixture: Fixture = try! JSONDecoder().decode(
    Fixture.self, from: Data(contentsOf: directory.appendingPathComponent("forward.json")))

  static let floats: [Float] = {
    let data = try! Data(contentsOf: directory.appendingPathComponent("forward.f32"))
    return data.withUnsafeBytes { raw in
      (0..<data.count / 4).map {
        Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self)))
      }
    }
  }()

  static func values(_ slice: Slice) -> [Float] { Array(floats[slice.offset..<slice.offset + slice.count]) }

  static func relativeError(_ ours: [Float], _ theirs: [Float]) -> Double {
    var difference = 0.0, norm = 0.0
    for (a, b) in zip(ours, theirs) {
      difference += Double(a - b) * Double(a - b)
      norm += Double(b) * Double(b)
    }
    return (difference / norm).squareRoot()
  }

  static let tolerance = 1e-4

  @Test func theFixtureCoversFourNetworksAndThreePaddings() {
    #expect(Self.fixture.configs.count == 4)
    #expect(Set(Self.fixture.configs.map(\.framework)) == ["torchvision", "keras"])
    #expect(Set(Self.fixture.configs.map(\.arch)) == ["mobilenet-v1", "mobilenet-v2"])
    #expect(Self.fixture.configs.contains { $0.resolution % 2 == 1 })
  }

  @Test(arguments: 0..<4)
  func everyBlockAndTheLogitsMatchTheFramework(configIndex: Int) throws {
    let config = Self.fixture.configs[configIndex]
    let framework = Framework(rawValue: config.framework)!
    let networkConfig = NetworkConfig(
      width: config.width, resolution: config.resolution, classes: config.classes,
      channelRounding: framework.channelRounding)
    let network =
      config.arch == "mobilenet-v1" ? Network.mobileNetV1(networkConfig) : .mobileNetV2(networkConfig)
    let weights = SeededWeights.make(
      for: network, seed: Self.fixture.seed, batchNorm: .perturbed,
      epsilon: SeededWeights.batchNormEpsilon(framework))
    let pass = try ForwardPass(network: network, weights: weights, placement: PaddingPlacement(framework))
    let input = Tensor(shape: pass.inputShape(), values: Self.values(config.input))
    // The input itself is the generator's output, re-implemented in Python: a check on the
    // generator before any arithmetic.
    #expect(SeededWeights.input(pass.inputShape(), seed: Self.fixture.seed).values == input.values)

    var groupOutputs: [Int: Tensor] = [:]
    var largestBlockError = 0.0
    let run = pass.run(
      input, observe: { layer, tensor in groupOutputs[network.layers[layer].group] = tensor })
    for expected in config.outputs {
      let group = try #require(expected.group)
      let ours = try #require(groupOutputs[group], "no output for group \(group)")
      let shape = [ours.shape.height, ours.shape.width, ours.shape.channels]
      #expect(shape == expected.shape, "\(config.name) group \(group)")
      let error = Self.relativeError(ours.values, Self.values(expected))
      largestBlockError = max(largestBlockError, error)
      #expect(error < Self.tolerance, "\(config.name) \(network.groups[group].name): relative error \(error)")
    }
    let logitsError = Self.relativeError(run.output.values, Self.values(config.logits))
    #expect(logitsError < Self.tolerance, "\(config.name) logits: relative error \(logitsError)")
    print(
      "forward fixture \(config.name): logits relative L2 error \(logitsError), largest block \(largestBlockError)"
    )
  }
}
