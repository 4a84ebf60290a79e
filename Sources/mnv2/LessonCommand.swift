import ArgumentParser
import Explorer
import Foundation
import MobileNetKit
import Practice
import Reports
import TermCanvas

struct LessonCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lesson",
    abstract: "The classroom lesson: the paper's story in ten steps, each beside a live visual.",
    discussion: """
      Each step explains one idea of the paper in a few sentences beside a live visual: t toggles \
      what it shows (the bottleneck linear/ReLU6, Figure 1's activation, Figure 6a/6b), w/W and r/R \
      change the width and resolution, s draws a new seed, j/k move the block, A switches the screen \
      to 7-bit ASCII and back. Clicker keys: PgDn, Space or → forward; PgUp, Backspace or ← back; \
      Home and End; a step number then Enter jumps; z zooms the visual for the back row; b or . \
      blanks the screen (any key returns); Esc twice or L leaves. Use --theme classroom on a \
      washed-out projector.

      Steps 2 to 6 ask the class to predict first: a-d count a vote for a choice (12a counts 12 \
      hands at once; the typed number shows on the key line), u takes back the last vote, v \
      reveals the answer and the tally. On those steps b is a vote, so . blanks. The tally closes \
      at the reveal: a late vote or u is refused with a notice until v hides the answer again. \
      A click on a choice is a vote too; with the mouse on, Shift+drag selects text to copy \
      (--no-mouse or MNV2_MOUSE=0 leaves the mouse to the terminal). ? lists every key.

      Steps: 1 depthwise separable convolutions, 2 the manifold of interest and ReLU, 3 linear \
      bottlenecks, 4 inverted residuals, 5 the architecture, 6 the cost of a block, 7 memory-efficient \
      inference, 8 width and resolution trade-offs, 9 the ablation.

      --print writes every step with its visual (figures in ASCII, prose in UTF-8 where the \
      locale is) for a handout (with --step, that \
      step alone); --for students asks each prediction with room to answer and leaves out the \
      figures and answers that would give it away. --record keeps the class's votes as CSV:
        mnv2 lesson --print --format markdown > handout.md
        mnv2 lesson --print --for students > class.txt
        mnv2 lesson --print --step 3
        mnv2 lesson --theme classroom --record votes.csv
      --lessons DIR teaches your own steps (format in docs/teaching.md) without recompiling.
      """)

  @OptionGroup var options: ExplorerOptions

  @Option(
    help: ArgumentHelp("Step to start at, from 1; with --print, the one step to print.", valueName: "n"))
  var step: Int?

  @Flag(help: "Write every step with its visual as ASCII to standard output, ready to print.")
  var print = false

  @Option(
    name: .customLong("format"),
    help: ArgumentHelp(
      "Format of --print (txt is text; default text); html is one page per step for A4 or Letter.",
      valueName: "text|markdown|html"))
  var formatChoice: HandoutFormat?

  @Option(
    name: .customLong("columns"),
    help: ArgumentHelp("Width of the printed visuals in columns, 60–200 (default 100).", valueName: "w"))
  var columnsChoice: Int?

  @Option(
    name: .customLong("for"),
    help: ArgumentHelp(
      "Whose handout (with --print): teachers (default) get every figure and the answers; students get "
        + "each prediction with room to answer, no figure that answers it, and no answers.",
      valueName: "teachers|students"))
  var audienceChoice: Audience?

  enum Audience: String, ExpressibleByArgument, CaseIterable {
    case teachers, students
  }

  @Option(
    help: ArgumentHelp(
      "Write the class's votes (a row per choice: votes, the answer, revealed or not) as CSV when the lesson ends.",
      valueName: "file"))
  var record: String?

  @Flag(help: "Replace the --record file if it exists.")
  var force = false

  var format: HandoutFormat { formatChoice ?? .text }
  var columns: Int { columnsChoice ?? 100 }

  enum HandoutFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, html

    /// "txt", as `export --format` spells it, is accepted too.
    init?(argument: String) {
      switch argument {
      case "text", "txt": self = .text
      case "markdown", "md": self = .markdown
      case "html", "htm": self = .html
      default: return nil
      }
    }
  }

  func validate() throws {
    guard (60...200).contains(columns) else {
      throw ValidationError("--columns must be from 60 to 200, got \(columns)")
    }
    // Options of the printed handout only: taken and then ignored, they would mislead.
    if !print && (formatChoice != nil || columnsChoice != nil || audienceChoice != nil) {
      throw ValidationError("--format, --columns and --for go with --print")
    }
    if print && record != nil {
      throw ValidationError("--record goes with the lesson on screen, not --print")
    }
    if force && record == nil { throw ValidationError("--force goes with --record") }
  }

  func run() throws {
    let network = try options.network()
    let steps = try LessonLoader.load(
      directory: options.lessons, rows: network.groups.count, checkingStep: step ?? 1)
    if print {
      // Paper has no keys: the launch and the printed steps are all it reaches.
      try options.checkReach(steps: step.map { [steps[$0 - 1]] } ?? steps, keys: false)
      Swift.print(
        Handout.render(
          steps: steps, network: network, options: options, format: format, columns: columns,
          only: step.map { $0 - 1 }, students: audienceChoice == .students),
        terminator: "")
      return
    }
    if let record { try RecordFile.check(record, force: force) }
    let final = try options.runExplorer(
      view: .network, block: 0, lessonStep: (step ?? 1) - 1, loadedSteps: steps, network: network)
    if let record, let lesson = final.lessonForRecord {
      try RecordFile.write(LessonRecord.csv(lesson, steps: final.lessonSteps), to: record)
    }
  }
}

/// The lesson as a printable document: every step's text and its visual in 7-bit ASCII.
enum Handout {
  /// The prose's spelling: 7-bit for paper (text), UTF-8 in Markdown where the locale is.
  static func proseStyle(_ format: LessonCommand.HandoutFormat) -> TextStyle {
    switch format {
    // Prose in the locale's characters: a lesson written in Chinese or Greek stays so where
    // the locale is UTF-8, and only a 7-bit locale gets the ASCII spellings.
    case .text, .markdown: TextStyle(unicode: TerminalEnvironment.isUTF8)
    case .html: TextStyle(unicode: true)  // the page declares UTF-8
    }
  }

  static func escapeHTML(_ text: String) -> String { MarkupRenderer.escape(text) }

  /// Print layout: a step to a page, its figure whole, on A4 and Letter alike (100 columns of
  /// 7.5 pt monospace are 159 mm, inside A4's 180 mm between margins).
  static let htmlStyle = """
    @page { margin: 15mm; }
    body { font-family: "DejaVu Serif", Georgia, serif; font-size: 11pt; line-height: 1.4; max-width: 46em; margin: 1.5em auto; color: #111; }
    h1 { font-size: 17pt; margin: 0 0 0.4em; }
    h2 { font-size: 13pt; margin: 0 0 0.6em; border-bottom: 1px solid #999; }
    section.step + section.step, section.answers { break-before: page; page-break-before: always; }
    pre { font-family: "DejaVu Sans Mono", monospace; font-size: 7.5pt; line-height: 1.2; white-space: pre; break-inside: avoid; page-break-inside: avoid; }
    .predict { border: 1px solid #ccc; border-radius: 4px; padding: 0.5em 0.8em; break-inside: avoid; }
    .predict ol { list-style: lower-alpha; margin: 0.3em 0; }
    .blank { margin: 0.8em 0 0.2em; }
    @media screen { section.step, section.answers { border-top: 3px double #999; padding-top: 1em; margin-top: 2em; } }
    """

  static func render(
    steps: [LessonStep], network: Network, options: ExplorerOptions, format: LessonCommand.HandoutFormat,
    columns: Int, only: Int? = nil, students: Bool = false
  ) -> String {
    // Paper has no keys to press and no bold: hints and formatting references are left out.
    let theme = Theme(colored: false, unicode: false, keyHints: false, formatting: false)
    // The prose is UTF-8 where the locale is; the figures stay ASCII, which every printer,
    // pager and Markdown renderer lines up.
    let ascii = proseStyle(format)
    var out: String
    switch format {
    case .text: out = ""
    case .markdown: out = "# MobileNetV2 in \(steps.count) steps\n\n"
    case .html:
      out =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<title>MobileNetV2 in \(steps.count) steps</title>\n<style>\n\(htmlStyle)\n</style>\n</head>\n<body>\n"
        + "<h1>MobileNetV2 in \(steps.count) steps</h1>\n"
    }
    // The process's memo for the whole handout: Figure 6 on two steps is trained once.
    let jobs = JobContext()
    for index in only.map({ [$0] }) ?? Array(steps.indices) {
      var state = ExplorerState(
        spec: network.spec, config: options.config, seed: options.seed, plotStyle: .ascii,
        convention: options.framework.convention,
        lessonSteps: steps, lessonStep: index)
      state.workMemoryLimit = AddressSpace.memoryLimit
      let step = steps[index]
      // A student's copy asks the question and leaves out the figure that answers it.
      let withheld = students && step.prediction != nil
      if !withheld { BoardTraining.settle(&state, cache: options.boardCache, label: "lesson", context: jobs) }
      let visual = LessonScreen.renderVisual(state, theme: theme, width: columns, height: 24)
      var picture =
        withheld
        ? "(The figure that answers this is shown in class, after you answer.)\n" : visual.plainText()
      while picture.hasSuffix("\n\n") { picture.removeLast() }
      // Figure 6's step carries the numbers under its chart, as mnv2 ablation prints them.
      if step.visual == .ablation, let result = state.ablation.completedResult {
        let tables = AblationReport(result: result, style: ascii).tables().split(
          separator: "\n", omittingEmptySubsequences: false)
        // The verdicts are sentences: wrapped to the handout's width, indented as in the report.
        picture +=
          "\n"
          + tables.flatMap { line -> [String] in
            guard line.count > columns else { return [String(line)] }
            let indent = String(line.prefix { $0 == " " })
            return Canvas.wrap(String(line.dropFirst(indent.count)), width: columns - indent.count).map {
              indent + $0
            }
          }.joined(separator: "\n")
        while picture.hasSuffix("\n\n") { picture.removeLast() }
      }
      let text = Canvas.wrap(ascii.apply(step.text), width: min(columns, 88)).joined(separator: "\n")
      let predict = step.prediction.map {
        predictionLines($0, format: format, width: min(columns, 88), answerSpace: students)
      }
      switch format {
      case .text:
        let heading = "Step \(index + 1) / \(steps.count): \(ascii.apply(step.title))"
        out +=
          heading + "\n" + String(repeating: "=", count: heading.count) + "\n\n" + text + "\n\n"
          + (predict.map { $0 + "\n\n" } ?? "") + picture + "\n\n"
      case .markdown:
        out +=
          "## Step \(index + 1): \(MarkdownProse.render(ascii.apply(step.title)))\n\n"
          + MarkdownProse.render(ascii.apply(step.text)) + "\n\n" + (predict.map { $0 + "\n\n" } ?? "")
          + "```text\n" + picture + "```\n\n"
      case .html:
        out +=
          "<section class=\"step\">\n<h2>Step \(index + 1) / \(steps.count): \(escapeHTML(step.title))</h2>\n"
          + "<p>\(escapeHTML(step.text))</p>\n" + (predict ?? "")
          + "<pre>\(escapeHTML(picture))</pre>\n</section>\n"
      }
    }
    out += students ? "" : appendix(steps: steps, only: only, format: format, width: min(columns, 88))
    return format == .html ? out + "</body>\n</html>\n" : out
  }

  /// A step's prediction as a question on paper, before the figure that answers it.
  static func predictionLines(
    _ prediction: LessonPrediction, format: LessonCommand.HandoutFormat, width: Int, answerSpace: Bool = false
  ) -> String {
    let ascii = Handout.proseStyle(format)
    let options = prediction.choices.enumerated().map {
      "(\(LessonPrediction.choiceLetters[$0.offset])) \(ascii.apply($0.element))"
    }
    // A student's copy has room to answer and to say why, before the class sees the figure.
    let choose = prediction.choices.isEmpty ? "Your answer: ________" : "Your choice: ( )"
    let why = "Why: ____________________________________________________________"
    switch format {
    case .text:
      let question = Canvas.wrap("Predict first: " + ascii.apply(prediction.question), width: width)
      let blank =
        answerSpace
        ? ["", "    " + choose, "", "    " + why] : (prediction.choices.isEmpty ? ["    " + choose] : [])
      return (question + options.map { "    " + $0 } + blank).joined(separator: "\n")
    case .markdown:
      let question = "Predict first: " + MarkdownProse.render(ascii.apply(prediction.question))
      // Underscores escaped by hand: as prose they would read as a formula's code span.
      let line = { (text: String) in text.replacingOccurrences(of: "_", with: "\\_") }
      let blank = answerSpace ? ["", line(choose), "", line(why)] : []
      return ([question, ""] + options.map { "- " + MarkdownProse.render($0) } + blank).joined(
        separator: "\n")
    case .html:
      let items = prediction.choices.map { "<li>\(escapeHTML($0))</li>" }.joined()
      let blank =
        answerSpace
        ? "<p class=\"blank\">\(choose)</p><p class=\"blank\">\(why)</p>"
        : (prediction.choices.isEmpty ? "<p class=\"blank\">\(choose)</p>" : "")
      return "<div class=\"predict\"><p><b>Predict first:</b> \(escapeHTML(prediction.question))</p>"
        + (items.isEmpty ? "" : "<ol>\(items)</ol>") + blank + "</div>\n"
    }
  }

  /// The answers to the predictions, after the last step, so the questions can be asked first.
  static func appendix(steps: [LessonStep], only: Int?, format: LessonCommand.HandoutFormat, width: Int)
    -> String
  {
    let ascii = Handout.proseStyle(format)
    let asked = (only.map { [$0] } ?? Array(steps.indices)).filter { steps[$0].prediction != nil }
    guard !asked.isEmpty else { return "" }
    var lines: [String] = []
    for index in asked {
      let prediction = steps[index].prediction!
      let answer =
        "Step \(index + 1): \(ascii.apply(prediction.answerText)). \(ascii.apply(prediction.reveal))"
      switch format {
      case .text:
        lines += Canvas.wrap(answer, width: width - 2).enumerated().map {
          ($0.offset == 0 ? "" : "  ") + $0.element
        }
      case .markdown: lines.append("- " + MarkdownProse.render(answer))
      case .html: lines.append("<li>\(escapeHTML(answer))</li>")
      }
    }
    switch format {
    case .text:
      let heading = "Answers to the predictions"
      return heading + "\n" + String(repeating: "=", count: heading.count) + "\n\n"
        + lines.joined(separator: "\n")
        + "\n"
    case .markdown:
      return "## Answers to the predictions\n\n" + lines.joined(separator: "\n") + "\n"
    case .html:
      return "<section class=\"answers\">\n<h2>Answers to the predictions</h2>\n<ul>\n"
        + lines.joined(separator: "\n") + "\n</ul>\n</section>\n"
    }
  }
}
