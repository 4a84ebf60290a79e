import Testing

@testable import AblationKit

/// Every backward pass against central finite differences of the loss, parameter by
/// parameter, for each shortcut kind and both projections. Float arithmetic limits the
/// differences to about 1e-4, so the tolerance is 2e-3 + 2% (a wrong formula is off by O(1)).
@Suite struct GradientTests {
  static func loss(_ net: InvertedResidualNet, x: [Float], y: [Float], labels: [Int]) -> Double {
    var copy = net
    return CrossEntropy.evaluate(copy.trainingPass(x: x, y: y), labels: labels).loss
  }

  @Test(arguments: MiniNetSpec.Shortcut.allCases, MiniNetSpec.Projection.allCases)
  func backwardMatchesFiniteDifferences(shortcut: MiniNetSpec.Shortcut, projection: MiniNetSpec.Projection) {
    let spec = MiniNetSpec(
      width: 2, expansion: 3, stages: 1, blocksPerStage: 2, projection: projection, shortcut: shortcut)
    var net = InvertedResidualNet(spec: spec, seed: 7)
    // Away from the identity, so the scale and BatchNorm parameters matter, and with every
    // shift non-zero: a point the expansion's ReLU6 clipped to 0 would otherwise sit exactly
    // on the depthwise ReLU6's kink, where a difference quotient sees only one side.
    for tensor in net.tensors where tensor.role == .gamma || tensor.role == .factor {
      for i in 0..<tensor.count { net.parameters[tensor.offset + i] = 0.6 + 0.1 * Float(i % 5) }
    }
    for tensor in net.tensors where tensor.role == .shift {
      for i in 0..<tensor.count { net.parameters[tensor.offset + i] = 0.05 + 0.03 * Float(i % 4) }
    }
    let points = TwoSpirals(seed: 3).points(count: 12, stream: 9)
    let analytic = net.backward(
      {
        var copy = net; return copy.trainingPass(x: points.x, y: points.y)
      }(),
      logitGradient: CrossEntropy.evaluate(
        {
          var copy = net; return copy.trainingPass(x: points.x, y: points.y)
        }(), labels: points.labels
      ).gradient)
    let h: Float = 1e-3
    var moved = 0
    for i in 0..<net.parameterCount {
      var plus = net, minus = net
      plus.parameters[i] += h
      minus.parameters[i] -= h
      let numeric =
        (Self.loss(plus, x: points.x, y: points.y, labels: points.labels)
          - Self.loss(minus, x: points.x, y: points.y, labels: points.labels)) / Double(2 * h)
      let error = abs(Double(analytic[i]) - numeric)
      #expect(
        error <= 2e-3 + 0.02 * abs(numeric),
        "\(PyTorchFixtureTests.owner(i, net)) [\(i)]: backward \(analytic[i]), differences \(numeric)")
      if abs(numeric) > 1e-4 { moved += 1 }
    }
    // Every parameter was checked: by hand, a stem 2→2 (4 weights, BN 2 + 2), two blocks of
    // expand 2→6 (12, BN 6 + 6), scale (6 + 6), project 6→2 (12, BN 2 + 2), and a classifier
    // 2→2 with bias (6); the expansions layout adds an entry 2→6 and an exit 6→2 unit (24 + 16).
    #expect(net.parameterCount == (shortcut == .expansions ? 8 + 24 + 2 * 52 + 16 + 6 : 8 + 2 * 52 + 6))
    // And the check is not vacuous: most parameters move the loss measurably.
    #expect(moved > net.parameterCount / 2, "\(moved) of \(net.parameterCount) parameters move the loss")
  }
}
