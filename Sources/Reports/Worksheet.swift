import MobileNetKit
import Practice
import TermCanvas

/// A printable sheet of generated questions, with or without its answer key. The header
/// names the command that regenerates it, so a teacher can hand out the seed instead of paper.
public struct Worksheet: Sendable {
  public enum Format: String, CaseIterable, Sendable {
    case text
    case markdown
    case html
    case json
  }

  public var generator: QuestionGenerator
  public var level: QuestionGenerator.Level
  public var questions: [Question]
  /// The `mnv2 quiz …` arguments that print this sheet again.
  public var command: String
  /// Whether the sheet names its seed and the command that prints it again. Off for a
  /// student copy (`--no-regenerate-line`): the same command with `--answers` is the key.
  public var regenerable = true

  public init(generator: QuestionGenerator, level: QuestionGenerator.Level, count: Int, command: String) {
    self.generator = generator
    self.level = level
    self.questions = generator.questions(count: count)
    self.command = command
  }

  /// "10 questions · seed 2018 · mixed kinds (level 3)".
  public var subtitle: String {
    let kinds =
      generator.kinds == QuestionKind.allCases
      ? "every kind" : generator.kinds.map(\.rawValue).joined(separator: ", ")
    return
      "\(questions.count) question\(questions.count == 1 ? "" : "s")"
      + (regenerable ? " · seed \(generator.seed)" : "") + " · \(kinds) · level \(level.rawValue)"
  }

  /// The conventions every answer follows, stated once at the top of the sheet.
  public static let conventions = [
    "Shapes are H×W×C (height × width × channels), for one image; PyTorch writes [N, C, H, W].",
    "MAdds are multiply-adds (FLOPs = 2 × MAdds); BatchNorm, biases and activations add none.",
    "Channel counts follow the framework named in the question (torchvision unless it says otherwise).",
    "Numbers are exact: give every digit. A share or a ratio may be given as a fraction, a decimal with at least 2 significant digits, or a percentage.",
  ]

  /// `unicode: false` spells the text sheet in 7-bit ASCII before it is wrapped, so that
  /// "α" becoming "alpha" cannot push a line past `width`.
  public func render(_ format: Format, answers: Bool, width: Int = 78, unicode: Bool = true) -> String {
    switch format {
    case .text: return text(answers: answers, width: width, style: TextStyle(unicode: unicode))
    case .markdown: return markdown(answers: answers)
    case .html: return WorksheetHTML(sheet: self, answers: answers).document()
    case .json: return WorksheetJSON(sheet: self, answers: answers).document()
    }
  }

  /// "(a) expand and depthwise", one per option, or nothing for a question typed in.
  static func options(_ question: Question) -> [String] {
    guard case .choice(let options, _) = question.answer else { return [] }
    return options.enumerated().map { "(\(AnswerParser.letters[$0.offset])) \($0.element)" }
  }

  /// The blank a student writes in: what form the answer takes.
  static func blank(_ question: Question) -> String {
    switch question.answer {
    case .count(_, let unit): return "Answer: ______________ \(unit)"
    case .shape: return "Answer: ____ × ____ × ____ (H×W×C)"
    case .ratio: return "Answer: ______________"
    case .choice: return "Answer: ____"
    }
  }

  private func text(answers: Bool, width: Int, style: TextStyle) -> String {
    func wrapped(_ text: String, indent: String, first: String? = nil) -> [String] {
      let lines = Canvas.wrap(style.apply(text), width: width - indent.count)
      return lines.enumerated().map { ($0.offset == 0 ? (first ?? indent) : indent) + $0.element }
    }
    var out =
      [
        "MobileNetV2 worksheet\(answers ? " with answer key" : "")", subtitle,
      ] + (regenerable ? ["Regenerate: \(command)"] : []) + [""]
    out += Self.conventions.flatMap { wrapped($0, indent: "  ", first: "• ") }
    for (index, question) in questions.enumerated() {
      let number = "\(index + 1). "
      let pad = String(repeating: " ", count: number.count)
      out.append("")
      out += wrapped(
        "\(question.kind.title)\(regenerable ? " [\(question.id)]" : "")", indent: pad, first: number)
      out += wrapped(question.prompt, indent: pad)
      out += Self.options(question).flatMap { wrapped($0, indent: pad + "    ", first: pad + "  ") }
      out.append(pad + Self.blank(question))
    }
    if answers {
      out += ["", "Answer key", String(repeating: "─", count: 10)]
      for (index, question) in questions.enumerated() {
        let number = "\(index + 1). "
        let pad = String(repeating: " ", count: number.count)
        out.append("")
        out += wrapped(question.answer.formatted(), indent: pad, first: number)
        out += wrapped("Hint: \(question.hint)", indent: pad + "  ", first: pad)
        out += question.solution.flatMap { wrapped($0, indent: pad + "  ", first: pad) }
      }
    }
    return out.joined(separator: "\n") + "\n"
  }

  private func markdown(answers: Bool) -> String {
    func escaped(_ text: String) -> String {
      var result = ""
      for character in text {
        if "\\`*_[]<>#|~".contains(character) { result.append("\\") }
        result.append(character)
      }
      return result
    }
    var out =
      [
        "# MobileNetV2 worksheet\(answers ? " with answer key" : "")", "", escaped(subtitle) + "  ",
      ] + (regenerable ? ["Regenerate: `\(command)`"] : []) + [""]
    out += Self.conventions.map { "- " + escaped($0) }
    out += ["", "## Questions"]
    for (index, question) in questions.enumerated() {
      out += [
        "", "### \(index + 1). \(escaped(question.kind.title))\(regenerable ? " (\(question.id))" : "")", "",
        escaped(question.prompt),
      ]
      let options = Self.options(question)
      if !options.isEmpty { out += [""] + options.map { "- " + escaped($0) } }
      out += ["", escaped(Self.blank(question))]
    }
    if answers {
      out += ["", "## Answer key"]
      for (index, question) in questions.enumerated() {
        out += [
          "", "### \(index + 1). \(escaped(question.answer.formatted()))", "",
          "Hint: \(escaped(question.hint))", "",
        ]
        out += question.solution.enumerated().map { "\($0.offset + 1). \(escaped($0.element))" }
      }
    }
    return out.joined(separator: "\n") + "\n"
  }
}
