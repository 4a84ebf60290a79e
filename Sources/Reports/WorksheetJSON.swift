import Practice

/// The worksheet as JSON, schema `mnv2-quiz/1` (docs/practice.md). Without `--answers` the
/// `answer`, `hint` and `solution` keys are absent, so a student's copy holds no key.
struct WorksheetJSON {
  let sheet: Worksheet
  let answers: Bool

  struct Document: Encodable {
    var schema = "mnv2-quiz/1"
    var command: String
    var seed: UInt64
    var level: Int
    var kinds: [String]
    var framework: String
    var answersIncluded: Bool
    var conventions: [String]
    var questions: [Entry]
  }

  struct Entry: Encodable {
    var id: String
    var number: Int
    var kind: String
    var title: String
    var model: Model?
    var target: Target?
    var prompt: String
    var options: [String]?
    var answer: Answer?
    var hint: String?
    var solution: [String]?
  }

  struct Model: Encodable {
    var architecture: String
    var framework: String
    var width: Double
    var resolution: Int
  }

  struct Target: Encodable {
    var layer: String
    var block: Int
  }

  /// `type` says which of the other keys are present: count (value, unit), shape (h, w, c),
  /// ratio (numerator, denominator, value), choice (index, value).
  struct Answer: Encodable {
    var type: String
    var text: String
    var value: Value?
    var unit: String?
    var h: Int?
    var w: Int?
    var c: Int?
    var numerator: Int?
    var denominator: Int?
    var index: Int?
  }

  /// A count's integer, a ratio's decimal or a choice's text.
  enum Value: Encodable {
    case integer(Int)
    case decimal(Double)
    case text(String)

    func encode(to encoder: any Encoder) throws {
      var container = encoder.singleValueContainer()
      switch self {
      case .integer(let value): try container.encode(value)
      case .decimal(let value): try container.encode(value)
      case .text(let value): try container.encode(value)
      }
    }
  }

  static func answer(_ expected: ExpectedAnswer) -> Answer {
    var answer = Answer(type: "", text: expected.formatted())
    switch expected {
    case .count(let value, let unit):
      answer.type = "count"
      answer.value = .integer(value)
      answer.unit = unit
    case .shape(let shape):
      answer.type = "shape"
      (answer.h, answer.w, answer.c) = (shape.height, shape.width, shape.channels)
    case .ratio(let p, let q):
      answer.type = "ratio"
      (answer.numerator, answer.denominator) = (p, q)
      answer.value = .decimal(Double(p) / Double(q))
    case .choice(let options, let correct):
      answer.type = "choice"
      answer.index = correct
      answer.value = .text(options[correct])
    }
    return answer
  }

  func document() -> String {
    let entries = sheet.questions.enumerated().map { index, question in
      var options: [String]?
      if case .choice(let choices, _) = question.answer { options = choices }
      return Entry(
        id: question.id, number: index + 1, kind: question.kind.rawValue, title: question.kind.title,
        model: question.model.map {
          Model(
            architecture: $0.architecture, framework: $0.framework.rawValue, width: $0.width,
            resolution: $0.resolution)
        },
        target: question.target.map { Target(layer: $0.layer, block: $0.block) }, prompt: question.prompt,
        options: options, answer: answers ? Self.answer(question.answer) : nil,
        hint: answers ? question.hint : nil, solution: answers ? question.solution : nil)
    }
    return encodeJSON(
      Document(
        command: sheet.command, seed: sheet.generator.seed, level: sheet.level.rawValue,
        kinds: sheet.generator.kinds.map(\.rawValue), framework: sheet.generator.framework.rawValue,
        answersIncluded: answers, conventions: Worksheet.conventions, questions: entries))
  }
}
