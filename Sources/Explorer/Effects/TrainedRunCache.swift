import AblationKit
import Dispatch

/// Runs already trained in this process. A run is a pure function of its settings and the
/// spirals' seed, so the memo changes no result: going back to an earlier seed, or a second
/// export or handout of Figure 6, shows the trained board at once instead of retraining.
///
/// Jobs read it from their `JobContext`, never from a global: a runner or a command may
/// give its jobs a memo of their own. By default they share the process's (`process`), the
/// same runs being the same whoever asks for them.
public final class TrainedRunCache: @unchecked Sendable {
  /// The memo of this process, which `JobContext()` hands its jobs.
  public static let process = TrainedRunCache()

  struct Key: Hashable {
    var run: TrainingRun
    var dataSeed: UInt64
  }

  private let queue = DispatchQueue(label: "mnv2.trained-runs")
  private var entries: [Key: FinishedRun] = [:]
  private var order: [Key] = []
  /// Four boards of 100 runs: about 5 MB of weights, curves and maps.
  private let capacity = 400

  public init() {}

  func finished(_ key: Key) -> FinishedRun? { queue.sync { entries[key] } }

  func store(_ run: FinishedRun, for key: Key) {
    queue.sync {
      guard entries.updateValue(run, forKey: key) == nil else { return }
      order.append(key)
      if order.count > capacity { entries[order.removeFirst()] = nil }
    }
  }
}
