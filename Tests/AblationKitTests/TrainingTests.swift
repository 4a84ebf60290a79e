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
    #expect(result.curve.first!.accuracy < result.finalAccuracy)
    #expect(result.finalAccuracy > 0.9, "\(result.curve)")
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
