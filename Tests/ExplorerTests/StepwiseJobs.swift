@testable import Explorer

/// The run loop and a runner without threads, for tests of the state alone: quick effects
/// are performed at once, and every running job takes one step a round, its reports
/// reduced in the order the jobs started. What a test sees is fixed by its keys.
struct StepwiseJobs {
  var context = JobContext()
  private(set) var running: [(id: JobID, job: LongJob)] = []
  /// Job steps taken so far.
  private(set) var steps = 0

  /// Performs `effects` and whatever they lead to, until nothing is left or `maximumSteps`
  /// job steps have run (then the jobs still running are left part-way).
  mutating func settle(_ state: inout ExplorerState, _ effects: [ExplorerEffect], maximumSteps: Int = .max) {
    var queue = effects
    while !queue.isEmpty || (!running.isEmpty && steps < maximumSteps) {
      for effect in queue {
        switch effect {
        case .startJob(let id, let job): running.append((id, job))
        case .cancelJob(let id): running.removeAll { $0.id == id }
        case .runManifold, .runLab: break
        }
      }
      queue = queue.filter { !$0.isJob }.flatMap { ExplorerReducer.reduce(&state, $0.perform(context)) }
      guard steps < maximumSteps else { continue }
      var reports: [(JobID, JobReport)] = []
      for index in running.indices where steps < maximumSteps {
        reports.append((running[index].id, running[index].job.step(context)))
        steps += 1
      }
      running.removeAll { job in reports.contains { $0.0 == job.id && $0.1.isFinal } }
      for (id, report) in reports { queue += ExplorerReducer.reduce(&state, .jobReported(id, report)) }
    }
  }
}
