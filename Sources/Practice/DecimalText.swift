import MobileNetKit

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

  /// At least 2 places, and more until the rounded value has 2 significant digits and is not
  /// a whole number the exact value is not: 3/16 ≈ 0.19, 11/1024 ≈ 0.011, 1023/1024 ≈ 0.999.
  static func honest(_ value: Double) -> String {
    var decimals = 2
    while decimals < 8 {
      let text = NumberFormatting.fixed(value, decimals: decimals)
      let rounded = Double(text) ?? value
      let significant = text.filter { $0 != "." && $0 != "-" }.drop { $0 == "0" }.count
      if significant >= 2 && (rounded != rounded.rounded() || value == value.rounded()) { return text }
      decimals += 1
    }
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
