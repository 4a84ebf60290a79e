import MobileNetKit
import TermCanvas

/// Reads the small lesson format (docs/teaching.md, "Lesson files"):
///
///     # comments
///     title: Linear bottlenecks
///     visual: linear-bottleneck
///     block: 3              (optional, and so are width, resolution, bottleneck)
///     live: Press t: …      (optional: what to try on screen; printed handouts leave it out)
///     ---
///     The explanation, as one or more paragraphs.
///
/// Strict, so a teacher's typo is reported with its file and line instead of being ignored.
public enum LessonParser {
  public static let maximumTextLength = 1200
  /// The on-screen instruction is one short line under the text.
  public static let maximumLiveLength = 160

  /// The file's lines as editors write them: LF or CRLF (Windows Notepad), after a UTF-8
  /// byte-order mark if there is one. "\r\n" is one Character in Swift, so a split on "\n"
  /// alone left a CRLF file one line long ("missing the '---' line").
  static func lines(of text: String) -> [Substring] {
    var scalars = Substring(text).unicodeScalars
    if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
    return scalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      Substring(line.last == "\r" ? line.dropLast() : line)
    }
  }

  /// `rows` bounds `block`: the row count of the network the lesson runs on (MobileNetV2's
  /// by default).
  public static func parse(_ text: String, source: String, rows: Int = bundledRows) throws(LessonError)
    -> LessonStep
  {
    var fields: [String: (value: String, line: Int)] = [:]
    var bodyLines: [Substring] = []
    var inBody = false
    let lines = Self.lines(of: text)
    for (offset, line) in lines.enumerated() {
      let number = offset + 1
      if inBody {
        bodyLines.append(line)
        continue
      }
      let trimmed = line.trimmingSpaces()
      if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
      if trimmed == "---" {
        inBody = true
        continue
      }
      guard let colon = trimmed.firstIndex(of: ":") else {
        throw LessonError(
          source: source, line: number, message: "expected 'field: value' or '---', got \"\(trimmed)\"")
      }
      let key = String(trimmed[..<colon]).trimmingSpaces()
      let value = String(trimmed[trimmed.index(after: colon)...]).trimmingSpaces()
      guard fieldNames.contains(key) else {
        throw LessonError(
          source: source, line: number,
          message: "unknown field \"\(key)\"; allowed: \(fieldNames.joined(separator: ", "))")
      }
      guard fields[key] == nil else {
        throw LessonError(source: source, line: number, message: "\(key) given twice")
      }
      fields[key] = (value, number)
    }
    guard inBody else {
      throw LessonError(source: source, line: lines.count, message: "missing the '---' line before the text")
    }
    let body = bodyLines.map { String($0).trimmingSpaces() }
      .split(separator: "", omittingEmptySubsequences: true)
      .map { $0.joined(separator: " ") }
      .joined(separator: "\n")
    guard !body.isEmpty else {
      throw LessonError(source: source, line: lines.count, message: "the text after '---' is empty")
    }
    guard body.count <= maximumTextLength else {
      throw LessonError(
        source: source, line: lines.count,
        message: "the text has \(body.count) characters; at most \(maximumTextLength) fit beside a visual")
    }
    guard let title = fields["title"], !title.value.isEmpty else {
      throw LessonError(source: source, line: 1, message: "missing required field \"title\"")
    }
    guard let visualField = fields["visual"] else {
      throw LessonError(source: source, line: 1, message: "missing required field \"visual\"")
    }
    guard let visual = LessonVisual(rawValue: visualField.value) else {
      let known = LessonVisual.allCases.map(\.rawValue).joined(separator: ", ")
      throw LessonError(
        source: source, line: visualField.line,
        message: "unknown visual \"\(visualField.value)\"; one of \(known)")
    }
    // Text from the file is spelled out where it holds control, C1 or bidi characters, so no
    // screen, handout or export can pass them to a terminal (a tab is a space).
    let safeBody = TerminalSafe.escape(body.replacingTabs, keeping: ["\n"])
    var step = LessonStep(
      title: TerminalSafe.escape(title.value.replacingTabs), text: safeBody, visual: visual, source: source)
    if let field = fields["block"] {
      guard let block = Int(field.value), (0..<rows).contains(block) else {
        throw LessonError(
          source: source, line: field.line, message: "block must be 0 to \(rows - 1), got \"\(field.value)\"")
      }
      step.block = block
    }
    if let field = fields["width"] {
      guard let width = Double(field.value), NetworkConfig.widthRange.contains(width) else {
        throw LessonError(
          source: source, line: field.line, message: "width must be 0.05 to 8, got \"\(field.value)\"")
      }
      step.width = width
    }
    if let field = fields["resolution"] {
      guard let resolution = Int(field.value), NetworkConfig.resolutionRange.contains(resolution) else {
        throw LessonError(
          source: source, line: field.line, message: "resolution must be 32 to 2048, got \"\(field.value)\"")
      }
      step.resolution = resolution
    }
    if let field = fields["live"] {
      guard field.value.count <= maximumLiveLength else {
        throw LessonError(
          source: source, line: field.line,
          message: "live has \(field.value.count) characters; at most \(maximumLiveLength) fit on one line")
      }
      step.live = field.value.isEmpty ? nil : TerminalSafe.escape(field.value.replacingTabs)
    }
    step.prediction = try prediction(fields, source: source, lines: lines.count)
    if let field = fields["bottleneck"] {
      guard let activation = Activation(rawValue: field.value) else {
        throw LessonError(
          source: source, line: field.line,
          message: "bottleneck must be linear or relu6, got \"\(field.value)\"")
      }
      step.bottleneck = activation
    }
    return step
  }

  static let fieldNames = [
    "title", "visual", "block", "width", "resolution", "bottleneck", "live", "predict", "choices", "answer",
    "reveal",
  ]
  public static let maximumPredictionLength = 300

  /// `predict:`, `choices: a | b | c`, `answer:` (a letter, a choice's text, or a number when
  /// there are no choices) and `reveal:`, all four or none but `choices`.
  static func prediction(_ fields: [String: (value: String, line: Int)], source: String, lines: Int)
    throws(LessonError) -> LessonPrediction?
  {
    let parts = ["predict", "choices", "answer", "reveal"]
    guard let first = parts.compactMap({ fields[$0] }).min(by: { $0.line < $1.line }) else { return nil }
    for required in ["predict", "answer", "reveal"] where fields[required] == nil {
      throw LessonError(
        source: source, line: first.line,
        message: "a prediction needs predict, answer and reveal; \(required) is missing")
    }
    let question = fields["predict"]!, answer = fields["answer"]!, reveal = fields["reveal"]!
    for field in [question, reveal] where field.value.isEmpty || field.value.count > maximumPredictionLength {
      throw LessonError(
        source: source, line: field.line,
        message:
          "predict and reveal take 1 to \(maximumPredictionLength) characters, got \(field.value.count)")
    }
    func safe(_ text: String) -> String { TerminalSafe.escape(text.replacingTabs) }
    var choices: [String] = []
    if let field = fields["choices"] {
      choices = field.value.split(separator: "|", omittingEmptySubsequences: false).map {
        safe($0.trimmingSpaces())
      }
      guard (2...4).contains(choices.count), choices.allSatisfy({ !$0.isEmpty && $0.count <= 40 }) else {
        throw LessonError(
          source: source, line: field.line,
          message: "choices takes 2 to 4 options of up to 40 characters, separated by |")
      }
      guard Set(choices).count == choices.count else {
        throw LessonError(source: source, line: field.line, message: "choices lists an option twice")
      }
    }
    let result: LessonPrediction.Answer
    if choices.isEmpty {
      guard answer.value.count <= 20, Double(answer.value.replacingOccurrences(of: ",", with: "")) != nil
      else {
        throw LessonError(
          source: source, line: answer.line,
          message: "without choices, answer must be a number, got \"\(answer.value)\"")
      }
      result = .number(answer.value)
    } else if answer.value.count == 1, let letter = answer.value.lowercased().first,
      let index = LessonPrediction.choiceLetters.firstIndex(of: letter), index < choices.count
    {
      result = .choice(index)
    } else if let index = choices.firstIndex(of: safe(answer.value)) {
      result = .choice(index)
    } else {
      throw LessonError(
        source: source, line: answer.line,
        message:
          "answer must be one of the choices or its letter (a to \(LessonPrediction.choiceLetters[choices.count - 1]))"
      )
    }
    return LessonPrediction(
      question: safe(question.value), choices: choices, answer: result, reveal: safe(reveal.value))
  }

  /// The steps shipped with mnv2, in order.
  /// Rows of the bundled MobileNetV2, which the bundled lesson is written for.
  public static let bundledRows = Network.mobileNetV2().groups.count

  public static let bundled: [LessonStep] = BundledLessons.files.map { name, text in
    // The bundled files are checked by a test; a failure here is a build mistake.
    try! parse(text, source: name)
  }
}

/// A malformed lesson file, located by file and line.
public struct LessonError: Error, Equatable, CustomStringConvertible {
  public var source: String
  public var line: Int
  public var message: String
  public var description: String { "\(source):\(line): \(message)" }
}

extension String {
  var replacingTabs: String { String(map { $0 == "\t" ? " " : $0 }) }
}

extension StringProtocol {
  func trimmingSpaces() -> String {
    var text = Substring(self)
    while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
    while let last = text.last, last == " " || last == "\t" { text.removeLast() }
    return String(text)
  }
}
