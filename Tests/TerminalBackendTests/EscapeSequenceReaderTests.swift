import TermCanvas
import Testing

@testable import TerminalBackend

/// Bytes after an Esc, as a terminal sends them: mouse reports become events, other
/// sequences are swallowed whole, and an Esc followed by an ordinary byte is the Esc key.
@Suite struct EscapeSequenceReaderTests {
  /// Feeds the bytes of `text` (what follows the Esc) and returns every outcome.
  static func outcomes(_ text: String) -> [EscapeSequenceReader.Outcome] {
    var reader = EscapeSequenceReader()
    return Array(text.utf8).map { reader.feed($0) }
  }

  static func final(_ text: String) -> EscapeSequenceReader.Outcome? { outcomes(text).last }

  /// SGR 1006 counts cells from 1: "<0;5;9M" is a left press at column 5, row 9, which is
  /// (4, 8) counted from 0; the release "m" that follows a click carries nothing new.
  @Test func sgrPressesWheelAndReleases() {
    #expect(Self.final("[<0;5;9M") == .mouse(MouseEvent(.click, x: 4, y: 8)))
    #expect(Self.final("[<0;5;9m") == .mouse(nil))
    #expect(Self.final("[<64;1;1M") == .mouse(MouseEvent(.wheelUp, x: 0, y: 0)))
    #expect(Self.final("[<65;80;24M") == .mouse(MouseEvent(.wheelDown, x: 79, y: 23)))
    // Every byte before the last one asks for more.
    #expect(Self.outcomes("[<0;5;9M").dropLast().allSatisfy { $0 == .needsMore })
  }

  /// No column limit: SGR says any cell, where X10 stops at 223.
  @Test func wideScreensKeepTheirColumns() {
    #expect(Self.final("[<0;300;120M") == .mouse(MouseEvent(.click, x: 299, y: 119)))
  }

  /// Shift (4), Meta (8) and Ctrl (16) do not change what a press is; middle (1), right (2),
  /// drags (32), the horizontal wheel (66, 67) and buttons 8–11 (128+) are not used.
  @Test func modifiersAreIgnoredAndOtherButtonsDropped() {
    for button in [4, 8, 16, 28] {
      #expect(Self.final("[<\(button);2;3M") == .mouse(MouseEvent(.click, x: 1, y: 2)), "button \(button)")
    }
    for button in [1, 2, 32, 35, 66, 67, 128, 129] {
      #expect(Self.final("[<\(button);2;3M") == .mouse(nil), "button \(button)")
    }
  }

  /// A report that cannot be read is dropped whole: nothing of it becomes a key.
  @Test func malformedReportsAreDropped() {
    for text in ["[<0;5M", "[<0;5;9;1M", "[<;5;9M", "[<0;0;9M", "[<0;5;0M", "[<0;1234567;9M", "[<0;5;9x"] {
      let outcomes = Self.outcomes(text)
      #expect(outcomes.last == .mouse(nil) || outcomes.last == .ignored, "\(text): \(outcomes)")
      #expect(!outcomes.contains(.escapeKey), "\(text)")
    }
  }

  /// X10, from a terminal without 1006: ESC [ M and three bytes, each the value plus 32.
  @Test func x10ReportsAreReadToo() {
    var reader = EscapeSequenceReader()
    let bytes: [UInt8] = Array("[M".utf8) + [32 + 0, 32 + 5, 32 + 9]
    let outcomes = bytes.map { reader.feed($0) }
    #expect(outcomes.dropLast().allSatisfy { $0 == .needsMore })
    #expect(outcomes.last == .mouse(MouseEvent(.click, x: 4, y: 8)))
    var release = EscapeSequenceReader()
    #expect((Array("[M".utf8) + [32 + 3, 40, 40]).map { release.feed($0) }.last == .mouse(nil))
  }

  /// Esc and then a byte that starts no sequence: the Esc key, and the byte is the caller's
  /// to read again. Esc with nothing after it is the Esc key too.
  @Test func aLoneEscIsTheEscKey() {
    var reader = EscapeSequenceReader()
    #expect(reader.feed(UInt8(ascii: "j")) == .escapeKey)
    var second = EscapeSequenceReader()
    #expect(second.feed(0x1B) == .escapeKey)
    var nothing = EscapeSequenceReader()
    #expect(nothing.timedOut() == .escapeKey)
  }

  /// Function keys the terminfo entry does not know (F13 as "[25~", a focus report "[I",
  /// SS3 "OP") are read to their final byte and dropped: before, "25~" was typed into the
  /// lesson as step 25.
  @Test func unknownSequencesAreSwallowedWhole() {
    #expect(Self.outcomes("[25~") == [.needsMore, .needsMore, .needsMore, .ignored])
    #expect(Self.final("[I") == .ignored)
    #expect(Self.final("OP") == .ignored)
    #expect(Self.final("[1;5D") == .ignored)
  }

  /// Noise that never ends its sequence is dropped up to its final byte, however long,
  /// and a sequence cut short by a pause or a control byte is dropped too.
  @Test func noiseAndCutsAreDropped() {
    let long = "[" + String(repeating: "1;", count: 100) + "M"
    let outcomes = Self.outcomes(long)
    #expect(outcomes.last == .ignored && outcomes.dropLast().allSatisfy { $0 == .needsMore })
    var cut = EscapeSequenceReader()
    _ = cut.feed(UInt8(ascii: "["))
    _ = cut.feed(UInt8(ascii: "<"))
    #expect(cut.timedOut() == .ignored)
    var control = EscapeSequenceReader()
    _ = control.feed(UInt8(ascii: "["))
    #expect(control.feed(0x0D) == .ignored)
  }
}
