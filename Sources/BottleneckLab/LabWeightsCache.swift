import Dispatch

/// The last few trials' weights. The explorer reruns the same block when k or the shortcut
/// changes, and the weights depend only on the block's widths, the seed and the trial; this
/// memo of a pure function saves drawing them again.
final class LabWeightsCache: @unchecked Sendable {
  static let shared = LabWeightsCache()

  private struct Key: Hashable {
    var inputChannels, expansion, outputChannels: Int
    var seed: UInt64
    var linearised: Bool
  }

  private let queue = DispatchQueue(label: "mnv2.lab-weights")
  private var entries: [(Key, LabWeights)] = []
  private let capacity = 4

  func weights(shape: BottleneckShape, seed: UInt64, linearised: Bool, make: () -> LabWeights) -> LabWeights {
    let key = Key(
      inputChannels: shape.inputChannels, expansion: shape.expansion, outputChannels: shape.outputChannels,
      seed: seed, linearised: linearised)
    if let hit = queue.sync(execute: { entries.first { $0.0 == key }?.1 }) { return hit }
    let made = make()
    queue.sync {
      entries.removeAll { $0.0 == key }
      entries.insert((key, made), at: 0)
      if entries.count > capacity { entries.removeLast() }
    }
    return made
  }
}
