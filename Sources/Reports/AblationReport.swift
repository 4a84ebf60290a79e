import AblationKit
import MobileNetKit
import TermCanvas

/// `mnv2 ablation`: the miniature Figure 6 as a table, verdicts in words, and charts of
/// test accuracy during training.
public struct AblationReport {
  public var result: AblationResult
  public var style: TextStyle

  public init(result: AblationResult, style: TextStyle) {
    self.result = result
    self.style = style
  }

  public func render(_ format: ManifoldReport.Format) -> String {
    switch format {
    case .json: return encodeJSON(AblationJSON(result))
    case .csv:
      var table = TextTable(columns: AblationJSON.csvColumns.map { .init($0) })
      table.rows = AblationJSON(result).variants.map(\.csvRow)
      return table.renderCSV()
    case .text: return style.apply(text())
    }
  }

  /// How the miniature was trained, in one paragraph.
  public static func setup(_ study: AblationStudy) -> String {
    "Two spirals (\(formatNumber(TwoSpirals.defaultTurns)) turns, \(TwoSpirals.trainingCount) training and "
      + "\(TwoSpirals.testCount) test points); \(study.seeds) seeds per variant; \(study.steps) Adam steps "
      + "(batch \(TrainingRun.defaultBatchSize), lr \(TrainingRun.defaultLearningRate)). Network: a linear stem "
      + "to d, \(MiniNetSpec.defaultStages) stages × \(MiniNetSpec.defaultBlocks) blocks (expand ×"
      + "\(MiniNetSpec.defaultExpansion) + BN + ReLU6, the depthwise 3×3 as a per-channel scale since a point "
      + "has no neighbours, project to d + BN), a shortcut on every block but the first of each stage, a "
      + "linear classifier. A run's accuracy is the mean of its last \(TrainingRun.finalEvaluationCount) "
      + "evaluations on all \(TwoSpirals.testCount) test points; mean ± sd over seeds. Differences are paired "
      + "by seed (run r of every variant shares its weights and batches): the 95% CI is t(n − 1) on the "
      + "per-seed differences."
  }

  func text() -> String {
    var out =
      "Figure 6 in miniature\n\n" + Canvas.wrap(Self.setup(result.study), width: 96).joined(separator: "\n")
      + "\n"
    out += tables()
    out += "\n" + charts()
    return out
  }

  /// The tables of mean ± sd per variant and the verdicts, as the handout prints them
  /// under the Ablation view's picture.
  public func tables() -> String {
    var out = ""
    if result.study.comparison != .shortcut {
      out += "\nFigure 6a: the projection's activation (shortcuts between bottlenecks)\n\n"
      var table = TextTable(columns: [
        .init("d", .right), .init("linear", .right), .init("ReLU6", .right),
        .init("linear − ReLU6 (95% CI)", .right),
      ])
      for d in result.study.activationWidths {
        guard let a = result.variant(MiniNetSpec(width: d, projection: .linear)),
          let b = result.variant(MiniNetSpec(width: d, projection: .relu6))
        else { continue }
        table.rows.append([String(d), Self.accuracy(a), Self.accuracy(b), Self.gap(a, b)])
      }
      out += table.renderText(rule: style.rule) + "\n"
    }
    if result.study.comparison != .activation {
      out += "\nFigure 6b: where the shortcut joins (linear projection)\n\n"
      var table = TextTable(columns: [
        .init("d", .right), .init("bottlenecks", .right), .init("expansions", .right), .init("none", .right),
      ])
      for d in result.study.shortcutWidths {
        let row = MiniNetSpec.Shortcut.allCases.map { shortcut in
          result.variant(MiniNetSpec(width: d, shortcut: shortcut)).map(Self.accuracy) ?? ""
        }
        table.rows.append([String(d)] + row)
      }
      out += table.renderText(rule: style.rule) + "\n"
    }
    out += "\nVerdicts\n"
    for comparison in result.comparisons { out += "  " + Self.verdict(comparison) + "\n" }
    return style.apply(out)
  }

  static func accuracy(_ variant: VariantResult) -> String {
    let stats = variant.accuracy
    return
      "\(NumberFormatting.fixed(100 * stats.mean, decimals: 1))% ± \(NumberFormatting.fixed(100 * stats.standardDeviation, decimals: 1))"
  }

  static func gap(_ a: VariantResult, _ b: VariantResult) -> String {
    let (difference, halfWidth) = a.accuracy.pairedDifference(from: b.accuracy)
    return
      "\(signed(100 * difference)) (\(signed(100 * (difference - halfWidth))) to \(signed(100 * (difference + halfWidth))))"
  }

  static func signed(_ points: Double) -> String {
    let text = NumberFormatting.fixed(abs(points), decimals: 1)
    return (points < 0 && text != "0.0" ? "−" : "+") + text
  }

  static func label(_ spec: MiniNetSpec) -> String {
    switch spec.shortcut {
    case .bottlenecks where spec.projection == .relu6: return "ReLU6"
    case .bottlenecks: return "linear"
    case .expansions: return "shortcuts between expansions"
    case .none: return "no shortcuts"
    }
  }

  /// One comparison in plain words, whichever way it went.
  public static func verdict(_ comparison: AblationResult.Comparison) -> String {
    let paper = comparison.paper.spec, other = comparison.other.spec
    let (difference, halfWidth) = comparison.difference
    let names =
      paper.projection != other.projection
      ? ("linear", "ReLU6") : ("shortcuts between bottlenecks", label(other))
    let interval =
      "95% CI \(signed(100 * (difference - halfWidth))) to \(signed(100 * (difference + halfWidth))) points"
    let points = NumberFormatting.fixed(100 * abs(difference), decimals: 1)
    switch comparison.outcome {
    case .paperAhead:
      return "d = \(paper.width): \(names.0) is ahead of \(names.1) by \(points) points (\(interval)): "
        + "larger than its uncertainty, as the paper finds."
    case .otherAhead:
      return "d = \(paper.width): \(names.1) is ahead of \(names.0) by \(points) points (\(interval)): "
        + "larger than its uncertainty, and against the paper."
    case .withinUncertainty:
      return "d = \(paper.width): \(names.0) and \(names.1) differ by \(points) points (\(interval)): "
        + "within the uncertainty, so no difference is shown at this width."
    }
  }

  /// Test accuracy against step, one chart per comparison group: each variant's mean over
  /// seeds, marked by its first letter.
  func charts() -> String {
    var out = ""
    var groups: [(String, [VariantResult], Bool)] = []
    if result.study.comparison != .shortcut {
      for d in result.study.activationWidths {
        let members = [MiniNetSpec.Projection.linear, .relu6].compactMap {
          result.variant(MiniNetSpec(width: d, projection: $0))
        }
        groups.append(
          ("Figure 6a, d = \(d): test accuracy during training (l = linear, r = ReLU6)", members, false))
      }
    }
    if result.study.comparison != .activation {
      for d in result.study.shortcutWidths {
        let members = MiniNetSpec.Shortcut.allCases.compactMap {
          result.variant(MiniNetSpec(width: d, shortcut: $0))
        }
        groups.append(
          (
            "Figure 6b, d = \(d): test accuracy during training (b = bottlenecks, e = expansions, n = none)",
            members, true
          ))
      }
    }
    for (title, members, shortcutChart) in groups {
      out += title + "\n" + Self.chart(members, shortcutChart: shortcutChart, width: 60, height: 8) + "\n"
    }
    return out
  }

  /// l and r in Figure 6a's charts; b, e and n in Figure 6b's.
  static func marker(_ spec: MiniNetSpec, shortcutChart: Bool) -> Character {
    guard shortcutChart else { return spec.projection == .linear ? "l" : "r" }
    switch spec.shortcut {
    case .bottlenecks: return "b"
    case .expansions: return "e"
    case .none: return "n"
    }
  }

  /// Accuracy 50% to 100% up, steps across; a later variant's mark wins a shared cell, and
  /// "*" marks a cell where two variants meet.
  static func chart(_ variants: [VariantResult], shortcutChart: Bool, width: Int, height: Int) -> String {
    var grid = Array(repeating: Array(repeating: Character(" "), count: width), count: height)
    let steps = variants.first?.curve.last?.step ?? 1
    for variant in variants {
      let mark = marker(variant.spec, shortcutChart: shortcutChart)
      for point in variant.curve {
        let column = min(width - 1, (point.step * (width - 1) + steps / 2) / max(1, steps))
        let level = max(0, min(1, (point.mean - 0.5) / 0.5))
        let row = height - 1 - Int((level * Double(height - 1)).rounded())
        grid[row][column] = grid[row][column] == " " || grid[row][column] == mark ? mark : "*"
      }
    }
    var lines: [String] = []
    for (row, cells) in grid.enumerated() {
      let axis = row == 0 ? "100%" : row == height - 1 ? " 50%" : "    "
      lines.append("\(axis) |" + String(cells))
    }
    lines.append("     +" + String(repeating: "-", count: width))
    lines.append(
      "      0" + String(repeating: " ", count: max(1, width - 7 - String(steps).count)) + "\(steps) steps")
    return lines.joined(separator: "\n") + "\n"
  }

  static func formatNumber(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(value)
  }
}

/// The JSON schema of `mnv2 ablation --format json` (docs/reference.md).
struct AblationJSON: Encodable {
  struct Variant: Encodable {
    var d: Int
    var projection: String
    var shortcut: String
    var seeds: Int
    var accuracyMean: Double
    var accuracySd: Double
    var accuracyCi95: [Double]
    var accuracies: [Double]
    var curve: [Point]

    var csvRow: [String] {
      [
        String(d), projection, shortcut, String(seeds), String(accuracyMean), String(accuracySd),
        String(accuracyCi95[0]), String(accuracyCi95[1]),
      ]
    }
  }

  struct Point: Encodable {
    var step: Int
    var accuracy: Double
  }

  struct Comparison: Encodable {
    var d: Int
    var paper: String
    var other: String
    var difference: Double
    /// Paired by seed, t on n − 1 degrees of freedom: what `outcome` follows.
    var differenceCi95: [Double]
    /// Welch's unpaired interval, for comparison: it ignores the pairing.
    var welchDifferenceCi95: [Double]
    var outcome: String
  }

  var schema = "mnv2-ablation/2"
  var seed: UInt64
  var steps: Int
  var seedsPerVariant: Int
  /// The steps whose accuracies (all test points) are averaged into each run's accuracy.
  var finalEvaluationSteps: [Int]
  var pairing =
    "run r of every variant shares its initial weights and batch order; difference_ci95 is t(0.975, n - 1) on the n per-seed differences"
  var setup: String
  var variants: [Variant]
  var comparisons: [Comparison]

  static let csvColumns = [
    "d", "projection", "shortcut", "seeds", "accuracy_mean", "accuracy_sd", "accuracy_ci95_low",
    "accuracy_ci95_high",
  ]

  init(_ result: AblationResult) {
    seed = result.study.seed
    steps = result.study.steps
    seedsPerVariant = result.study.seeds
    finalEvaluationSteps = Array(
      TrainingRun(spec: MiniNetSpec(width: 2), seed: 0, steps: result.study.steps).finalEvaluationSteps)
    setup = AblationReport.setup(result.study)
    variants = result.variants.map { variant in
      let stats = variant.accuracy
      return Variant(
        d: variant.spec.width, projection: variant.spec.projection.rawValue,
        shortcut: variant.spec.shortcut.rawValue,
        seeds: stats.count, accuracyMean: stats.mean, accuracySd: stats.standardDeviation,
        accuracyCi95: [stats.mean - stats.confidenceHalfWidth, stats.mean + stats.confidenceHalfWidth],
        accuracies: stats.values, curve: variant.curve.map { Point(step: $0.step, accuracy: $0.mean) })
    }
    comparisons = result.comparisons.map { comparison in
      let (difference, halfWidth) = comparison.difference
      let welch = comparison.welchDifference
      func name(_ spec: MiniNetSpec) -> String {
        "\(spec.projection.rawValue), shortcuts: \(spec.shortcut.rawValue)"
      }
      return Comparison(
        d: comparison.paper.spec.width, paper: name(comparison.paper.spec),
        other: name(comparison.other.spec),
        difference: difference, differenceCi95: [difference - halfWidth, difference + halfWidth],
        welchDifferenceCi95: [welch.difference - welch.halfWidth, welch.difference + welch.halfWidth],
        outcome: comparison.outcome.rawValue)
    }
  }
}
