import BottleneckLab
import Foundation
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
      // A block too wide for this machine's limits is refused with its estimate, as `mnv2
      // lab` refuses it, instead of aborting on an allocation that fails.
      let lab = request.lab
      let estimate = lab.workEstimate(
        projections: 2, workers: ProcessInfo.processInfo.activeProcessorCount)
      guard estimate.fits(operationLimit: BottleneckLab.maximumOperations, memoryLimit: request.memoryLimit)
      else {
        return .labRefused(LabRefusal(request: request, estimate: estimate))
      }
      let results = lab.run(projections: [.linear, .relu6])
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
  /// The memory the lab may plan (2 GB, or what `ulimit -v` leaves), from the edge.
  public var memoryLimit: Double

  /// The lab this request runs, at the explorer's point count.
  var lab: BottleneckLab {
    BottleneckLab(
      shape: shape, manifoldDimension: dimension, shortcut: shortcut, points: ExplorerState.labPoints,
      seed: seed)
  }
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
