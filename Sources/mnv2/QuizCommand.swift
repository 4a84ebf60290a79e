import ArgumentParser
import AtomicFile
import Foundation
import MobileNetKit
import Practice
import Reports

struct QuizCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "quiz",
    abstract: "Exercises from the exact cost model: answer them in the terminal, or print a worksheet.",
    discussion: """
      Every question is generated from a seed, so two students with the same seed get the same \
      sheet, and every answer is computed by the code that draws the explorer's screens (and is \
      tested against torchvision's own counts). Kinds (--kinds, comma-separated):
        shape          a layer's or block's output shape (Table 2)
        madds          a layer's multiply-adds
        params         a layer's parameters, under a stated convention
        memory         a layer's output in bytes at fp16
        separable      the separable saving k²·d/(k² + d)
        block-formula  the paper's h·w·d′·t·(d′ + k² + d″) for a block
        theorem1       the collapsed share (1 + n)/2ⁿ, or N/2^m
        rounding       make_divisible channels, or: has it a shortcut?
        place-relu6    which layers of a block have a ReLU6, and why

      Levels: 1 asks about one layer at a time at width 1.0 and 224×224; 2 about any standard \
      width and resolution; 3 mixes every kind. --width and --resolution fix the network.

      Without --print it opens the explorer on the quiz (Q there too): type an answer and Enter; \
      a wrong answer gets a hint, ? the worked solution, Tab skips, PgUp/PgDn change the level, \
      Esc ends the quiz (from the explorer's Q, Esc goes back to where you were). It needs a \
      terminal; --print does not.

      Worksheets (--answers adds the key with every worked solution):
        mnv2 quiz --print --count 10 --seed 2018
        mnv2 quiz --print --count 20 --format html --answers --output key.html
        mnv2 quiz --print --kinds shape,madds --width 0.75 --format json
      The JSON schema, mnv2-quiz/1, is in docs/practice.md.
      """)

  @Flag(help: "Write a worksheet to standard output (or --output) instead of asking in the terminal.")
  var print = false

  @Option(help: ArgumentHelp("Number of questions, 1–200.", valueName: "n"))
  var count: Int = 10

  @Option(help: ArgumentHelp("Seed of the sheet: the same seed gives the same questions.", valueName: "n"))
  var seed: UInt64 = 1

  @Option(
    name: .customLong("level"),
    help: ArgumentHelp(
      "Difficulty: 1 width 1.0 at 224, 2 any width and resolution, 3 every kind (default 3 for --print, 1 in the terminal, where 3 right in a row move up).",
      valueName: "1|2|3"))
  var levelChoice: Int?

  var level: Int { levelChoice ?? (print ? 3 : 1) }

  @Option(
    help: ArgumentHelp("Kinds of question, comma-separated (default: the level's).", valueName: "kind,…"))
  var kinds: String?

  @Option(help: ArgumentHelp("Width multiplier α of every question's network, 0.1–4.", valueName: "α"))
  var width: Double?

  @Option(help: ArgumentHelp("Input resolution of every question's network, 32–1024.", valueName: "px"))
  var resolution: Int?

  @Option(
    help: ArgumentHelp(
      "Whose network the questions count: its channel rounding and params convention.",
      valueName: "torchvision|keras|tf-slim"))
  var framework: Framework = .torchvision

  @Option(help: ArgumentHelp("Worksheet format (with --print).", valueName: "text|markdown|html|json"))
  var format: Worksheet.Format?

  @Flag(help: "Add the answer key with every worked solution (with --print).")
  var answers = false

  @Option(
    help: ArgumentHelp(
      "Write how each question ended (right, after wrong tries, solution shown, skipped) as CSV when the quiz ends.",
      valueName: "file"))
  var record: String?

  @Flag(
    name: .customLong("no-regenerate-line"),
    help: "Leave the seed and the regenerate command off the sheet: a student copy (with --print; not JSON).")
  var noRegenerateLine = false

  @Option(
    help: ArgumentHelp("Write the worksheet to this file instead of standard output.", valueName: "file"))
  var output: String?

  @Flag(help: "Replace the --output file if it exists.")
  var force = false

  @Flag(help: "ASCII screen in the terminal quiz (automatic when the locale is not UTF-8).")
  var ascii = false

  @Flag(name: .customLong("no-color"), help: "No colour in the terminal quiz (also when NO_COLOR is set).")
  var noColor = false

  @Flag(name: .customLong("no-mouse"), help: "Leave the mouse to the terminal (also when MNV2_MOUSE=0).")
  var noMouse = false

  @Option(
    help: ArgumentHelp(
      "Terminal quiz theme: classroom is bold and high-contrast for a projector.",
      valueName: "default|classroom|light"))
  var theme: ExplorerTheme?

  /// The explorer the terminal quiz opens in: its defaults, with the look chosen here.
  func explorerOptions() throws -> ExplorerOptions {
    var arguments: [String] = []
    if ascii { arguments.append("--ascii") }
    if noColor { arguments.append("--no-color") }
    if noMouse { arguments.append("--no-mouse") }
    if let theme { arguments += ["--theme", theme.rawValue] }
    return try ExplorerOptions.parse(arguments)
  }

  static let countRange = 1...200

  func parsedKinds() throws -> [QuestionKind]? {
    guard let kinds else { return nil }
    let names = kinds.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    var parsed: [QuestionKind] = []
    for name in names {
      guard let kind = QuestionKind(rawValue: name.lowercased()) else {
        let known = QuestionKind.allCases.map(\.rawValue).joined(separator: ", ")
        throw ValidationError("--kinds: unknown kind '\(name)'; the kinds are \(known)")
      }
      guard !parsed.contains(kind) else { throw ValidationError("--kinds lists \(kind.rawValue) twice") }
      parsed.append(kind)
    }
    return parsed
  }

  func generator() throws -> (QuestionGenerator, QuestionGenerator.Level) {
    guard let level = QuestionGenerator.Level(rawValue: self.level) else {
      throw ValidationError("--level must be 1, 2 or 3, got \(self.level)")
    }
    let generator = QuestionGenerator(
      seed: seed, level: level, kinds: try parsedKinds(), width: width, resolution: resolution,
      framework: framework)
    return (generator, level)
  }

  func validate() throws {
    guard Self.countRange.contains(count) else {
      throw ValidationError("--count must be from 1 to 200, got \(count)")
    }
    if let width, !(0.1...4).contains(width) || !width.isFinite {
      throw ValidationError("--width must be from 0.1 to 4, got \(width)")
    }
    if let resolution, !(32...1024).contains(resolution) {
      throw ValidationError("--resolution must be from 32 to 1024, got \(resolution)")
    }
    _ = try generator()
    if print && record != nil {
      throw ValidationError("--record goes with the quiz in the terminal, not --print")
    }
    if !print && (format != nil || answers || output != nil || (force && record == nil) || noRegenerateLine) {
      throw ValidationError("--format, --answers, --output, --force and --no-regenerate-line go with --print")
    }
    if print && (ascii || noColor || noMouse || theme != nil) {
      throw ValidationError(
        "--ascii, --no-color, --no-mouse and --theme are for the terminal quiz, not --print")
    }
  }

  /// The arguments that print this sheet again, as its header states them.
  func regenerateCommand() -> String {
    var parts = ["mnv2 quiz --print --count \(count) --seed \(seed)"]
    if level != 3 { parts.append("--level \(level)") }
    if let kinds = try? parsedKinds() {
      parts.append("--kinds " + kinds.map(\.rawValue).joined(separator: ","))
    }
    if let width { parts.append("--width \(formatWidth(width))") }
    if let resolution { parts.append("--resolution \(resolution)") }
    if framework != .torchvision { parts.append("--framework \(framework.rawValue)") }
    return parts.joined(separator: " ")
  }

  func run() throws {
    let (generator, level) = try generator()
    guard print else {
      if let record { try RecordFile.check(record, force: force) }
      guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
        throw UnavailableError(
          message: "the quiz needs an interactive terminal; for a worksheet try 'mnv2 quiz --print'")
      }
      let final = try explorerOptions().runExplorer(
        view: .network, block: 0, lessonStep: nil,
        quiz: QuizSession(
          seed: seed, level: level, kinds: try parsedKinds(), width: width, resolution: resolution,
          framework: framework))
      if let record, let quiz = final.quiz {
        try RecordFile.write(QuizOutcome.csv(quiz.outcomes, seed: quiz.seed), to: record)
      }
      return
    }
    let format = self.format ?? .text
    var sheet = Worksheet(generator: generator, level: level, count: count, command: regenerateCommand())
    sheet.regenerable = !noRegenerateLine
    let ascii = format == .text && output == nil && !TerminalEnvironment.isUTF8
    var contents = sheet.render(format, answers: answers, unicode: !ascii)
    if ascii { contents = TextStyle(unicode: false).apply(contents) }
    if let output {
      try AtomicWriter.write(contents, to: output, overwrite: force)
    } else {
      Swift.print(contents, terminator: "")
    }
  }
}

extension Worksheet.Format: ExpressibleByArgument {}
