import Testing

@testable import Reports

@Suite struct NumberFormattingTests {
  @Test func groupsThousands() {
    #expect(NumberFormatting.grouped(0) == "0")
    #expect(NumberFormatting.grouped(999) == "999")
    #expect(NumberFormatting.grouped(1000) == "1,000")
    #expect(NumberFormatting.grouped(3_504_872) == "3,504,872")
    #expect(NumberFormatting.grouped(-1_234_567) == "-1,234,567")
  }

  @Test func fixedPointIsLocaleFree() {
    #expect(NumberFormatting.fixed(300.774272, decimals: 2) == "300.77")
    #expect(NumberFormatting.fixed(0.05, decimals: 1) == "0.1")  // half away from zero
    #expect(NumberFormatting.fixed(0.004, decimals: 1) == "0.0")
    #expect(NumberFormatting.fixed(-0.004, decimals: 1) == "0.0")  // no "-0.0"
    #expect(NumberFormatting.fixed(12, decimals: 0) == "12")
    #expect(NumberFormatting.percent(0.036) == "3.6%")
  }

  @Test func controlCharactersAreEscaped() {
    #expect(terminalSafe("Net\u{1B}[2J") == "Net\\u{1B}[2J")
    #expect(terminalSafe("a\nb\u{7F}") == "a\\u{A}b\\u{7F}")
    #expect(terminalSafe("MobileNetV2 ×") == "MobileNetV2 ×")
  }
}
