/// One row of the explorer's network view: the stem, one bottleneck block, the last conv,
/// the pool or the classifier, with the layers inside it.
public struct LayerGroup: Equatable, Sendable {
  public var index: Int
  /// `stem`, `b1`…`b17`, `conv_last`, `pool`, `classifier` (`s1`… for V1's separable layers).
  public var name: String
  public var op: StageOperator
  /// The expansion factor t for bottlenecks, 1 otherwise.
  public var expansion: Int
  public var kernel: Int
  public var stride: Int
  public var input: TensorShape
  public var output: TensorShape
  public var residualAdd: Bool
  /// Indices into `Network.layers`.
  public var layerRange: Range<Int>
  public var multiplyAdds: Int
  public var params: ParamBreakdown

  /// The operator as Table 2 names it.
  public func operatorLabel(unicode: Bool = true) -> String {
    let times = unicode ? "×" : "x"
    switch op {
    case .conv2d: return "conv2d \(kernel)\(times)\(kernel)"
    case .bottleneck: return "bottleneck"
    // Short enough for the Network view's operator column, like "conv2d 3×3".
    case .separable: return "dw-sep \(kernel)\(times)\(kernel)"
    case .avgpool: return "avgpool"
    case .classifier: return "classifier"
    }
  }

  /// The paper's bottleneck cost h·w·d′·t(d′ + k² + d″) (§3.3), evaluated at the block's
  /// input resolution as the paper writes it. Nil for rows that are not bottlenecks.
  ///
  /// It differs from the exact count in two ways: it ignores the stride, so a stride-2
  /// block's depthwise and projection are counted at four times their real size, and for
  /// t = 1 it counts an expansion conv that no implementation builds.
  public var paperEstimate: Int? {
    guard op == .bottleneck else { return nil }
    let h = input.height, w = input.width, d1 = input.channels, d2 = output.channels
    return h * w * d1 * expansion * (d1 + kernel * kernel + d2)
  }
}
