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
  /// Every projection with and without the shortcut. With the shortcut the output is
  /// act(W·h) + E·u, whose Jacobian is D·W·(…)·E + E = (I + D·K)·E: rank k almost surely
  /// under either projection, so nothing collapses (the rule once ignored the shortcut
  /// under ReLU6 and reported about 37% at b3, width 0.35, k = 4).
  @Test(arguments: [
    (ManifoldActivation.relu6, false), (.relu6, true), (.linear, false), (.linear, true), (.relu, false),
    (.relu, true),
  ])
  func maskRankMatchesAFiniteDifferenceJacobian(projection: ManifoldActivation, shortcut: Bool) {
    let shape = BottleneckShape(
      inputChannels: 6, expansion: 2, outputChannels: shortcut ? 6 : 4, hasShortcut: shortcut)
    let lab = BottleneckLab(
      shape: shape, manifoldDimension: 3, projection: projection, shortcut: shortcut, points: 150, seed: 5)
    let inputs = lab.run().inputs
    let check = NumericJacobian.compare(lab: lab, inputs: inputs)
    #expect(check.disagreements == 0, "\(check.disagreements) of \(check.compared) points disagree")
    #expect(check.compared >= 120, "only \(check.compared) of 150 points away from every kink")
    if shortcut { #expect(check.numericCollapsed == 0) }
    if !shortcut && projection != .linear {
      #expect(check.numericCollapsed > 0, "the check must see collapse where there is some")
    }
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
  struct Comparison {
    var compared = 0
    var disagreements = 0
    var numericCollapsed = 0
  }

  /// For each point: the lab's own verdict (the block run on that point alone) against the
  /// rank of a central-difference Jacobian. A point whose perturbations cross a ReLU6 kink is
  /// left out, since a difference across a kink measures half a slope, not the derivative.
  static func compare(lab: BottleneckLab, inputs: [[Double]]) -> Comparison {
    let k = lab.manifoldDimension
    let weights = lab.weights(trial: 0)
    // The block runs in single precision: a step of 1e−3 keeps rounding (~1e−7 of the
    // values) well below the differences.
    let step: Float = 1e-3
    func forward(_ u: [Float]) -> LabPass.Forward {
      LabPass.Forward(
        weights: weights, k: k, shortcut: lab.shortcut, inputs: Matrix(rows: 1, columns: k, values: u))
    }
    /// Which side of every output kink each pre-activation is on.
    func pattern(_ f: LabPass.Forward) -> [Int] {
      f.preActivation.values.map { $0 <= 0 ? 0 : ($0 < 6 ? 1 : 2) } + [f.activeHidden[0]]
    }
    var comparison = Comparison()
    for point in inputs {
      let u = point.map { Float($0) }
      let centre = forward(u)
      var columns: [[Double]] = []
      var crossesAKink = false
      for j in 0..<k {
        var up = u, down = u
        up[j] += step
        down[j] -= step
        let (a, b) = (forward(up), forward(down))
        if pattern(a) != pattern(centre) || pattern(b) != pattern(centre) { crossesAKink = true }
        let (ya, yb) = (a.output(lab.projection).values.values, b.output(lab.projection).values.values)
        columns.append(zip(ya, yb).map { Double($0 - $1) / Double(2 * step) })
      }
      guard !crossesAKink else { continue }
      let numeric = rank(columns) < k
      let reported = centre.output(lab.projection).collapsedFraction == 1
      comparison.compared += 1
      if numeric != reported { comparison.disagreements += 1 }
      if numeric { comparison.numericCollapsed += 1 }
    }
    return comparison
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
      // Relative to the largest column, and above the noise of single-precision differences
      // (an ulp of an output near 1 over a 2e−3 step is about 3e−5 per entry).
      if norm > max(1e-6 * scale, 1e-7) { basis.append(v.map { $0 / norm.squareRoot() }) }
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

/// Past k = 2 the lab's extra coordinates are drawn per trial, so the spread over trials
/// covers the draw as well as the weights; k ≤ 2 has nothing to draw.
@Suite struct LabManifoldDrawTests {
  @Test func eachTrialDrawsItsOwnExtraCoordinates() {
    let first = LabManifold.points(count: 50, dimension: 4, seed: 7)
    #expect(LabManifold.points(count: 50, dimension: 4, seed: 7, trial: 0) == first)
    let second = LabManifold.points(count: 50, dimension: 4, seed: 7, trial: 1)
    // The spiral in the first two coordinates is the same curve; the other two are redrawn.
    #expect(zip(first, second).allSatisfy { $0[0] == $1[0] && $0[1] == $1[1] })
    #expect(zip(first, second).filter { $0[2] != $1[2] && $0[3] != $1[3] }.count == 50)
    #expect(
      LabManifold.points(count: 50, dimension: 2, seed: 7, trial: 3)
        == LabManifold.points(count: 50, dimension: 2, seed: 7))
    // Four turns: the spiral's angle runs to 4 · 2π.
    #expect(LabManifold.turns == 4)
  }

  /// A two-trial k = 4 lab averages trial 0 on the seed's draw and trial 1 on its own draw,
  /// each with its own weights: rebuilt here pass by pass.
  @Test func trialsOfALabSeeDifferentDraws() {
    let shape = BottleneckShape(inputChannels: 8, expansion: 6, outputChannels: 8, hasShortcut: false)
    let lab = BottleneckLab(shape: shape, manifoldDimension: 4, points: 300, seed: 3, trials: 2)
    func recoverability(trial: Int, draw: Int) -> Double {
      let inputs = LabPass.Inputs(LabManifold.points(count: 300, dimension: 4, seed: 3, trial: draw))
      return LabPass.run(
        weights: lab.weights(trial: trial), manifoldDimension: 4, shortcut: false, inputs: inputs,
        projections: [.linear], neighbours: lab.measuresNeighbours, keepDecoded: false)[0].recoverability
    }
    let own = (recoverability(trial: 0, draw: 0) + recoverability(trial: 1, draw: 1)) / 2
    let shared = (recoverability(trial: 0, draw: 0) + recoverability(trial: 1, draw: 0)) / 2
    #expect(own != shared)
    #expect(abs(lab.run().recoverability.mean - own) < 1e-12)
  }
}
