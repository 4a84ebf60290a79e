import AblationKit
import MobileNetKit
import Reports
import TermCanvas

/// The paper's Figure 6 trained live on two spirals: test accuracy during training for
/// each variant with the band across seeds, the decision of one trained net of each kind,
/// the final accuracies ± sd as bars, and a verdict in words, whichever way it goes.
enum AblationScreen {
  static func draw(_ state: ExplorerState, theme: Theme, area: Rect, into canvas: inout Canvas) {
    let board = state.ablation
    let specs = board.variants(board.front)
    let toggle = state.lesson == nil ? "b" : "t"
    var writer = LineWriter(area, theme: theme)
    let heading: [(String, Int)] =
      board.front == .activation
      ? [
        ("Figure 6a in miniature:", 4), ("linear or ReLU6 after the projection,", 2),
        ("d = \(board.width)", 5),
        (theme.hint("(\(toggle): 6b, d/D: width)"), 1),
      ]
      : [
        ("Figure 6b in miniature:", 4), ("where the shortcut joins, linear projection,", 2),
        ("d = \(board.shortcutWidth)", 5), (theme.hint("(\(toggle): 6a)"), 1),
      ]
    writer.line(theme.fit(heading, width: area.width), style: theme.heading, into: &canvas)
    let setup = theme.fit(
      [
        ("2 spirals", 1), ("\(board.study.seeds) seeds × \(board.study.steps) steps", 3),
        ("depthwise 3×3 = per-channel scale on points", 2), ("(Adam, batch 128)", 0),
      ], separator: " · ", width: area.width)

    let verdicts = verdictLines(board, specs: specs, width: area.width, theme: theme)
    let barRows = board.front == .activation ? board.widths.count : specs.count
    var showSetup = true, showBars = true
    var chartRows = area.height - 1 - 1 - (barRows + 1) - verdicts.count - 1
    if chartRows < 7 {
      showBars = false
      chartRows += barRows + 1
    }
    if chartRows < 6 {
      showSetup = false
      chartRows += 1
    }
    if showSetup { writer.line(setup, style: theme.dim, into: &canvas) }
    // Fewer rows and the curves cannot be told apart, nor their names kept: the layout check
    // hears of it, so the lesson gives the figure more room (its compact text) instead.
    if chartRows < minimumChartRows {
      canvas.noteDropped("Figure 6's chart gets \(chartRows) rows of the \(minimumChartRows) it needs")
    }
    if chartRows >= 4 {
      drawChartAndMaps(
        state, specs: specs, rect: Rect(x: area.x, y: writer.y, width: area.width, height: chartRows),
        theme: theme,
        into: &canvas)
      writer.skip(chartRows)
    }
    if showBars { drawBars(board, specs: specs, theme: theme, writer: &writer, into: &canvas) }
    for (line, style) in verdicts { writer.line(line, style: style, into: &canvas) }
    let command = "= mnv2 ablation --compare both --seed \(board.study.seed)"
    let progress =
      board.isComplete
      ? [("All \(board.runCount) runs trained", 3), (command, 2)]
      : [
        ("Training: \(board.finished.count) of \(board.runCount) runs", 3),
        (theme.hint("(keys work meanwhile)"), 1), (command, 2),
      ]
    writer.line(theme.fit(progress, separator: " · ", width: area.width), style: theme.dim, into: &canvas)
  }

  /// Rows of a decision map at most (20 columns by 10 rows: 40 × 40 Braille dots).
  static let maximumMapRows = 10

  /// The chart's title, four plot rows (one per curve, with a row to spare) and its axis.
  static let minimumChartRows = 6

  static func style(_ spec: MiniNetSpec, theme: Theme) -> CellStyle {
    guard theme.colored && !theme.classroom else { return .plain }
    if spec.projection == .relu6 { return CellStyle(foreground: .yellow) }
    switch spec.shortcut {
    case .bottlenecks: return CellStyle(foreground: .green)
    case .expansions: return CellStyle(foreground: .magenta)
    case .none: return CellStyle(foreground: .cyan)
    }
  }

  static func boldStyle(_ spec: MiniNetSpec, theme: Theme) -> CellStyle {
    var bold = style(spec, theme: theme)
    bold.bold = true
    return bold
  }

  /// The short name a chart line and a map carry.
  static func name(_ spec: MiniNetSpec, front: AblationBoard.Front) -> String {
    if front == .activation { return spec.projection == .linear ? "linear" : "ReLU6" }
    switch spec.shortcut {
    case .bottlenecks: return "bneck"
    case .expansions: return "expand"
    case .none: return "none"
    }
  }

  /// The chart on the left; on the right, one decision map per variant, as large and
  /// square as the rows allow, within 45% of the width.
  static func drawChartAndMaps(
    _ state: ExplorerState, specs: [MiniNetSpec], rect: Rect, theme: Theme, into canvas: inout Canvas
  ) {
    let board = state.ablation
    // The legend says what the two marks are: it goes last, and the words before it first.
    let legend = "mean, \(AccuracyChart.stipple(theme)) ± 1 sd"
    let titles = [
      "Test accuracy while training: \(legend) of the seeds so far",
      "Test accuracy while training: \(legend)", "Accuracy while training: \(legend)",
      "Accuracy: \(legend)", legend,
    ]
    // Capped, so that past the cap a larger screen widens the chart rather than the maps: a
    // larger terminal never gives the curves fewer columns.
    var mapRows = min(maximumMapRows, rect.height - 2)
    var mapColumns = 2 * mapRows
    let budget = rect.width * 45 / 100
    if specs.count * (mapColumns + 1) > budget {
      mapColumns = budget / specs.count - 1
      mapRows = mapColumns / 2
    }
    let drawMaps = mapRows >= 3
    let mapsWidth = drawMaps ? specs.count * (mapColumns + 1) : 0
    let chartRect = Rect(x: rect.x, y: rect.y + 1, width: rect.width - mapsWidth - 1, height: rect.height - 1)
    let title = titles.map { $0.replacingUnicode(theme) }.first {
      TerminalGlyph.width(of: $0) <= chartRect.width
    }
    canvas.write(title ?? "", x: rect.x, y: rect.y, style: theme.heading, maxWidth: chartRect.width)
    let chart = AccuracyChart(
      series: specs.map {
        .init(curves: board.curves($0), style: style($0, theme: theme), name: name($0, front: board.front))
      }, steps: board.study.steps, plotStyle: state.plotStyle)
    chart.draw(in: chartRect, theme: theme, into: &canvas)
    guard drawMaps else { return }
    let mapsX = rect.maxX - mapsWidth + 1
    // Run 1 of each variant (its first seed): its own accuracy, not the mean of the bars.
    let headings =
      DecisionHeatmap.halfBlocks(theme: theme, plotStyle: state.plotStyle)
      ? [
        "Decision of run 1 of \(board.study.seeds) (blue: class 0, orange: class 1)",
        "Decision of run 1 of \(board.study.seeds)", "Run 1's decision", "Run 1",
      ]
      : [
        "Decision of run 1 of \(board.study.seeds): class 1 dotted", "Run 1's decision: class 1 dotted",
        "Run 1: class 1 dotted", "Run 1",
      ]
    canvas.write(
      headings.first { TerminalGlyph.width(of: $0) <= mapsWidth - 1 } ?? "",
      x: mapsX, y: rect.y, style: theme.heading, maxWidth: mapsWidth - 1)
    for (index, spec) in specs.enumerated() {
      let x = mapsX + index * (mapColumns + 1)
      let mapRect = Rect(x: x, y: rect.y + 2, width: mapColumns, height: mapRows)
      if let (map, accuracy) = board.map(spec) {
        // The accuracy to a tenth, else to the point, else the name alone.
        let mapName = name(spec, front: board.front)
        let label =
          [
            "\(mapName) \(NumberFormatting.fixed(100 * accuracy, decimals: 1))%",
            "\(mapName) \(NumberFormatting.fixed(100 * accuracy, decimals: 0))%",
          ].first { $0.count <= mapColumns } ?? mapName
        canvas.write(label, x: x, y: rect.y + 1, style: boldStyle(spec, theme: theme), maxWidth: mapColumns)
        DecisionHeatmap.draw(map, in: mapRect, theme: theme, plotStyle: state.plotStyle, into: &canvas)
      } else {
        canvas.write(
          name(spec, front: board.front), x: x, y: rect.y + 1, style: style(spec, theme: theme),
          maxWidth: mapColumns)
        canvas.write(
          "training…".replacingUnicode(theme), x: x, y: rect.y + 2 + mapRows / 2, style: theme.dim,
          maxWidth: mapColumns)
      }
    }
  }

  /// Final accuracy (the mean of each run's last evaluations), mean ± sd over seeds: both projections at every d for 6a (the
  /// chosen d marked), each shortcut kind for 6b.
  static func drawBars(
    _ board: AblationBoard, specs: [MiniNetSpec], theme: Theme, writer: inout LineWriter,
    into canvas: inout Canvas
  ) {
    let width = writer.area.width
    writer.line(
      theme.fit(
        [
          ("Final accuracy (mean of the last \(TrainingRun.finalEvaluationCount) evaluations):", 9),
          ("50% (chance) to 100%,", 3), ("mean ± sd over seeds", 7),
          (theme.unicode ? "(▓ to the mean, ░ to +1 sd)" : "(= to the mean, - to +1 sd)", 1),
        ], width: width), style: theme.heading, into: &canvas)
    // "79.8 ± 10.2 (8/10)" is the widest while seeds train (an sd is at most 70.7 points);
    // ASCII spells ± in three characters.
    let figuresWidth = theme.unicode ? 18 : 20
    if board.front == .activation {
      let labelWidth = 7
      let barWidth = max(4, (width - 2 - 6 - 2 * (labelWidth + figuresWidth + 2)) / 2)
      for d in board.widths {
        var x = writer.area.x
        let y = writer.y
        let selected = d == board.width
        x += canvas.write(
          (selected ? theme.arrow + " " : "  ")
            + "d = \(d)".padding(toLength: 6, withPad: " ", startingAt: 0), x: x,
          y: y, style: selected ? theme.heading : .plain)
        for projection in MiniNetSpec.Projection.allCases {
          let spec = MiniNetSpec(width: d, projection: projection)
          x = drawBar(
            board, spec: spec, at: x, y: y, label: name(spec, front: .activation), labelWidth: labelWidth,
            barWidth: barWidth, figuresWidth: figuresWidth, theme: theme, into: &canvas)
        }
        writer.skip()
      }
    } else {
      let labels = ["between bottlenecks", "between expansions", "no shortcut"]
      let labelWidth = 20
      let barWidth = max(4, min(40, width - 2 - labelWidth - figuresWidth - 1))
      for (spec, label) in zip(specs, labels) {
        _ = drawBar(
          board, spec: spec, at: writer.area.x + 2, y: writer.y, label: label, labelWidth: labelWidth,
          barWidth: barWidth, figuresWidth: figuresWidth, theme: theme, into: &canvas)
        writer.skip()
      }
    }
  }

  static func drawBar(
    _ board: AblationBoard, spec: MiniNetSpec, at x: Int, y: Int, label: String, labelWidth: Int,
    barWidth: Int,
    figuresWidth: Int, theme: Theme, into canvas: inout Canvas
  ) -> Int {
    var x = x
    let style = style(spec, theme: theme)
    x += canvas.write(
      label.padding(toLength: labelWidth, withPad: " ", startingAt: 0), x: x, y: y, style: style)
    guard let result = board.result(spec) else {
      canvas.write(
        "waiting".padding(toLength: barWidth + 1, withPad: " ", startingAt: 0), x: x, y: y, style: theme.dim)
      return x + barWidth + 1 + figuresWidth + 1
    }
    canvas.write(AccuracyBars.bar(result.accuracy, width: barWidth, theme: theme), x: x, y: y, style: style)
    x += barWidth + 1
    canvas.write(
      AccuracyBars.figures(result.accuracy, of: board.study.seeds).replacingUnicode(theme), x: x, y: y)
    return x + figuresWidth + 1
  }

  /// The verdicts of the comparisons in front, in the report's words, or what they wait for.
  static func verdictLines(_ board: AblationBoard, specs: [MiniNetSpec], width: Int, theme: Theme)
    -> [(String, CellStyle)]
  {
    var lines: [(String, CellStyle)] = []
    let paper = specs[0]
    for other in specs.dropFirst() {
      let a = board.result(paper), b = board.result(other)
      let text: String
      let style: CellStyle
      if let a, let b, a.runs.count == board.study.seeds, b.runs.count == board.study.seeds {
        let comparison = AblationResult.Comparison(paper: a, other: b)
        text = AblationReport.verdict(comparison)
        style = comparison.outcome == .withinUncertainty ? .plain : theme.heading
      } else {
        text =
          "\(name(paper, front: board.front)) against \(name(other, front: board.front)): a verdict once all "
          + "\(board.study.seeds) seeds of both are trained (\(a?.runs.count ?? 0) and \(b?.runs.count ?? 0) so far)."
        style = theme.dim
      }
      lines += Canvas.wrap(text.replacingUnicode(theme), width: width).map { ($0, style) }
    }
    return lines
  }
}
