import Testing

@testable import ManifoldKit

/// The manifold's cost is known before it runs, so a run of hours is refused at once.
@Suite struct ManifoldWorkEstimateTests {
  /// Hand count for the reliability pass's 4-minute run, `--dims 4096 --trials 10000` at
  /// 2,000 points: per trial 2000 · (4096 + 8) + 4096² = 8,208,000 + 16,777,216 steps.
  @Test func theQuadraticRowCheckIsCounted() {
    let experiment = ManifoldExperiment(spiral: Spiral(points: 2000), dimensions: [4096], trials: 10_000)
    #expect(experiment.workEstimate.operations == 10_000 * (8_208_000 + 16_777_216))
    #expect(throws: ManifoldError.self) { try experiment.validate() }
  }

  /// 16 bytes a point for the spiral and each panel's recovered points, on top of the program:
  /// 10^7 points in the paper's 5 panels is 960 MB (measured peak RSS: 962 MB).
  @Test func memoryIsSixteenBytesAPointAPanel() {
    let experiment = ManifoldExperiment(spiral: Spiral(points: 10_000_000))
    #expect(experiment.workEstimate.bytes == 30e6 + 16 * 10_000_000 * 6)
    #expect(throws: Never.self) { try experiment.validate() }
  }

  @Test func memoryAloneCanRefuse() {
    // 10^7 points in 12 panels, n = 2…13: 1.86e9 steps, under the 4e9 limit, but
    // 16 · 10^7 · 13 bytes = 2.08 GB, over 2 GB.
    let experiment = ManifoldExperiment(spiral: Spiral(points: 10_000_000), dimensions: Array(2...13))
    let estimate = experiment.workEstimate
    #expect(estimate.operations <= ManifoldExperiment.maximumOperations)
    #expect(estimate.bytes > WorkEstimate.maximumBytes)
    #expect(throws: ManifoldError.self) { try experiment.validate() }
  }
}
