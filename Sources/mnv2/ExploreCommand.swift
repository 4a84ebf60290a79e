import ArgumentParser
import Explorer
import Foundation
import MobileNetKit
import TermCanvas
import TerminalBackend

extension ExplorerView: ExpressibleByArgument {}

struct ExploreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explore",
    abstract: "The full-screen explorer (the default): walk MobileNetV2 block by block.",
    discussion: """
      Three views: Network (one row per block, with shapes, costs and each block's share of the \
      multiply-adds), Block (one bottleneck opened up: expand → depthwise → project, the paper's \
      cost formula against the exact count, and the memory argument) and Manifold (the paper's \
      Figure 1, live). b toggles the bottleneck between linear and ReLU6 everywhere; ? lists every \
      key. The terminal must be at least 80×24.

      Start where the lesson is:
        mnv2 --view block --block 7
        mnv2 --width 0.35 --resolution 96 --bottleneck relu6
      """)

  @Option(help: "Width multiplier to start with (w/W step through 0.35 … 1.4).")
  var width: Double = 1.0

  @Option(help: "Input resolution to start with, 32–2048 (r/R step through 96 … 224).")
  var resolution: Int = 224

  @Option(help: ArgumentHelp("Bottleneck activation to start with.", valueName: "linear|relu6"))
  var bottleneck: Activation = .linear

  @Option(help: ArgumentHelp("Seed of the manifold's random matrices (s draws a new one).", valueName: "n"))
  var seed: UInt64 = 1

  @Flag(help: "ASCII borders and plots (automatic when the locale is not UTF-8).")
  var ascii = false

  @Flag(name: .customLong("no-color"), help: "No colour (also when NO_COLOR is set).")
  var noColor = false

  @Option(help: ArgumentHelp("View to open.", valueName: "network|block|manifold"))
  var view: ExplorerView = .network

  @Option(
    help: ArgumentHelp("Row to select: 0 is the stem, 1–17 the bottlenecks, 18–20 the head.", valueName: "n"))
  var block: Int = 0

  func validate() throws {
    do {
      try NetworkConfig(width: width, resolution: resolution).validate()
    } catch {
      throw ValidationError(error.description)
    }
    let rows = Network.mobileNetV2(NetworkConfig(width: width, resolution: resolution)).groups.count
    guard (0..<rows).contains(block) else {
      throw ValidationError(
        "--block must be from 0 to \(rows - 1) (0 is the stem, 1–17 the bottlenecks), got \(block)")
    }
  }

  func run() throws {
    do {
      try CursesTerminal.checkEnvironment()
    } catch {
      throw UnavailableError(message: error.description)
    }
    let unicode = !ascii && TerminalEnvironment.isUTF8
    let wantColor = !noColor && TerminalEnvironment.colorAllowed
    let terminal: CursesTerminal
    do {
      terminal = try CursesTerminal(wantColor: wantColor)
    } catch {
      throw UnavailableError(message: error.description)
    }
    defer { terminal.end() }
    let config = NetworkConfig(width: width, resolution: resolution, bottleneckActivation: bottleneck)
    var state = ExplorerState(
      config: config, view: view, selectedGroup: block, seed: seed, plotStyle: unicode ? .braille : .ascii)
    let theme = Theme(colored: terminal.colorsAvailable, unicode: unicode)
    while !state.quitRequested {
      let size = terminal.size
      terminal.draw(ExplorerRenderer.render(state, width: size.width, height: size.height, theme: theme))
      switch terminal.readInput() {
      case .resize, .interrupted: terminal.invalidate()
      case .key(let code):
        if let key = code.explorerKey { ExplorerReducer.reduce(&state, key: key) }
      }
    }
  }
}

/// The explorer cannot run here (no terminal, unknown TERM): exit 69, EX_UNAVAILABLE.
struct UnavailableError: Error {
  var message: String
}
