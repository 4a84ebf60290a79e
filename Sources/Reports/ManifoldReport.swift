import ManifoldKit
import MobileNetKit
import TermCanvas

/// `mnv2 manifold`: the figure, then the metrics table, or the metrics as JSON or CSV.
public struct ManifoldReport {
  public enum Format: String, CaseIterable, Sendable {
    case text, json, csv
  }

  public var result: ManifoldResult
  public var style: TextStyle

  public init(result: ManifoldResult, style: TextStyle = TextStyle()) {
    self.result = result
    self.style = style
  }

  static let definitions = """
    collapsed (coll): share of points with fewer than 2 active coordinates (Lemma 2: lost).
    theory (thy):     Theorem 1's expected collapsed share for ReLU over random T, (1 + n)/2^n,
                      shown with every activation as the yardstick.
    aligned (err):    mean distance from each input point to the best affine fit of its recovered
                      point, over the spiral's RMS radius (a shrink or rotation costs 0).
    zeroed:           share of the n coordinates the activation set to zero.
    xs on a panel:    the panel is drawn s times larger than T+ returned it (least squares, 1 to 4):
                      through ReLU, E[T^T D T] = (n/2) I, so T+ gives back about half the size;
                      lower where the panel would leave the input's square, which all share.

    """

  public func metricsTable() -> TextTable {
    let trials = result.experiment.trials
    var columns: [TextTable.Column] = [.init("n", .right), .init("collapsed", .right)]
    if trials > 1 { columns.append(.init("sd", .right)) }
    columns.append(.init("theory", .right))
    columns.append(.init("aligned err", .right))
    if trials > 1 { columns.append(.init("sd", .right)) }
    columns.append(.init("zeroed", .right))
    if trials > 1 { columns.append(.init("sd", .right)) }
    var table = TextTable(columns: columns)
    for panel in result.panels {
      var row = [String(panel.dimension), NumberFormatting.percent(panel.collapsedFraction.mean)]
      if trials > 1 { row.append(NumberFormatting.percent(panel.collapsedFraction.standardDeviation)) }
      row.append(ManifoldFigure.percent(ManifoldFigure.reluPrediction(panel)))
      row.append(NumberFormatting.fixed(panel.alignedError.mean, decimals: 3))
      if trials > 1 { row.append(NumberFormatting.fixed(panel.alignedError.standardDeviation, decimals: 3)) }
      row.append(NumberFormatting.percent(panel.zeroedShare.mean))
      if trials > 1 { row.append(NumberFormatting.percent(panel.zeroedShare.standardDeviation)) }
      table.rows.append(row)
    }
    return table
  }

  /// The text form: the figure (plain or with ANSI colour), the table and the definitions.
  public func renderText(width: Int, plotStyle: PlotStyle, colored: Bool) -> String? {
    var text = ""
    guard renderText(width: width, plotStyle: plotStyle, colored: colored, write: { text += $0 }) else {
      return nil
    }
    return text
  }

  /// The same, handed to `write` a row of panels at a time (`ManifoldFigure.renderBands`),
  /// so the figure is never held whole; false if `width` is too narrow for a panel.
  public func renderText(width: Int, plotStyle: PlotStyle, colored: Bool, write: (String) -> Void) -> Bool {
    let figure = ManifoldFigure(
      result: result, plotStyle: plotStyle, colored: colored, unicode: style.unicode)
    guard figure.layout(width: width) != nil else { return false }
    let experiment = result.experiment
    write(
      style.apply(
        "Figure 1 (Sandler et al. 2018): a spiral embedded in n dimensions by a random T, "
          + "\(experiment.activation.rawValue), then projected back with T⁺\n\n"))
    _ = figure.renderBands(width: width) { band in
      write(colored ? ANSIRenderer.render(band) : band.plainText())
    }
    let trials = experiment.trials > 1 ? " (mean over \(experiment.trials) random T; sd beside)" : ""
    write(
      "\n"
        + style.apply(
          "Metrics\(trials)\n" + metricsTable().renderText(rule: style.rule) + "\n" + Self.definitions))
    return true
  }

  /// `activation_theory` in words, for the JSON beside it.
  static func activationTheoryMeaning(_ activation: ManifoldActivation) -> String {
    switch activation {
    case .linear: return "0: a linear map zeroes no coordinate, so nothing collapses"
    case .relu: return "Theorem 1's expected collapsed share, (1 + n)/2^n, the same as relu_theory"
    case .relu6:
      return
        "(1 + n)/2^n as a lower bound: ReLU6 zeroes the same coordinates as ReLU, and its clipping at 6 can only remove more"
    }
  }

  public func renderJSON() -> String {
    struct Panel: Encodable {
      var n: Int
      /// One name, one meaning (the audit found `collapsed_fraction_theory` = 0 in JSON where
      /// the screen's thy said 75%): `relu_theory` is always Theorem 1's (1 + n)/2^n, the
      /// yardstick the screen shows; `activation_theory` is the theory for this activation.
      var collapsedFraction, reluTheory, activationTheory, alignedError, zeroedShare: Double
      var collapsedFractionSD, alignedErrorSD, zeroedShareSD: Double?
      var embeddingRank: Int
    }
    struct Document: Encodable {
      var activation: String
      /// What `activation_theory` is for this activation, in words.
      var activationTheoryMeaning: String
      var seed: UInt64
      var points: Int
      var turns, radius: Double
      var trials: Int
      var panels: [Panel]
    }
    let experiment = result.experiment
    let many = experiment.trials > 1
    return encodeJSON(
      Document(
        activation: experiment.activation.rawValue,
        activationTheoryMeaning: Self.activationTheoryMeaning(experiment.activation),
        seed: experiment.seed, points: experiment.spiral.points,
        turns: experiment.spiral.turns, radius: experiment.spiral.radius, trials: experiment.trials,
        panels: result.panels.map { panel in
          Panel(
            n: panel.dimension, collapsedFraction: panel.collapsedFraction.mean,
            reluTheory: ManifoldFigure.reluPrediction(panel), activationTheory: panel.theory,
            alignedError: panel.alignedError.mean,
            zeroedShare: panel.zeroedShare.mean,
            collapsedFractionSD: many ? panel.collapsedFraction.standardDeviation : nil,
            alignedErrorSD: many ? panel.alignedError.standardDeviation : nil,
            zeroedShareSD: many ? panel.zeroedShare.standardDeviation : nil,
            embeddingRank: panel.embeddingRank)
        }))
  }

  public func renderCSV() -> String {
    var table = TextTable(columns: [
      .init("n"), .init("collapsed_fraction"), .init("collapsed_fraction_sd"), .init("relu_theory"),
      .init("activation_theory"),
      .init("aligned_error"), .init("aligned_error_sd"), .init("zeroed_share"), .init("zeroed_share_sd"),
    ])
    for panel in result.panels {
      table.rows.append(
        [String(panel.dimension)]
          + [
            panel.collapsedFraction.mean, panel.collapsedFraction.standardDeviation,
            ManifoldFigure.reluPrediction(panel), panel.theory,
            panel.alignedError.mean, panel.alignedError.standardDeviation, panel.zeroedShare.mean,
            panel.zeroedShare.standardDeviation,
          ].map { String($0) })
    }
    return table.renderCSV()
  }
}
