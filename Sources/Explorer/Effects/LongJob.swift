import AblationKit
import Dispatch

/// Names one long job for as long as it runs, so the reducer can tell a job's reports from
/// a stale job's and say which job to cancel.
public struct JobID: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let value: UInt64

  public init(_ value: UInt64) { self.value = value }

  public static func < (a: JobID, b: JobID) -> Bool { a.value < b.value }
  public var description: String { "job \(value)" }
}

/// Work too long for one frame: a Figure 6 training run, or the measured column. A job is
/// a value that a `JobRunner` advances one bounded step at a time (about 50 ms at most), so
/// a runner can stop it between any two steps; each step reports what the screen may show.
///
/// A job's reports depend only on the job, never on when or on which thread its steps ran:
/// the same seed gives the same board bit for bit, however a runner schedules it.
public enum LongJob: Equatable, Sendable {
  case training(TrainingJob)
  case timing(NetworkTiming)

  /// A measurement must have the machine to itself: while it runs, a runner steps no other
  /// job, so the time it reports is not shared with training.
  public var isExclusive: Bool {
    if case .timing = self { return true }
    return false
  }

  /// Advances the job by one step and says what it got to.
  public mutating func step(_ context: JobContext) -> JobReport {
    switch self {
    case .training(var job):
      let report = job.step(context)
      self = .training(job)
      return report
    case .timing(let timing):
      let next = timing.advanced(clock: context.clock)
      self = .timing(next)
      return .timingProgressed(next.status)
    }
  }

  /// Every report of the job, run to its end on the calling thread: for one-shot renders
  /// (exports, handouts, tests), where there is no screen to draw between the steps.
  public func reportsToTheEnd(_ context: JobContext) -> [JobReport] {
    var job = self
    var reports: [JobReport] = []
    repeat { reports.append(job.step(context)) } while !reports.last!.isFinal
    return reports
  }
}

/// What one step of a job got to, for the reducer (`ExplorerAction.jobReported`).
public enum JobReport: Equatable, Sendable {
  /// A Figure 6 run part-way: its curve so far.
  case runProgressed(RunKey, [CurvePoint])
  /// A Figure 6 run done, with its decision map on the first seed.
  case runFinished(RunKey, FinishedRun)
  /// The measured column after one more step (compile, calibrate, or a pass).
  case timingProgressed(TimingStatus)

  /// Whether this is the job's last report: the runner then forgets the job.
  public var isFinal: Bool {
    switch self {
    case .runProgressed: return false
    case .runFinished: return true
    case .timingProgressed(let status): return status.isComplete
    }
  }
}

/// What jobs may use beyond their own values: the memo of runs already trained, and the
/// clock that times passes. Whoever runs jobs (the app's runner, a one-shot command, a
/// test) hands one to each job.
public struct JobContext: Sendable {
  public var trainedRuns: TrainedRunCache
  public var clock: @Sendable () -> UInt64

  public init(
    trainedRuns: TrainedRunCache = .process,
    clock: @escaping @Sendable () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }
  ) {
    self.trainedRuns = trainedRuns
    self.clock = clock
  }
}
