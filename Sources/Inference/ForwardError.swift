import MobileNetKit

/// Why a network cannot run, in words a user can act on; never a trap.
public enum ForwardError: Error, Equatable, CustomStringConvertible {
  /// A layer whose output would hold no pixels (the kernel does not fit the padded input).
  case emptyOutput(layer: String, input: String, kernel: Int, stride: Int)
  /// The framework's padding gives another size than the one mnv2 counts (an even kernel
  /// under PyTorch's k // 2, for instance).
  case shapeMismatch(layer: String, computed: String, counted: String, placement: String)
  /// Weights whose size does not fit the layer.
  case weightCount(layer: String, found: Int, needed: Int)

  public var description: String {
    switch self {
    case .emptyOutput(let layer, let input, let kernel, let stride):
      return
        "\(layer): a \(kernel)×\(kernel) conv with stride \(stride) on \(input) has no output pixels; use a larger --resolution"
    case .shapeMismatch(let layer, let computed, let counted, let placement):
      return
        "\(layer): \(placement) padding gives \(computed), but the network is counted at \(counted); choose another --framework"
    case .weightCount(let layer, let found, let needed):
      return "\(layer): the weights hold \(found) values, the layer needs \(needed)"
    }
  }
}
