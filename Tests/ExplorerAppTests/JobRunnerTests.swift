import AblationKit
import Foundation
import TermCanvas
import TerminalBackend
import Testing

@testable import Explorer
@testable import ExplorerApp

/// The app's long-job runner: keys never wait for a job, a cancelled job stops, and the
/// board it trains does not depend on how its steps were scheduled.
@Suite struct JobRunnerTests {
  static let theme = Theme(colored: true, unicode: true)
  /// A board small enough to train in a test, at its own seed.
  static let study = AblationStudy(
    comparison: .both, activationWidths: [2, 3], shortcutWidths: [3], seeds: 2, steps: 600, seed: 21)

  static func ablationState() -> ExplorerState {
    var state = ExplorerState(view: .ablation, seed: study.seed)
    state.ablation = AblationBoard(study: study)
    return state
  }

  /// A gate a worker thread waits at until the test opens it (or ten seconds pass, so a
  /// test that fails cannot hang the suite).
  final class Gate: @unchecked Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var passedCount = 0

    func wait() {
      _ = semaphore.wait(timeout: .now() + 10)
      lock.withLock { passedCount += 1 }
    }
    func open(_ times: Int = 1) { for _ in 0..<times { semaphore.signal() } }
    var passed: Int { lock.withLock { passedCount } }
  }

  /// Waits (up to five seconds) until `condition` holds; it is what other threads do.
  static func eventually(_ condition: () -> Bool) -> Bool {
    for _ in 0..<5000 {
      if condition() { return true }
      usleep(1000)
    }
    return condition()
  }

  /// Every job's first step is held at a gate while the keys are typed: the loop handles
  /// every key, draws a frame for each, and quits while the step is still under way. Had a
  /// key waited for the job, the loop could not have finished before the gate opened.
  @Test func keysAreHandledWhileAJobRuns() {
    let gate = Gate()
    let runner = ThreadedJobRunner { job, context in
      gate.wait()
      return job.step(context)
    }
    let keys: [Key] = [.character("b"), .character("b"), .character("D"), .character("d"), .character("b")]
    let backend = TestBackend(
      width: 80, height: 24, script: keys.map { .key($0) } + [.key(.character("q"))],
      keysArriveWhileBusy: true)
    var loop = ExplorerRunLoop(state: Self.ablationState(), theme: Self.theme, runner: runner)
    let final = loop.run(on: backend)
    let stepsWhenTheLoopEnded = runner.steps
    gate.open(100)
    #expect(final.quitRequested && final.ablation.front == .shortcut && final.ablation.width == 2)
    #expect(stepsWhenTheLoopEnded.taken == 0 && stepsWhenTheLoopEnded.underWay > 0)
    // The first frame, then one for each key (q quits undrawn).
    #expect(backend.frames.count == 1 + keys.count)
    #expect(backend.frames.last!.plainText().contains("Figure 6b in miniature"))
    #expect(!runner.hasJobs, "quitting cancelled the jobs")
  }

  /// A job stepped one gate-opening at a time: after the cancel, the step under way ends
  /// and its report is dropped, and no step follows, however often the gate opens.
  @Test func cancellingStopsTheWork() {
    let gate = Gate()
    let runner = ThreadedJobRunner(workers: 1) { _, _ in
      gate.wait()
      return .runProgressed(RunKey(spec: MiniNetSpec(width: 2), seedIndex: 0), [])
    }
    let job = LongJob.training(TrainingJob(study: Self.study, key: AblationBoard(study: Self.study).plan[0]))
    runner.start(JobID(1), job)
    gate.open(3)
    #expect(Self.eventually { runner.steps.taken == 3 && runner.steps.underWay == 1 })
    #expect(runner.reports(waiting: .zero).count == 3)
    runner.cancel(JobID(1))
    #expect(!runner.hasJobs)
    gate.open(5)
    #expect(Self.eventually { runner.steps.underWay == 0 })
    usleep(50_000)  // time for a wrongly continued job to show itself
    #expect(runner.steps.taken == 4 && gate.passed == 4)
    #expect(runner.reports(waiting: .zero).isEmpty)
    runner.cancelAll()
  }

  /// A measurement has the machine to itself: while the timing job waits or steps, no
  /// training step starts, on any worker.
  @Test func aMeasurementStepsAlone() {
    let overlap = Overlap()
    let request = TimingRequest(network: ExplorerState().network, threads: 1)
    // One step, then the measurement is over (a failure is a final report).
    let over = TimingStatus(request: request, runsDone: 0, calibration: nil, profile: nil, failure: "test")
    let runner = ThreadedJobRunner(workers: 2) { job, _ in
      overlap.enter(job.isExclusive)
      defer { overlap.leave() }
      usleep(2000)
      if job.isExclusive { return .timingProgressed(over) }
      return .runProgressed(RunKey(spec: MiniNetSpec(width: 2), seedIndex: 0), [])
    }
    let board = AblationBoard(study: Self.study)
    runner.start(JobID(1), .training(TrainingJob(study: Self.study, key: board.plan[0])))
    runner.start(JobID(2), .training(TrainingJob(study: Self.study, key: board.plan[1])))
    #expect(Self.eventually { runner.steps.taken >= 4 })
    runner.start(JobID(3), .timing(NetworkTiming(request: request)))
    #expect(Self.eventually { overlap.exclusiveSteps == 1 })
    #expect(Self.eventually { runner.steps.taken >= overlap.exclusiveSteps + 8 })
    runner.cancelAll()
    #expect(overlap.violations == 0)
  }

  /// The same seed gives the same board bit for bit (its archive's bytes) whether it is
  /// trained on this thread for an export, by the threaded runner on one worker or two
  /// with keys typed meanwhile, or a step a turn without threads.
  @Test func theSameSeedGivesTheSameBoardWhateverTheTiming() throws {
    // Each trains with a memo of its own, so none takes another's runs ready-made.
    func fresh() -> JobContext { JobContext(trainedRuns: TrainedRunCache()) }
    var settled = Self.ablationState()
    EffectRunner.settle(&settled, context: fresh())
    let reference = try #require(BoardArchive.encode(settled.ablation))
    let keys: [TestBackend.Step] = [
      .key(.character("b")), .nothing, .key(.character("D")), .nothing, .nothing, .key(.character("b")),
    ]
    let runners: [any JobRunner] = [
      ThreadedJobRunner(workers: 1, context: fresh()), ThreadedJobRunner(workers: 2, context: fresh()),
      SteppedJobRunner(context: fresh()),
    ]
    for (index, runner) in runners.enumerated() {
      // The script ends without a q: the loop reads on until the jobs are done, then sees
      // the end of input and quits.
      let backend = TestBackend(width: 80, height: 24, script: keys, keysArriveWhileBusy: index == 2)
      var loop = ExplorerRunLoop(state: Self.ablationState(), theme: Self.theme, runner: runner)
      let board = loop.run(on: backend).ablation
      #expect(board.isComplete, "runner \(index)")
      #expect(BoardArchive.encode(board) == reference, "runner \(index)")
    }
  }
}

/// Counts steps that ran beside a measurement's step.
private final class Overlap: @unchecked Sendable {
  private let lock = NSLock()
  private var inside = 0
  private var exclusiveInside = false
  private var overlaps = 0
  private var exclusive = 0

  var exclusiveSteps: Int { lock.withLock { exclusive } }
  var violations: Int { lock.withLock { overlaps } }

  func enter(_ isExclusive: Bool) {
    lock.withLock {
      if exclusiveInside || (isExclusive && inside > 0) { overlaps += 1 }
      inside += 1
      if isExclusive {
        exclusiveInside = true
        exclusive += 1
      }
    }
  }

  func leave() {
    lock.withLock {
      inside -= 1
      exclusiveInside = false
    }
  }
}
