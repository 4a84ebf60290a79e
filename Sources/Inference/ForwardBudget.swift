import Kernels
import MobileNetKit

/// What a forward pass of a network costs before it runs, so a profile too large for the
/// machine is refused with its estimate instead of running out of memory or time.
public struct ForwardBudget: Equatable, Sendable {
  /// Multiply-adds of one pass of one image (the network's count).
  public var multiplyAdds: Int
  /// An upper bound on the bytes held at once: every parameter twice in PyTorch's layout and
  /// once more folded and packed (`NetworkWeights`, then `ForwardPass`'s steps, whose 1×1
  /// weights also keep a packed copy padded to whole lane groups: a factor 2 at most), and
  /// per image three activations of the largest layer (the input, the output and a block's
  /// shortcut), plus the product kernel's scratch for the largest inner dimension on every
  /// thread.
  public var bytes: Int

  public init(network: Network, batch: Int, threads: Int) {
    multiplyAdds = network.multiplyAdds
    let parameters = network.layers.reduce(0) { $0 + NetworkWeights.floats(for: $1) }
    let largest = network.layers.reduce(0) { max($0, $1.input.elements, $1.output.elements) }
    let inner = network.layers.reduce(0) { max($0, $1.input.channels) }
    let scratch = Matrix<Float>.productScratchBytes(inner: inner) * min(threads, 256)
    bytes = parameters * 4 * 4 + batch * largest * 4 * 3 + scratch
  }

  /// The profile's total multiply-adds, or nil when the count itself overflows.
  public static func work(_ multiplyAdds: Int, batch: Int, passes: Int) -> Int? {
    let (perBatch, overflow) = multiplyAdds.multipliedReportingOverflow(by: batch)
    if overflow { return nil }
    let (total, overflowTotal) = perBatch.multipliedReportingOverflow(by: passes)
    return overflowTotal ? nil : total
  }
}
