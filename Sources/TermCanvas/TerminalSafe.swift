/// The one sanitiser for text mnv2 writes to a terminal, to stderr or to a file a terminal
/// may show: C0 controls and DEL become `\x1b`, C1 controls (the one-byte CSI U+009B, NEL)
/// `\u009b`, and the bidi controls and line separators that reorder or split a line
/// `\u202e`. Everything else passes unchanged, so names in any script still read.
public enum TerminalSafe {
  /// Whether a scalar must not reach a terminal raw.
  public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    return v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || bidiAndSeparators.contains(v)
  }

  /// Arabic letter mark, LRM/RLM, the embedding and override controls, the isolates, and the
  /// line and paragraph separators.
  static let bidiAndSeparators: Set<UInt32> = [
    0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x2028,
    0x2029,
  ]

  /// The visible spelling of an unsafe scalar, e.g. `\x1b`, `\u009b`, `\u202e`.
  public static func spelling(_ scalar: Unicode.Scalar) -> String {
    let v = scalar.value
    let hex = String(v, radix: 16)
    if v < 0x80 { return "\\x" + (hex.count < 2 ? "0" + hex : hex) }
    return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }

  /// `text` with every unsafe scalar spelled out; `keeping` lets a caller pass, say, "\n".
  public static func escape(_ text: String, keeping kept: Set<Unicode.Scalar> = []) -> String {
    guard text.unicodeScalars.contains(where: { isUnsafe($0) && !kept.contains($0) }) else { return text }
    var result = ""
    for scalar in text.unicodeScalars {
      if isUnsafe(scalar) && !kept.contains(scalar) {
        result += spelling(scalar)
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// For JSON: every unsafe scalar that JSONEncoder leaves raw (DEL, C1, bidi) as `\u00XX`,
  /// which is what a JSON string means by it; C0 is already escaped by the encoder.
  public static func escapeJSON(_ json: String) -> String {
    guard json.unicodeScalars.contains(where: { isUnsafe($0) && $0.value >= 0x20 }) else { return json }
    var result = ""
    for scalar in json.unicodeScalars {
      if isUnsafe(scalar) && scalar.value >= 0x20 {
        let hex = String(scalar.value, radix: 16)
        result += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}
