import Testing

@testable import ManifoldKit

@Suite struct ManifoldExperimentTests {
  @Test(arguments: [2, 3, 5, 15, 30, 100])
  func linearRecoversTheSpiralExactly(n: Int) {
    let result = ManifoldExperiment(spiral: Spiral(points: 500), dimensions: [n], activation: .linear).run()
    let panel = result.panels[0]
    for (x, xHat) in zip(result.inputs, panel.recovered) {
      #expect(abs(x.x - xHat.x) < 1e-9 && abs(x.y - xHat.y) < 1e-9)
    }
    #expect(panel.collapsedFraction.mean == 0)
    #expect(panel.zeroedShare.mean == 0)
    #expect(panel.alignedError.mean < 1e-9)
    #expect(panel.theory == 0)
  }

  @Test func reluInTwoDimensionsSendsTheNegativeQuadrantToTheOrigin() {
    // T = [[2, 1], [1, 3]]. Where both rows give a negative value, ReLU(Tx) = 0, so
    // T⁻¹·0 = 0. Where both are positive, x̂ = T⁻¹Tx = x. Where one is, x̂ lies on a ray.
    let embedding = RandomEmbedding(column0: [2, 1], column1: [1, 3])
    let inputs = [Point2(-1, -1), Point2(-0.5, -2), Point2(1, 1), Point2(0.3, 0.2), Point2(1, -0.5)]
    let pass = ManifoldPass(inputs: inputs, embedding: embedding, activation: .relu)
    #expect(abs(pass.recovered[0].x) < 1e-15 && abs(pass.recovered[0].y) < 1e-15)
    #expect(abs(pass.recovered[1].x) < 1e-15 && abs(pass.recovered[1].y) < 1e-15)
    #expect(abs(pass.recovered[2].x - 1) < 1e-12 && abs(pass.recovered[2].y - 1) < 1e-12)
    #expect(abs(pass.recovered[3].x - 0.3) < 1e-12 && abs(pass.recovered[3].y - 0.2) < 1e-12)
    // (1, −0.5): Tx = (1.5, −0.5) → (1.5, 0); T⁻¹ = [[3, −1], [−1, 2]]/5 → (0.9, −0.3).
    #expect(abs(pass.recovered[4].x - 0.9) < 1e-12 && abs(pass.recovered[4].y + 0.3) < 1e-12)
    #expect(pass.collapsedPoints == 3)  // fewer than two positive coordinates
    #expect(pass.zeroedCoordinates == 2 + 2 + 1)
  }

  @Test func relu6ClipsAndCountsClippedCoordinatesAsLost() {
    let embedding = RandomEmbedding(column0: [1, 0, 1], column1: [0, 1, 1])
    // x = (7, 8): Tx = (7, 8, 15) → all clipped to 6: no active coordinate.
    let pass = ManifoldPass(inputs: [Point2(7, 8), Point2(1, 2)], embedding: embedding, activation: .relu6)
    #expect(pass.collapsedPoints == 1)
    #expect(pass.zeroedCoordinates == 0)
  }

  /// Property over n: averaged over many random T, the measured collapsed share matches
  /// Theorem 1 within four standard errors (plus a small allowance for the finite spiral).
  @Test(arguments: [2, 3, 4, 5, 6, 8])
  func collapseAgreesWithTheoremOne(n: Int) {
    let trials = 400
    let experiment = ManifoldExperiment(
      spiral: Spiral(points: 300), dimensions: [n], activation: .relu, seed: UInt64(100 + n), trials: trials)
    let panel = experiment.run().panels[0]
    let summary = panel.collapsedFraction
    let tolerance = 4 * summary.standardError(trials: trials) + 0.003
    #expect(abs(summary.mean - panel.theory) <= tolerance, "n = \(n): \(summary.mean) vs \(panel.theory)")
  }

  @Test func alignedErrorIgnoresShrinkAndRotationButSeesCollapse() {
    let inputs = Spiral(points: 400).generate()
    let rotatedAndShrunk = inputs.map { Point2(0.3 * $0.y + 1, -0.3 * $0.x - 2) }
    #expect(AffineFit.alignedError(inputs: inputs, recovered: rotatedAndShrunk) < 1e-12)
    let ontoALine = inputs.map { Point2($0.x, 0) }
    #expect(AffineFit.alignedError(inputs: inputs, recovered: ontoALine) > 0.3)
    let ontoAPoint = inputs.map { _ in Point2(0, 0) }
    #expect(
      abs(AffineFit.alignedError(inputs: inputs, recovered: ontoAPoint) - meanRadiusOverRMS(inputs)) < 1e-12)
  }

  /// With everything collapsed to one point, the best fit is the mean, so the error is the
  /// mean distance to the centroid over the RMS distance.
  func meanRadiusOverRMS(_ points: [Point2]) -> Double {
    let count = Double(points.count)
    let cx = points.map(\.x).reduce(0, +) / count, cy = points.map(\.y).reduce(0, +) / count
    let distances = points.map { (($0.x - cx) * ($0.x - cx) + ($0.y - cy) * ($0.y - cy)).squareRoot() }
    let rms = (distances.map { $0 * $0 }.reduce(0, +) / count).squareRoot()
    return distances.reduce(0, +) / count / rms
  }

  @Test func sameSeedSameResult() {
    let a = ManifoldExperiment(seed: 9).run(), b = ManifoldExperiment(seed: 9).run()
    #expect(a == b)
    #expect(ManifoldExperiment(seed: 10).run() != a)
  }

  @Test func validationRejectsBadParameters() {
    let bad: [ManifoldExperiment] = [
      ManifoldExperiment(dimensions: []), ManifoldExperiment(dimensions: [0]),
      ManifoldExperiment(dimensions: [1]),
      ManifoldExperiment(dimensions: [-3]), ManifoldExperiment(dimensions: [2, 2]),
      ManifoldExperiment(dimensions: [4097]), ManifoldExperiment(spiral: Spiral(points: 0)),
      ManifoldExperiment(spiral: Spiral(points: 10_000_001)), ManifoldExperiment(trials: 0),
      ManifoldExperiment(spiral: Spiral(turns: .nan)),
      ManifoldExperiment(spiral: Spiral(points: 10_000_000), dimensions: [4096], trials: 1),
    ]
    for experiment in bad {
      #expect(throws: ManifoldError.self) { try experiment.validate() }
    }
    #expect(throws: Never.self) { try ManifoldExperiment().validate() }
  }
}

/// Figure 1's shared square: before the fix the input panel read ±4.80 under ReLU and
/// ±4.20 under linear for the same spiral, so `t` seemed to change the input.
@Suite struct DisplaySquareTests {
  @Test(arguments: [1, 2, 7, 2018] as [UInt64])
  func oneSquareForEveryActivation(seed: UInt64) {
    let results = ManifoldActivation.allCases.map { ManifoldExperiment(activation: $0, seed: seed).run() }
    let extents = results.map(\.displayExtent)
    #expect(Set(extents).count == 1, "seed \(seed): \(extents)")
    for result in results {
      // The input's own reach, written out: every drawn panel stays inside the square.
      let reach = result.inputs.map { max(abs($0.x), abs($0.y)) }.max() ?? 0
      #expect(abs(result.displayExtent - reach * 1.05) < 1e-12)
      for (panel, scale) in zip(result.panels, result.displayScales) {
        let fitted = DisplayScale.factor(inputs: result.inputs, recovered: panel.recovered)
        #expect(scale <= fitted + 1e-12)
        for point in panel.recovered {
          #expect(abs(point.x * scale) <= reach + 1e-9 && abs(point.y * scale) <= reach + 1e-9)
        }
      }
    }
  }
}
