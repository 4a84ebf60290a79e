import ArgumentParser
import MobileNetKit
import Reports

struct MemoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "memory",
    abstract: "The paper's Table 3, under three definitions, beside the cells it printed.",
    discussion: """
      For each spatial size, in 16-bit floats (K = 1000 bytes), side by side:
        tensor      the largest tensor that must sit in memory. MobileNetV1 keeps every layer's \
      output; MobileNetV2 treats a bottleneck as one operation whose wide expanded tensor is \
      computed in slices and thrown away (§5.1), so only tensors between blocks count.
        +1st        the same with the first-layer trick of Table 3's caption (the first conv \
      streamed into the first bottleneck): at 112×112 this gives b1's 16/401.4, the 400K of \
      arXiv v4.
        Eq.(2)      the paper's own measure (§5.1): the largest inputs + outputs of one \
      operator; its maximum is M(G).
        Eq.(2)+1st  the same with the first conv and the first bottleneck as one operator.

      At width 1.0 and 224 the paper's printed cells (arXiv v4 and CVPR versions) are shown \
      beside them, and the cells no definition reproduces are flagged.
      """)

  /// Applied to both networks.
  @OptionGroup var size: NetworkSizeOptions

  @Option(
    help: ArgumentHelp(
      "Whose networks to build (their channel rounding).", valueName: "torchvision|keras|tf-slim"))
  var framework: Framework = .torchvision

  @Option(help: ArgumentHelp("Output format.", valueName: "table|json|csv|markdown"))
  var format: OutputFormat = .table

  func run() throws {
    let config = NetworkConfig(
      width: size.width, resolution: size.resolution, channelRounding: framework.channelRounding)
    let report = MemoryReport(
      v1: .mobileNetV1(config), v2: .mobileNetV2(config),
      style: TextStyle(unicode: TerminalEnvironment.isUTF8))
    print(report.render(format), terminator: "")
  }
}
