import AblationKit
import ArgumentParser
import Foundation
import ManifoldKit
import Reports

struct AblationCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ablation",
    abstract: "The paper's Figure 6 in miniature: tiny inverted-residual nets trained on two spirals.",
    discussion: """
      Figure 6a asks whether the projection at the end of each block should be linear or ReLU6; \
      Figure 6b where the shortcut should join. The paper answers on ImageNet; this trains a \
      miniature with MobileNetV2's structure on points (two interleaved spirals, a 2-D manifold) \
      and lets you watch: a linear stem to d channels, 3 stages × 2 blocks (expand ×6, BN, ReLU6; \
      the depthwise 3×3 as a per-channel scale, since one point has no neighbours; project to d, \
      BN, then linear or ReLU6), a shortcut on every block but the first of each stage, and a \
      linear classifier. Adam, batches of 128, cross-entropy; every seed gives the same bits on \
      every machine.

      Each variant is trained with --seeds seeds; the table gives test accuracy as mean ± sd, \
      and each verdict says whether the gap is larger than its 95% interval (Welch), whichever \
      way it goes. Shortcuts between expansions: the residual stream is the t·d expansion, and \
      each block projects down to d and expands back (docs/ablation.md).

        mnv2 ablation
        mnv2 ablation --compare shortcut
        mnv2 ablation --widths 2,8 --seeds 5 --steps 500 --format json
      """)

  @Option(
    help: ArgumentHelp("Bottleneck widths d, 1–64 (Figure 6a: 2,3,4,8; Figure 6b: 3).", valueName: "d,…"))
  var widths: String?

  @Option(help: "Seeds (trained networks) per variant, 1–1000.")
  var seeds: Int = AblationStudy.defaultSeeds

  @Option(help: "Adam steps per network, 1–1000000.")
  var steps: Int = TrainingRun.defaultSteps

  @Option(
    help: ArgumentHelp(
      "Which figure: activation (6a), shortcut (6b) or both.", valueName: "activation|shortcut|both"))
  var compare: AblationStudy.Comparison = .activation

  @Option(help: ArgumentHelp("Seed of the data and of every run.", valueName: "n"))
  var seed: UInt64 = 1

  @Option(help: ArgumentHelp("Output format.", valueName: "text|json|csv"))
  var format: ManifoldReport.Format = .text

  func parsedWidths() throws -> [Int]? {
    guard let widths else { return nil }
    let parts = widths.split(separator: ",", omittingEmptySubsequences: false)
    let values = parts.map { Int($0.trimmingCharacters(in: .whitespaces)) }
    guard !parts.isEmpty, values.allSatisfy({ $0 != nil }) else {
      throw ValidationError("--widths expects whole numbers, e.g. 2,3,4,8; got '\(widths)'")
    }
    let numbers = values.map { $0! }
    for d in numbers where !AblationStudy.widthRange.contains(d) {
      throw ValidationError("--widths each d must be from 1 to 64, got \(d)")
    }
    if let repeated = numbers.enumerated().first(where: { numbers[..<$0.offset].contains($0.element) }) {
      throw ValidationError("--widths lists \(repeated.element) twice")
    }
    return numbers
  }

  func study() throws -> AblationStudy {
    let widths = try parsedWidths()
    return AblationStudy(
      comparison: compare, activationWidths: widths ?? AblationStudy.defaultActivationWidths,
      shortcutWidths: widths ?? AblationStudy.defaultShortcutWidths, seeds: seeds, steps: steps, seed: seed)
  }

  func validate() throws {
    guard AblationStudy.seedsRange.contains(seeds) else {
      throw ValidationError("--seeds must be from 1 to 1000, got \(seeds)")
    }
    guard AblationStudy.stepsRange.contains(steps) else {
      throw ValidationError("--steps must be from 1 to 1000000, got \(steps)")
    }
    let study = try study()
    let estimate = study.workEstimate(workers: ProcessInfo.processInfo.activeProcessorCount)
    let memoryLimit = AddressSpace.memoryLimit
    guard estimate.fits(operationLimit: AblationStudy.maximumOperations, memoryLimit: memoryLimit) else {
      let error = WorkLimitError(
        estimate: estimate, operationLimit: AblationStudy.maximumOperations, unit: "multiply-adds",
        memoryLimit: memoryLimit)
      throw ValidationError(error.message(advice: "use fewer seeds, steps or widths"))
    }
  }

  func run() throws {
    let study = try study()
    let workers = ProcessInfo.processInfo.activeProcessorCount
    let seconds = study.expectedSeconds(workers: workers)
    if seconds > 10 {
      let memory = LimitWording.gigabytes(study.workEstimate(workers: workers).bytes, up: true)
      FileHandle.standardError.write(
        Data(
          ("mnv2 ablation: \(study.runs.count) networks, about \(Int(seconds.rounded(.up))) s on \(workers) "
            + "core\(workers == 1 ? "" : "s"), at most \(memory) of memory\n").utf8))
    }
    let progress = ProgressLine(label: "ablation: networks trained", total: study.runs.count)
    let result = study.run(progress: progress.advance)
    progress.finish()
    let report = AblationReport(result: result, style: TextStyle(unicode: TerminalEnvironment.isUTF8))
    print(report.render(format), terminator: "")
  }
}

extension AblationStudy.Comparison: ExpressibleByArgument {}
