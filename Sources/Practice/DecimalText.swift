/// Decimals written without Foundation, rounded half away from zero, so a sheet prints the
/// same digits everywhere.
enum DecimalText {
  /// `value` to `decimals` places: fixed(6.5454, 2) = "6.55".
  static func fixed(_ value: Double, decimals: Int) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
    let whole = Int(scaled / scale)
    let fraction = Int(scaled - Double(whole) * scale)
    let sign = value < 0 && scaled != 0 ? "-" : ""
    guard decimals > 0 else { return sign + String(whole) }
    let digits = String(fraction)
    return sign + "\(whole)." + String(repeating: "0", count: decimals - digits.count) + digits
  }

  /// Enough places for `digits` significant digits of a positive value: 0.000488 for 1/2048.
  static func significant(_ value: Double, digits: Int) -> String {
    guard value > 0 else { return "0" }
    var shifts = 0
    var probe = value
    while probe < 1 && shifts < 300 {
      probe *= 10
      shifts += 1
    }
    var integerDigits = 1
    while probe >= 10 {
      probe /= 10
      integerDigits += 1
    }
    let decimals = shifts > 0 ? shifts - 1 + digits : max(0, digits - integerDigits)
    return fixed(value, decimals: decimals)
  }

  /// 11.2, 24, 0.35: up to four places, trailing zeros dropped.
  static func short(_ value: Double) -> String {
    var text = fixed(value, decimals: 4)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }
}
