import Foundation
import Testing

@testable import AblationKit

/// The whole training loop against PyTorch: the same network with the same initial weights,
/// one batch, five Adam steps (`scripts/make_ablation_fixture.py`, run once; torch is never
/// installed in CI). The losses, the parameters and the running variances must agree to 1e-5.
///
/// Excepted: a parameter the loss does not depend on (a BatchNorm β, or a depthwise shift,
/// whose output reaches only another BatchNorm, which subtracts it again). Its gradient is
/// rounding noise, below 1e-6 in PyTorch's first step, which Adam turns into a full step
/// of either sign; and the running means downstream of it move with it. The loss, being
/// independent of them, still has to agree.
@Suite struct PyTorchFixtureTests {
  struct Fixture: Decodable {
    struct Variant: Decodable {
      struct Spec: Decodable {
        var width: Int
        var expansion: Int
        var stages: Int
        var blocks_per_stage: Int
        var projection: String
        var shortcut: String
      }
      var spec: Spec
      var names: [String]
      var initial: [Float]
      var x: [Float]
      var y: [Float]
      var labels: [Int]
      var losses: [Double]
      var first_gradient: [Float]
      var final: [Float]
      var running: [Float]
    }
    var variants: [Variant]
  }

  static let fixture: Fixture = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/pytorch_adam_steps.json")
    return try! JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
  }()

  @Test(arguments: 0..<3)
  func fiveAdamStepsMatchPyTorch(index: Int) {
    let variant = Self.fixture.variants[index]
    let spec = MiniNetSpec(
      width: variant.spec.width, expansion: variant.spec.expansion, stages: variant.spec.stages,
      blocksPerStage: variant.spec.blocks_per_stage,
      projection: MiniNetSpec.Projection(rawValue: variant.spec.projection)!,
      shortcut: MiniNetSpec.Shortcut(rawValue: variant.spec.shortcut)!)
    var net = InvertedResidualNet(spec: spec, seed: 1)
    // The same tensors, in the same order, with the same sizes.
    #expect(net.tensors.map(\.name) == variant.names)
    #expect(net.parameterCount == variant.initial.count)
    net.parameters = variant.initial
    var adam = Adam(parameterCount: net.parameterCount, learningRate: 0.01)
    var losses: [Double] = []
    for _ in 0..<5 {
      let pass = net.trainingPass(x: variant.x, y: variant.y)
      let loss = CrossEntropy.evaluate(pass, labels: variant.labels)
      losses.append(loss.loss)
      adam.update(&net.parameters, gradient: net.backward(pass, logitGradient: loss.gradient))
    }
    for (ours, theirs) in zip(losses, variant.losses) {
      #expect(abs(ours - theirs) <= 1e-5, "loss \(ours) vs PyTorch \(theirs)")
    }
    var compared = 0
    for (i, (ours, theirs)) in zip(net.parameters, variant.final).enumerated()
    where abs(variant.first_gradient[i]) > 1e-6 {
      compared += 1
      #expect(
        abs(ours - theirs) <= 1e-5, "parameter \(i) of \(Self.owner(i, net)): \(ours) vs PyTorch \(theirs)")
    }
    #expect(
      compared > variant.initial.count * 9 / 10, "only \(compared) of \(variant.initial.count) compared")
    for tensor in net.tensors where tensor.role == .gamma {
      // running: each BatchNorm's means, then its variances, in tensor order.
      let offset = Self.runningOffset(of: tensor, in: net) + tensor.count
      for c in 0..<tensor.count {
        let ours = net.running[offset + c], theirs = variant.running[offset + c]
        #expect(abs(ours - theirs) <= 1e-5 * max(1, abs(theirs)), "\(tensor.name) running variance \(c)")
      }
    }
    // The steps moved the weights well beyond the tolerance, so agreement means something.
    let moved = zip(variant.initial, variant.final).map { abs($0 - $1) }.max() ?? 0
    #expect(moved > 1e-2)
  }

  /// Where a BatchNorm's running statistics start: the BatchNorms before it hold two per channel.
  static func runningOffset(of gamma: ParameterTensor, in net: InvertedResidualNet) -> Int {
    net.tensors.filter { $0.role == .gamma && $0.offset < gamma.offset }.reduce(0) { $0 + 2 * $1.count }
  }

  static func owner(_ index: Int, _ net: InvertedResidualNet) -> String {
    net.tensors.first { $0.offset <= index && index < $0.offset + $0.count }?.name ?? "?"
  }
}
