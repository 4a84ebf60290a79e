import ArgumentParser
import AtomicFile
import Foundation
import ManifoldKit
import MobileNetKit
import Reports
import TermCanvas

extension ManifoldActivation: ExpressibleByArgument {}
extension PlotStyle: ExpressibleByArgument {}
extension ManifoldReport.Format: ExpressibleByArgument {}

/// When to colour output, in the convention of ls and git.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
  case auto, always, never
}

struct ManifoldCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "manifold",
    abstract: "The paper's Figure 1: why the bottleneck must be linear.",
    discussion: """
      A flat spiral is lifted into n dimensions by a random matrix T, every coordinate goes \
      through ReLU, and the result is projected back to the plane with T's pseudo-inverse. In 2 or \
      3 dimensions ReLU zeroes too many coordinates and whole arms of the spiral collapse onto \
      lines; with 15 or 30 dimensions enough coordinates survive and the spiral comes back, bent \
      but whole. A narrow bottleneck is a low n, so it must stay linear.

      Metrics per panel: collapsed = share of points with fewer than 2 active coordinates \
      (Lemma 2: those cannot be recovered); theory = Theorem 1's expectation for ReLU, (1 + n)/2^n; \
      aligned err = mean distance to the best affine fit of the recovered spiral, over its RMS \
      radius; zeroed = share of coordinates set to 0. T has i.i.d. N(0,1) entries drawn from our \
      own SplitMix64 generator, so a seed gives the same picture on every machine. The spiral's \
      outer radius is 4, so ReLU6 (clipping at 6) bites on the outer loops.

      Examples:
        mnv2 manifold
        mnv2 manifold --activation linear        # every n recovers the spiral exactly
        mnv2 manifold --trials 200 --format csv  # measured collapse against the theory
      """)

  @Option(help: ArgumentHelp("Comma-separated embedding dimensions n, each 2–4096.", valueName: "n,n,…"))
  var dims: String = "2,3,5,15,30"

  @Option(help: ArgumentHelp("Activation applied in n dimensions.", valueName: "relu|relu6|linear"))
  var activation: ManifoldActivation = .relu

  @Option(help: ArgumentHelp("Seed of the random matrices (a non-negative integer).", valueName: "n"))
  var seed: String = "1"

  @Option(help: "Points along the spiral, 1–10000000.")
  var points: Int = Spiral.defaultPoints

  @Option(help: "Turns of the spiral, 0.25–100.")
  var turns: Double = Spiral.defaultTurns

  @Option(help: "Independent random T per panel; metrics become mean and standard deviation.")
  var trials: Int = 1

  @Option(
    help: ArgumentHelp(
      "Plot characters (default: braille in a UTF-8 locale, else ascii); ascii makes the whole figure 7-bit.",
      valueName: "ascii|braille"))
  var style: PlotStyle?

  @Option(
    help: ArgumentHelp("Width of the figure in columns (default: the terminal's, or 120).", valueName: "w"))
  var columns: Int?

  @Option(
    help: ArgumentHelp(
      "Colour by position along the spiral (auto: on a terminal, unless NO_COLOR is set).",
      valueName: "auto|always|never"))
  var color: ColorChoice = .auto

  @Option(help: ArgumentHelp("Output format.", valueName: "text|json|csv"))
  var format: ManifoldReport.Format = .text

  func parsedDimensions() throws -> [Int] {
    let parts = dims.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    guard !(parts.count == 1 && parts[0].isEmpty) else {
      throw ValidationError("--dims needs at least one dimension, e.g. 2,3,5,15,30")
    }
    return try parts.map { part in
      guard let value = Int(part) else { throw ValidationError("--dims expects integers, got '\(part)'") }
      return value
    }
  }

  func parsedSeed() throws -> UInt64 {
    guard let value = UInt64(seed) else {
      throw ValidationError("--seed must be a non-negative integer below 2^64, got '\(seed)'")
    }
    return value
  }

  func experiment() throws -> ManifoldExperiment {
    ManifoldExperiment(
      spiral: Spiral(points: points, turns: turns), dimensions: try parsedDimensions(),
      activation: activation,
      seed: try parsedSeed(), trials: trials)
  }

  func validate() throws {
    let experiment = try experiment()
    do {
      try experiment.validate(memoryLimit: AddressSpace.memoryLimit)
    } catch {
      throw ValidationError(error)
    }
    if let columns, columns < ManifoldFigure.minimumPanelWidth || columns > 2000 {
      throw ValidationError(
        "--columns must be from \(ManifoldFigure.minimumPanelWidth) (one panel) to 2000, got \(columns)")
    }
    // The text figure's size is known from the layout before any work: refused up front.
    if format == .text,
      let cells = ManifoldFigure.textCells(panels: experiment.dimensions.count, width: figureWidth),
      cells > Self.maximumTextCells
    {
      throw ValidationError(
        "the text figure would be \(NumberFormatting.grouped(cells)) cells, up to "
          + "\(NumberFormatting.grouped((cells * 3 + 999_999) / 1_000_000)) MB "
          + "(limit \(NumberFormatting.grouped(Self.maximumTextCells)) cells); use fewer --dims or --columns, "
          + "or --format json or csv")
    }
  }

  /// The most cells a text figure may have: 10 million, at most 30 MB of UTF-8 Braille (3
  /// bytes a cell) before colour, and about a thousand 120-column screens. Its rows are
  /// written as they are drawn, so memory holds one row of panels, not the figure.
  static let maximumTextCells = 10_000_000

  private var figureWidth: Int { columns ?? TerminalEnvironment.columns ?? 120 }

  func run() throws {
    let experiment = try experiment()
    let progress = ProgressLine(label: "manifold: panel × trial", total: experiment.dimensions.count * trials)
    let result = experiment.run(progress: progress.advance)
    progress.finish()
    // --style ascii is pure 7-bit throughout (frames, arrows, T+), for a plain-text document.
    let unicode = TerminalEnvironment.isUTF8 && style != .ascii
    let report = ManifoldReport(result: result, style: TextStyle(unicode: unicode))
    switch format {
    case .json: print(report.renderJSON(), terminator: "")
    case .csv: print(report.renderCSV(), terminator: "")
    case .text:
      let width = figureWidth
      let plotStyle = style ?? (unicode ? .braille : .ascii)
      var failure: Int32?
      let drawn = report.renderText(width: width, plotStyle: plotStyle, colored: useColor) { text in
        if failure == nil { failure = AtomicWriter.writeAll(STDOUT_FILENO, text) }
      }
      guard drawn else { throw ValidationError("--columns \(width) is too narrow for a panel") }
      if let failure {
        throw CannotCreateError(message: "cannot write to standard output: \(errnoReason(failure))")
      }
    }
  }

  private var useColor: Bool {
    switch color {
    case .always: return true
    case .never: return false
    case .auto: return TerminalEnvironment.stdoutIsTerminal && TerminalEnvironment.colorAllowed
    }
  }
}
