import ArgumentParser
import BottleneckLab
import Foundation
import ManifoldKit
import MobileNetKit
import Reports
import TermCanvas

struct LabCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lab",
    abstract: "Figure 1's experiment inside a real block: how much of a k-dim manifold survives it?",
    discussion: """
      A k-dimensional manifold (the spiral for k = 2) is embedded in the block's d′ input channels \
      and pushed through its real widths: expand 1×1 → ReLU6 → depthwise (one pixel: a per-channel \
      scale) → ReLU6 → project 1×1, linear or ReLU6. Weights are random (He-normal; BatchNorm as \
      identity). Theorem 1 predicts the collapse at the projection: 1 − N(d″,k)/2^d″ for ReLU, \
      where N(m,n) = Σ_{j=0}^{m−n} C(m,j) is the paper's N_{m,n} (the number of activation patterns \
      that keep at least n of m outputs). It covers the projection stage only, so it is a lower \
      bound when the expansion and depthwise ReLU6s, or ReLU6's clipping, lose more.

      Metrics: collapsed = share of points where the block's Jacobian on the manifold has rank < k \
      (from the activation masks); recoverability = R² of the best affine decoder from the output \
      back to the manifold, scored on points it was not fitted to; neighbours = share of each \
      point's 10 nearest neighbours kept (200 query points). The sweep's text table shows collapse \
      and R²; its JSON and CSV add neighbour preservation.

      The block runs in single precision, as the network does; the decoder solves in double.

        mnv2 lab --block 3 --activation relu6
        mnv2 lab --width 0.35 --block 16 --k 4 --trials 10
        mnv2 lab --sweep --k 2,4,8 --trials 10
        mnv2 lab --sweep --width 0.35 --format csv > sweep.csv
      """)

  @Option(help: ArgumentHelp("Bottleneck to study, from 1 (1–17 for MobileNetV2).", valueName: "n"))
  var block: Int?

  @Option(help: ArgumentHelp("Manifold dimension k (1 … d′), or a comma list with --sweep.", valueName: "k"))
  var k: String = "2"

  /// The architecture and width set the blocks' real channel counts; resolution changes
  /// nothing here (the lab works on one pixel).
  /// Width only: the lab works on one pixel of the block, so the resolution changes nothing
  /// and is not accepted (an option taken and then ignored would mislead).
  @Option(parsing: .unconditional, help: NetworkSizeOptions.widthHelp)
  var width: Double = 1.0

  @Option(
    help: ArgumentHelp(
      "Whose channel rounding gives the block's widths.", valueName: "torchvision|keras|tf-slim"))
  var framework: Framework = .torchvision
  @OptionGroup var architecture: ArchitectureOptions

  @Option(help: ArgumentHelp("The projection's activation.", valueName: "linear|relu6"))
  var activation: Activation = .linear

  @Flag(help: "Add the block's input to its output, where the real block has a shortcut.")
  var shortcut = false

  @Option(help: "Random initialisations to average over.")
  var trials: Int = 1

  @Option(help: "Points on the manifold, 11–100000.")
  var points: Int = 2000

  @Option(help: ArgumentHelp("Seed of the weights and the manifold.", valueName: "n"))
  var seed: UInt64 = 1

  @Flag(
    help: "Every bottleneck, linear and ReLU6, for each k: a table and terminal charts (runs on every core).")
  var sweep = false

  @Option(help: ArgumentHelp("Output format.", valueName: "text|json|csv"))
  var format: ManifoldReport.Format = .text

  func dimensions() throws -> [Int] {
    let parts = k.split(separator: ",", omittingEmptySubsequences: false)
    let values = parts.map { Int($0.trimmingCharacters(in: .whitespaces)) }
    guard !values.isEmpty, values.allSatisfy({ $0 != nil }) else {
      throw ValidationError("--k expects whole numbers, e.g. 2 or 2,4,8; got '\(k)'")
    }
    guard sweep || values.count == 1 else { throw ValidationError("--k takes one value without --sweep") }
    // As manifold --dims does: a repeated k would only print the same rows twice.
    if let repeated = values.enumerated().first(where: { values[..<$0.offset].contains($0.element) }) {
      throw ValidationError("--k lists \(repeated.element!) twice")
    }
    return values.map { $0! }
  }

  func network() throws -> Network {
    try architecture.network(config: NetworkConfig(width: width, channelRounding: framework.channelRounding))
  }

  func validate() throws {
    _ = try dimensions()
    do {
      try NetworkConfig(width: width).validate()
    } catch {
      throw ValidationError(error)
    }
    if sweep && block != nil {
      throw ValidationError("--block and --sweep: the sweep runs every block; give one or the other")
    }
  }

  /// The checks that need the network, which `--arch` may load from a file: they run in
  /// `run()`, because a file error thrown from `validate()` would lose its exit code 65.
  func checkedBlocks() throws -> [LayerGroup] {
    let dims = try dimensions()
    let network = try network()
    let bottlenecks = network.bottlenecks
    guard !bottlenecks.isEmpty else {
      throw ValidationError("--arch: \(network.spec.name) has no bottleneck blocks to study")
    }
    if !sweep {
      guard let block else {
        throw ValidationError("--block is required (1–\(bottlenecks.count)), or use --sweep")
      }
      try BlockRange.checkBottleneck(block, in: network, flag: "--block")
    }
    let studied = sweep ? bottlenecks : [bottlenecks[block! - 1]]
    let labs = dims.flatMap { k in studied.map { makeLab($0, k: k, .linear) } }
    for lab in labs {
      do {
        try lab.validate()
      } catch {
        throw ValidationError(error)
      }
    }
    let estimate = workEstimate(blocks: studied, dimensions: dims)
    let memoryLimit = AddressSpace.memoryLimit
    guard estimate.fits(operationLimit: BottleneckLab.maximumOperations, memoryLimit: memoryLimit) else {
      let error = WorkLimitError(
        estimate: estimate, operationLimit: BottleneckLab.maximumOperations, unit: "multiply-adds",
        memoryLimit: memoryLimit)
      throw ValidationError(error.message(advice: "use fewer points, trials or values of --k"))
    }
    return bottlenecks
  }

  /// The run's cost, on this machine's cores: the sweep measures both projections.
  func workEstimate(blocks: [LayerGroup], dimensions: [Int]) -> WorkEstimate {
    let workers = ProcessInfo.processInfo.activeProcessorCount
    var template = makeLab(blocks[0], k: dimensions[0], .linear)
    template.measuresNeighbours = !sweep || format != .text
    if sweep {
      return LabSweep.workEstimate(
        template: template, shapes: blocks.map(Self.shape), dimensions: dimensions, projections: 2,
        workers: workers)
    }
    return template.workEstimate(projections: 1, workers: workers)
  }

  static func shape(_ group: LayerGroup) -> BottleneckShape {
    BottleneckShape(
      inputChannels: group.input.channels, expansion: group.expansion, outputChannels: group.output.channels,
      hasShortcut: group.residualAdd)
  }

  func makeLab(_ group: LayerGroup, k: Int, _ projection: ManifoldActivation) -> BottleneckLab {
    BottleneckLab(
      shape: Self.shape(group),
      manifoldDimension: k, projection: projection, shortcut: shortcut, points: points, seed: seed,
      trials: trials)
  }

  func run() throws {
    let blocks = try checkedBlocks()
    let unicode = TerminalEnvironment.isUTF8
    if sweep {
      let ks = try dimensions()
      // The text table and charts show collapse and R² only; JSON and CSV carry every metric.
      var template = makeLab(blocks[0], k: ks[0], .linear)
      template.measuresNeighbours = format != .text
      let progress = ProgressLine(label: "lab --sweep", total: blocks.count * trials * ks.count)
      let results = LabSweep.run(
        template: template, shapes: blocks.map(Self.shape), dimensions: ks, projections: [.linear, .relu6],
        progress: progress.advance)
      progress.finish()
      let rows = ks.indices.flatMap { d in
        blocks.indices.map { b in
          LabSweepReport.Row(
            block: blocks[b].index, k: ks[d], linear: results[b][d][0], relu6: results[b][d][1])
        }
      }
      var report = LabSweepReport(rows: rows, width: width, style: TextStyle(unicode: unicode))
      report.framework = framework.channelRounding == .keras ? "keras" : "torchvision"
      Swift.print(report.render(format), terminator: "")
      return
    }
    let group = blocks[block! - 1]
    let k = try dimensions()[0]
    let projection: ManifoldActivation = activation == .linear ? .linear : .relu6
    let progress = ProgressLine(label: "lab: trial", total: trials)
    let result = makeLab(group, k: k, projection).run(progress: progress.advance)
    progress.finish()
    var report = LabReport(
      result: result, blockName: group.name, width: width, style: TextStyle(unicode: unicode))
    report.framework = framework.channelRounding == .keras ? "keras" : "torchvision"
    Swift.print(report.render(format), terminator: "")
  }
}
