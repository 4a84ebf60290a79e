/// Least-squares affine map from recovered points back to the inputs, used to measure
/// what is lost without penalising what a linear map could undo.
enum AffineFit {
  /// Mean ‖x − (A x̂ + b)‖ over points, divided by the RMS radius of x about its mean.
  static func alignedError(inputs: [Point2], recovered: [Point2]) -> Double {
    let count = Double(inputs.count)
    var mx = Point2(0, 0), mh = Point2(0, 0)
    for i in inputs.indices {
      mx.x += inputs[i].x
      mx.y += inputs[i].y
      mh.x += recovered[i].x
      mh.y += recovered[i].y
    }
    mx.x /= count
    mx.y /= count
    mh.x /= count
    mh.y /= count
    // Covariances: H = Σ h hᵀ, C = Σ x hᵀ (centred), and the input's spread.
    var hxx = 0.0, hxy = 0.0, hyy = 0.0
    var cxx = 0.0, cxy = 0.0, cyx = 0.0, cyy = 0.0
    var spread = 0.0
    for i in inputs.indices {
      let hx = recovered[i].x - mh.x, hy = recovered[i].y - mh.y
      let dx = inputs[i].x - mx.x, dy = inputs[i].y - mx.y
      hxx += hx * hx
      hxy += hx * hy
      hyy += hy * hy
      cxx += dx * hx
      cxy += dx * hy
      cyx += dy * hx
      cyy += dy * hy
      spread += dx * dx + dy * dy
    }
    let rmsRadius = (spread / count).squareRoot()
    guard rmsRadius > 0 else { return 0 }
    let (i00, i01, i11) = pseudoInverseSymmetric(hxx, hxy, hyy)
    // A = C H⁺.
    let a00 = cxx * i00 + cxy * i01, a01 = cxx * i01 + cxy * i11
    let a10 = cyx * i00 + cyy * i01, a11 = cyx * i01 + cyy * i11
    var total = 0.0
    for i in inputs.indices {
      let hx = recovered[i].x - mh.x, hy = recovered[i].y - mh.y
      let ex = inputs[i].x - mx.x - (a00 * hx + a01 * hy)
      let ey = inputs[i].y - mx.y - (a10 * hx + a11 * hy)
      total += (ex * ex + ey * ey).squareRoot()
    }
    return total / count / rmsRadius
  }

  /// Moore–Penrose inverse of the symmetric positive semi-definite [[a, b], [b, c]],
  /// dropping eigenvalues below 1e−12 of the largest (a collapse onto a line or a point).
  static func pseudoInverseSymmetric(_ a: Double, _ b: Double, _ c: Double) -> (Double, Double, Double) {
    let mean = (a + c) / 2
    let radius = (((a - c) / 2) * ((a - c) / 2) + b * b).squareRoot()
    let large = mean + radius, small = mean - radius
    guard large > 0 else { return (0, 0, 0) }
    // Eigenvector of the larger eigenvalue.
    var vx: Double, vy: Double
    if abs(b) > 1e-300 {
      vx = b
      vy = large - a
    } else if a >= c {
      vx = 1
      vy = 0
    } else {
      vx = 0
      vy = 1
    }
    let norm = (vx * vx + vy * vy).squareRoot()
    vx /= norm
    vy /= norm
    let inverseLarge = 1 / large
    let inverseSmall = small > 1e-12 * large ? 1 / small : 0
    // λ₁⁻¹ v vᵀ + λ₂⁻¹ w wᵀ with w = (−vy, vx).
    return (
      inverseLarge * vx * vx + inverseSmall * vy * vy,
      inverseLarge * vx * vy - inverseSmall * vx * vy,
      inverseLarge * vy * vy + inverseSmall * vx * vx
    )
  }
}
