import ArgumentParser
import Explorer
import ExplorerApp
import Foundation
import MobileNetKit
import Practice
import TermCanvas
import TerminalBackend

extension ExplorerView: ExpressibleByArgument {}

extension ExplorerTheme: ExpressibleByArgument {}

/// The flags that set the explorer's starting state, shared by `explore` and `lesson`.
struct ExplorerOptions: ParsableArguments {
  /// Width and resolution to start with (w/W and r/R step through the paper's values).
  @OptionGroup var size: NetworkSizeOptions
  @OptionGroup var architecture: ArchitectureOptions

  @Option(help: ArgumentHelp("Bottleneck activation to start with.", valueName: "linear|relu6"))
  var bottleneck: Activation = .linear

  @Option(
    help: ArgumentHelp(
      "Whose network to build: its channel rounding, params convention and classes.",
      valueName: "torchvision|keras|tf-slim"))
  var framework: Framework = .torchvision

  @Option(help: ArgumentHelp("Seed of the manifold's random matrices (s draws a new one).", valueName: "n"))
  var seed: UInt64 = 1

  @Flag(help: "ASCII borders and plots (automatic when the locale is not UTF-8).")
  var ascii = false

  @Flag(name: .customLong("no-color"), help: "No colour (also when NO_COLOR is set).")
  var noColor = false

  @Flag(
    name: .customLong("no-mouse"),
    help:
      "Leave the mouse to the terminal (also when MNV2_MOUSE=0). With the mouse on, a click selects a row, a layer, a tab or a vote, the wheel moves through rows, and Shift+drag selects text to copy."
  )
  var noMouse = false

  @Option(
    help: ArgumentHelp(
      "default; classroom: high contrast for a projector, no dim text; light: every colour 4.5:1 on white.",
      valueName: "default|classroom|light"))
  var theme: ExplorerTheme = .default

  @Option(
    help: ArgumentHelp(
      "A folder of .lesson files to teach instead of the bundled lesson (format in docs/teaching.md).",
      valueName: "dir"
    ))
  var lessons: String?

  @Flag(
    name: .customLong("no-cache"),
    help:
      "Train Figure 6 here rather than read the finished board from $XDG_CACHE_HOME/mnv2 (or ~/.cache/mnv2), and keep nothing."
  )
  var noCache = false

  /// Where finished Figure 6 boards are kept, unless `--no-cache`.
  var boardCache: BoardCache? { noCache ? nil : BoardCache.standard() }

  var config: NetworkConfig {
    NetworkConfig(
      width: size.width, resolution: size.resolution, classes: framework.classes,
      bottleneckActivation: bottleneck, lastLayerRule: framework.lastLayerRule,
      channelRounding: framework.channelRounding)
  }

  /// The network the explorer opens on (the architecture file is read once, here).
  func network() throws -> Network { try architecture.network(config: config) }
  var unicode: Bool { !ascii && TerminalEnvironment.isUTF8 }

  /// Builds the largest network the run can reach (`ExplorerState.largestReachableConfig`),
  /// so a file that fits at launch but not at a wider width or a lesson step's size is
  /// refused now, with the builder's one-line error (exit 65), and no screen later traps.
  func checkReach(steps: [LessonStep], keys: Bool = true) throws {
    _ = try architecture.network(
      config: ExplorerState.largestReachableConfig(launch: config, steps: steps, keys: keys))
  }

  /// Runs the full-screen loop until the user quits. `loadedSteps` are lessons the caller
  /// has already read; otherwise they are read from `--lessons`.
  @discardableResult
  func runExplorer(
    view: ExplorerView, block: Int, lessonStep: Int?, loadedSteps: [LessonStep]? = nil,
    network: Network? = nil, quiz: QuizSession? = nil
  ) throws -> ExplorerState {
    let network = try network ?? self.network()
    let steps = try loadedSteps ?? LessonLoader.load(directory: lessons, rows: network.groups.count)
    try checkReach(steps: steps)
    let terminal: CursesBackend
    do {
      try CursesBackend.checkEnvironment()
      terminal = try CursesBackend(
        wantColor: !noColor && TerminalEnvironment.colorAllowed,
        mouse: !noMouse && TerminalEnvironment.mouseAllowed)
    } catch {
      throw UnavailableError(message: error.description)
    }
    defer { terminal.end() }
    var state = ExplorerState(
      spec: network.spec, config: config, view: view, selectedGroup: block, seed: seed,
      plotStyle: unicode ? .braille : .ascii, convention: framework.convention,
      lessonSteps: steps, lessonStep: lessonStep, quiz: quiz)
    state.workMemoryLimit = AddressSpace.memoryLimit
    // A board finished in an earlier session (a handout, an export) is on screen at once.
    let cache = boardCache
    if let cache, let runs = cache.load(state.ablation.study, notice: BoardTraining.note) {
      _ = ExplorerReducer.reduce(&state, .ablationRestored(state.ablation.study, runs))
    }
    var theme = Theme(
      colored: terminal.colorsAvailable, unicode: unicode, classroom: self.theme == .classroom,
      light: self.theme == .light)
    theme.mouse = terminal.mouse
    var loop = ExplorerRunLoop(state: state, theme: theme)
    loop.boardFinished = { board in cache?.save(board) { _ in } }
    return loop.run(on: terminal)
  }
}

/// The explorer's themes.
enum ExplorerTheme: String, CaseIterable {
  case `default`
  case classroom
  case light
}

struct ExploreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explore",
    abstract: "The full-screen explorer (the default): walk MobileNetV2 block by block.",
    discussion: """
      Four views: Network (one row per block, with shapes, costs and each block's share of the \
      multiply-adds), Block (one bottleneck opened up: expand → depthwise → project, the paper's \
      cost formula against the exact count, and the memory argument), Manifold (the paper's \
      Figure 1, live) and Ablation (the paper's Figure 6 trained in the background on two \
      spirals: b switches 6a and 6b, d/D the width; the same runs as mnv2 ablation --compare \
      both). b toggles the bottleneck between linear and ReLU6 elsewhere; L opens the classroom \
      lesson; ? lists every key. The mouse works too: a click selects a row (a second click opens \
      it), a layer or a tab, and the wheel moves through rows; Shift+drag then selects text to \
      copy, and --no-mouse (or MNV2_MOUSE=0) leaves the mouse to the terminal. The terminal must \
      be at least 80×24.

      Start where the lesson is:
        mnv2 --view block --block 7
        mnv2 --width 0.35 --resolution 96 --bottleneck relu6
      """)

  @OptionGroup var options: ExplorerOptions

  @Option(help: ArgumentHelp("View to open.", valueName: "network|block|manifold|ablation"))
  var view: ExplorerView = .network

  @Option(
    help: ArgumentHelp(
      "Row to select: 0 is the stem, then the bottlenecks, then the head (17 and 20 for MobileNetV2).",
      valueName: "n"))
  var block: Int = 0

  /// The network (perhaps from an `--arch` file) is loaded here rather than in
  /// `validate()`, where a file error would lose its exit code 65; still before the screen
  /// is touched.
  func run() throws {
    let network = try options.network()
    try BlockRange.check(block, in: network, flag: "--block")
    try options.runExplorer(view: view, block: block, lessonStep: nil, network: network)
  }
}

/// The explorer cannot run here (no terminal, unknown TERM): exit 69, EX_UNAVAILABLE.
struct UnavailableError: Error {
  var message: String
}
