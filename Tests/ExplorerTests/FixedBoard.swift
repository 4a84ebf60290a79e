import AblationKit

@testable import Explorer

/// A finished Figure 6 board made by hand, not trained: the Ablation view's layout tests draw
/// it, so a change to the training's bits can never move their snapshots (the numbers a
/// trained board shows are `AblationBoardTests.theBoardIsTheStudy`'s subject).
///
/// Each run's curve rises from 50% towards a target fixed per variant: accuracy(step) =
/// 0.5 + (target − 0.5)·step/(step + 300) + noise, the noise a whole number of 0.15-point
/// steps from −8 to +8 drawn from the seed and the variant by integer arithmetic, so seeds
/// spread and intervals have width. The first seed's decision map is rings and quadrants
/// from a formula in binary fractions; the nets are untrained. No libm call is involved, so
/// the snapshots are the same on every machine.
enum FixedBoard {
  /// Final targets by width and projection, in the paper's direction except at d = 8.
  static func target(_ spec: MiniNetSpec) -> Double {
    let linear: [Int: Double] = [2: 0.84, 3: 0.91, 4: 0.94, 8: 0.95]
    let relu6: [Int: Double] = [2: 0.63, 3: 0.80, 4: 0.90, 8: 0.97]
    switch (spec.projection, spec.shortcut) {
    case (.linear, .bottlenecks): return linear[spec.width] ?? 0.9
    case (.relu6, _): return relu6[spec.width] ?? 0.85
    case (_, .expansions): return 0.92
    case (_, .none): return 0.90
    }
  }

  static func runs(for study: AblationStudy) -> [RunKey: FinishedRun] {
    var runs: [RunKey: FinishedRun] = [:]
    for (variant, spec) in study.variants.enumerated() {
      for seedIndex in 0..<study.seeds {
        let run = study.run(spec, seedIndex: seedIndex)
        let noise = 0.0015 * Double((seedIndex * 37 + variant * 11) % 17 - 8)
        let curve = run.evaluationSteps.map { step in
          let rise = (target(spec) - 0.5) * Double(step) / Double(step + 300)
          return CurvePoint(step: step, accuracy: 0.5 + rise + noise)
        }
        let result = TrainingResult(run: run, curve: curve, net: InvertedResidualNet(spec: spec, seed: 7))
        runs[RunKey(spec: spec, seedIndex: seedIndex)] = FinishedRun(
          result: result, map: seedIndex == 0 ? ringMap(sureness: target(spec)) : nil)
      }
    }
    return runs
  }

  /// p(class 1) on a 64 × 64 grid: rings crossed with quadrants, surer for a better run.
  static func ringMap(sureness target: Double) -> DecisionMap? {
    let side = TrainingJob.mapSide
    let sure = Float(0.9 * (target - 0.5))
    var values: [Float] = []
    for row in 0..<side {
      for column in 0..<side {
        let x = Double(2 * column + 1 - side) / Double(side), y = Double(side - 2 * row - 1) / Double(side)
        let ring = Int((x * x + y * y) * 2), quadrant = x * y > 0 ? 1 : 0
        values.append((ring + quadrant) % 2 == 1 ? 0.5 + sure : 0.5 - sure)
      }
    }
    return DecisionMap(columns: side, rows: side, extent: 1.1, probabilities: values)
  }

  /// The explorer's state with the fixed board restored, as the cache would restore one.
  static func state() -> ExplorerState {
    var state = ExplorerState()
    let study = state.ablation.study
    _ = ExplorerReducer.reduce(&state, .ablationRestored(study, runs(for: study)))
    return state
  }
}
