/// The paper's Theorem 1 (Appendix A), as the expected share of a k-dimensional manifold
/// that ReLU(Bx) collapses when B is an m × k matrix with a sign-symmetric density.
///
/// Each coordinate of Bx is positive with probability ½ independently, and a point
/// survives when at least k coordinates are positive, so the preserved share is
/// N_{m,k}/2^m with N_{m,k} = Σ_{j=0}^{m−k} C(m, j), and the collapsed share is
/// Σ_{j=0}^{k−1} C(m, j) / 2^m. (The paper calls N/2^m the "fraction of collapsed space";
/// by its own formula it is the preserved fraction — paper-facts §11.5.)
public enum Theorem1 {
  /// Expected collapsed fraction for an m-dimensional embedding of a k-dimensional manifold.
  public static func collapsedFraction(embeddingDimension m: Int, manifoldDimension k: Int) -> Double {
    precondition(m >= 1 && k >= 1)
    if k > m { return 1 }
    // term_j = C(m, j)/2^m, built up from 2^−m by the ratio (m − j)/(j + 1); halving keeps
    // it exact until it underflows, at which point the share is below 1e−300 anyway.
    var term = 1.0
    for _ in 0..<m { term *= 0.5 }
    var sum = 0.0
    for j in 0..<k {
      sum += term
      term = term * Double(m - j) / Double(j + 1)
    }
    return min(1, sum)
  }

  /// N_{m,k}/2^m, the share preserved.
  public static func preservedFraction(embeddingDimension m: Int, manifoldDimension k: Int) -> Double {
    1 - collapsedFraction(embeddingDimension: m, manifoldDimension: k)
  }
}
