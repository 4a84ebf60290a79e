import ArgumentParser
import MobileNetKit
import Reports

struct VariantsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "variants",
    abstract: "MAdds and params for every width (0.35–1.4) × resolution (96–224) the paper trains.",
    discussion: """
      The paper's two trade-off knobs (§4): the width multiplier scales channels, so cost falls \
      roughly with its square; resolution scales spatial size, so MAdds fall with its square but \
      params do not change. The last 1×1 conv keeps 1280 channels below width 1 (paper §4), so \
      small models keep more parameters than the square law suggests.

      With --convention tf-slim (1001 classes) the figures reproduce TF-slim's published \
      checkpoint table, e.g. 1.0/224 = 300M MAdds and 3.47M params, 0.35/96 = 11M and 1.66M.

      --width and --resolution add a row and a column to the grid when they are not among the \
      paper's values, marked with *:
        mnv2 variants --width 0.6 --resolution 200
      """)

  @OptionGroup var model: ModelOptions

  @Option(help: ArgumentHelp("Output format.", valueName: "table|json|csv|markdown"))
  var format: OutputFormat = .table

  func run() throws {
    let spec = try model.spec()
    // --width and --resolution add their row and column to the paper's grid (marked *).
    let config = model.config
    let widths = Array(Set(NetworkConfig.standardWidths + [config.width])).sorted()
    let resolutions = Array(Set(NetworkConfig.standardResolutions + [config.resolution])).sorted()
    let grid: VariantsGrid
    do {
      grid = try VariantsGrid(
        spec: spec, base: config, convention: model.convention, widths: widths, resolutions: resolutions)
    } catch {
      throw DataError(message: error.message(architecture: model.architecture.sourceName))
    }
    var report = VariantsReport(
      grid: grid, convention: model.convention, classes: model.config.classes, modelName: spec.name,
      style: TextStyle(unicode: TerminalEnvironment.isUTF8))
    report.rounding = config.channelRounding
    print(report.render(format), terminator: "")
  }
}
