import ArgumentParser
import Dispatch
import Foundation
import Inference
import MobileNetKit
import Reports

extension ProfileReport.Depth: ExpressibleByArgument {}

struct ProfileCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "profile",
    abstract: "Run the network and time every layer beside its multiply-adds.",
    discussion: """
      MAdds say how much arithmetic a layer does, not how long it takes. This runs a real \
      float32 forward pass of the network mnv2 counts (any --width, --resolution, --framework \
      or --arch), layer by layer, and prints each layer's measured time beside its MAdds: the \
      median over --runs after --warmup, the quartiles as its spread, its share of the time \
      next to its share of the MAdds, the GMAC/s it reached, and the MAdds per byte it moves.

      Weights come from --seed (He-normal convs, BatchNorm at PyTorch's initial state, folded \
      into the convs as inference engines do); the time of a pass does not depend on them. \
      Padding follows the framework: PyTorch's k//2 for torchvision, TensorFlow's "same" for \
      keras and tf-slim.

      Before the runs mnv2 measures this machine: the rate its 1×1 conv kernel reaches on a \
      large product (the compute peak) and the bandwidth of a 64 MiB copy. A layer whose MAdds \
      per byte fall below their ratio (the roofline's ridge) is labelled memory-bound: \
      depthwise layers (◆) are, which is why they take several times their share of MAdds.

      Every figure is measured on the machine that prints it, at that moment; a loaded \
      machine drifts by 2×, so compare shares and ratios rather than milliseconds. The JSON \
      schema is in docs/profile.md.

      Examples:
        mnv2 profile --depth blocks
        mnv2 profile --threads 1 --runs 50
        mnv2 profile --width 0.35 --resolution 96 --format csv
        mnv2 profile --arch mobilenet-v1 --format json
      """)

  @OptionGroup var model: ModelOptions

  @Option(help: ArgumentHelp("Threads for each layer (1…256; default: every core).", valueName: "n"))
  var threads: Int?

  @Option(help: ArgumentHelp("Timed passes (1…10000); each layer's figure is their median.", valueName: "n"))
  var runs: Int = 20

  @Option(help: ArgumentHelp("Untimed passes first, to warm caches and allocators (0…1000).", valueName: "n"))
  var warmup: Int = 3

  @Option(help: ArgumentHelp("Images per pass (1…64).", valueName: "n"))
  var batch: Int = 1

  @Option(help: ArgumentHelp("Seed of the weights and the input image.", valueName: "n"))
  var seed: UInt64 = 1

  @Option(help: "Rows: layers (one per convolution) or blocks (one per Table 2 block).")
  var depth: ProfileReport.Depth = .layers

  @Option(help: ArgumentHelp("Output format.", valueName: "table|json|csv|markdown"))
  var format: OutputFormat = .table

  var request: ProfileRequest {
    ProfileRequest(
      runs: runs, warmup: warmup, threads: threads ?? ProcessInfo.processInfo.activeProcessorCount,
      batch: batch)
  }

  func validate() throws {
    if let threads, !ProfileRequest.threadsRange.contains(threads) {
      throw ValidationError(ProfileError.threads(threads).description)
    }
    for error in [
      ProfileRequest.runsRange.contains(runs) ? nil : ProfileError.runs(runs),
      ProfileRequest.warmupRange.contains(warmup) ? nil : .warmup(warmup),
      ProfileRequest.batchRange.contains(batch) ? nil : .batch(batch),
    ] {
      if let error { throw ValidationError(error.description) }
    }
  }

  func run() throws {
    let network = try model.network()
    let framework = model.framework
    let weights = SeededWeights.make(
      for: network, seed: seed, epsilon: SeededWeights.batchNormEpsilon(framework))
    let request = self.request
    let pass: ForwardPass
    do {
      pass = try NetworkProfile.prepare(
        network: network, weights: weights, placement: PaddingPlacement(framework), request: request)
    } catch {
      throw DataError(message: error.description)
    }
    let clock: () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }
    let calibration = MachineCalibration.measure(threads: request.threads, clock: clock)
    let input = SeededWeights.input(pass.inputShape(batch: request.batch), seed: seed)
    let profile = NetworkProfile.measure(
      pass, input: input, request: request, calibration: calibration, clock: clock)
    let report = ProfileReport(
      profile: profile, depth: depth, framework: framework.rawValue,
      style: TextStyle(unicode: TerminalEnvironment.isUTF8))
    print(report.render(format), terminator: "")
  }
}
