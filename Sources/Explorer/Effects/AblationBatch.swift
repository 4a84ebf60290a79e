import AblationKit
import Foundation
import Kernels

/// A chunk of the board's training for the run loop: a few hundred steps of one run per
/// core, about 50 ms, so a key pressed meanwhile waits no longer than that.
public struct AblationBatch: Equatable, Sendable {
  public var study: AblationStudy
  public var jobs: [AblationJob]

  /// Runs trained at once: one per core, as `mnv2 ablation` does.
  public static let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
  /// Decision maps are this many cells a side; the screen samples them at its own size.
  public static let mapSide = 64

  /// Trains every job one chunk further, on every core (a run this process has trained
  /// before is taken as it was); a run that finishes on its first seed is mapped.
  public func perform() -> AblationBatch {
    let data = TwoSpirals(seed: study.seed)
    let cache = TrainedRunCache.shared
    var next = self
    for index in next.jobs.indices where next.jobs[index].session == nil {
      next.jobs[index].finished = cache.finished(.init(run: next.jobs[index].run, dataSeed: data.seed))
    }
    let starting = next.jobs.contains { $0.session == nil && $0.finished == nil }
    let points = starting ? (data.training, data.test) : nil
    next.jobs = next.jobs.concurrentMap { job in
      guard job.finished == nil else { return job }
      var job = job
      var session =
        job.session ?? TrainingSession(run: job.run, data: data, training: points!.0, test: points!.1)
      session.advance(by: Self.chunkSteps(job.run.spec))
      if let result = session.result {
        let map =
          job.key.seedIndex == 0 ? DecisionMap(result.net, columns: Self.mapSide, rows: Self.mapSide) : nil
        job.finished = FinishedRun(result: result, map: map)
        cache.store(job.finished!, for: .init(run: job.run, dataSeed: data.seed))
        job.session = nil
      } else {
        job.session = session
      }
      return job
    }
    return next
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

/// One run in a batch: started on its first chunk, then carried from batch to batch.
public struct AblationJob: Equatable, Sendable {
  public var key: RunKey
  public var run: TrainingRun
  /// The run part-way through; nil before its first chunk and once finished.
  public var session: TrainingSession?
  public var finished: FinishedRun?

  init(key: RunKey, run: TrainingRun) {
    self.key = key
    self.run = run
  }
}
