import Testing

@testable import TerminalBackend

/// Found by the soak: ncurses' get_wch, given 0xFF or a stray continuation byte, went on
/// reading for the rest of a character that never came, and every key after it was lost
/// until the explorer was restarted. Bytes are now decoded here, and malformed ones dropped.
@Suite struct UTF8KeyDecoderTests {
  static func decode(_ bytes: [UInt8]) -> [Unicode.Scalar] {
    var decoder = UTF8KeyDecoder()
    return bytes.compactMap { decoder.feed($0) }
  }

  @Test func wellFormedCharactersOfEveryLength() {
    // "a", "é" (C3 A9), "€" (E2 82 AC), "😀" (F0 9F 98 80), and the ends of each range.
    #expect(
      Self.decode([0x61, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80]) == ["a", "é", "€", "😀"])
    #expect(Self.decode([0xC2, 0x80, 0xDF, 0xBF]) == ["\u{80}", "\u{7FF}"])
    #expect(Self.decode([0xE0, 0xA0, 0x80, 0xEF, 0xBF, 0xBF]) == ["\u{800}", "\u{FFFF}"])
    #expect(Self.decode([0xF0, 0x90, 0x80, 0x80, 0xF4, 0x8F, 0xBF, 0xBF]) == ["\u{10000}", "\u{10FFFF}"])
  }

  /// Every byte that can never start a character is dropped, and the key after it arrives.
  @Test func bytesThatStartNothingAreDropped() {
    for byte in Array(0x80...0xC1) + Array(0xF5...0xFF) {
      #expect(Self.decode([UInt8(byte), 0x3F]) == ["?"], "byte \(byte)")
    }
  }

  /// A character cut short by a byte that cannot continue it is dropped, and that byte read
  /// afresh: "0xE2 ?" is "?", "0xE2 0xC3 0xA9" is "é".
  @Test func aCharacterCutShortGivesWayToTheNextKey() {
    #expect(Self.decode([0xE2, 0x3F]) == ["?"])
    #expect(Self.decode([0xE2, 0x82, 0x3F]) == ["?"])
    #expect(Self.decode([0xF0, 0x9F, 0x98, 0x71]) == ["q"])
    #expect(Self.decode([0xE2, 0xC3, 0xA9]) == ["é"])
  }

  /// RFC 3629's forbidden forms: overlong encodings, UTF-16 surrogates, beyond U+10FFFF.
  @Test func overlongSurrogateAndOutOfRangeFormsAreDropped() {
    #expect(Self.decode([0xC0, 0xAF, 0x61]) == ["a"])  // overlong "/"
    #expect(Self.decode([0xE0, 0x80, 0xAF, 0x61]) == ["a"])  // overlong "/"
    #expect(Self.decode([0xED, 0xA0, 0x80, 0x61]) == ["a"])  // U+D800
    #expect(Self.decode([0xF4, 0x90, 0x80, 0x80, 0x61]) == ["a"])  // U+110000
    #expect(Self.decode([0xF0, 0x80, 0x80, 0xAF, 0x61]) == ["a"])  // overlong "/"
  }

  /// Any byte string at all: no trap, and every ASCII byte not inside a valid character is
  /// delivered (checked on a seeded sample of 20,000 random strings).
  @Test func randomBytesNeverHoldUpASCII() {
    var state: UInt64 = 0x2545_F491_4F6C_DD1D
    for _ in 0..<20_000 {
      var bytes: [UInt8] = []
      for _ in 0..<12 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        bytes.append(UInt8(truncatingIfNeeded: state >> 56))
      }
      let decoded = Self.decode(bytes + [0x3F])
      #expect(decoded.last == "?", "\(bytes)")
    }
  }
}
