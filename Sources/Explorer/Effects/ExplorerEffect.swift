import BottleneckLab
import ManifoldKit

/// Work the reducer asks for and never does itself: the run loop performs it (after the
/// screen is drawn) and sends the result back as an action.
public enum ExplorerEffect: Equatable, Sendable {
  case runManifold(ManifoldRequest)
  case runLab(LabRequest)
  /// A chunk of the Ablation view's training; the reducer asks for the next as each returns.
  case trainAblation(AblationBatch)
  /// One step of the Network view's measured column (`T`): compile, or one pass.
  case timeNetwork(NetworkTiming)

  /// The heavy part: pure computation, no I/O.
  public func perform() -> ExplorerAction {
    switch self {
    case .runManifold(let request):
      return .manifoldComputed(request.experiment.run())
    case .runLab(let request):
      let results = BottleneckLab(
        shape: request.shape, manifoldDimension: request.dimension, shortcut: request.shortcut,
        points: ExplorerState.labPoints, seed: request.seed
      ).run(projections: [.linear, .relu6])
      return .labComputed(
        ComputedLab(request: request, results: LabPair(linear: results[0], relu6: results[1])))
    case .trainAblation(let batch):
      return .ablationAdvanced(batch.perform())
    case .timeNetwork(let timing):
      return .timingAdvanced(timing.advanced(clock: NetworkTiming.systemClock))
    }
  }
}

/// What Figure 1 on screen is computed from.
public struct ManifoldRequest: Equatable, Sendable {
  public var seed: UInt64
  public var activation: ManifoldActivation

  /// The request a result answers.
  init(result: ManifoldResult) {
    self.init(seed: result.experiment.seed, activation: result.experiment.activation)
  }

  init(seed: UInt64, activation: ManifoldActivation) {
    self.seed = seed
    self.activation = activation
  }

  var experiment: ManifoldExperiment {
    ManifoldExperiment(
      spiral: Spiral(points: ExplorerState.manifoldPoints), dimensions: ManifoldExperiment.paperDimensions,
      activation: activation, seed: seed)
  }
}

/// What the lab on screen is computed from; the weights and points depend on nothing else.
public struct LabRequest: Equatable, Sendable {
  public var shape: BottleneckShape
  public var dimension: Int
  public var shortcut: Bool
  public var seed: UInt64
}

/// Performs effects on the calling thread until none is left: for one-shot renders (exports,
/// handouts, benchmarks, tests), where there is no screen to draw in between.
public enum EffectRunner {
  /// `ablationProgress` hears (runs trained, runs in all) after each chunk of Figure 6, the
  /// one effect long enough (about 17 s for the whole board) to want a progress line.
  public static func settle(_ state: inout ExplorerState, ablationProgress: ((Int, Int) -> Void)? = nil) {
    var queue = ExplorerReducer.reduce(&state, .refresh)
    while !queue.isEmpty {
      let effect = queue.removeFirst()
      queue += ExplorerReducer.reduce(&state, effect.perform())
      if case .trainAblation = effect {
        ablationProgress?(state.ablation.finished.count, state.ablation.runCount)
      }
    }
  }
}
