import Inference
import Kernels
import MobileNetKit

/// The network on screen, compiled once for timing. A class because the compiled pass
/// (megabytes of folded weights) travels through effects and actions many times and is
/// never changed: it is shared, not copied, and two timings hold the same one or none.
public final class CompiledNetwork: Sendable {
  let pass: ForwardPass
  let input: Tensor

  init(pass: ForwardPass, input: Tensor) {
    self.pass = pass
    self.input = input
  }
}

/// What the measured column is measured for: the network on screen, on this many threads.
public struct TimingRequest: Equatable, Sendable {
  public var network: Network
  public var threads: Int

  public init(network: Network, threads: Int) {
    self.network = network
    self.threads = threads
  }
}

/// The Network view's measured column (`T`) as a long job, one pass a step: a pass of
/// MobileNetV2 1.0 at 224 takes about 30 ms here; compiling the network and calibrating the
/// machine are a step each. The compiled network stays in the job; the state sees only its
/// `status`.
///
/// Everything in it is measured on the machine running the explorer, at that moment.
public struct NetworkTiming: Equatable, Sendable {
  public let request: TimingRequest
  var compiled: CompiledNetwork?
  public private(set) var calibration: MachineCalibration?
  var perStep: [[UInt64]] = []
  var totals: [UInt64] = []
  var warmedUp = 0
  /// Why the network cannot be timed (too large for the bounds, a layer without output):
  /// shown in place of the column.
  public private(set) var failure: String?

  public static let warmup = 2
  public static let runs = 10
  /// The seed of the weights and the input; the time of a pass does not depend on them.
  static let seed: UInt64 = 1

  /// A new measurement; the machine's calibration carries over from an earlier one on the
  /// same threads (another width is another network, not another machine).
  public init(request: TimingRequest, calibration: MachineCalibration? = nil) {
    self.request = request
    self.calibration = calibration
  }

  public static func == (a: NetworkTiming, b: NetworkTiming) -> Bool {
    a.request == b.request && a.compiled === b.compiled && a.calibration == b.calibration
      && a.perStep == b.perStep && a.totals == b.totals && a.warmedUp == b.warmedUp && a.failure == b.failure
  }

  public var runsDone: Int { totals.count }
  public var isComplete: Bool { failure != nil || runsDone == Self.runs }

  var profileRequest: ProfileRequest {
    ProfileRequest(runs: Self.runs, warmup: Self.warmup, threads: request.threads)
  }

  /// The rows once every run is in.
  public var profile: NetworkProfile? {
    guard failure == nil, runsDone == Self.runs, let compiled, let calibration else { return nil }
    return NetworkProfile.assemble(
      compiled.pass, perStep: perStep, totals: totals, request: profileRequest, calibration: calibration)
  }

  /// One step of the work: compile, calibrate, then one warm-up or timed pass.
  public func advanced(clock: @escaping () -> UInt64) -> NetworkTiming {
    var next = self
    guard failure == nil, !isComplete else { return next }
    guard let compiled else {
      let network = request.network
      do {
        let pass = try NetworkProfile.prepare(
          network: network, weights: SeededWeights.make(for: network, seed: Self.seed), placement: .pytorch,
          request: profileRequest)
        next.compiled = CompiledNetwork(
          pass: pass, input: SeededWeights.input(pass.inputShape(), seed: Self.seed))
        next.perStep = Array(repeating: [], count: pass.steps.count)
      } catch {
        next.failure = error.description
      }
      return next
    }
    // The calibration is a step of its own, so no one step holds the keys for long.
    guard calibration != nil else {
      next.calibration = MachineCalibration.measure(threads: request.threads, clock: clock)
      return next
    }
    if warmedUp < Self.warmup {
      _ = compiled.pass.run(compiled.input, threads: request.threads)
      next.warmedUp += 1
      return next
    }
    let run = compiled.pass.run(compiled.input, threads: request.threads, clock: clock)
    for (index, time) in run.stepNanoseconds.enumerated() { next.perStep[index].append(time) }
    next.totals.append(run.totalNanoseconds)
    return next
  }

  /// What the screen shows of the measurement so far.
  public var status: TimingStatus {
    TimingStatus(
      request: request, runsDone: runsDone, calibration: calibration, profile: profile, failure: failure)
  }
}
