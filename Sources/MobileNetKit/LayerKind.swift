/// What a layer does, in the vocabulary of the paper's Table 1 and Figure 4.
public enum LayerKind: String, CaseIterable, Sendable {
  /// A full convolution: the stem and the last 1×1 conv.
  case conv
  /// The bottleneck's 1×1 expansion by the factor t.
  case expand
  /// A depthwise 3×3 convolution (one filter per channel).
  case depthwise
  /// The bottleneck's 1×1 projection back to the narrow width.
  case project
  /// MobileNetV1's 1×1 pointwise conv after a depthwise conv.
  case pointwise
  case pool
  case classifier
}
