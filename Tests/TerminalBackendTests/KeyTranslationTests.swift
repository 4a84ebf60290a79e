import CNCurses
import TermCanvas
import Testing

@testable import TerminalBackend

@Suite struct KeyTranslationTests {
  @Test func controlCharactersAreNamedKeys() {
    let expected: [(UInt32, Key)] = [
      (0x03, .controlC), (0x09, .tab), (0x0A, .enter), (0x0D, .enter), (0x1B, .escape), (0x7F, .backspace),
      (0x08, .backspace),
    ]
    for (code, key) in expected {
      #expect(CursesKeyCode.character(UnicodeScalar(code)!).key == key, "0x\(String(code, radix: 16))")
    }
  }

  @Test func otherControlCharactersAreIgnored() {
    for code in [0x00, 0x01, 0x02, 0x04, 0x1A, 0x1C, 0x1F] as [UInt32] {
      #expect(CursesKeyCode.character(UnicodeScalar(code)!).key == nil, "0x\(String(code, radix: 16))")
    }
  }

  @Test func printableCharactersPassThrough() {
    for character in ["q", "G", "+", "?", " ", "é", "→"] {
      let scalar = character.unicodeScalars.first!
      #expect(CursesKeyCode.character(scalar).key == .character(Character(scalar)))
    }
  }

  @Test func functionKeys() {
    let expected: [(Int32, Key)] = [
      (KEY_UP, .up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right), (KEY_ENTER, .enter),
      (KEY_BACKSPACE, .backspace), (KEY_NPAGE, .pageDown), (KEY_PPAGE, .pageUp), (KEY_HOME, .home),
      (KEY_END, .end),
    ]
    for (code, key) in expected { #expect(CursesKeyCode.function(code).key == key) }
    #expect(CursesKeyCode.function(KEY_F0 + 1).key == nil)
    #expect(CursesKeyCode.function(KEY_RESIZE).key == nil)
  }
}

@Suite struct TestBackendTests {
  @Test func playsTheScriptAndRecordsFrames() {
    let backend = TestBackend(
      width: 80, height: 24, script: [.key(.down), .resize(width: 100, height: 30), .resume])
    #expect(backend.nextEvent(timeout: .zero) == nil)  // nothing typed while busy
    #expect(backend.nextEvent(timeout: nil) == .key(.down))
    #expect(backend.nextEvent(timeout: nil) == .resize)
    #expect(backend.size == TerminalSize(width: 100, height: 30))
    #expect(backend.nextEvent(timeout: nil) == .resumed)
    #expect(backend.nextEvent(timeout: nil) == .endOfInput)
    backend.draw(Canvas(width: 3, height: 1))
    #expect(backend.frames.count == 1 && backend.screen?.width == 3)
  }
}
