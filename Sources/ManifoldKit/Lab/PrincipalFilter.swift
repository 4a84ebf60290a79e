/// Coordinates of every point along a few leading principal directions of the block
/// output, so the neighbour search can rule most points out cheaply.
///
/// For orthonormal directions V, ‖Vᵀ(y − y′)‖ ≤ ‖y − y′‖: the distance in these few
/// coordinates never exceeds the true one, so a point that is already too far here cannot
/// be a neighbour. The directions only need to be orthonormal for that; being close to the
/// principal ones makes the bound tight, which is what makes it fast.
struct PrincipalFilter {
  /// r × points, single precision: row d holds every point's coordinate along direction d.
  let coordinates: LabMatrix<Float>
  /// Allowance on the distance for rounding the coordinates to single precision.
  let slack: Float

  static let directions = 8
  /// Up to this many output channels the filter would be the whole distance.
  static let minimumChannels = directions + 1

  /// Nil when the output is too narrow to need a filter.
  init?(centred: LabMatrix<Double>, gram upper: LabMatrix<Double>) {
    let p = centred.columns, r = Self.directions
    guard p >= Self.minimumChannels else { return nil }
    var gram = upper
    for a in 0..<p {
      for c in 0..<a { gram[a, c] = gram[c, a] }
    }
    // Two steps of subspace iteration from a fixed ±1 start: cheap, deterministic, and
    // close enough to the leading eigenvectors for a tight bound.
    var signs = SplitMix64(seed: 0x9CA)
    var basis = LabMatrix<Double>(
      rows: p, columns: r, values: (0..<p * r).map { _ in signs.next() & 1 == 0 ? 1 : -1 })
    for _ in 0..<2 {
      basis = Self.orthonormalised(gram.times(basis))
    }
    let projected = centred.times(basis)
    var coordinates = LabMatrix<Float>(rows: r, columns: centred.rows)
    var largest: Float = 0
    for point in 0..<centred.rows {
      for d in 0..<r {
        let value = Float(projected[point, d])
        coordinates[d, point] = value
        largest = max(largest, abs(value))
      }
    }
    self.coordinates = coordinates
    // Each stored coordinate is within 2⁻²⁴ of its value relative to the largest, so a
    // filter distance is off by at most √r · 2 · 2⁻²⁴ · largest; 1e−6 · √r · largest covers
    // that about eight times over (the double-precision projection adds ~1e−14).
    slack = 1e-6 * Float(r).squareRoot() * largest
  }

  /// Modified Gram–Schmidt, twice, on the columns; a column with nothing left becomes zero,
  /// which keeps the bound valid.
  static func orthonormalised(_ matrix: LabMatrix<Double>) -> LabMatrix<Double> {
    var q = matrix
    let p = q.rows, r = q.columns
    var scale = 0.0
    for value in q.values { scale = max(scale, abs(value)) }
    for c in 0..<r {
      for _ in 0..<2 {
        for b in 0..<c {
          var dot = 0.0
          for i in 0..<p { dot += q[i, b] * q[i, c] }
          for i in 0..<p { q[i, c] -= dot * q[i, b] }
        }
      }
      var norm = 0.0
      for i in 0..<p { norm += q[i, c] * q[i, c] }
      norm = norm.squareRoot()
      let keep = norm > 1e-9 * scale && norm > 0
      for i in 0..<p { q[i, c] = keep ? q[i, c] / norm : 0 }
    }
    return q
  }
}
