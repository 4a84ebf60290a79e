/// The kinds of exercise, each a generator documented in docs/practice.md. The raw values
/// are what `mnv2 quiz --kinds` takes and what the JSON's `kind` holds.
public enum QuestionKind: String, CaseIterable, Sendable {
  /// A layer's or block's output shape, from its input and its row of Table 2.
  case shape
  /// A layer's multiply-adds.
  case multiplyAdds = "madds"
  /// A layer's parameters under a stated convention.
  case params
  /// A tensor's activation memory in bytes at fp16.
  case memory
  /// How many times cheaper a depthwise-separable conv is than a standard one.
  case separable
  /// A bottleneck's cost by the paper's formula, set against the exact count.
  case blockFormula = "block-formula"
  /// Theorem 1: the collapsed share (1 + n)/2ⁿ, or N_{m,k}/2^m for a bottleneck.
  case theorem1
  /// Channel rounding at a width multiplier (make_divisible), or whether a block has a shortcut.
  case rounding
  /// Which of expand, depthwise and project has a ReLU6 after it, and why.
  case placeReLU6 = "place-relu6"

  /// A line for lists and headings.
  public var title: String {
    switch self {
    case .shape: return "Output shape"
    case .multiplyAdds: return "Multiply-adds"
    case .params: return "Parameters"
    case .memory: return "Activation memory"
    case .separable: return "Depthwise-separable saving"
    case .blockFormula: return "The paper's block formula"
    case .theorem1: return "Theorem 1"
    case .rounding: return "Channel rounding and shortcuts"
    case .placeReLU6: return "Place the ReLU6"
    }
  }
}
