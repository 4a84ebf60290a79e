/// A network described the way the paper's Table 2 describes it: a list of rows, each a
/// sequence of `n` identical operators (modulo stride).
///
/// Keeping the architecture as data lets a student edit a row and see every shape and
/// cost follow, and keeps the paper's table visible in `Assets/architectures/`.
public struct ArchitectureSpec: Equatable, Sendable {
  public var name: String
  /// Where the rows come from, shown beside the model name so a reader can check them.
  public var reference: String
  public var inputChannels: Int
  public var stages: [Stage]

  public init(name: String, reference: String, inputChannels: Int, stages: [Stage]) {
    self.name = name
    self.reference = reference
    self.inputChannels = inputChannels
    self.stages = stages
  }

  /// One row of the table.
  public struct Stage: Equatable, Sendable {
    public var op: StageOperator
    /// Spatial kernel size (3 for every depthwise and stem conv in MobileNet).
    public var kernel: Int
    /// Expansion factor, bottleneck rows only; applied to the block's input channels.
    public var expansion: Int
    /// Output channels at width 1.0.
    public var channels: Int
    /// How many times the operator repeats.
    public var repeats: Int
    /// Stride of the first repeat; the others use stride 1.
    public var stride: Int
    /// Marks the final 1×1 conv, whose width follows the last-layer rule instead of the multiplier.
    public var isLastConv: Bool
    /// Line in the source file, for error messages about derived problems.
    public var line: Int

    public init(
      op: StageOperator, kernel: Int = 3, expansion: Int = 1, channels: Int = 0, repeats: Int = 1,
      stride: Int = 1, isLastConv: Bool = false, line: Int = 0
    ) {
      self.op = op
      self.kernel = kernel
      self.expansion = expansion
      self.channels = channels
      self.repeats = repeats
      self.stride = stride
      self.isLastConv = isLastConv
      self.line = line
    }
  }
}

/// The operators a Table 2 row can name.
public enum StageOperator: String, CaseIterable, Sendable {
  /// A full convolution with BatchNorm and ReLU6 (the stem, and the last 1×1 conv).
  case conv2d
  /// MobileNetV2's inverted residual with linear bottleneck (paper Table 1).
  case bottleneck
  /// MobileNetV1's depthwise 3×3 + pointwise 1×1 pair, both with BatchNorm and ReLU6.
  case separable
  /// Global average pooling to 1×1.
  case avgpool
  /// The fully connected layer to the class count (a Linear in PyTorch, a Dense in Keras).
  case classifier
}
