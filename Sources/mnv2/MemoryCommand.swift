import ArgumentParser
import MobileNetKit
import Reports

struct MemoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "memory",
    abstract: "The paper's Table 3: the largest activation tensor materialised at each resolution.",
    discussion: """
      For each spatial size, the largest tensor that must sit in memory, in 16-bit floats. \
      MobileNetV1 must keep every layer's output. MobileNetV2 treats a bottleneck as one \
      operation whose wide expanded tensor is computed in slices and thrown away (§5.1), so \
      only the narrow tensors between blocks count: that is the memory argument for shortcuts \
      between bottlenecks.

      At width 1.0 and 224 the paper's printed cells (arXiv v4 and CVPR versions) are shown \
      beside ours, and the cells our arithmetic does not reproduce are flagged.
      """)

  /// Applied to both networks.
  @OptionGroup var size: NetworkSizeOptions

  @Option(help: ArgumentHelp("Output format.", valueName: "table|json|csv|markdown"))
  var format: OutputFormat = .table

  func run() throws {
    let config = NetworkConfig(width: size.width, resolution: size.resolution)
    let report = MemoryReport(
      v1: .mobileNetV1(config), v2: .mobileNetV2(config),
      style: TextStyle(unicode: TerminalEnvironment.isUTF8))
    print(report.render(format), terminator: "")
  }
}
