/// Standard normal deviates for the lab's weight matrices, by Marsaglia's polar method.
///
/// The lab draws about a million weights per sweep trial, so it cannot afford Box–Muller's
/// sine, cosine and division-heavy series. The polar method needs one logarithm per pair
/// and no trigonometry; the logarithm here is a fixed Horner polynomial of +, − and ×, so
/// like `DeterministicMath` it is bit-identical on every machine.
public struct PolarNormalGenerator: Sendable {
  private var source: SplitMix64
  private var spare: Double?

  public init(seed: UInt64) { source = SplitMix64(seed: seed) }

  public mutating func next() -> Double {
    if let spare {
      self.spare = nil
      return spare
    }
    while true {
      let u = 2 * source.nextUnitInterval() - 1, v = 2 * source.nextUnitInterval() - 1
      let s = u * u + v * v
      guard s < 1, s > 0 else { continue }
      let factor = (-2 * Self.log(s) / s).squareRoot()
      spare = v * factor
      return u * factor
    }
  }

  /// 2·atanh(t) for |t| ≤ 0.1716 by Horner: 2t(1 + t²/3 + t⁴/5 + … + t²²/23). The first term
  /// left out is below 2⁻⁵⁴ of the sum.
  private static let atanhCoefficients: [Double] = stride(from: 23.0, through: 1, by: -2).map { 1 / $0 }

  /// Natural logarithm of s in (0, 1).
  static func log(_ s: Double) -> Double {
    let (t, exponent) = DeterministicMath.logReduction(s)
    let t2 = t * t
    var sum = 0.0
    for coefficient in atanhCoefficients { sum = sum * t2 + coefficient }
    return 2 * t * sum + exponent * DeterministicMath.ln2
  }

}
