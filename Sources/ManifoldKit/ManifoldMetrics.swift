/// What one panel of Figure 1 measures. Each is a share or a ratio, so panels with
/// different n can be compared.
public struct ManifoldMetrics: Equatable, Sendable {
  /// Share of points that Lemma 2 says cannot be recovered: fewer than 2 coordinates of
  /// act(Tx) are in the activation's active region (ReLU: > 0; ReLU6: strictly between 0
  /// and 6), or those rows of T do not span the plane.
  public var collapsedFraction: Double
  /// Theorem 1's expectation of `collapsedFraction` over random T for ReLU:
  /// Σ_{j<2} C(n, j)/2ⁿ = (1 + n)/2ⁿ. Zero for linear. For ReLU6 it is a lower bound,
  /// since clipping at 6 collapses more.
  public var collapsedFractionTheory: Double
  /// Mean distance between each input point and the best affine fit to its recovered point
  /// (least squares over all points), divided by the spiral's RMS radius. Scale-free: a
  /// uniform shrink or rotation costs nothing, points merged by a collapse cannot be fitted.
  public var alignedError: Double
  /// Share of the n·points coordinates that the activation set to exactly zero.
  public var zeroedShare: Double

  public init(
    collapsedFraction: Double, collapsedFractionTheory: Double, alignedError: Double, zeroedShare: Double
  ) {
    self.collapsedFraction = collapsedFraction
    self.collapsedFractionTheory = collapsedFractionTheory
    self.alignedError = alignedError
    self.zeroedShare = zeroedShare
  }
}
