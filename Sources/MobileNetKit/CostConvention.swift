/// The wording printed beside every multiply-add figure, so that no number appears
/// without its convention (FLOP counters disagree by 2× and on what they include).
public enum CostConvention {
  public static let multiplyAdds =
    "MAdds = multiply-adds of every convolution and the classifier, stride-aware; "
    + "BatchNorm, activations, pooling and residual adds not counted"
  public static let flops = "FLOPs = 2 × MAdds"
  public static let memory =
    "activation memory = output tensor elements × 2 bytes (16-bit floats, as the paper's Table 3)"
}
