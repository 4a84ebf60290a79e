import Kernels
import ManifoldKit
import Testing

@testable import BottleneckLab

@Suite struct BottleneckLabTests {
  /// b3 of MobileNetV2 1.0: 24 → 144 → 24 with a shortcut.
  static let b3 = BottleneckShape(inputChannels: 24, expansion: 6, outputChannels: 24, hasShortcut: true)

  @Test func allLinearIsExactlyRecoverable() {
    for k in [2, 3, 5] {
      var lab = BottleneckLab(shape: Self.b3, manifoldDimension: k, points: 400)
      lab.linearised = true
      let result = lab.run()
      #expect(result.collapsedFraction.mean == 0)
      #expect(abs(result.recoverability.mean - 1) < 1e-9, "k = \(k): \(result.recoverability.mean)")
    }
  }

  @Test func realBlockWithLinearProjectionBarelyCollapsesAtK2() {
    let result = BottleneckLab(
      shape: Self.b3, manifoldDimension: 2, projection: .linear, points: 1000, trials: 5
    ).run()
    // The expansion is 6× wide: fewer than 2 of 144 hidden channels active almost never happens.
    #expect(result.collapsedFraction.mean < 0.01)
    #expect(result.recoverability.mean > 0.9)
  }

  /// With a ReLU projection, each output's sign is symmetric and independent given the
  /// hidden layer, so averaged over weights the collapse is exactly Theorem 1's share.
  static let pairs: [(Int, Int)] = [(4, 2), (6, 3), (8, 4), (8, 2), (16, 4), (12, 6)]

  @Test(arguments: pairs)
  func reluProjectionMeetsTheoremOne(outputs: Int, k: Int) {
    let shape = BottleneckShape(inputChannels: 8, expansion: 6, outputChannels: outputs, hasShortcut: false)
    let trials = 60
    let result = BottleneckLab(
      shape: shape, manifoldDimension: k, projection: .relu, points: 200, seed: UInt64(outputs * 10 + k),
      trials: trials
    ).run()
    let tolerance = 4 * result.collapsedFraction.standardError(trials: trials) + 0.01
    #expect(
      abs(result.collapsedFraction.mean - result.theory) <= tolerance,
      "d″ = \(outputs), k = \(k): \(result.collapsedFraction.mean) vs \(result.theory)")
  }

  @Test func relu6CollapseIsLargeAtKEqualsWidthAndFallsWithRoom() {
    func collapse(_ outputs: Int, _ k: Int) -> Double {
      let shape = BottleneckShape(inputChannels: 8, expansion: 6, outputChannels: outputs, hasShortcut: false)
      return BottleneckLab(shape: shape, manifoldDimension: k, projection: .relu6, points: 300, trials: 10)
        .run()
        .collapsedFraction.mean
    }
    let tight = collapse(8, 8), roomy = collapse(32, 2)
    #expect(tight > 0.9)  // Theorem 1: 1 − 1/256 for ReLU; ReLU6 only adds clipping
    #expect(roomy < 0.01)
    #expect(collapse(8, 4) < tight)
  }

  /// The mask-count rank equals an explicit rank of the Jacobian for weights in general
  /// position; here checked against a brute-force Jacobian by finite differences.
  @Test func maskRankMatchesAFiniteDifferenceJacobian() {
    let shape = BottleneckShape(inputChannels: 6, expansion: 2, outputChannels: 4, hasShortcut: false)
    let lab = BottleneckLab(shape: shape, manifoldDimension: 3, projection: .relu6, points: 150, seed: 5)
    let result = lab.run()
    let numeric = NumericJacobian.collapsedFraction(lab: lab, inputs: result.inputs)
    #expect(
      abs(result.collapsedFraction.mean - numeric) < 1e-12, "\(result.collapsedFraction.mean) vs \(numeric)")
  }

  @Test func sameSeedSameResult() {
    let lab = BottleneckLab(shape: Self.b3, manifoldDimension: 2, projection: .relu6, points: 300, seed: 4)
    #expect(lab.run() == lab.run())
    var other = lab
    other.seed = 5
    #expect(other.run() != lab.run())
  }

  @Test func validation() {
    for k in [0, 25] {
      #expect(throws: LabError.self) {
        try BottleneckLab(shape: Self.b3, manifoldDimension: k).validate()
      }
    }
    #expect(throws: LabError.self) { try BottleneckLab(shape: Self.b3, trials: 0).validate() }
    #expect(throws: Never.self) { try BottleneckLab(shape: Self.b3, manifoldDimension: 24).validate() }
  }
}

/// An independent check of the rank: perturb each manifold coordinate, rerun the block,
/// and take the rank of the finite-difference Jacobian.
enum NumericJacobian {
  static func collapsedFraction(lab: BottleneckLab, inputs: [[Double]]) -> Double {
    let k = lab.manifoldDimension
    let weights = lab.weights(trial: 0)
    // The block runs in single precision: a step of 1e−3 keeps rounding (~1e−7 of the
    // values) well below the differences while rarely crossing a ReLU kink.
    let step: Float = 1e-3
    func output(_ u: [Float]) -> [Double] {
      let forward = LabPass.Forward(
        weights: weights, k: k, shortcut: lab.shortcut,
        inputs: Matrix(rows: 1, columns: k, values: u))
      return forward.output(lab.projection).values.values.map(Double.init)
    }
    var collapsed = 0
    for point in inputs {
      let u = point.map { Float($0) }
      let columns = (0..<k).map { j -> [Double] in
        var up = u, down = u
        up[j] += step
        down[j] -= step
        return zip(output(up), output(down)).map { ($0 - $1) / Double(2 * step) }
      }
      if rank(columns) < k { collapsed += 1 }
    }
    return Double(collapsed) / Double(inputs.count)
  }

  /// Rank by Gram–Schmidt with a relative tolerance.
  static func rank(_ columns: [[Double]]) -> Int {
    var basis: [[Double]] = []
    let scale = columns.map { $0.reduce(0) { $0 + $1 * $1 } }.max() ?? 0
    for column in columns {
      var v = column
      for b in basis {
        let projection = zip(v, b).reduce(0) { $0 + $1.0 * $1.1 }
        v = zip(v, b).map { $0 - projection * $1 }
      }
      let norm = v.reduce(0) { $0 + $1 * $1 }
      if norm > 1e-6 * max(scale, 1e-300) { basis.append(v.map { $0 / norm.squareRoot() }) }
    }
    return basis.count
  }
}

@Suite struct LabManifoldTests {
  @Test(arguments: [1, 2, 3, 7])
  func pointsHaveKCoordinates(k: Int) {
    let points = LabManifold.points(count: 50, dimension: k, seed: 1)
    #expect(points.count == 50)
    #expect(points.allSatisfy { $0.count == k })
    #expect(points.allSatisfy { $0.allSatisfy { abs($0) <= 4 } })
  }
}
