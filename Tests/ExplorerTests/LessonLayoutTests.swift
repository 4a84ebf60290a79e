import AblationKit
import TermCanvas
import Testing

@testable import Explorer

/// The lesson's figures at the sizes a class uses: each figure shows without z at 80×24 (the
/// text shortens to a line first), a larger terminal never gives a chart fewer columns, and
/// the classroom theme draws nothing dim.
@Suite struct LessonLayoutTests {
  static let theme = Theme(colored: true, unicode: true)
  static let growing = [(80, 24), (100, 30), (120, 40), (160, 50), (200, 60)]

  static func lesson(step: Int, keys: [Key] = [], settled: Bool = true) -> ExplorerState {
    var state = ExplorerState(lessonStep: step - 1)
    for key in keys { _ = ExplorerReducer.reduce(&state, key: key) }
    if settled { EffectRunner.settle(&state) }
    return state
  }

  static func lines(_ state: ExplorerState, _ width: Int, _ height: Int, theme: Theme = theme) -> [String] {
    ExplorerRenderer.render(state, width: width, height: height, theme: theme).plainText()
      .components(separatedBy: "\n")
  }

  /// Before the fix, step 9's own hint (t) led to "The figure needs more room than this text
  /// leaves: press z" at 80×24.
  @Test func step9AfterTShowsItsFigureAt80x24() {
    var state = Self.lesson(step: 9, keys: [.character("t")])
    let screen = Self.lines(state, 80, 24).joined(separator: "\n")
    #expect(!screen.contains("needs more room"), "\(screen)")
    #expect(screen.contains("Figure 6b in miniature") && screen.contains("(z: the whole text)"))
    #expect(screen.contains("bneck") && screen.contains("expand") && screen.contains("none"))
    _ = ExplorerReducer.reduce(&state, key: .character("z"))
    let text = Self.lines(state, 80, 24).joined(separator: "\n")
    #expect(text.contains("says it need not.") && text.contains("(z: figure back)"), "\(text)")
  }

  /// The columns from the chart's "0" to the end of "step 1500", on its axis row.
  static func chartWidth(_ lines: [String]) -> Int? {
    guard let axis = lines.first(where: { $0.contains("step 1500") && $0.contains(" 0 ") }) else {
      return nil
    }
    let cells = Array(axis.unicodeScalars)
    let text = String(String.UnicodeScalarView(cells))
    guard let zero = text.range(of: " 0 "), let end = text.range(of: "step 1500") else { return nil }
    return text.unicodeScalars.distance(from: zero.lowerBound, to: end.upperBound)
  }

  /// Before the fix, 120×40 squeezed Figure 6's chart into fewer columns than 100×30 gave it.
  @Test(arguments: [false, true])
  func aLargerTerminalNeverGivesTheChartFewerColumns(toggled: Bool) throws {
    let state = Self.lesson(step: 9, keys: toggled ? [.character("t")] : [])
    var previous = 0
    for (width, height) in Self.growing {
      let measured = try #require(
        Self.chartWidth(Self.lines(state, width, height)), "no chart at \(width)×\(height)")
      #expect(
        measured >= previous, "\(width)×\(height): the chart has \(measured) columns, \(previous) before")
      previous = measured
    }
  }

  /// Each framed panel of Figure 1 (its top border) as (width, height) in cells.
  static func panels(_ lines: [String]) -> [(Int, Int)] {
    var found: [(Int, Int)] = []
    for (row, line) in lines.enumerated() {
      let cells = Array(line.unicodeScalars)
      for column in cells.indices {
        guard cells[column] == "┌", column + 2 < cells.count else { continue }
        guard cells[column + 1] == "─", cells[column + 2] == " " else { continue }
        guard let close = cells[column...].firstIndex(of: "┐") else { continue }
        var bottom = row + 1
        while bottom < lines.count {
          let below: [Unicode.Scalar] = Array(lines[bottom].unicodeScalars)
          guard below.count > column, below[column] == "│" else { break }
          bottom += 1
        }
        let width: Int = close - column + 1
        let height: Int = bottom - row + 1
        found.append((width, height))
      }
    }
    return found
  }

  /// Before the fix, step 2 at 80×24 drew the six panels 12×6 in one row, too small to
  /// show the collapse by its shape; at least 14×6 each, and no plot shrinks at a larger size.
  @Test func figure1PanelsAreAtLeast14By6() {
    let revealed = Self.lesson(step: 2, keys: [.character("v")])
    var previous = 0
    for (width, height) in Self.growing {
      let panels = Self.panels(Self.lines(revealed, width, height))
      #expect(panels.count == 6, "\(width)×\(height): \(panels)")
      for (w, h) in panels { #expect(w >= 14 && h >= 6, "\(width)×\(height): a panel of \(w)×\(h)") }
      // What the eye compares is the square plot inside a frame, in Braille dots (2 × 4 a cell).
      var side = Int.max
      for (panelWidth, panelHeight) in panels {
        let across: Int = (panelWidth - 2) * 2
        let down: Int = (panelHeight - 2) * 4
        side = min(side, min(across, down))
      }
      #expect(side >= previous, "\(width)×\(height): plots of \(side) dots, \(previous) before")
      previous = side
    }
  }

  /// Figure 6 part-trained, as a class sees it while it trains: no clipped label anywhere.
  @Test(arguments: [2, 8, 24])
  func partlyTrainedFigure6KeepsTheRule(steps: Int) {
    for keys: [Key] in [[], [.character("t")]] {
      var state = Self.lesson(step: 9, keys: keys, settled: false)
      var jobs = StepwiseJobs()
      jobs.settle(&state, ExplorerReducer.reduce(&state, .refresh), maximumSteps: steps)
      #expect(jobs.steps == steps && !state.ablation.isComplete)
      for (width, height) in Self.growing {
        let canvas = ExplorerRenderer.render(state, width: width, height: height, theme: Self.theme)
        #expect(
          canvas.layoutViolations().isEmpty,
          "\(keys) \(steps) at \(width)×\(height): \(canvas.layoutViolations())")
        #expect(!canvas.plainText().contains("needs more room"), "\(keys) \(steps) at \(width)×\(height)")
      }
    }
  }

  /// A chart with more curves than rows for their names reports it, instead of drawing one
  /// name over another ("nonek").
  @Test func aChartLabelWithoutARowIsACut() {
    let curve = [CurvePointForTests.make(50, 0.9), CurvePointForTests.make(100, 0.9)]
    let chart = AccuracyChart(
      series: ["bneck", "expand", "none"].map { .init(curves: [curve], style: .plain, name: $0) }, steps: 100,
      plotStyle: .braille)
    var canvas = Canvas(width: 40, height: 3)
    chart.draw(in: canvas.bounds, theme: Self.theme, into: &canvas)
    #expect(canvas.layoutViolations().contains { $0.contains("no free row for the chart's label") })
  }

  /// No dim cell anywhere in the classroom theme: every step, toggled and revealed, and the
  /// explorer's views. Before the fix, Figure 1's borders and ×s labels were dim.
  @Test func theClassroomThemeHasNoDimText() {
    let classroom = Theme(colored: true, unicode: true, classroom: true)
    var states: [ExplorerState] = [
      ExplorerState(view: .manifold), ExplorerState(view: .block, selectedGroup: 3),
    ]
    for step in 1...9 {
      states.append(Self.lesson(step: step))
      states.append(Self.lesson(step: step, keys: [.character("v"), .character("t")]))
    }
    for state in states {
      var settled = state
      EffectRunner.settle(&settled)
      for (width, height) in [(80, 24), (120, 40)] {
        let canvas = ExplorerRenderer.render(settled, width: width, height: height, theme: classroom)
        var dim = 0
        for y in 0..<canvas.height {
          for x in 0..<canvas.width {
            let cell: Cell = canvas[x, y]
            if cell.style.dim { dim += 1 }
          }
        }
        #expect(
          dim == 0, "\(settled.lessonCounter ?? "\(settled.view)") at \(width)×\(height): \(dim) dim cells")
      }
    }
  }

  /// Figures that disagree for a reason say the reason: Figure 1 in linear mode labels its
  /// 75.0% as ReLU's theory (it read "coll 0.0% thy 75.0%"), and step 3's measured 45.6%
  /// beside Theorem 1's 75.0% is one random T against the mean over T.
  @Test func numbersThatDisagreeSayWhy() {
    var linear = ExplorerState(view: .manifold)
    _ = ExplorerReducer.reduce(&linear, key: .character("b"))
    EffectRunner.settle(&linear)
    let figure = ExplorerRenderer.render(linear, width: 80, height: 24, theme: Self.theme).plainText()
    #expect(figure.contains("Figure 1 · linear") && figure.contains("ReLU thy 75.0%"), "\(figure)")
    #expect(!figure.contains("0.0% thy"), "a bare thy beside a linear panel")
    let step3 = Self.lines(Self.lesson(step: 3, keys: [.character("v")]), 100, 30).joined(separator: "\n")
    #expect(step3.contains("is the mean over random T; measured is one T"), "\(step3)")
  }

  /// In the classroom theme the band of ±1 sd is a shade, the mean a Braille line: two glyphs.
  @Test func theClassroomBandAndMeanDiffer() {
    let classroom = Theme(colored: false, unicode: true, classroom: true)
    let text = ExplorerRenderer.render(Self.lesson(step: 9), width: 100, height: 30, theme: classroom)
      .plainText()
    #expect(text.contains("░") && text.contains("mean, ░ ± 1 sd"))
    let braille: ClosedRange<UInt32> = 0x2801...0x28FF
    #expect(text.unicodeScalars.contains { braille.contains($0.value) })
  }
}

enum CurvePointForTests {
  static func make(_ step: Int, _ accuracy: Double) -> CurvePoint { .init(step: step, accuracy: accuracy) }
}
