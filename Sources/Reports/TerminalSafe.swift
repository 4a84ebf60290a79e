/// Makes text from user files safe to print: control characters (including ESC, which
/// could move the cursor or change colours) are shown as `\u{1B}`-style escapes instead.
public func terminalSafe(_ text: String) -> String {
  var result = ""
  for scalar in text.unicodeScalars {
    let value = scalar.value
    if value < 0x20 || value == 0x7F || (0x80...0x9F).contains(value) {
      result += "\\u{\(String(value, radix: 16, uppercase: true))}"
    } else {
      result.unicodeScalars.append(scalar)
    }
  }
  return result
}
