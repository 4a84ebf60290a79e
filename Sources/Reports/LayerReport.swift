import Foundation
import MobileNetKit
import TermCanvas

/// `mnv2 layers`: every layer or every block of a network, in any output format.
public struct LayerReport {
  public enum Depth: String, CaseIterable, Sendable {
    /// One row per block: the stem, each bottleneck, the last conv, the pool, the classifier.
    case blocks
    /// One row per convolution, as torchinfo prints it.
    case layers
  }

  public var network: Network
  public var convention: ParamConvention
  public var depth: Depth
  public var style: TextStyle

  public init(
    network: Network, convention: ParamConvention, depth: Depth = .layers, style: TextStyle = TextStyle()
  ) {
    self.network = network
    self.convention = convention
    self.depth = depth
    self.style = style
  }

  public func render(_ format: OutputFormat) -> String {
    switch format {
    case .table: return style.apply(header() + table(machine: false).renderText(rule: style.rule) + footer())
    case .markdown:
      return style.apply("## " + title() + "\n\n" + table(machine: false).renderMarkdown() + "\n" + footer())
    case .csv: return table(machine: true).renderCSV()
    case .json: return json()
    }
  }

  func title() -> String {
    let config = network.config
    return "\(terminalSafe(network.spec.name)) · width \(formatWidth(config.width)) · "
      + "\(config.resolution)\(style.times)\(config.resolution) · \(config.classes) classes · "
      + (network.bottlenecks.isEmpty ? "" : "bottleneck \(config.bottleneckActivation.label) · ")
      + Framework.label(rounding: config.channelRounding, convention: convention)
  }

  private func header() -> String {
    title() + "\n" + "Source: \(terminalSafe(network.spec.reference))\n\n"
  }

  private func footer() -> String {
    let macs = network.multiplyAdds
    let bottlenecks = network.bottlenecks
    var lines = [
      "Total MAdds:  \(NumberFormatting.grouped(macs))  (\(CostConvention.multiplyAdds))",
      "Total FLOPs:  \(NumberFormatting.grouped(2 * macs))  (\(CostConvention.flops))",
      "Total params: \(NumberFormatting.grouped(network.params(convention)))  (\(convention.explanation))",
    ]
    if !bottlenecks.isEmpty {
      lines.append(
        "Blocks: \(bottlenecks.count) bottlenecks, \(bottlenecks.filter(\.residualAdd).count) with a residual add "
          + "(stride 1 and equal input/output channels)")
    }
    if depth == .blocks && !bottlenecks.isEmpty {
      lines.append(
        "Paper est. = h·w·d′·t(d′+k²+d″) at the block's input size (§3.3); it ignores the stride and, for t = 1, "
          + "counts an expansion that is not built, so it exceeds the exact MAdds of stride-2 and t = 1 blocks."
      )
    }
    if network.config.bottleneckActivation == .relu6 {
      lines.append(
        "Bottleneck activation ReLU6 (the paper's ablation, Fig. 6a): shapes and costs are unchanged.")
    }
    lines.append("Act mem = \(CostConvention.memory); K = 1000 bytes")
    lines += slipNotes()
    return "\n" + lines.joined(separator: "\n") + "\n"
  }

  /// The papers' printed figures for this network that the architecture does not give.
  private func slipNotes() -> [String] {
    guard network.spec.name == ArchitectureSpec.mobileNetV1.name else { return [] }
    var notes = [
      "Activations: ReLU6, as Keras and TF-slim build MobileNetV1; the V1 paper uses ReLU (costs are the same)."
    ]
    guard network.config.width == 1, network.config.resolution == 224 else { return notes }
    let share = PaperSlips.v1FullConvShare(network)
    notes.append(
      "Slip: Table 4 of the V2 paper prints MobileNetV1 at "
        + "\(NumberFormatting.millions(PaperSlips.table4MobileNetV1MAdds, decimals: 0)) MAdds; the V1 paper and this count give "
        + "\(NumberFormatting.millions(network.multiplyAdds)) (569M in the V1 paper's words).")
    notes.append(
      "Slip: the V1 paper's Table 2 gives the full 3×3 conv "
        + "\(NumberFormatting.fixed(PaperSlips.v1FullConvSharePrinted * 100, decimals: 2))% of the mult-adds; it is "
        + "\(NumberFormatting.fixed(share * 100, decimals: 2))% (digits swapped).")
    return notes
  }

  private func number(_ value: Int, machine: Bool) -> String {
    machine ? String(value) : NumberFormatting.grouped(value)
  }

  private func share(_ macs: Int, machine: Bool) -> String {
    let total = network.multiplyAdds
    let fraction = total == 0 ? 0 : Double(macs) / Double(total)
    return machine ? NumberFormatting.fixed(fraction, decimals: 6) : NumberFormatting.percent(fraction)
  }

  private func shape(_ shape: TensorShape, machine: Bool) -> String {
    machine ? shape.formatted(unicode: false) : shape.formatted(unicode: style.unicode)
  }

  func table(machine: Bool) -> TextTable {
    switch depth {
    case .layers: return layerTable(machine: machine)
    case .blocks: return blockTable(machine: machine)
    }
  }

  private func layerTable(machine: Bool) -> TextTable {
    var table = TextTable(columns: [
      .init("#", .right), .init("Block", .right), .init("Layer"), .init("Kind"), .init("Input"),
      .init("Output"),
      .init("k", .right), .init("s", .right), .init("Groups", .right), .init("Act"), .init("Res"),
      .init("MAdds", .right), .init(machine ? "Share" : "%", .right), .init("Params", .right),
      .init(machine ? "ActMemBytes" : "Act mem", .right),
    ])
    for layer in network.layers {
      table.rows.append([
        String(layer.index), String(layer.group), layer.name, layer.kind.rawValue,
        shape(layer.input, machine: machine),
        shape(layer.output, machine: machine), String(layer.kernel), String(layer.stride),
        String(layer.groups),
        layer.activation.label, layer.residualAdd ? (machine ? "yes" : "+x") : (machine ? "no" : ""),
        number(layer.multiplyAdds, machine: machine), share(layer.multiplyAdds, machine: machine),
        number(layer.params.count(convention), machine: machine),
        memory(layer.outputBytes(), machine: machine),
      ])
    }
    if !machine { table.footerRows.append(totalsRow(columns: table.columns.count, macsColumn: 11)) }
    return table
  }

  private func blockTable(machine: Bool) -> TextTable {
    var table = TextTable(columns: [
      .init("#", .right), .init("Block"), .init("Operator"), .init("t", .right), .init("s", .right),
      .init("Input"), .init("Output"), .init("Res"), .init("MAdds", .right),
      .init(machine ? "Share" : "%", .right),
      .init(machine ? "PaperEstimate" : "Paper est.", .right), .init("Params", .right),
    ])
    for group in network.groups {
      table.rows.append([
        String(group.index), group.name, group.operatorLabel(unicode: style.unicode && !machine),
        group.op == .bottleneck ? String(group.expansion) : (machine ? "" : "-"), String(group.stride),
        shape(group.input, machine: machine), shape(group.output, machine: machine),
        group.residualAdd ? (machine ? "yes" : "+x") : (machine ? "no" : ""),
        number(group.multiplyAdds, machine: machine), share(group.multiplyAdds, machine: machine),
        group.paperEstimate.map { number($0, machine: machine) } ?? "",
        number(group.params.count(convention), machine: machine),
      ])
    }
    if !machine { table.footerRows.append(totalsRow(columns: table.columns.count, macsColumn: 8)) }
    return table
  }

  private func memory(_ bytes: Int, machine: Bool) -> String {
    machine ? String(bytes) : NumberFormatting.fixed(Double(bytes) / 1000, decimals: 1) + "K"
  }

  private func totalsRow(columns: Int, macsColumn: Int) -> [String] {
    var row = Array(repeating: "", count: columns)
    row[1] = "Total"
    row[macsColumn] = NumberFormatting.grouped(network.multiplyAdds)
    row[macsColumn + 1] = "100.0%"
    row[columns - (depth == .layers ? 2 : 1)] = NumberFormatting.grouped(network.params(convention))
    return row
  }

  private func json() -> String {
    let config = network.config
    let document = LayersDocument(
      model: network.spec.name, reference: network.spec.reference, width: config.width,
      resolution: config.resolution, classes: config.classes, convention: convention.rawValue,
      bottleneck: config.bottleneckActivation.rawValue, lastLayerRule: config.lastLayerRule.rawValue,
      framework: Framework.label(rounding: config.channelRounding, convention: convention),
      channelRounding: config.channelRounding.rawValue, padding: config.padding.rawValue,
      conventions: .init(
        macs: CostConvention.multiplyAdds, flops: CostConvention.flops, params: convention.explanation,
        memory: CostConvention.memory),
      totals: .init(
        macs: network.multiplyAdds, flops: 2 * network.multiplyAdds, params: network.params(convention),
        paramsBreakdown: .init(network.paramBreakdown), bottlenecks: network.bottlenecks.count,
        residualBlocks: network.bottlenecks.filter(\.residualAdd).count),
      layers: network.layers.map { layer in
        .init(
          index: layer.index, block: layer.group, name: layer.name, kind: layer.kind.rawValue,
          input: [layer.input.height, layer.input.width, layer.input.channels],
          output: [layer.output.height, layer.output.width, layer.output.channels], kernel: layer.kernel,
          stride: layer.stride, groups: layer.groups, activation: layer.activation.rawValue,
          residual: layer.residualAdd, macs: layer.multiplyAdds, params: layer.params.count(convention),
          paramsBreakdown: .init(layer.params), outputBytesFP16: layer.outputBytes())
      },
      blocks: network.groups.map { group in
        .init(
          index: group.index, name: group.name, op: group.op.rawValue, t: group.expansion,
          stride: group.stride,
          input: [group.input.height, group.input.width, group.input.channels],
          output: [group.output.height, group.output.width, group.output.channels],
          residual: group.residualAdd,
          macs: group.multiplyAdds, paperEstimateMacs: group.paperEstimate,
          params: group.params.count(convention),
          layers: Array(group.layerRange))
      })
    return encodeJSON(document)
  }
}

/// The documented `mnv2 layers --format json` schema (docs/reference.md, "JSON schemas").
struct LayersDocument: Encodable {
  struct Conventions: Encodable {
    var macs, flops, params, memory: String
  }
  struct Breakdown: Encodable {
    var weights, biases, bnAffine, bnRunning: Int
    init(_ params: ParamBreakdown) {
      weights = params.weights
      biases = params.biases
      bnAffine = params.batchNormAffine
      bnRunning = params.batchNormRunning
    }
  }
  struct Totals: Encodable {
    var macs, flops, params: Int
    var paramsBreakdown: Breakdown
    var bottlenecks, residualBlocks: Int
  }
  struct LayerEntry: Encodable {
    var index, block: Int
    var name, kind: String
    var input, output: [Int]
    var kernel, stride, groups: Int
    var activation: String
    var residual: Bool
    var macs, params: Int
    var paramsBreakdown: Breakdown
    var outputBytesFP16: Int
  }
  struct BlockEntry: Encodable {
    var index: Int
    var name, op: String
    var t, stride: Int
    var input, output: [Int]
    var residual: Bool
    var macs: Int
    var paperEstimateMacs: Int?
    var params: Int
    var layers: [Int]
  }
  var model, reference: String
  var width: Double
  var resolution, classes: Int
  var convention, bottleneck, lastLayerRule: String
  var framework, channelRounding, padding: String
  var conventions: Conventions
  var totals: Totals
  var layers: [LayerEntry]
  var blocks: [BlockEntry]
}

/// Pretty, key-sorted JSON so that output is stable across runs and diffs well; property
/// names become the snake_case keys of the documented schemas.
public func encodeJSON(_ value: some Encodable) -> String {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
  encoder.keyEncodingStrategy = .convertToSnakeCase
  // Encoding plain structs of strings and integers cannot fail.
  let data = try! encoder.encode(value)
  // DEL, C1 and bidi controls are valid raw in JSON, but must not reach a terminal raw.
  return TerminalSafe.escapeJSON(String(decoding: data, as: UTF8.self)) + "\n"
}
