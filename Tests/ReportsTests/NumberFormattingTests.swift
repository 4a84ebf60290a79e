import MobileNetKit
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
    #expect(terminalSafe("Net\u{1B}[2J") == "Net\\x1b[2J")
    #expect(terminalSafe("a\nb\u{7F}") == "a\\x0ab\\x7f")
    #expect(terminalSafe("c\u{9B}d\u{85}e\u{202E}f") == "c\\u009bd\\u0085e\\u202ef")
    #expect(terminalSafe("MobileNetV2 ×") == "MobileNetV2 ×")
  }
}

@Suite struct ScaledNumberTests {
  /// Hand-worked: M below 10⁹ (one decimal), G from 10⁹ (two decimals), K = 1000.
  @Test func millionsThenBillions() {
    #expect(NumberFormatting.scaled(300_774_272) == "300.8M")
    #expect(NumberFormatting.scaled(999_949_999) == "999.9M")
    #expect(NumberFormatting.scaled(1_000_000_000) == "1.00G")
    #expect(NumberFormatting.scaled(46_590_723_072) == "46.59G")
    #expect(NumberFormatting.scaled(3_504_872, decimals: 2) == "3.50M")
  }
}
