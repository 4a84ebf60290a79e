import Practice
import Testing

/// Shapes, multiply-adds, parameters and memory: every generated answer against what
/// torchvision built, at the six widths and resolutions of the committed fixture.
@Suite struct CostAnswerTests {
  static let reference = TorchvisionReference.shared

  /// Ten questions of a kind at each fixture variant, from seeds 1 to 10: 60 a kind.
  static func questions(_ kind: QuestionKind) -> [(TorchvisionReference.Variant, Question)] {
    reference.variants.flatMap { variant in
      (1...10).map { seed in
        let generator = QuestionGenerator(
          seed: UInt64(seed), kinds: [kind], width: variant.width, resolution: variant.resolution)
        return (variant, generator.question(number: seed, kind: kind))
      }
    }
  }

  @Test func theFixtureSpansTheIssuesRange() {
    let widths = Self.reference.variants.map(\.width)
    let resolutions = Self.reference.variants.map(\.resolution)
    #expect(widths.min() == 0.35 && widths.max() == 1.4)
    #expect(resolutions.min() == 96 && resolutions.max() == 224)
  }

  @Test func outputShapesAreTorchvisions() throws {
    let questions = Self.questions(.shape)
    #expect(questions.count >= 50)
    var blocks = 0
    for (variant, question) in questions {
      let target = try #require(question.target)
      let expected: [Int]
      if let module = variant.module(forLayer: target.layer) {
        expected = module.output
      } else {
        // A whole block: its output is its last conv's.
        #expect(target.layer == "b\(target.block)")
        expected = try #require(variant.block(target.block).last).output
        blocks += 1
      }
      guard case .shape(let shape) = question.answer else {
        Issue.record("\(question.id) is not a shape")
        continue
      }
      #expect([shape.height, shape.width, shape.channels] == expected, "\(question.id) \(target.layer)")
      #expect(question.solution.last?.contains("\(expected[0])×\(expected[1])×\(expected[2])") == true)
    }
    #expect(blocks > 0 && blocks < questions.count, "both blocks and single layers are asked")
  }

  @Test func multiplyAddsAreTorchvisions() throws {
    for (variant, question) in Self.questions(.multiplyAdds) {
      let module = try #require(variant.module(forLayer: question.target?.layer ?? ""))
      #expect(question.answer == .count(module.macs, unit: "MAdds"), "\(question.id) \(module.module)")
    }
  }

  /// The walkthrough's slips: a hint read "one k×k filter a channel,, no BatchNorm", and a
  /// classifier (which has no BatchNorm) was asked "and all four BatchNorm vectors".
  @Test func promptsAndHintsReadCleanly() {
    var classifiers = 0, depthwiseWithoutBatchNorm = 0
    for seed in 1...400 {
      let question = QuestionGenerator(seed: UInt64(seed), kinds: [.params]).question(
        number: 1, kind: .params)
      #expect(!question.hint.contains(",,") && !question.prompt.contains(",,"), "\(question.hint)")
      if question.hint.contains("per channel") && question.hint.contains("no BatchNorm") {
        depthwiseWithoutBatchNorm += 1
      }
      if question.target?.layer == "classifier" {
        classifiers += 1
        #expect(!question.prompt.contains("BatchNorm vectors") && !question.prompt.contains("BatchNorm's γ"))
        #expect(question.prompt.contains("it has no BatchNorm"), "\(question.prompt)")
      }
    }
    // Both slips' cases were met, so the checks above were not vacuous.
    #expect(classifiers > 0 && depthwiseWithoutBatchNorm > 0, "\(classifiers) \(depthwiseWithoutBatchNorm)")
  }

  @Test func paramsFollowTheStatedConvention() throws {
    var conventions: Set<String> = []
    for (variant, question) in Self.questions(.params) {
      let module = try #require(variant.module(forLayer: question.target?.layer ?? ""))
      let own = module.weights + module.biases
      let expected: Int
      if question.prompt.contains("torchvision's count") {
        expected = own + (module.bn_affine ?? 0)
        conventions.insert("torchvision")
      } else if question.prompt.contains("all four BatchNorm vectors") {
        expected = own + (module.bn_affine ?? 0) + (module.bn_running ?? 0)
        conventions.insert("keras")
      } else {
        #expect(question.prompt.contains("without BatchNorm") || question.target?.layer == "classifier")
        expected = own
        conventions.insert("none")
      }
      #expect(question.answer == .count(expected, unit: "params"), "\(question.id) \(module.module)")
    }
    #expect(conventions.count == 3)
  }

  @Test func memoryIsTheOutputAtTwoBytes() throws {
    for (variant, question) in Self.questions(.memory) {
      let module = try #require(variant.module(forLayer: question.target?.layer ?? ""))
      let bytes = module.output.reduce(1, *) * 2
      #expect(question.answer == .count(bytes, unit: "bytes"), "\(question.id) \(module.module)")
    }
  }

  @Test func promptsQuoteTheFixturesInputShape() throws {
    for (variant, question) in Self.questions(.multiplyAdds) {
      let module = try #require(variant.module(forLayer: question.target?.layer ?? ""))
      let input = module.input.map(String.init).joined(separator: "×")
      #expect(question.prompt.contains("from \(input) to"), "\(question.id)")
    }
  }
}
