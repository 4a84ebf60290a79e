import Explorer
import Foundation

/// The app's runner: a few worker threads, one per core, each taking one step of a job at
/// a time, so the loop that draws and reads keys never waits for the work.
///
/// Jobs take turns a step at a time, oldest first. A measurement (`LongJob.isExclusive`)
/// steps only when no other step is under way, and while it is waiting or stepping no other
/// job starts a step, so the times it reports are the machine's alone.
///
/// A cancelled job stops at its next step boundary: the step under way (about 50 ms at most)
/// finishes, and its report is dropped. The threads start with the first job, and end
/// when everything is cancelled (`cancelAll`, as the run loop does on its way out).
public final class ThreadedJobRunner: JobRunner, @unchecked Sendable {
  public typealias Stepper = @Sendable (inout LongJob, JobContext) -> JobReport

  private struct Entry {
    var id: JobID
    var job: LongJob
    var stepping = false
  }

  private let condition = NSCondition()
  private var entries: [Entry] = []
  private var posted: [(JobID, JobReport)] = []
  /// Bumped by `cancelAll`: workers of an older generation end after their step.
  private var generation = 0
  private var threadsStarted = false
  private let workers: Int
  private let context: JobContext
  private let stepper: Stepper
  /// Steps under way, and taken, over every job: for tests.
  private var stepsUnderWay = 0
  private var stepCount = 0

  /// `stepper` takes one step of a job; tests replace it to count or slow the steps.
  public init(
    workers: Int = TrainingJob.workers, context: JobContext = JobContext(),
    stepper: @escaping Stepper = { job, context in job.step(context) }
  ) {
    self.workers = max(1, workers)
    self.context = context
    self.stepper = stepper
  }

  public func start(_ id: JobID, _ job: LongJob) {
    condition.lock()
    entries.append(Entry(id: id, job: job))
    if !threadsStarted {
      threadsStarted = true
      for index in 0..<workers {
        let thread = Thread { [self, generation] in work(generation) }
        thread.name = "mnv2 job worker \(index + 1)"
        thread.start()
      }
    }
    condition.broadcast()
    condition.unlock()
  }

  public func cancel(_ id: JobID) {
    condition.lock()
    entries.removeAll { $0.id == id }
    posted.removeAll { $0.0 == id }
    condition.broadcast()
    condition.unlock()
  }

  /// Cancels everything and lets the worker threads end (after any step under way); a
  /// later `start` starts new ones.
  public func cancelAll() {
    condition.lock()
    entries = []
    posted = []
    generation += 1
    threadsStarted = false
    condition.broadcast()
    condition.unlock()
  }

  public var hasJobs: Bool {
    condition.lock()
    defer { condition.unlock() }
    return !entries.isEmpty || !posted.isEmpty
  }

  /// Steps taken so far over every job, and whether one is under way now.
  public var steps: (taken: Int, underWay: Int) {
    condition.lock()
    defer { condition.unlock() }
    return (stepCount, stepsUnderWay)
  }

  public func reports(waiting timeout: Duration) -> [(JobID, JobReport)] {
    condition.lock()
    defer { condition.unlock() }
    if posted.isEmpty && timeout > .zero && !entries.isEmpty {
      let (seconds, attoseconds) = timeout.components
      _ = condition.wait(until: Date(timeIntervalSinceNow: Double(seconds) + Double(attoseconds) / 1e18))
    }
    let taken = posted
    posted = []
    return taken
  }

  /// One worker: takes the next step it may, runs it unlocked, files the report.
  private func work(_ born: Int) {
    condition.lock()
    while generation == born {
      guard let index = nextStep() else {
        condition.wait()
        continue
      }
      entries[index].stepping = true
      stepsUnderWay += 1
      let id = entries[index].id
      var job = entries[index].job
      condition.unlock()
      let report = stepper(&job, context)
      condition.lock()
      stepsUnderWay -= 1
      stepCount += 1
      // A job cancelled meanwhile is gone: its report is dropped.
      if generation == born, let now = entries.firstIndex(where: { $0.id == id }) {
        entries.remove(at: now)
        if !report.isFinal { entries.append(Entry(id: id, job: job)) }  // to the back: turns
        posted.append((id, report))
      }
      condition.broadcast()
    }
    condition.unlock()
  }

  /// The entry whose step comes next, if one may start now.
  private func nextStep() -> Int? {
    if let exclusive = entries.firstIndex(where: { $0.job.isExclusive }) {
      return stepsUnderWay == 0 ? exclusive : nil
    }
    return entries.firstIndex { !$0.stepping }
  }
}
