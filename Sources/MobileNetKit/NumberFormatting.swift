/// Locale-independent number formatting, so that output is byte-identical on every machine
/// and a student can compare it digit by digit with PyTorch's.
public enum NumberFormatting {
  /// `3504872` → `3,504,872`.
  public static func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var result = ""
    for (offset, character) in digits.enumerated() {
      if offset > 0 && (digits.count - offset) % 3 == 0 { result.append(",") }
      result.append(character)
    }
    return value < 0 ? "-" + result : result
  }

  /// `0.0362` → `3.6%`, with one decimal so small layers still show up.
  public static func percent(_ fraction: Double) -> String {
    fixed(fraction * 100, decimals: 1) + "%"
  }

  /// `300774272` → `300.8M`, for headlines next to which the exact figure is also shown.
  public static func millions(_ value: Int, decimals: Int = 1) -> String {
    fixed(Double(value) / 1_000_000, decimals: decimals) + "M"
  }

  /// `300774272` → `300.8M`, `4659072000` → `4.66G`: M up to a billion, then G (K = 1000,
  /// M = 10⁶, G = 10⁹), for headlines where a width 1.4 model at 2048 px would read "46590.7M".
  public static func scaled(_ value: Int, decimals: Int = 1) -> String {
    if abs(value) >= 1_000_000_000 {
      return fixed(Double(value) / 1_000_000_000, decimals: decimals + 1) + "G"
    }
    return millions(value, decimals: decimals)
  }

  /// Fixed-point formatting without Foundation's locale-dependent `String(format:)`.
  public static func fixed(_ value: Double, decimals: Int) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
    let negative = value < 0 && scaled != 0
    var digits = String(Int(scaled))
    if decimals > 0 {
      while digits.count <= decimals { digits = "0" + digits }
      digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
    }
    return negative ? "-" + digits : digits
  }
}
