import Inference
import MobileNetKit
import TermCanvas

/// `mnv2 profile`: measured time beside the multiply-adds, layer by layer or block by block,
/// with the machine's own roofline. Every time is measured on the machine that printed it.
public struct ProfileReport: Sendable {
  public enum Depth: String, CaseIterable, Sendable { case layers, blocks }

  public var profile: NetworkProfile
  public var depth: Depth
  public var framework: String
  public var style: TextStyle

  public init(profile: NetworkProfile, depth: Depth, framework: String, style: TextStyle = TextStyle()) {
    self.profile = profile
    self.depth = depth
    self.framework = framework
    self.style = style
  }

  var rows: [NetworkProfile.Row] { depth == .layers ? profile.layers : profile.blocks }

  public static func ms(_ nanoseconds: UInt64, decimals: Int = 3) -> String {
    NumberFormatting.fixed(Double(nanoseconds) / 1e6, decimals: decimals)
  }
  static func giga(_ perSecond: Double) -> String { NumberFormatting.fixed(perSecond / 1e9, decimals: 2) }

  /// "memory" when the layer's MAdds per byte fall below the ridge, else "compute". A block
  /// is labelled by its summed MAdds and bytes.
  func bound(_ row: NetworkProfile.Row) -> String {
    row.isMemoryBound(profile.calibration) ? "memory" : "compute"
  }

  func table(machine: Bool) -> TextTable {
    let columns: [TextTable.Column] = [
      .init(depth == .layers ? "layer" : "block"), .init("kind"), .init("output"), .init("MAdds", .right),
      .init("ms", .right), .init("IQR ms", .right), .init("time", .right), .init("MAdds%", .right),
      .init("GMAC/s", .right), .init("MAdd/B", .right), .init("bound"),
    ]
    let body = rows.map { row -> [String] in
      let spread = "\(Self.ms(row.samples.lowerQuartile))–\(Self.ms(row.samples.upperQuartile))"
      return [
        row.name + (row.isDepthwise && !machine ? " ◆" : ""), row.kind,
        row.output.formatted(unicode: style.unicode),
        machine ? String(row.multiplyAdds) : NumberFormatting.grouped(row.multiplyAdds),
        Self.ms(row.samples.median),
        machine ? spread.replacingOccurrences(of: "–", with: "..") : spread,
        NumberFormatting.percent(profile.timeShare(row)),
        NumberFormatting.percent(profile.multiplyAddShare(row)),
        Self.giga(row.achieved), NumberFormatting.fixed(row.multiplyAddsPerByte, decimals: 2), bound(row),
      ]
    }
    return TextTable(columns: columns, rows: body)
  }

  /// MAdds per byte over a set of layers (summed MAdds over summed bytes).
  func intensity(_ rows: [NetworkProfile.Row]) -> Double {
    let bytes = rows.reduce(0) { $0 + $1.bytes }
    return bytes == 0 ? 0 : Double(rows.reduce(0) { $0 + $1.multiplyAdds }) / Double(bytes)
  }

  /// The closing sentence, every figure in it measured or counted: the depthwise layers'
  /// share of MAdds against their share of time, and their MAdds per byte against the 1×1s'.
  public var depthwiseSentence: String {
    let (madds, time) = profile.depthwiseShares
    let depthwise = profile.layers.filter(\.isDepthwise)
    guard !depthwise.isEmpty else { return "This network has no depthwise layers." }
    let pointwise = profile.layers.filter { ["expand", "project", "pointwise"].contains($0.kind) }
    let ratio = madds > 0 ? time / madds : 0
    return "The depthwise layers hold \(NumberFormatting.percent(madds)) of the multiply-adds and took "
      + "\(NumberFormatting.percent(time)) of the time here, \(NumberFormatting.fixed(ratio, decimals: 1))× their share: "
      + "they do \(NumberFormatting.fixed(intensity(depthwise), decimals: 2)) MAdds per byte moved, the 1×1 convs "
      + "\(NumberFormatting.fixed(intensity(pointwise), decimals: 2)), against a ridge of "
      + "\(NumberFormatting.fixed(profile.calibration.ridge, decimals: 2)) on this machine."
  }

  /// Prose wrapped for an 80–100 column terminal.
  static func prose(_ text: String) -> String {
    Canvas.wrap(text.trimmingTrailingNewlines, width: 100).joined(separator: "\n") + "\n"
  }

  var heading: String {
    let config = profile.network.config, request = profile.request
    return
      "Profile: \(profile.network.spec.name) \(formatWidth(config.width)) @ \(config.resolution) · \(framework) · "
      + "batch \(request.batch) · float32 · BatchNorm folded · \(request.threads) thread\(request.threads == 1 ? "" : "s") · "
      + "median of \(request.runs) runs after \(request.warmup) warm-up\n"
      + "Measured on this machine when this was printed; times drift with load, compare shares and ratios.\n"
  }

  var machineLines: String {
    let c = profile.calibration, p = MachineCalibration.product
    return """
      This machine, measured just now: compute peak \(Self.giga(c.multiplyAddsPerSecond)) GMAC/s \
      (best of \(MachineCalibration.repeats) products \(p[0])×\(p[1])·\(p[1])×\(p[2]) on the 1×1 conv kernel), memory bandwidth \
      \(NumberFormatting.fixed(c.bytesPerSecond / 1e9, decimals: 2)) GB/s (best of \(MachineCalibration.repeats) copies of \
      \(MachineCalibration.copyBytes >> 20) MiB, bytes read + written). Roofline ridge \
      \(NumberFormatting.fixed(c.ridge, decimals: 2)) MAdd/B: below it a layer is memory-bound.

      """
  }

  var totalLines: String {
    let whole = profile.total
    return """
      Whole pass: median \(Self.ms(whole.median)) ms (IQR \(Self.ms(whole.lowerQuartile))–\(Self.ms(whole.upperQuartile))); \
      sum of layer medians \(Self.ms(profile.sumOfLayerMedians)) ms; \
      \(NumberFormatting.grouped(profile.multiplyAdds)) MAdds, \
      \(Self.giga(Double(profile.multiplyAdds) / (Double(max(whole.median, 1)) / 1e9))) GMAC/s overall.

      """
  }

  static let conventions = """
    MAdds as in `mnv2 layers` (× batch). ms: median per layer; IQR: quartiles of the runs. time: share \
    of the summed layer medians. GMAC/s: MAdds / median time (10⁹ per s). MAdd/B: MAdds per byte moved, \
    bytes = float32 input + output activations + folded weights and bias, each counted once \
    (a residual add reads its shortcut too). ◆ marks depthwise layers.

    """

  public func render(_ format: OutputFormat) -> String {
    switch format {
    case .table:
      let notes = [totalLines, machineLines, Self.conventions, depthwiseSentence].map(Self.prose)
      return style.apply(
        Self.prose(heading) + "\n" + table(machine: false).renderText(rule: style.rule) + "\n"
          + notes.joined(separator: "\n"))
    case .markdown:
      return "## Profile\n\n" + heading + "\n" + table(machine: false).renderMarkdown() + "\n" + totalLines
        + machineLines + Self.conventions + depthwiseSentence + "\n"
    case .csv:
      return table(machine: true).renderCSV()
    case .json:
      return json()
    }
  }

  func json() -> String {
    struct Entry: Encodable {
      var name, kind: String
      var block: Int
      var input, output: [Int]
      var macs, params, bytes: Int
      var medianMs, q1Ms, q3Ms, minMs, maxMs: Double
      var timeShare, macsShare, gmacPerS, macsPerByte: Double
      var bound: String
      var depthwise: Bool
    }
    struct Whole: Encodable {
      var medianMs, q1Ms, q3Ms, minMs, maxMs, sumOfLayerMediansMs: Double
      var macs: Int
      var gmacPerS: Double
    }
    struct Machine: Encodable {
      var peakGmacPerS, bandwidthGbPerS, ridgeMacsPerByte: Double
      var peakMethod, bandwidthMethod: String
    }
    struct Conventions: Encodable {
      var macs, bytes, time, params: String
    }
    struct Body: Encodable {
      var schema, model, framework, measured: String
      var width: Double
      var resolution, classes, batch, threads, runs, warmup: Int
      var conventions: Conventions
      var machine: Machine
      var total: Whole
      var depthwiseMacsShare, depthwiseTimeShare: Double
      var layers, blocks: [Entry]
    }
    func ms(_ ns: UInt64) -> Double { Double(ns) / 1e6 }
    func entry(_ row: NetworkProfile.Row) -> Entry {
      Entry(
        name: row.name, kind: row.kind, block: row.group,
        input: [row.input.height, row.input.width, row.input.channels],
        output: [row.output.height, row.output.width, row.output.channels], macs: row.multiplyAdds,
        params: row.params.count(.torchvision), bytes: row.bytes, medianMs: ms(row.samples.median),
        q1Ms: ms(row.samples.lowerQuartile), q3Ms: ms(row.samples.upperQuartile),
        minMs: ms(row.samples.minimum),
        maxMs: ms(row.samples.maximum), timeShare: profile.timeShare(row),
        macsShare: profile.multiplyAddShare(row),
        gmacPerS: row.achieved / 1e9, macsPerByte: row.multiplyAddsPerByte, bound: bound(row),
        depthwise: row.isDepthwise)
    }
    let c = profile.calibration, p = MachineCalibration.product, config = profile.network.config
    let shares = profile.depthwiseShares
    let whole = profile.total
    return encodeJSON(
      Body(
        schema: "mnv2-profile/1", model: profile.network.spec.name, framework: framework,
        measured: "on the machine that printed this, when it printed it", width: config.width,
        resolution: config.resolution, classes: config.classes, batch: profile.request.batch,
        threads: profile.request.threads, runs: profile.request.runs, warmup: profile.request.warmup,
        conventions: Conventions(
          macs: "multiply-adds as mnv2 layers counts them, times the batch",
          bytes:
            "float32 input + output activations (whole batch) + folded weights and bias, each once; a residual add's shortcut read included",
          time: "nanosecond monotonic clock around each layer; shares are of the summed layer medians",
          params: "torchvision convention (weights + BatchNorm gamma/beta)"),
        machine: Machine(
          peakGmacPerS: c.multiplyAddsPerSecond / 1e9, bandwidthGbPerS: c.bytesPerSecond / 1e9,
          ridgeMacsPerByte: c.ridge,
          peakMethod:
            "best of \(MachineCalibration.repeats) products \(p[0])x\(p[1]) by \(p[1])x\(p[2]) on the 1x1 conv kernel",
          bandwidthMethod:
            "best of \(MachineCalibration.repeats) copies of \(MachineCalibration.copyBytes >> 20) MiB, bytes read + written"
        ),
        total: Whole(
          medianMs: ms(whole.median), q1Ms: ms(whole.lowerQuartile), q3Ms: ms(whole.upperQuartile),
          minMs: ms(whole.minimum), maxMs: ms(whole.maximum),
          sumOfLayerMediansMs: ms(profile.sumOfLayerMedians),
          macs: profile.multiplyAdds,
          gmacPerS: Double(profile.multiplyAdds) / (Double(max(whole.median, 1)) / 1e9) / 1e9),
        depthwiseMacsShare: shares.multiplyAdds, depthwiseTimeShare: shares.time,
        layers: profile.layers.map(entry),
        blocks: profile.blocks.map(entry)))
  }
}

extension String {
  fileprivate var trimmingTrailingNewlines: String {
    var text = self
    while text.hasSuffix("\n") { text.removeLast() }
    return text
  }
}
