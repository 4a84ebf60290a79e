import MobileNetKit

/// `mnv2 variants`: MAdds and params for the paper's width × resolution grid.
public struct VariantsReport {
  public var grid: VariantsGrid
  public var convention: ParamConvention
  public var classes: Int
  public var modelName: String
  public var style: TextStyle

  public init(
    grid: VariantsGrid, convention: ParamConvention, classes: Int, modelName: String,
    style: TextStyle = TextStyle()
  ) {
    self.grid = grid
    self.convention = convention
    self.classes = classes
    self.modelName = modelName
    self.style = style
  }

  public func render(_ format: OutputFormat) -> String {
    switch format {
    case .table:
      return style.apply(
        "\(terminalSafe(modelName)) variants · \(classes) classes · \(frameworkLabel)\n\n"
          + matrix(\.multiplyAdds, title: "MAdds (millions)").renderText(rule: style.rule) + "\n"
          + matrix(\.params, title: "Params (millions)").renderText(rule: style.rule) + "\n"
          + "MAdds: \(CostConvention.multiplyAdds).\nParams: \(convention.explanation).\n"
          + (hasExtras ? "* not one of the paper's values: from --width or --resolution.\n" : "")
          + rangeNote()
          + "Exact figures: mnv2 variants --format csv (or json).\n")
    case .markdown:
      return
        "## \(terminalSafe(modelName)) variants · \(classes) classes · \(frameworkLabel)\n\n### MAdds (millions)\n\n"
        + matrix(\.multiplyAdds, title: "width").renderMarkdown() + "\n### Params (millions)\n\n"
        + matrix(\.params, title: "width").renderMarkdown()
        + "\nMAdds: \(CostConvention.multiplyAdds). Params: \(convention.explanation).\n"
    case .csv:
      var table = TextTable(columns: [.init("width"), .init("resolution"), .init("macs"), .init("params")])
      table.rows = grid.cells.map {
        [formatWidth($0.width), String($0.resolution), String($0.multiplyAdds), String($0.params)]
      }
      return table.renderCSV()
    case .json:
      struct Entry: Encodable {
        var width: Double
        var resolution, macs, params: Int
      }
      return encodeJSON(
        grid.cells.map {
          Entry(width: $0.width, resolution: $0.resolution, macs: $0.multiplyAdds, params: $0.params)
        })
    }
  }

  /// Whose networks the grid holds: the rounding its base config used, and the convention.
  public var rounding: ChannelRounding = .makeDivisible
  var frameworkLabel: String { Framework.label(rounding: rounding, convention: convention) }

  /// §4's printed range beside the exact one, for MobileNetV2's grid.
  func rangeNote() -> String {
    guard modelName == ArchitectureSpec.mobileNetV2.name else { return "" }
    let range = PaperSlips.mobileNetV2Range(grid)
    return "Slip: §4 prints \"from 7 multiply adds to 585M MAdds\"; this grid spans "
      + "\(NumberFormatting.millions(range.lowerBound)) to \(NumberFormatting.millions(range.upperBound)) MAdds.\n"
  }

  /// "*" beside a width or resolution the paper does not train.
  static func mark(_ width: Double) -> String {
    NetworkConfig.standardWidths.contains(width) ? "" : "*"
  }

  static func mark(_ resolution: Int) -> String {
    NetworkConfig.standardResolutions.contains(resolution) ? "" : "*"
  }

  var hasExtras: Bool {
    grid.widths.contains { !Self.mark($0).isEmpty } || grid.resolutions.contains { !Self.mark($0).isEmpty }
  }

  /// Widths down, resolutions across, values in millions with two decimals.
  private func matrix(_ value: KeyPath<VariantsGrid.Cell, Int>, title: String) -> TextTable {
    var table = TextTable(
      columns: [.init(title)] + grid.resolutions.map { .init(String($0) + Self.mark($0), .right) })
    for width in grid.widths {
      var row = ["width " + formatWidth(width) + Self.mark(width)]
      for resolution in grid.resolutions {
        let cell = grid.cell(width: width, resolution: resolution)!
        row.append(NumberFormatting.fixed(Double(cell[keyPath: value]) / 1_000_000, decimals: 2))
      }
      table.rows.append(row)
    }
    return table
  }
}
