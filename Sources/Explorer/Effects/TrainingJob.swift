import AblationKit
import Foundation

/// One run of the Ablation view's Figure 6 as a long job: a few hundred training steps a
/// step of the job (about 50 ms), its curve reported after each, and its decision map drawn
/// when it finishes on its variant's first seed. The weights, the optimiser's state and the
/// scratch buffers live here, with the runner, and never in the explorer's state.
public struct TrainingJob: Equatable, Sendable {
  public let study: AblationStudy
  public let key: RunKey
  /// The run part-way through; nil before its first step.
  var session: TrainingSession?

  public init(study: AblationStudy, key: RunKey) {
    self.study = study
    self.key = key
  }

  /// Runs trained at once: one per core, as `mnv2 ablation` does.
  public static let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
  /// Decision maps are this many cells a side; the screen samples them at its own size.
  public static let mapSide = 64

  var run: TrainingRun { study.run(key.spec, seedIndex: key.seedIndex) }

  /// Trains one chunk further. A run this process trained before (the memo) is done at once.
  mutating func step(_ context: JobContext) -> JobReport {
    let run = self.run
    let memoKey = TrainedRunCache.Key(run: run, dataSeed: study.seed)
    if session == nil, let done = context.trainedRuns.finished(memoKey) {
      return .runFinished(key, done)
    }
    var session = self.session ?? TrainingSession(run: run, data: TwoSpirals(seed: study.seed))
    session.advance(by: Self.chunkSteps(key.spec))
    guard let result = session.result else {
      self.session = session
      return .runProgressed(key, session.curve)
    }
    self.session = nil
    let map = key.seedIndex == 0 ? DecisionMap(result.net, columns: Self.mapSide, rows: Self.mapSide) : nil
    let finished = FinishedRun(result: result, map: map)
    context.trainedRuns.store(finished, for: memoKey)
    return .runFinished(key, finished)
  }

  /// Steps of a run per chunk, a multiple of the evaluation interval: about 50 ms at the
  /// speed measured here (a step costs about 40 µs plus 2.4 G multiply-adds a second; see
  /// `mnv2-bench ablation-parts`), from 500 steps at d = 2 to 50 at d = 8.
  static func chunkSteps(_ spec: MiniNetSpec) -> Int {
    let operations = Double(spec.multiplyAddsPerPoint * 3 * TrainingRun.defaultBatchSize)
    let microseconds = 40 + operations / 2400
    let interval = TrainingRun.defaultEvaluationInterval
    return max(interval, Int(50_000 / microseconds) / interval * interval)
  }
}
