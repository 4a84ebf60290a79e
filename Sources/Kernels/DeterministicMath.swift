/// `log`, `sin` and `cos` written with +, −, ×, ÷ and √ only.
///
/// Those five operations are correctly rounded by IEEE 754 on every platform, while libm's
/// transcendental functions may differ in the last bit between glibc, macOS and musl. Our
/// random matrices and spirals go through these, so a seed gives byte-identical output
/// everywhere. Accuracy is within a few ulps over the ranges used here, which the tests check.
public enum DeterministicMath {
  static let ln2 = 0.693_147_180_559_945_309_417_232_121_458

  /// Natural logarithm of a positive finite x.
  public static func log(_ x: Double) -> Double {
    precondition(x > 0 && x.isFinite, "log of \(x)")
    let (s, exponent) = logReduction(x)
    // log m = 2 atanh(s): 2(s + s³/3 + s⁵/5 + …).
    let s2 = s * s
    var term = s
    var sum = 0.0
    var k = 1.0
    while k < 40 {
      sum += term / k
      term *= s2
      k += 2
    }
    return 2 * sum + exponent * ln2
  }

  /// x = m · 2^e with m in [√½, √2), returned as s = (m − 1)/(m + 1) (|s| ≤ 0.1716, so
  /// log m = 2 atanh(s) converges fast) and e. Exact but for the one division.
  static func logReduction(_ x: Double) -> (s: Double, exponent: Double) {
    var exponent = Double(x.exponent)
    var mantissa = x.significand
    if mantissa > 1.414_213_562_373_095_048_8 {
      mantissa *= 0.5
      exponent += 1
    }
    return ((mantissa - 1) / (mantissa + 1), exponent)
  }

  /// e^x, by x = k·ln 2 + r with |r| ≤ ln2/2 and a Taylor series for e^r, then scaling by
  /// 2^k exactly. Saturates to 0 and +∞ outside ±745, as IEEE does.
  public static func exp(_ x: Double) -> Double {
    if x.isNaN { return x }
    if x > 709.78 { return .infinity }
    if x < -745.2 { return 0 }
    let k = (x / ln2).rounded()
    // ln 2 split in two so k·ln2 is subtracted without rounding (Cody–Waite).
    let r = (x - k * 0.693_147_180_369_123_816_490) - k * 1.908_214_929_270_587_700_02e-10
    var term = 1.0
    var sum = 1.0
    var n = 1.0
    while n < 24 {
      term *= r / n
      sum += term
      n += 1
    }
    return Double(sign: .plus, exponent: Int(k), significand: sum)
  }

  /// Sine, by reduction to [−π/4, π/4] and Taylor series.
  public static func sin(_ x: Double) -> Double {
    let (quadrant, r) = reduce(x)
    switch quadrant {
    case 0: return sinKernel(r)
    case 1: return cosKernel(r)
    case 2: return -sinKernel(r)
    default: return -cosKernel(r)
    }
  }

  /// Cosine, by reduction to [−π/4, π/4] and Taylor series.
  public static func cos(_ x: Double) -> Double {
    let (quadrant, r) = reduce(x)
    switch quadrant {
    case 0: return cosKernel(r)
    case 1: return -sinKernel(r)
    case 2: return -cosKernel(r)
    default: return sinKernel(r)
    }
  }

  /// x = k·π/2 + r with π/2 split in three parts (Cody–Waite, fdlibm's constants; the first
  /// two have 33 significant bits, so k times them is exact for |k| < 2²⁰).
  private static func reduce(_ x: Double) -> (Int, Double) {
    let k = (x * 0.636_619_772_367_581_343_075_535_053_49).rounded()
    let r =
      ((x - k * 1.570_796_326_734_125_614_17) - k * 6.077_100_506_303_965_976_60e-11)
      - k * 2.022_266_248_711_166_455_80e-21
    let quadrant = Int(k.truncatingRemainder(dividingBy: 4))
    return ((quadrant + 4) % 4, r)
  }

  private static func sinKernel(_ r: Double) -> Double {
    let r2 = r * r
    var term = r
    var sum = r
    var n = 1.0
    for _ in 0..<11 {
      term *= -r2 / ((n + 1) * (n + 2))
      sum += term
      n += 2
    }
    return sum
  }

  private static func cosKernel(_ r: Double) -> Double {
    let r2 = r * r
    var term = 1.0
    var sum = 1.0
    var n = 0.0
    for _ in 0..<11 {
      term *= -r2 / ((n + 1) * (n + 2))
      sum += term
      n += 2
    }
    return sum
  }
}
