import Testing

@testable import AblationKit

@Suite struct TrainingTests {
  /// The same seed gives the same bits: weights, batch order and every accuracy.
  @Test func aRunIsReproducible() {
    let data = TwoSpirals(seed: 5)
    let run = TrainingRun(spec: MiniNetSpec(width: 3), seed: 11, steps: 60, evaluationInterval: 20)
    let a = run.run(training: data.training, test: data.test)
    let b = run.run(training: data.training, test: data.test)
    #expect(a.curve == b.curve)
    #expect(a.net.parameters == b.net.parameters)
    #expect(a.curve.map(\.step) == [20, 40, 60])
  }

  /// The data: half of each class, radii 0.05 to 1 (plus noise), and the two arms apart.
  @Test func theSpiralsAreTheTwoArms() {
    let points = TwoSpirals(seed: 1).training
    #expect(points.count == 4000)
    #expect(points.labels.filter { $0 == 1 }.count == 2000)
    let radii = zip(points.x, points.y).map { ($0 * $0 + $1 * $1).squareRoot() }
    #expect(radii.max()! < 1.1 && radii.min()! < 0.1)
    #expect(TwoSpirals(seed: 1).test != TwoSpirals(seed: 1).training)
  }

  /// Trained long enough, a wide network separates the spirals: the engine learns.
  @Test func aWideNetworkLearnsTheSpirals() {
    let data = TwoSpirals(seed: 1)
    let result = TrainingRun(spec: MiniNetSpec(width: 8), seed: 1, steps: 600, evaluationInterval: 100)
      .run(training: data.training, test: data.test)
    #expect(result.curve.first!.accuracy < result.finalAccuracy)
    #expect(result.finalAccuracy > 0.9, "\(result.curve)")
  }
}
