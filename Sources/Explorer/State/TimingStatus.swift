import Inference

/// The measured column as the screen sees it: how far the measurement has got, and once
/// every run is in, the profile. The compiled network it is measured on stays in the job.
public struct TimingStatus: Equatable, Sendable {
  public let request: TimingRequest
  public let runsDone: Int
  /// The machine's peak and bandwidth, measured once per thread count and carried over to
  /// the next network measured on as many threads.
  public let calibration: MachineCalibration?
  /// Every run's figures, once `runsDone` reaches `NetworkTiming.runs`.
  public let profile: NetworkProfile?
  /// Why the network cannot be timed (too large for the bounds, a layer without output):
  /// shown in place of the column.
  public let failure: String?

  /// A measurement not begun.
  init(request: TimingRequest, calibration: MachineCalibration?) {
    self.init(request: request, runsDone: 0, calibration: calibration, profile: nil, failure: nil)
  }

  init(
    request: TimingRequest, runsDone: Int, calibration: MachineCalibration?, profile: NetworkProfile?,
    failure: String?
  ) {
    self.request = request
    self.runsDone = runsDone
    self.calibration = calibration
    self.profile = profile
    self.failure = failure
  }

  public var isComplete: Bool { failure != nil || profile != nil }
}
