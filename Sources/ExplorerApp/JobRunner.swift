import Explorer

/// Runs the explorer's long jobs (Figure 6's training, the measured column) away from the
/// loop that draws and reads keys, and hands back what they report. The run loop starts and
/// cancels jobs as the reducer says, and reduces each report as an action.
public protocol JobRunner: AnyObject {
  func start(_ id: JobID, _ job: LongJob)
  /// Stops the job at its next step boundary; what it has not reported yet is dropped.
  func cancel(_ id: JobID)
  /// Stops every job: the explorer is quitting.
  func cancelAll()
  /// Whether any job is still running, so the loop looks for reports between keys.
  var hasJobs: Bool { get }
  /// The reports posted since the last call, oldest first; when there is none, waits at
  /// most `timeout` for one.
  func reports(waiting timeout: Duration) -> [(JobID, JobReport)]
}
