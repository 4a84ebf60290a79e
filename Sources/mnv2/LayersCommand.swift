import ArgumentParser
import MobileNetKit
import Reports

struct LayersCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "layers",
    abstract: "Every layer's shapes, multiply-adds, parameters and activation memory.",
    discussion: """
      Shapes are h×w×c for one image. Padding is "same", so a stride-2 layer gives ⌈h/2⌉.
      MAdds count each convolution as output elements × input channels per group × k², and \
      the classifier as inputs × classes; BatchNorm, ReLU6, pooling and residual adds cost 0. \
      FLOPs are 2 × MAdds.

      A bottleneck (paper Table 1) is expand 1×1 (ReLU6) → depthwise 3×3 (ReLU6) → project 1×1 \
      (linear). With t = 1 there is no expansion layer. The input is added back ("+x") only when \
      the stride is 1 and the input and output widths are equal: 10 of the 17 blocks.

      --depth blocks shows one row per block with the paper's estimate h·w·d′·t(d′+k²+d″) beside \
      the exact count. JSON always carries both the layers and the blocks.

      Other counters, on torchvision's MobileNetV2 1.0 at 224 (300,774,272 here): torchinfo \
      reports 300,809,384 (it adds one per BatchNorm γ/β parameter and the classifier bias: \
      35,112), fvcore 314,193,216 (2 per BatchNorm output element, 6,678,112 of them, and the \
      62,720 of the average pool) and thop 327,486,720 (4 per BatchNorm output element).

      --framework keras builds the network Keras builds (its own channel rounding), and \
      --convention chooses what "params" counts.

      Examples:
        mnv2 layers --depth blocks
        mnv2 layers --width 0.35 --resolution 96 --format csv
        mnv2 layers --framework tf-slim             # the published TF checkpoints (1001 classes)
        mnv2 layers --framework keras --width 1.12  # what keras.applications.MobileNetV2 builds
      """)

  @OptionGroup var model: ModelOptions

  @Option(help: "Rows: layers (one per convolution) or blocks (one per Table 2 block).")
  var depth: LayerReport.Depth = .layers

  @Option(help: ArgumentHelp("Output format.", valueName: "table|json|csv|markdown"))
  var format: OutputFormat = .table

  func run() throws {
    let report = LayerReport(
      network: try model.network(), convention: model.convention, depth: depth,
      style: TextStyle(unicode: TerminalEnvironment.isUTF8))
    print(report.render(format), terminator: "")
  }
}
