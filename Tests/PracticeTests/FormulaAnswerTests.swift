import Practice
import Testing

/// The formula and rule kinds, each answer derived again here by hand from the numbers the
/// prompt states and from torchvision's shapes.
@Suite struct FormulaAnswerTests {
  static let reference = TorchvisionReference.shared

  static func questions(_ kind: QuestionKind) -> [(TorchvisionReference.Variant, Question)] {
    CostAnswerTests.questions(kind)
  }

  /// The whole numbers a prompt states after each label, in order: "k = 3 and d_j = 24".
  static func number(after label: String, in text: String) -> Int? {
    guard let range = text.range(of: label) else { return nil }
    return Int(text[range.upperBound...].prefix { $0.isNumber })
  }

  static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

  static func isRatio(_ answer: ExpectedAnswer, _ p: Int, _ q: Int) -> Bool {
    guard case .ratio(let a, let b) = answer else { return false }
    return a * q == b * p && gcd(a, b) == 1
  }

  @Test func separableSavingIsKSquaredDOverKSquaredPlusD() throws {
    let questions = Self.questions(.separable)
    #expect(questions.count >= 50)
    for (variant, question) in questions {
      let k = try #require(Self.number(after: "For k = ", in: question.prompt))
      let d = try #require(Self.number(after: "d_j = ", in: question.prompt))
      let module = try #require(variant.module(forLayer: question.target?.layer ?? ""))
      #expect(module.output[2] == d, "d_j is the projection's output in torchvision")
      #expect(Self.isRatio(question.answer, k * k * d, k * k + d), "\(question.id)")
    }
  }

  @Test func blockFormulaIsHWDTimesTheSum() throws {
    var above = 0
    for (variant, question) in Self.questions(.blockFormula) {
      let block = try #require(question.target?.block)
      let modules = variant.block(block)
      let input = try #require(modules.first).input
      let output = try #require(modules.last).output
      let t = modules.count == 3 ? modules[0].output[2] / input[2] : 1
      #expect(question.prompt.contains("t = \(t), k = 3"), "\(question.id)")
      let formula = input[0] * input[1] * input[2] * t * (input[2] + 9 + output[2])
      #expect(question.answer == .count(formula, unit: "MAdds"), "\(question.id)")
      let exact = modules.reduce(0) { $0 + $1.macs }
      #expect(question.solution.contains { $0.hasSuffix("= \(grouped(exact))") }, "exact count stated")
      if formula > exact { above += 1 }
    }
    #expect(above > 0)
  }

  @Test func theorem1SharesAreBinomialSums() throws {
    let questions = (1...60).map { QuestionGenerator(seed: UInt64($0)).question(number: 1, kind: .theorem1) }
    var forms: Set<String> = []
    for question in questions {
      if let n = Self.number(after: "What is it for n = ", in: question.prompt) {
        #expect(Self.isRatio(question.answer, 1 + n, 1 << n), "\(question.id)")
        forms.insert("collapsed")
      } else {
        let m = try #require(Self.number(after: "into m = ", in: question.prompt))
        let k = try #require(Self.number(after: "at least k = ", in: question.prompt))
        // Pascal's triangle, row m, summed over j = 0 … m − k.
        var row = [1]
        for _ in 0..<m { row = zip([0] + row, row + [0]).map(+) }
        let kept = row[0...(m - k)].reduce(0, +)
        #expect(Self.isRatio(question.answer, kept, 1 << m), "\(question.id)")
        forms.insert("kept")
      }
    }
    #expect(forms.count == 2)
  }

  /// make_divisible from torchvision's _utils.py, written out again.
  static func makeDivisible(_ value: Double) -> Int {
    var result = max(8, Int(value + 4) / 8 * 8)
    if Double(result) < 0.9 * value { result += 8 }
    return result
  }

  @Test func roundingAndShortcutsMatchTorchvision() throws {
    var asked: Set<String> = []
    for (variant, question) in Self.questions(.rounding) {
      let block = try #require(question.target?.block)
      let modules = variant.block(block)
      let input = try #require(modules.first).input
      let output = try #require(modules.last).output
      switch question.answer {
      case .count(let channels, unit: "channels"):
        let c = try #require(Self.number(after: "Table 2's c = ", in: question.prompt))
        #expect(question.prompt.contains("α = \(formatted(variant.width))"))
        #expect(channels == Self.makeDivisible(Double(c) * variant.width), "\(question.id)")
        #expect(channels == output[2], "torchvision built \(output[2])")
        asked.insert("rounding")
      case .choice(let options, let correct):
        let shortcut = input == output
        #expect(options[correct] == (shortcut ? "yes" : "no"), "\(question.id) \(input) → \(output)")
        asked.insert("shortcut")
      default: Issue.record("\(question.id): unexpected answer \(question.answer)")
      }
    }
    #expect(asked.count == 2)
  }

  @Test func theReLU6GoesAfterExpandAndDepthwiseOnly() {
    // Table 1 of the paper: only the projection is linear.
    var variants: Set<String> = []
    for seed in 1...60 {
      let question = QuestionGenerator(seed: UInt64(seed)).question(number: 2, kind: .placeReLU6)
      guard case .choice(let options, let correct) = question.answer else {
        Issue.record("not a choice")
        continue
      }
      let expected: String
      if question.prompt.contains("Which of the three") {
        expected = "expand and depthwise"
      } else if question.prompt.contains("no activation") {
        expected = "project"
      } else {
        #expect(question.prompt.contains("removes the ReLU6 after a bottleneck's expansion"))
        expected = "wrong: keep it"
      }
      #expect(options[correct] == expected)
      variants.insert(expected)
    }
    #expect(variants.count == 3)
  }

  func grouped(_ value: Int) -> String {
    var digits = String(value), out = ""
    while digits.count > 3 {
      out = "," + digits.suffix(3) + out
      digits.removeLast(3)
    }
    return digits + out
  }

  func formatted(_ width: Double) -> String {
    width == width.rounded() ? String(format: "%.1f", width) : "\(width)"
  }
}
