/// How every refusal states a work or memory bound, so the engines' limits and the forward
/// pass's read alike: "needs about 8.5e10 (limit 8e10)", "2.2 GB (limit 2 GB)". `up` rounds
/// towards +∞, so an estimate over its limit never prints as equal to it.
public enum LimitWording {
  /// 8.4e10: two significant figures, as a limit is stated; `up` rounds towards +∞.
  public static func scientific(_ value: Double, up: Bool = false) -> String {
    guard value >= 1000 else { return String(Int(up ? value.rounded(.up) : value.rounded())) }
    var exponent = value.log10Floor
    var mantissa = (value / pow10(exponent) * 10).rounded(up ? .up : .toNearestOrAwayFromZero) / 10
    if mantissa >= 10 { (mantissa, exponent) = (1, exponent + 1) }
    let digits = mantissa == mantissa.rounded() ? String(Int(mantissa)) : String(mantissa)
    return "\(digits)e\(exponent)"
  }

  /// Bytes in GB (10^9), one decimal below 10 GB; under 1 GB in MB (10^6); `up` rounds up.
  public static func gigabytes(_ bytes: Double, up: Bool = false) -> String {
    let rule: FloatingPointRoundingRule = up ? .up : .toNearestOrAwayFromZero
    if bytes < 1e9 { return "\(Int((bytes / 1e6).rounded(.up))) MB" }
    let value = bytes / 1e9
    if value >= 10 { return "\(Int(value.rounded(rule))) GB" }
    let tenths = (value * 10).rounded(rule) / 10
    return tenths == tenths.rounded() ? "\(Int(tenths)) GB" : "\(tenths) GB"
  }

  private static func pow10(_ exponent: Int) -> Double {
    var result = 1.0
    for _ in 0..<exponent { result *= 10 }
    return result
  }
}

extension Double {
  /// ⌊log₁₀⌋ by counting, with no libm call whose last bit could vary.
  fileprivate var log10Floor: Int {
    var exponent = 0
    var scaled = self
    while scaled >= 10 {
      scaled /= 10
      exponent += 1
    }
    return exponent
  }
}
