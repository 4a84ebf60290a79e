import Reports

/// The two decimal forms a sheet needs beyond `NumberFormatting.fixed`.
enum DecimalText {
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
    return NumberFormatting.fixed(value, decimals: decimals)
  }

  /// 11.2, 24, 0.35: up to four places, trailing zeros dropped.
  static func short(_ value: Double) -> String {
    var text = NumberFormatting.fixed(value, decimals: 4)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }
}
