import ArgumentParser
import AtomicFile
import Explorer
import Foundation
import MobileNetKit
import TermCanvas

struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Write exactly what a screen of the explorer shows, as text, ANSI, SVG or HTML.",
    discussion: """
      For slides and handouts. The screen is rendered at --size (default 100x30) with colour; \
      txt drops the colour, ansi keeps it as escape codes, svg and html keep it with a monospace \
      font. The file is written atomically (a temporary file, then a rename) and an existing file \
      is kept unless --force is given.

      --keys presses keys after the screen opens, as a user would: characters stand for \
      themselves, named keys go in angle brackets (<Enter> <Esc> <Tab> <Space> <BkSp> <Up> <Down> \
      <Left> <Right> <PgUp> <PgDn> <Home> <End>, and <lt> for "<"). For a slide, --no-chrome \
      leaves out the title bar, the status bar and the key hints. SVG and HTML draw a white page, \
      and in every theme each colour is mapped to 4.5:1 or more on it (WCAG AA), dim text to grey; \
      --theme light does the same for txt and ansi. The Network view's selected row is not \
      highlighted unless --selection is given.

        mnv2 export --view block --block 7 --format svg --output block7.svg
        mnv2 export --view lesson --step 3 --format html --output step3.html
        mnv2 export --view manifold --keys b --no-chrome --theme light --format svg --output fig1.svg
        mnv2 export --view ablation --size 120x40 --format html --output fig6.html
        mnv2 export --view network --keys '?' --size 80x24 --format txt --output help.txt
      """)

  enum Screen: String, ExpressibleByArgument, CaseIterable {
    case network, block, manifold, ablation, lesson
  }

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case txt, ansi, svg, html
  }

  @Option(help: ArgumentHelp("The screen to export.", valueName: "network|block|manifold|ablation|lesson"))
  var view: Screen

  @Option(
    help: ArgumentHelp(
      "Row to select: 0 is the stem, then the bottlenecks (1–17 for MobileNetV2), then the head.",
      valueName: "n"))
  var block: Int?

  @Option(help: ArgumentHelp("Lesson step, from 1 (with --view lesson; default 1).", valueName: "n"))
  var step: Int?

  @Option(
    help: ArgumentHelp(
      "File format; without it, the --output name's extension (.txt .ansi .svg .html .htm) says.",
      valueName: "txt|ansi|svg|html"))
  var format: Format?

  @Option(help: ArgumentHelp("The file to write; - is standard output.", valueName: "file"))
  var output: String

  @Flag(help: "Replace the file if it exists.")
  var force = false

  @Option(help: ArgumentHelp("Screen size in columns x rows, at least 80x24.", valueName: "WxH"))
  var size: String = "100x30"

  @Option(
    help: ArgumentHelp(
      "Keys pressed before the screen is captured, e.g. 'b' or 'jj<Enter>'.", valueName: "keys"))
  var keys: String = ""

  @Flag(name: .customLong("no-chrome"), help: "Leave out the title bar, status bar and key hints.")
  var noChrome = false

  @Flag(help: "Highlight the selected row of the Network view as the explorer does (exports show none).")
  var selection = false

  @OptionGroup var options: ExplorerOptions

  func parsedSize() throws -> (Int, Int) {
    let parts = size.lowercased().split(separator: "x")
    guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]) else {
      throw ValidationError("--size must look like 100x30, got '\(size)'")
    }
    guard (80...400).contains(width), (24...200).contains(height) else {
      throw ValidationError("--size must be from 80x24 to 400x200, got \(size)")
    }
    return (width, height)
  }

  /// The format named by --format, else by the output's extension.
  func resolvedFormat() throws -> Format {
    if let format { return format }
    let name = output.split(separator: "/").last.map(String.init) ?? ""
    let dot = name.lastIndex(of: ".")
    let ext = dot.map { String(name[name.index(after: $0)...]).lowercased() } ?? ""
    let formats = Format.allCases.map(\.rawValue).joined(separator: ", ")
    switch ext {
    case "txt", "text": return .txt
    case "ansi", "ans": return .ansi
    case "svg": return .svg
    case "html", "htm": return .html
    default:
      let what = output == "-" ? "standard output has no extension" : "cannot tell the format from its name"
      throw ValidationError(
        "--output \(TerminalSafe.escape(output)): \(what); add --format (\(formats))")
    }
  }

  func validate() throws {
    _ = try parsedSize()
    _ = try resolvedFormat()
    // An option taken and then ignored would mislead: each belongs to its view.
    if step != nil && view != .lesson { throw ValidationError("--step goes with --view lesson") }
    if block != nil && view == .lesson {
      throw ValidationError("--block does not apply to --view lesson: each step sets its own block")
    }
    do {
      _ = try KeySequence.parse(keys)
    } catch {
      throw ValidationError("--keys: \(error.message)")
    }
  }

  func run() throws {
    let network = try options.network()
    let block = self.block ?? 0, step = self.step ?? 1
    try BlockRange.check(block, in: network, flag: "--block")
    let steps = try LessonLoader.load(
      directory: options.lessons, rows: network.groups.count, checkingStep: step)
    // The export reaches what its keys can: W and R step up through the paper's sizes, and
    // a lesson (its view, or L) reaches every step's.
    let pressed = (try? KeySequence.parse(keys)) ?? []
    let widens = pressed.contains(.character("W")) || pressed.contains(.character("R"))
    let lesson = view == .lesson || pressed.contains(.character("L"))
    try options.checkReach(steps: lesson ? steps : [], keys: widens || lesson)
    let (width, height) = try parsedSize()
    let format = try resolvedFormat()
    let unicode = !options.ascii
    let explorerView: ExplorerView =
      switch view {
      case .network, .lesson: .network
      case .block: .block
      case .manifold: .manifold
      case .ablation: .ablation
      }
    var state = ExplorerState(
      spec: network.spec, config: options.config, view: explorerView, selectedGroup: block,
      seed: options.seed,
      plotStyle: unicode ? .braille : .ascii, convention: options.framework.convention, lessonSteps: steps,
      lessonStep: view == .lesson ? step - 1 : nil
    )
    state.workMemoryLimit = AddressSpace.memoryLimit
    for key in (try? KeySequence.parse(keys)) ?? [] {
      _ = ExplorerReducer.reduce(&state, key: key)
    }
    BoardTraining.settle(&state, cache: options.boardCache, label: "export", context: JobContext())
    var theme = Theme(
      colored: format != .txt && !options.noColor, unicode: unicode, classroom: options.theme == .classroom,
      light: options.theme == .light, formatting: format != .txt)
    theme.showsSelection = selection
    var canvas = ExplorerRenderer.render(state, width: width, height: height, theme: theme, chrome: !noChrome)
    // SVG and HTML draw their own white page: every theme's colours are mapped to reach
    // 4.5:1 on it (the terminal palette's #d7d700 was 1.5:1), and dim text becomes grey.
    if format == .svg || format == .html { canvas.adaptForLightBackground() }
    let contents: String
    switch format {
    case .txt: contents = canvas.plainText()
    case .ansi: contents = ANSIRenderer.render(canvas)
    case .svg: contents = MarkupRenderer.svg(canvas)
    case .html: contents = MarkupRenderer.html(canvas, title: "mnv2 \(view.rawValue)")
    }
    try AtomicWriter.write(contents, to: output, overwrite: force)
  }
}
