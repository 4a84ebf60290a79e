import BottleneckLab
import Foundation
import Kernels
import ManifoldKit

/// Work the reducer asks for and never does itself. Figure 1 and the lab are quick: the
/// run loop performs them after the screen is drawn and sends the result back as an action.
/// Training and timing are long jobs: a `JobRunner` owned by the app runs them off the
/// screen's thread, and the reducer starts and cancels them by id.
public enum ExplorerEffect: Equatable, Sendable {
  case runManifold(ManifoldRequest)
  case runLab(LabRequest)
  /// A long job to start; its reports come back as `.jobReported(id, …)`.
  case startJob(JobID, LongJob)
  /// A job whose work nothing needs any more: stop it, and drop what it has not reported.
  case cancelJob(JobID)

  /// Whether a `JobRunner` takes this effect rather than the run loop.
  public var isJob: Bool {
    switch self {
    case .runManifold, .runLab: return false
    case .startJob, .cancelJob: return true
    }
  }

  /// Performs the effect on the calling thread: a quick one's result, or every report of a
  /// job run to its end (a cancel does nothing here: it only stops a runner's job).
  public func perform(_ context: JobContext = JobContext()) -> [ExplorerAction] {
    switch self {
    case .runManifold(let request):
      return [.manifoldComputed(request.experiment.run())]
    case .runLab(let request):
      // A block too wide for this machine's limits is refused with its estimate, as `mnv2
      // lab` refuses it, instead of aborting on an allocation that fails.
      let lab = request.lab
      let estimate = lab.workEstimate(
        projections: 2, workers: ProcessInfo.processInfo.activeProcessorCount)
      guard estimate.fits(operationLimit: BottleneckLab.maximumOperations, memoryLimit: request.memoryLimit)
      else {
        return [.labRefused(LabRefusal(request: request, estimate: estimate))]
      }
      let results = lab.run(projections: [.linear, .relu6])
      return [
        .labComputed(ComputedLab(request: request, results: LabPair(linear: results[0], relu6: results[1])))
      ]
    case .startJob(let id, let job):
      return job.reportsToTheEnd(context).map { .jobReported(id, $0) }
    case .cancelJob:
      return []
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
  /// Jobs started together run together, one per core, each to its end, and their reports
  /// are reduced in the order the jobs were started, so the result never depends on which
  /// finished first. A measurement (an exclusive job) runs alone.
  ///
  /// `ablationProgress` hears (runs trained, runs in all) after each Figure 6 run, the one
  /// piece of work long enough (about 17 s for the whole board) to want a progress line.
  public static func settle(
    _ state: inout ExplorerState, context: JobContext = JobContext(),
    ablationProgress: ((Int, Int) -> Void)? = nil
  ) {
    var queue = ExplorerReducer.reduce(&state, .refresh)
    while !queue.isEmpty {
      let effects = queue
      queue = []
      let cancelled = Set(effects.compactMap { if case .cancelJob(let id) = $0 { id } else { nil } })
      var started: [(JobID, LongJob)] = []
      for effect in effects {
        switch effect {
        case .runManifold, .runLab: queue += ExplorerReducer.reduce(&state, effect.perform(context))
        case .startJob(let id, let job) where !cancelled.contains(id): started.append((id, job))
        case .startJob, .cancelJob: break
        }
      }
      let alone = started.filter { $0.1.isExclusive }.map { [$0] }
      let together = started.filter { !$0.1.isExclusive }
      for group in alone + (together.isEmpty ? [] : [together]) {
        let reports = group.concurrentMap { id, job in job.reportsToTheEnd(context).map { (id, $0) } }
        for (id, report) in reports.joined() {
          queue += ExplorerReducer.reduce(&state, .jobReported(id, report))
          if case .runFinished = report {
            ablationProgress?(state.ablation.finished.count, state.ablation.runCount)
          }
        }
      }
    }
  }
}
