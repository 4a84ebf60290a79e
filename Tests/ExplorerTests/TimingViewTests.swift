import Foundation
import Inference
import MobileNetKit
import SnapshotFiles
import TermCanvas
import Testing

@testable import Explorer

/// The measured column (`T`) and the latency lesson step, driven with a clock the test
/// controls: the passes really run, but every reading of the clock advances it by 0.1 ms,
/// so each layer measures exactly 0.1 ms and every figure on screen can be worked out by hand.
@Suite struct TimingViewTests {
  /// A clock that moves 0.1 ms each time it is read, whichever thread reads it.
  final class SteppingClock: @unchecked Sendable {
    private let lock = NSLock()
    private var now: UInt64 = 0

    func read() -> UInt64 {
      lock.withLock {
        now += 100_000
        return now
      }
    }
  }

  static func settled(_ keys: [Key], size: (Int, Int) = (80, 24)) -> ExplorerState {
    var state = ExplorerState()
    state.timingThreads = 2
    for key in keys { _ = ExplorerReducer.reduce(&state, key: key) }
    let clock = SteppingClock()
    var jobs = StepwiseJobs(context: JobContext(clock: { clock.read() }))
    jobs.settle(&state, ExplorerReducer.reduce(&state, .refresh))
    return state
  }

  /// The timing job asked for among `effects`.
  static func timing(_ effects: [ExplorerEffect]) -> (id: JobID, timing: NetworkTiming)? {
    for effect in effects { if case .startJob(let id, .timing(let timing)) = effect { return (id, timing) } }
    return nil
  }

  @Test func theColumnIsOneJobUntilEveryRunIsIn() {
    var state = ExplorerState()
    let idle = ExplorerReducer.reduce(&state, .refresh)
    #expect(Self.timing(idle) == nil)
    let effects = ExplorerReducer.reduce(&state, key: .character("T"))
    guard let first = Self.timing(effects), effects.count == 1 else {
      Issue.record("T should start one timing job, got \(effects)")
      return
    }
    #expect(first.timing.runsDone == 0 && !first.timing.isComplete)
    // Asked once: another key while it runs asks nothing more.
    #expect(ExplorerReducer.reduce(&state, key: .down).isEmpty)
    // Its reports are taken in; a report from any other job is not.
    // Two steps: compile, then calibrate the machine.
    var job = LongJob.timing(first.timing)
    let reports = [job.step(JobContext()), job.step(JobContext())]
    var stale = state
    _ = ExplorerReducer.reduce(&stale, reports.map { .jobReported(JobID(first.id.value + 100), $0) })
    #expect(stale.timing?.calibration == nil)
    _ = ExplorerReducer.reduce(&state, reports.map { .jobReported(first.id, $0) })
    #expect(state.timing?.calibration != nil && state.timingJob == first.id)
    // A key that changes the network while it is measured cancels the job and starts one
    // for the new network; closing the column cancels it.
    var changed = state
    let replaced = ExplorerReducer.reduce(&changed, key: .character("W"))
    #expect(replaced.first == .cancelJob(first.id))
    #expect(Self.timing(replaced)?.timing.request.network == changed.network)
    var closed = state
    #expect(ExplorerReducer.reduce(&closed, key: .character("T")) == [.cancelJob(first.id)])
    let done = Self.settled([.character("T")])
    #expect(done.timing?.runsDone == NetworkTiming.runs)
    let profile = done.measuredProfile!
    #expect(profile.layers.allSatisfy { $0.samples.median == 100_000 })
    // b2 has three layers: 0.3 ms of the layers' 0.1 ms each.
    #expect(profile.blocks[2].samples.median == 300_000)
    #expect(abs(profile.timeShare(profile.blocks[2]) - 3.0 / Double(done.network.layers.count)) < 1e-12)
    // Another width is another network: the column measures again, from the start.
    var wider = done
    let again = ExplorerReducer.reduce(&wider, key: .character("W"))
    #expect(Self.timing(again)?.timing.runsDone == 0)
    // The machine is the same: its calibration carries over.
    #expect(wider.timing?.calibration == done.timing?.calibration && wider.timing?.calibration != nil)
    #expect(wider.measuredProfile == nil)
    // Off again: nothing more is measured.
    var off = done
    _ = ExplorerReducer.reduce(&off, key: .character("T"))
    _ = ExplorerReducer.reduce(&off, key: .character("W"))
    #expect(ExplorerReducer.effects(for: &off).isEmpty)
  }

  @Test func networkViewWithTheMeasuredColumnAt80x24() {
    let state = Self.settled([.character("T")])
    let canvas = ExplorerRenderer.render(
      state, width: 80, height: 24, theme: Theme(colored: true, unicode: true))
    #expect(verifySnapshot(canvas.styledSnapshot(), named: "network-timed-80x24") == nil)
    #expect(canvas.plainText().contains("Measured here"))
  }

  @Test func blockViewWithTheMeasuredColumnAt120x40() {
    let state = Self.settled([.character("T"), .down, .down, .enter])
    let canvas = ExplorerRenderer.render(
      state, width: 120, height: 40, theme: Theme(colored: true, unicode: true))
    #expect(verifySnapshot(canvas.styledSnapshot(), named: "block-b2-timed-120x40") == nil)
  }

  /// The latency step asks first (the prediction takes the visual's place) and shows the
  /// measurement at the reveal.
  @Test func latencyStepRevealsTheMeasurement() {
    let last = LessonParser.bundled.count - 1
    #expect(LessonParser.bundled[last].visual == .latency)
    let keys: [Key] = [.character("L"), .end]
    let before = ExplorerRenderer.render(
      Self.settled(keys), width: 120, height: 40, theme: Theme(colored: true, unicode: true))
    #expect(verifySnapshot(before.styledSnapshot(), named: "lesson-10-120x40") == nil)
    #expect(before.plainText().contains("take on this machine?"))
    #expect(!before.plainText().contains("time share"))
    let after = ExplorerRenderer.render(
      Self.settled(keys + [.character("v")]), width: 120, height: 40,
      theme: Theme(colored: true, unicode: true))
    #expect(verifySnapshot(after.styledSnapshot(), named: "lesson-10-revealed-120x40") == nil)
    #expect(after.plainText().contains("75 ms on one large core of a Pixel 1"))
  }

  /// The lesson's "6.9%" is the depthwise layers' share of MobileNetV2 1.0 at 224's MAdds:
  /// 17 depthwise layers of h·w·c·9 each, over the network's total.
  @Test func theLessonsDepthwiseShareIsTheCountedOne() {
    let network = Network.mobileNetV2()
    let depthwise = network.layers.filter { $0.kind == .depthwise }
    #expect(depthwise.count == 17)
    let madds = depthwise.reduce(0) { $0 + $1.output.height * $1.output.width * $1.output.channels * 9 }
    let share = Double(madds) / Double(network.multiplyAdds)
    #expect((share * 1000).rounded() / 10 == 6.9)
    #expect(LessonParser.bundled.last!.prediction!.question.contains("6.9%"))
  }
}
