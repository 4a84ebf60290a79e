import Foundation
import MobileNetKit
import Practice
import Testing

/// What people type, and what they get back when it cannot be read.
@Suite struct AnswerParserTests {
  static let madds = ExpectedAnswer.count(10_838_016, unit: "MAdds")
  static let shape = ExpectedAnswer.shape(TensorShape(56, 56, 24))
  static let ratio = ExpectedAnswer.ratio(72, 11)
  static let share = ExpectedAnswer.ratio(3, 16)
  static let choice = ExpectedAnswer.choice(["expand", "depthwise", "project"], correct: 2)
  static let yesNo = ExpectedAnswer.choice(["yes", "no"], correct: 0)

  @Test(arguments: [
    "10838016", "10,838,016", "10_838_016", " 10838016 ", "10838016 MAdds", "10,838,016 madds",
    "10838016 MACs", "10 838 016",
  ])
  func numbersIn(_ typed: String) {
    #expect(AnswerParser.check(typed, against: Self.madds) == .correct(note: nil))
  }

  @Test(arguments: [
    "56x56x24", "56×56×24", "56 x 56 x 24", "56X56X24", "56*56*24", "(56, 56, 24)", "56, 56, 24", "56,56,24",
  ])
  func shapesInHWC(_ typed: String) {
    #expect(AnswerParser.check(typed, against: Self.shape) == .correct(note: nil))
  }

  @Test(arguments: ["24×56×56", "24x56x56", "[1, 24, 56, 56]", "[1,24,56,56]"])
  func shapesInCHWSayHowTheyWereRead(_ typed: String) {
    guard case .correct(let note?) = AnswerParser.check(typed, against: Self.shape) else {
      Issue.record("\(typed) was not read as C×H×W")
      return
    }
    #expect(note.contains("C×H×W"))
  }

  @Test(arguments: ["72/11", "144/22", " 72 / 11 ", "6.55", "6.5", "6.545"])
  func ratiosIn(_ typed: String) {
    #expect(AnswerParser.check(typed, against: Self.ratio) == .correct(note: nil))
  }

  @Test(arguments: ["3/16", "0.19", "0.1875", "18.75%", "19%", "18.8 %"])
  func sharesIn(_ typed: String) {
    #expect(AnswerParser.check(typed, against: Self.share) == .correct(note: nil))
  }

  @Test(arguments: ["project", "PROJECT", "c", "C", "3", "(c)"])
  func choicesIn(_ typed: String) {
    #expect(AnswerParser.check(typed, against: Self.choice) == .correct(note: nil))
  }

  @Test func yesAndNo() {
    #expect(AnswerParser.check("y", against: Self.yesNo) == .correct(note: nil))
    #expect(AnswerParser.check("yes", against: Self.yesNo) == .correct(note: nil))
    #expect(AnswerParser.check("n", against: Self.yesNo) == .wrong)
  }

  /// A decimal that rounds to a whole number the answer is not hides what was asked.
  @Test func roundingToAWholeNumberIsNotTaken() {
    let kept = ExpectedAnswer.ratio(1023, 1024)
    if case .correct = AnswerParser.check("1", against: kept) { Issue.record("1 was taken for 1023/1024") }
    for typed in ["1.00", "100%", "1.0"] {
      guard case .unreadable(let message) = AnswerParser.check(typed, against: kept) else {
        Issue.record("\(typed) was taken for 1023/1024")
        continue
      }
      #expect(message.contains("whole number"))
    }
    #expect(AnswerParser.check("0.999", against: kept) == .correct(note: nil))
    #expect(AnswerParser.check("99.9%", against: kept) == .correct(note: nil))
    // Small shares need the places their digits need: 11/1024 = 0.0107.
    #expect(AnswerParser.check("0.011", against: .ratio(11, 1024)) == .correct(note: nil))
    #expect(AnswerParser.check("0.01", against: .ratio(11, 1024)) != .correct(note: nil))
    #expect(ExpectedAnswer.ratio(11, 1024).formatted() == "11/1024 ≈ 0.011")
    #expect(ExpectedAnswer.ratio(1023, 1024).formatted() == "1023/1024 ≈ 0.999")
    #expect(ExpectedAnswer.ratio(3, 16).formatted() == "3/16 ≈ 0.19")
  }

  @Test func wrongAnswersAreWrongNotUnreadable() {
    #expect(AnswerParser.check("10838017", against: Self.madds) == .wrong)
    #expect(AnswerParser.check("28x28x24", against: Self.shape) == .wrong)
    #expect(AnswerParser.check("56x24x56", against: Self.shape) == .wrong)
    #expect(AnswerParser.check("6.56", against: Self.ratio) == .wrong)
    #expect(AnswerParser.check("6/11", against: Self.ratio) == .wrong)
    #expect(AnswerParser.check("a", against: Self.choice) == .wrong)
  }

  static let malformed: [(String, ExpectedAnswer)] = [
    ("", madds), ("   ", madds), ("ten million", madds), ("10,83,8016", madds), ("10,838_016", madds),
    ("-5", madds), ("1e7", madds), ("10838016 bytes", madds), ("12345678901234567890123", madds),
    ("1.5", madds), ("\u{1B}[31m10838016", madds), ("10838016\u{7}", madds),
    (String(repeating: "9", count: 500), madds), ("57x57", shape), ("56x56x24x1", shape),
    ("[2, 24, 56, 56]", shape),
    ("56xx24", shape), ("[56; 56; 24]", shape), ("fifty-six", shape), ("72/0", ratio), ("72/11/2", ratio),
    ("7", ratio), ("abc%", ratio), ("6.5.5", ratio), ("e", choice), ("4", choice), ("maybe", yesNo),
    ("\u{202E}project", choice),
  ]

  @Test func malformedInputGetsOneLineThatNeverEchoesIt() {
    #expect(Self.malformed.count >= 20)
    for (typed, expected) in Self.malformed {
      guard case .unreadable(let message) = AnswerParser.check(typed, against: expected) else {
        Issue.record("\(typed.debugDescription) was not refused")
        continue
      }
      #expect(!message.isEmpty && !message.contains("\n"), "\(typed.debugDescription)")
      #expect(message.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F })
      let trimmed = typed.trimmingCharacters(in: .whitespaces)
      if trimmed.count > 3 { #expect(!message.contains(trimmed), "\(typed.debugDescription) echoed") }
    }
  }

  @Test func theMessageNamesTheExpectedForm() {
    guard case .unreadable(let message) = AnswerParser.check("56 by 56", against: Self.shape) else {
      Issue.record("not refused")
      return
    }
    #expect(message.contains("56x56x24") && message.contains("[1, 24, 56, 56]"))
  }
}
