import AblationKit
import Explorer
import ExplorerApp
import Foundation
import TermCanvas

/// The Ablation view as the run loop drives it, without a terminal: the app's runner trains
/// off this thread while this loop takes in reports and draws, as `ExplorerRunLoop` does.
/// It reports when the first curves are on screen, when the front comparison has its
/// verdict and when every run is trained; the longest job step (how late a cancel can take
/// effect); and the longest frame (what a key typed during training waits for at most,
/// beside the loop's 20 ms look for reports).
func benchmarkAblationView() {
  let clock = ContinuousClock()
  let steps = StepTimes()
  let runner = ThreadedJobRunner { job, context in
    let began = ContinuousClock.now
    let report = job.step(context)
    steps.add(seconds(ContinuousClock.now - began))
    return report
  }
  var state = ExplorerState(view: .ablation)
  let start = clock.now
  func absorb(_ effects: [ExplorerEffect]) {
    for effect in effects {
      switch effect {
      case .startJob(let id, let job): runner.start(id, job)
      case .cancelJob(let id): runner.cancel(id)
      case .runManifold, .runLab: _ = ExplorerReducer.reduce(&state, effect.perform())
      }
    }
  }
  absorb(ExplorerReducer.reduce(&state, .refresh))
  var firstCurves: Double?, verdict: Double?
  let front = state.ablation.variants(.activation)
  let theme = Theme(colored: true, unicode: true)
  var frame = 0.0
  while runner.hasJobs {
    let reports = runner.reports(waiting: ExplorerRunLoop.pollInterval)
    let began = clock.now
    for (id, report) in reports { absorb(ExplorerReducer.reduce(&state, .jobReported(id, report))) }
    let screen = ExplorerRenderer.render(state, width: 80, height: 24, theme: theme).plainText()
    frame = max(frame, seconds(clock.now - began))
    if firstCurves == nil && screen.contains("linear")
      && !front.contains(where: { state.ablation.curveCount($0) == 0 })
    {
      firstCurves = seconds(clock.now - start)
    }
    if verdict == nil
      && front.allSatisfy({ state.ablation.result($0)?.runs.count == state.ablation.study.seeds })
    {
      verdict = seconds(clock.now - start)
    }
  }
  runner.cancelAll()
  let total = seconds(clock.now - start)
  let sorted = steps.sorted()
  print(
    "ablation view d=2  first curves \(format(firstCurves ?? .nan)) s  front verdict \(format(verdict ?? .nan)) s  "
      + "all \(state.ablation.runCount) runs \(format(total)) s  complete \(state.ablation.isComplete)")
  print(
    "ablation view job steps \(sorted.count)  median \(format(sorted[sorted.count / 2] * 1000)) ms  "
      + "longest \(format(sorted.last! * 1000)) ms (a cancel waits at most this)  "
      + "longest frame \(format(frame * 1000)) ms (a key waits at most this)")
}

/// Step durations from the runner's worker threads.
private final class StepTimes: @unchecked Sendable {
  private let lock = NSLock()
  private var values: [Double] = []

  func add(_ value: Double) { lock.withLock { values.append(value) } }
  func sorted() -> [Double] { lock.withLock { values.sorted() } }
}
