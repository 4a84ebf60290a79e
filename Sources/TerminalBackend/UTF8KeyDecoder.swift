/// Bytes from the terminal to characters, for keys: UTF-8 decoded one byte at a time, with
/// every malformed sequence dropped rather than allowed to hold up the keys behind it.
///
/// A lead byte starts a character and its continuation bytes complete it. A byte that cannot
/// be there (0xC0, 0xC1, 0xF5–0xFF, a continuation with no lead, a lead cut short, an
/// overlong or surrogate encoding) ends the pending character, which is dropped, and is
/// then read afresh: so "0xE2 ?" is the key "?", as a person who pressed "?" meant.
public struct UTF8KeyDecoder: Sendable {
  private var pending: UInt32 = 0
  private var needed = 0
  private var seen = 0
  /// The smallest scalar the pending length may encode, and the range its second byte
  /// must fall in (RFC 3629's table), which rules out overlong forms and surrogates.
  private var minimum: UInt32 = 0
  private var secondRange: ClosedRange<UInt8> = 0x80...0xBF

  public init() {}

  /// The character `byte` completes, or nil while one is pending or after a dropped byte.
  public mutating func feed(_ byte: UInt8) -> Unicode.Scalar? {
    if needed > 0 {
      let allowed = seen == 1 ? secondRange : 0x80...0xBF
      if allowed.contains(byte) {
        pending = pending << 6 | UInt32(byte & 0x3F)
        seen += 1
        guard seen == needed + 1 else { return nil }
        needed = 0
        return pending >= minimum ? Unicode.Scalar(pending) : nil
      }
      needed = 0  // cut short: drop it, and read this byte as a new start
    }
    switch byte {
    case 0x00...0x7F: return Unicode.Scalar(byte)
    case 0xC2...0xDF: start(UInt32(byte & 0x1F), needed: 1, minimum: 0x80, second: 0x80...0xBF)
    case 0xE0: start(0, needed: 2, minimum: 0x800, second: 0xA0...0xBF)
    case 0xED: start(0xD, needed: 2, minimum: 0x800, second: 0x80...0x9F)
    case 0xE1...0xEF: start(UInt32(byte & 0x0F), needed: 2, minimum: 0x800, second: 0x80...0xBF)
    case 0xF0: start(0, needed: 3, minimum: 0x10000, second: 0x90...0xBF)
    case 0xF4: start(4, needed: 3, minimum: 0x10000, second: 0x80...0x8F)
    case 0xF1...0xF3: start(UInt32(byte & 0x07), needed: 3, minimum: 0x10000, second: 0x80...0xBF)
    default: break  // 0x80–0xC1 and 0xF5–0xFF never start a character
    }
    return nil
  }

  private mutating func start(_ bits: UInt32, needed: Int, minimum: UInt32, second: ClosedRange<UInt8>) {
    pending = bits
    self.needed = needed
    seen = 1
    self.minimum = minimum
    secondRange = second
  }
}
