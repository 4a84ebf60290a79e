import Testing

@testable import AblationKit

@Suite struct TrainingTests {
  /// The same seed gives the same bits: weights, batch order and every accuracy.
  @Test func aRunIsReproducible() {
    let data = TwoSpirals(seed: 5)
    let run = TrainingRun(spec: MiniNetSpec(width: 3), seed: 11, steps: 60, evaluationInterval: 20)
    let a = run.run(data: data)
    let b = run.run(data: data)
    #expect(a.curve == b.curve)
    #expect(a.net.parameters == b.net.parameters)
    #expect(a.curve.map(\.step) == [20, 40, 60])
  }

  /// A session advanced in uneven chunks ends in the same bits as one run straight through,
  /// so the explorer's background training shows what `mnv2 ablation` prints.
  @Test func chunkedTrainingIsTheSameRun() {
    let data = TwoSpirals(seed: 2)
    let run = TrainingRun(
      spec: MiniNetSpec(width: 2, projection: .relu6), seed: 7, steps: 130, evaluationInterval: 25)
    let whole = run.run(data: data)
    var session = TrainingSession(run: run, data: data)
    for chunk in [1, 24, 50, 3, 100] {
      session.advance(by: chunk)
      #expect(session.curve.map(\.step) == whole.curve.map(\.step).filter { $0 <= session.step })
    }
    #expect(session.isFinished && session.step == 130)
    #expect(session.result!.curve == whole.curve)
    #expect(session.result!.net.parameters == whole.net.parameters)
    #expect(session.result!.net.running == whole.net.running)
    // Past the end nothing moves.
    session.advance(by: 10)
    #expect(session.step == 130 && session.curve.count == whole.curve.count)
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
      .run(data: data)
    #expect(result.curve.first!.accuracy < result.lastAccuracy)
    #expect(result.lastAccuracy > 0.9, "\(result.curve)")
  }

  /// The final accuracy is the mean of the last five evaluations, each on all 4,000 test
  /// points: a single end point moved the d = 4 verdict with the stopping step.
  @Test func theFinalAccuracyIsTheMeanOfTheLastFiveEvaluations() {
    let spec = MiniNetSpec(width: 4)
    #expect(Array(TrainingRun(spec: spec, seed: 1).finalEvaluationSteps) == [1300, 1350, 1400, 1450, 1500])
    #expect(
      Array(TrainingRun(spec: spec, seed: 1, steps: 1473).finalEvaluationSteps) == [
        1300, 1350, 1400, 1450, 1473,
      ])
    #expect(Array(TrainingRun(spec: spec, seed: 1, steps: 120).finalEvaluationSteps) == [50, 100, 120])
    #expect(Array(TrainingRun(spec: spec, seed: 1, steps: 1).finalEvaluationSteps) == [1])
    let data = TwoSpirals(seed: 1)
    let result = TrainingRun(spec: spec, seed: 1, steps: 300).run(data: data)
    #expect(result.curve.map(\.step) == [50, 100, 150, 200, 250, 300])
    let lastFive = result.curve.suffix(5).map(\.accuracy)
    #expect(result.finalAccuracy == (lastFive[0] + lastFive[1] + lastFive[2] + lastFive[3] + lastFive[4]) / 5)
    // Measured on the whole test set: the last one is the trained net's accuracy on all 4,000,
    // a multiple of 1/4000, where the first (on 1,000) is a multiple of 1/1000.
    #expect(result.lastAccuracy == TrainingRun.accuracy(result.net, on: data.test))
    #expect(result.curve.suffix(5).allSatisfy { ($0.accuracy * 4000).rounded() == $0.accuracy * 4000 })
    #expect((result.curve[0].accuracy * 1000).rounded() == result.curve[0].accuracy * 1000)
  }
}

/// The decision map is the trained net's own decision: a well-trained wide net puts the
/// test points in cells of their own class (checked against the data's labels), and the map
/// is the same bits each time.
@Suite struct DecisionMapTests {
  @Test func testPointsFallOnTheirOwnSide() {
    let data = TwoSpirals(seed: 1)
    let result = TrainingRun(spec: MiniNetSpec(width: 8), seed: 1, steps: 600, evaluationInterval: 600)
      .run(data: data)
    let map = DecisionMap(result.net, columns: 160, rows: 160)
    #expect(map == DecisionMap(result.net, columns: 160, rows: 160))
    var agreeing = 0
    let test = data.test
    for n in 0..<test.count {
      guard let cell = map.cell(x: Double(test.x[n]), y: Double(test.y[n])) else { continue }
      let side = map.probability(column: cell.column, row: cell.row) > 0.5 ? 1 : 0
      if side == test.labels[n] { agreeing += 1 }
    }
    // A 160×160 grid is fine next to the arms (0.014 a cell), so the map's accuracy is the
    // net's to within a few points near the boundary.
    let mapAccuracy = Double(agreeing) / Double(test.count)
    #expect(abs(mapAccuracy - result.finalAccuracy) < 0.03, "map \(mapAccuracy), net \(result.finalAccuracy)")
    #expect(map.probabilities.allSatisfy { (0...1).contains($0) })
  }

  @Test func cellsAndCentresAgree() {
    for (column, row) in [(0, 0), (3, 7), (9, 4)] {
      let centre = DecisionMap.centre(column: column, row: row, columns: 10, rows: 8, extent: 1.1)
      let net = InvertedResidualNet(spec: MiniNetSpec(width: 2), seed: 1)
      let map = DecisionMap(net, columns: 10, rows: 8)
      #expect(map.cell(x: centre.x, y: centre.y)! == (column, row))
    }
    let map = DecisionMap(InvertedResidualNet(spec: MiniNetSpec(width: 2), seed: 1), columns: 10, rows: 8)
    #expect(map.cell(x: 1.2, y: 0) == nil)
  }
}

/// The memory estimate is built from what the code allocates, so it cannot fall below it.
@Suite struct AblationMemoryTests {
  /// `Pass.bytes` is the sum of the arrays a pass holds, for every variant's shape.
  @Test func passBytesAreWhatAPassAllocates() {
    for spec in [
      MiniNetSpec(width: 2), MiniNetSpec(width: 64, projection: .relu6),
      MiniNetSpec(width: 3, shortcut: .expansions),
    ] {
      let net = InvertedResidualNet(spec: spec, seed: 1)
      for batch in [1, 128, 4000] {
        let pass = InvertedResidualNet.Pass(for: net, batch: batch)
        let floats =
          pass.activations.count + pass.slotGradients.count + pass.normalised.count
          + pass.inverseDeviation.count
          + pass.parameterGradient.count
        #expect(InvertedResidualNet.Pass.bytes(for: net, batch: batch) == floats * 4, "\(spec) \(batch)")
      }
      #expect(net.bytes == (net.parameters.count + net.running.count) * 4)
    }
  }

  /// Every finished run is kept with its weights: the estimate grows with the runs, not only
  /// with the widest pass (640 runs at d = 64 keep 0.8 GB of weights, which it left out).
  @Test func keptRunsAreCounted() {
    let few = AblationStudy(activationWidths: [64], seeds: 1, steps: 1).workEstimate(workers: 2).bytes
    let many = AblationStudy(activationWidths: [64], seeds: 100, steps: 1).workEstimate(workers: 2).bytes
    let net = InvertedResidualNet(spec: MiniNetSpec(width: 64), seed: 1)
    #expect(many - few >= Double(2 * 99 * net.bytes))
  }
}
