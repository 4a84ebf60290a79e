import BottleneckLab
import ManifoldKit
import MobileNetKit
import TermCanvas

/// `mnv2 lab --block N`: the lab's metrics for one block, with the recovered spiral.
public struct LabReport {
  public var result: LabResult
  public var blockName: String
  public var width: Double
  public var style: TextStyle

  /// Whose channel rounding gave the block's widths ("torchvision", "keras").
  public var framework = "torchvision"

  public init(result: LabResult, blockName: String, width: Double, style: TextStyle) {
    self.result = result
    self.blockName = blockName
    self.width = width
    self.style = style
  }

  public func render(_ format: ManifoldReport.Format) -> String {
    switch format {
    case .json: return encodeJSON(LabJSON(result, block: blockName, width: width))
    case .csv:
      var table = TextTable(columns: LabJSON.csvColumns.map { .init($0) })
      table.rows = [LabJSON(result, block: blockName, width: width).csvRow]
      return table.renderCSV()
    case .text: return style.apply(text())
    }
  }

  func text() -> String {
    let lab = result.lab
    let shape = lab.shape
    let widths = "d′ = \(shape.inputChannels), t·d′ = \(shape.hiddenChannels), d″ = \(shape.outputChannels)"
    let shortcut = lab.shortcut && shape.hasShortcut ? " + shortcut" : ""
    let heading =
      "Bottleneck lab · \(blockName) at width \(formatWidth(width)) (\(framework) channels): \(widths)"
    var out = heading + " · k = \(lab.manifoldDimension) · projection \(lab.projection.rawValue)\(shortcut)\n"
    out += "\(lab.points) points, \(lab.trials) trial\(lab.trials == 1 ? "" : "s"), seed \(lab.seed)\n\n"
    func value(_ summary: MetricSummary, percent: Bool) -> String {
      let format = { (v: Double) in
        percent ? NumberFormatting.percent(v) : NumberFormatting.fixed(v, decimals: 3)
      }
      return format(summary.mean) + (lab.trials > 1 ? " ± " + format(summary.standardDeviation) : "")
    }
    var table = TextTable(columns: [
      .init("metric"), .init("value", .right), .init("theory (Theorem 1, ReLU)", .right),
    ])
    table.rows = [
      [
        "collapsed fraction", value(result.collapsedFraction, percent: true),
        // Theorem 1 is about the projection alone; the shortcut keeps rank k whatever it loses.
        ManifoldFigure.percent(result.theory) + (shortcut.isEmpty ? "" : " (without the shortcut)"),
      ],
      ["recoverability R²", value(result.recoverability, percent: false), ""],
      ["neighbour preservation", result.neighbourPreservation.map { value($0, percent: true) } ?? "–", ""],
    ]
    out += table.renderText(rule: style.rule) + "\n"
    if lab.manifoldDimension == 2 {
      out += "What a linear read-out recovers of the spiral (trial 0):\n"
      let decoded = result.decoded.map { Point2($0[0], $0[1]) }
      let inputs = result.inputs.map { Point2($0[0], $0[1]) }
      var extent = 0.0
      for p in inputs + decoded { extent = max(extent, abs(p.x), abs(p.y)) }
      var canvas = Canvas(width: 80, height: 20)
      for (index, points) in [inputs, decoded].enumerated() {
        let x = index * 41
        canvas.box(
          Rect(x: x, y: 0, width: 39, height: 20), style: .forUnicode(style.unicode),
          title: index == 0 ? "manifold" : "decoded output")
        var raster = ScatterRaster(
          columns: 37, rows: 18, style: style.unicode ? .braille : .ascii, extent: extent * 1.05)
        for point in points { raster.plot(x: point.x, y: point.y) }
        raster.draw(into: &canvas, x: x + 1, y: 1, colored: false)
      }
      out += canvas.plainText()
    }
    out += """

      collapsed: share of points where the block's Jacobian on the manifold has rank < k, from the
        activation masks (weights in general position: rank = min(k, active hidden, active outputs);
        with the shortcut, rank k under either projection).
      theory: Theorem 1 for the projection with ReLU, 1 - N(d'',k)/2^d'' with N(m,n) = sum over
        j = 0..m-n of C(m,j); the projection stage only, so a lower bound when earlier ReLU6s or
        clipping lose more.
      recoverability: R² of the best affine decoder from the block output to the manifold coordinates,
        fitted on the even-numbered points and scored on the odd ones; below 1 even without
        collapse, because the ReLU6s bend the manifold.
      neighbours: share of each point's 10 nearest manifold neighbours still among its 10 nearest.

      """
    return out
  }
}

/// The documented JSON of `mnv2 lab` (docs/commands.md, "mnv2 lab").
struct LabJSON: Encodable {
  var block: String
  var width: Double
  var dIn, hidden, dOut, k: Int
  var projection: String
  var shortcut: Bool
  var points, trials: Int
  var seed: UInt64
  /// `relu_theory` is always Theorem 1 for a ReLU projection (the yardstick the table shows),
  /// `activation_theory` the theory for this run's projection: 0 when linear, and the same
  /// share as a lower bound for ReLU6. The manifold's JSON uses the two names the same way.
  var collapsedFraction, reluTheory, activationTheory, recoverability: Double
  /// Null only if the lab was run without it (never from the command line).
  var neighbourPreservation: Double?
  var collapsedFractionSD, recoverabilitySD, neighbourPreservationSD: Double?

  init(_ result: LabResult, block: String, width: Double) {
    let lab = result.lab
    self.block = block
    self.width = width
    dIn = lab.shape.inputChannels
    hidden = lab.shape.hiddenChannels
    dOut = lab.shape.outputChannels
    k = lab.manifoldDimension
    projection = lab.projection.rawValue
    shortcut = lab.shortcut && lab.shape.hasShortcut
    points = lab.points
    trials = lab.trials
    seed = lab.seed
    collapsedFraction = result.collapsedFraction.mean
    reluTheory = result.theory
    activationTheory = lab.projection == .linear ? 0 : result.theory
    recoverability = result.recoverability.mean
    neighbourPreservation = result.neighbourPreservation?.mean
    if lab.trials > 1 {
      collapsedFractionSD = result.collapsedFraction.standardDeviation
      recoverabilitySD = result.recoverability.standardDeviation
      neighbourPreservationSD = result.neighbourPreservation?.standardDeviation
    }
  }

  static let csvColumns = [
    "block", "width", "d_in", "hidden", "d_out", "k", "projection", "shortcut", "collapsed_fraction",
    "relu_theory", "activation_theory", "recoverability", "neighbour_preservation",
  ]

  var csvRow: [String] {
    [
      block, formatWidth(width), String(dIn), String(hidden), String(dOut), String(k), projection,
      String(shortcut),
      String(collapsedFraction), String(reluTheory), String(activationTheory), String(recoverability),
      neighbourPreservation.map { String($0) } ?? "",
    ]
  }
}

/// `mnv2 lab --sweep`: every block, linear against ReLU6, for each k.
public struct LabSweepReport {
  public struct Row {
    public var block: Int
    public var k: Int
    public var linear: LabResult
    public var relu6: LabResult
    public init(block: Int, k: Int, linear: LabResult, relu6: LabResult) {
      self.block = block
      self.k = k
      self.linear = linear
      self.relu6 = relu6
    }
  }

  public var rows: [Row]
  public var width: Double
  public var style: TextStyle

  /// Whose channel rounding gave the blocks' widths.
  public var framework = "torchvision"

  public init(rows: [Row], width: Double, style: TextStyle) {
    self.rows = rows
    self.width = width
    self.style = style
  }

  public func render(_ format: ManifoldReport.Format) -> String {
    switch format {
    case .json:
      return encodeJSON(
        rows.flatMap {
          [
            LabJSON($0.linear, block: "b\($0.block)", width: width),
            LabJSON($0.relu6, block: "b\($0.block)", width: width),
          ]
        })
    case .csv:
      var table = TextTable(columns: LabJSON.csvColumns.map { .init($0) })
      table.rows = rows.flatMap {
        [
          LabJSON($0.linear, block: "b\($0.block)", width: width).csvRow,
          LabJSON($0.relu6, block: "b\($0.block)", width: width).csvRow,
        ]
      }
      return table.renderCSV()
    case .text:
      return style.apply(table() + "\n" + charts())
    }
  }

  func table() -> String {
    var table = TextTable(columns: [
      .init("block"), .init("d′", .right), .init("d″", .right), .init("k", .right),
      .init("collapsed lin", .right),
      .init("collapsed ReLU6", .right), .init("theory", .right), .init("R² lin", .right),
      .init("R² ReLU6", .right),
    ])
    for row in rows {
      let shape = row.linear.lab.shape
      table.rows.append([
        "b\(row.block)", String(shape.inputChannels), String(shape.outputChannels), String(row.k),
        NumberFormatting.percent(row.linear.collapsedFraction.mean),
        NumberFormatting.percent(row.relu6.collapsedFraction.mean),
        ManifoldFigure.percent(row.linear.theory),
        NumberFormatting.fixed(row.linear.recoverability.mean, decimals: 3),
        NumberFormatting.fixed(row.relu6.recoverability.mean, decimals: 3),
      ])
    }
    return
      "Bottleneck lab sweep at width \(formatWidth(width)), \(framework) channels (means over trials)\n\n"
      + table.renderText(rule: style.rule)
  }

  /// One chart per metric: x = block 1…(the last bottleneck swept), one line (a digit) per k.
  func charts() -> String {
    let ks = Array(Set(rows.map(\.k))).sorted()
    let blocks = rows.map(\.block).max() ?? 1
    func chart(_ title: String, _ value: (Row) -> Double, theory: ((Row) -> Double)?) -> String {
      let height = 10, columnWidth = 3
      var canvas = Canvas(width: max(6 + blocks * columnWidth, title.count), height: height + 2)
      canvas.write(title, x: 0, y: 0)
      canvas.write("1", x: 0, y: 1)
      canvas.write("0", x: 0, y: height)
      for row in rows {
        let x = 6 + (row.block - 1) * columnWidth
        if let theory {
          let ty = 1 + Int(((1 - theory(row)) * Double(height - 1)).rounded())
          canvas.put(".", x: x + 1, y: ty)
        }
        let y = 1 + Int(((1 - value(row)) * Double(height - 1)).rounded())
        let digit = String(ks.count <= 9 ? (ks.firstIndex(of: row.k)! + 1) : 0)
        canvas.write(ks.count == 1 ? "*" : digit, x: x, y: y)
      }
      for block in 1...blocks where block % 2 == 1 {
        canvas.write(String(block), x: 6 + (block - 1) * columnWidth, y: height + 1)
      }
      return canvas.plainText()
    }
    let legend =
      ks.count == 1
      ? "* = k \(ks[0])"
      : ks.enumerated().map { "\($0.offset + 1) = k \($0.element)" }.joined(separator: ", ")
    return chart(
      "collapsed fraction, ReLU6 projection (\(legend); . = theory)", { $0.relu6.collapsedFraction.mean },
      theory: { $0.relu6.theory })
      + "\n"
      + chart(
        "recoverability R², linear projection (\(legend))", { $0.linear.recoverability.mean }, theory: nil)
      + "\n"
      + chart(
        "recoverability R², ReLU6 projection (\(legend))", { $0.relu6.recoverability.mean }, theory: nil)
  }
}
