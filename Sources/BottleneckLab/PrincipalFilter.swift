import Kernels
import ManifoldKit

/// Coordinates of every point along a few leading principal directions of the block
/// output, so the neighbour search can rule most points out cheaply.
///
/// For orthonormal directions V, ‖Vᵀ(y − y′)‖ ≤ ‖y − y′‖: the distance in these few
/// coordinates never exceeds the true one, so a point that is already too far here cannot
/// be a neighbour. The directions only need to be orthonormal for that; being close to the
/// principal ones makes the bound tight, which is what makes it fast.
struct PrincipalFilter {
  /// r × points coordinates (row d holds every point's coordinate along direction d) and
  /// the allowance on the distance for the rounding in computing them.
  let bounds: NearestNeighbours.LowerBounds

  /// More directions make the bound tighter and the pass over all points longer; 16 pays
  /// only for the widest outputs (measured: at d″ = 320, 8 directions leave ~144 of 2000
  /// points to check in full and 16 leave ~26).
  static func directions(outputs: Int) -> Int { outputs >= 256 ? 16 : 8 }
  /// Up to this many output channels the filter would be the whole distance.
  static let minimumChannels = 9

  /// Nil when the output is too narrow to need a filter. `gram` is the centred Gram matrix
  /// (upper triangle) of some of the points; `points` are all of them.
  init?(points: Matrix<Float>, gram: Matrix<Double>) {
    let p = points.columns, r = Self.directions(outputs: p)
    guard p >= Self.minimumChannels else { return nil }
    // Two steps of subspace iteration from a fixed ±1 start: cheap, deterministic, and
    // close enough to the leading eigenvectors for a tight bound.
    var signs = SplitMix64(seed: 0x9CA)
    var basis = Matrix<Double>(
      rows: p, columns: r, values: (0..<p * r).map { _ in signs.next() & 1 == 0 ? 1 : -1 })
    for _ in 0..<2 {
      basis = Self.orthonormalised(gram.times(basis))
    }
    // Coordinates of the uncentred points: a shift moves every point alike, so differences,
    // and therefore the bound, are unchanged.
    let coordinates = points.times(basis.converted(to: Float.self)).transposed
    var largestNorm: Float = 0
    for i in 0..<points.rows {
      var sum: Float = 0
      for value in points.row(i) { sum += value * value }
      largestNorm = max(largestNorm, sum.squareRoot())
    }
    // A coordinate is a single-precision sum of p products of a point with a unit vector:
    // its error is at most γ = (p + 1)·2⁻²⁴ times the point's norm (rounding the unit vector
    // to single precision adds a relative 2⁻²⁴ more, inside the 1.001 factor the kernel
    // applies). A difference of two coordinates is off by 2γ·max‖y‖ and a distance over r
    // coordinates by √r times that; the slack is 10% above it.
    let gamma = Float(p + 1) * 0x1p-24
    bounds = NearestNeighbours.LowerBounds(
      coordinates: coordinates, slack: 1.1 * Float(r).squareRoot() * 2 * gamma * largestNorm)
  }

  /// Modified Gram–Schmidt, twice, on the columns; a column with nothing left becomes zero,
  /// which keeps the bound valid.
  static func orthonormalised(_ matrix: Matrix<Double>) -> Matrix<Double> {
    var q = matrix
    let p = q.rows, r = q.columns
    q.values.withUnsafeMutableBufferPointer { q in
      var scale = 0.0
      for value in q { scale = max(scale, abs(value)) }
      for c in 0..<r {
        for _ in 0..<2 {
          for b in 0..<c {
            var dot = 0.0
            for i in 0..<p { dot += q[i * r + b] * q[i * r + c] }
            for i in 0..<p { q[i * r + c] -= dot * q[i * r + b] }
          }
        }
        var norm = 0.0
        for i in 0..<p { norm += q[i * r + c] * q[i * r + c] }
        norm = norm.squareRoot()
        let keep = norm > 1e-9 * scale && norm > 0
        for i in 0..<p { q[i * r + c] = keep ? q[i * r + c] / norm : 0 }
      }
    }
    return q
  }
}
