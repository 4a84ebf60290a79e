/// One operation of the network with its shapes and exact cost.
public struct Layer: Equatable, Sendable {
  /// Position in the flat layer list, from 0.
  public var index: Int
  /// The row group it belongs to: 0 is the stem, 1…17 the bottlenecks of MobileNetV2, and
  /// so on to the classifier; see `Network.groups`.
  public var group: Int
  public var name: String
  public var kind: LayerKind
  public var input: TensorShape
  public var output: TensorShape
  public var kernel: Int
  public var stride: Int
  public var groups: Int
  public var activation: Activation
  /// True on a block's projection when the block adds its input back (stride 1, same width).
  public var residualAdd: Bool
  /// Multiply-adds: output elements × (input channels / groups) × k², or in × out for the
  /// classifier. Pooling, BatchNorm, activations and the residual add are not counted.
  public var multiplyAdds: Int
  public var params: ParamBreakdown

  /// Bytes to hold the output tensor at the given precision (2 for the paper's 16-bit floats).
  public func outputBytes(bytesPerElement: Int = 2) -> Int { output.elements * bytesPerElement }
}
