import ManifoldKit

/// The 0.975 quantile of Student's t, for the 95% intervals of Figure 6's verdicts.
///
/// Welch's degrees of freedom are fractional and, with two to four seeds, land near ν = 1–6,
/// where a table interpolated in 1/ν was off by up to 1.33 (at ν ≈ 1.3). So the quantile is
/// solved from the distribution itself: P(|T| > t) = I_x(ν/2, 1/2) with x = ν/(ν + t²),
/// the regularised incomplete beta function, inverted by bisection on x. Only +, −, ×, ÷,
/// √ and `DeterministicMath`'s log and exp are used, so every machine gets the same bits;
/// the tests hold it to scipy's `t.ppf(0.975, ν)` for ν from 1 to 1000.
public enum StudentT {
  public static func quantile975(degreesOfFreedom nu: Double) -> Double {
    quantile(upperTail: 0.025, degreesOfFreedom: nu)
  }

  /// The t with P(T > t) = `upperTail` (0 < upperTail < ½); ν below 1 is taken as 1, and
  /// an infinite ν gives the normal quantile's limit by a very large ν.
  public static func quantile(upperTail p: Double, degreesOfFreedom nu: Double) -> Double {
    let nu = nu.isFinite ? max(1, min(nu, 1e12)) : 1e12
    let a = nu / 2, b = 0.5
    let logBeta = logGamma(a) + logGamma(b) - logGamma(a + b)
    // I_x(a, ½) rises from 0 at x = 0 to 1 at x = 1; the two-sided tail is 2p.
    var low = 0.0, high = 1.0
    for _ in 0..<200 {
      let middle = (low + high) / 2
      if middle == low || middle == high { break }
      if regularisedBeta(middle, a, b, logBeta: logBeta) < 2 * p { low = middle } else { high = middle }
    }
    let x = (low + high) / 2
    return (nu * (1 - x) / x).squareRoot()
  }

  /// I_x(a, b) by the continued fraction (Lentz's method, as in Numerical Recipes §6.4),
  /// on the side of the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) where it converges fast.
  static func regularisedBeta(_ x: Double, _ a: Double, _ b: Double, logBeta: Double) -> Double {
    if x <= 0 { return 0 }
    if x >= 1 { return 1 }
    let front = DeterministicMath.exp(
      a * DeterministicMath.log(x) + b * DeterministicMath.log(1 - x) - logBeta)
    if x < (a + 1) / (a + b + 2) { return front * continuedFraction(x, a, b) / a }
    return 1 - front * continuedFraction(1 - x, b, a) / b
  }

  static func continuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
    let tiny = 1e-300
    var c = 1.0
    var d = 1 - (a + b) * x / (a + 1)
    if abs(d) < tiny { d = tiny }
    d = 1 / d
    var result = d
    for m in 1...10_000 {
      let m = Double(m)
      let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
      d = 1 + even * d
      if abs(d) < tiny { d = tiny }
      c = 1 + even / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      result *= d * c
      let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
      d = 1 + odd * d
      if abs(d) < tiny { d = tiny }
      c = 1 + odd / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      result *= delta
      if abs(delta - 1) < 1e-16 { break }
    }
    return result
  }

  /// log Γ(z) for z > 0: Lanczos's approximation (g = 7, nine coefficients, relative error
  /// about 1e-15), with Γ(z) = Γ(z + 1)/z below ½.
  static func logGamma(_ z: Double) -> Double {
    if z < 0.5 { return logGamma(z + 1) - DeterministicMath.log(z) }
    let coefficients = [
      0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
      -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
      1.5056327351493116e-7,
    ]
    let z = z - 1
    var sum = coefficients[0]
    for index in 1..<coefficients.count { sum += coefficients[index] / (z + Double(index)) }
    let t = z + 7.5
    return 0.5 * DeterministicMath.log(2 * Double.pi) + (z + 0.5) * DeterministicMath.log(t) - t
      + DeterministicMath.log(sum)
  }
}
