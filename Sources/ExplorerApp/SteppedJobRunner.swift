import Explorer

/// A runner without threads, for tests that drive the run loop step by step: every call
/// to `reports` advances each job by one step, in the order the jobs were started. What a
/// test sees is then fixed by its script of keys, never by timing.
public final class SteppedJobRunner: JobRunner {
  private var jobs: [(id: JobID, job: LongJob)] = []
  private let context: JobContext
  /// Steps taken, over every job.
  public private(set) var stepsTaken = 0

  public init(context: JobContext = JobContext()) { self.context = context }

  public func start(_ id: JobID, _ job: LongJob) { jobs.append((id, job)) }
  public func cancel(_ id: JobID) { jobs.removeAll { $0.id == id } }
  public func cancelAll() { jobs = [] }
  public var hasJobs: Bool { !jobs.isEmpty }
  /// The jobs still running, for tests.
  public var running: [JobID] { jobs.map(\.id) }

  public func reports(waiting timeout: Duration) -> [(JobID, JobReport)] {
    var reports: [(JobID, JobReport)] = []
    for index in jobs.indices {
      reports.append((jobs[index].id, jobs[index].job.step(context)))
      stepsTaken += 1
    }
    let finished = Set(reports.filter { $0.1.isFinal }.map(\.0))
    jobs.removeAll { finished.contains($0.id) }
    return reports
  }
}
