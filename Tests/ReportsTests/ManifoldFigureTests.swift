import ManifoldKit
import SnapshotFiles
import TermCanvas
import Testing

@testable import Reports

@Suite struct ManifoldFigureTests {
  /// A small figure: the golden files stay short enough to read in a diff.
  static let result = ManifoldExperiment(
    spiral: Spiral(points: 600, turns: 3), dimensions: [2, 3, 15], seed: 1
  ).run()

  @Test func goldenBraillePlot() throws {
    let figure = ManifoldFigure(result: Self.result, plotStyle: .braille, colored: false, unicode: true)
    let canvas = try #require(figure.render(width: 80))
    #expect(verifySnapshot(canvas.plainText(), named: "manifold-braille-80") == nil)
  }

  @Test func goldenAsciiPlot() throws {
    let figure = ManifoldFigure(result: Self.result, plotStyle: .ascii, colored: false, unicode: false)
    let canvas = try #require(figure.render(width: 80))
    let text = canvas.plainText()
    #expect(text.utf8.allSatisfy { $0 < 128 })
    #expect(verifySnapshot(text, named: "manifold-ascii-80") == nil)
  }

  /// The figure drawn a row of panels at a time is the whole figure, cell for cell and in
  /// both renderings, and its size is what `textCells` says before anything is computed.
  @Test(arguments: [60, 80, 120, 333])
  func bandsStackToTheWholeFigure(width: Int) throws {
    for colored in [false, true] {
      let figure = ManifoldFigure(result: Self.result, plotStyle: .braille, colored: colored, unicode: true)
      let whole = try #require(figure.render(width: width))
      var plain = "", ansi = "", cells = 0
      #expect(
        figure.renderBands(width: width) { band in
          plain += band.plainText()
          ansi += ANSIRenderer.render(band)
          cells += band.width * band.height
        })
      #expect(plain == whole.plainText() && ansi == ANSIRenderer.render(whole))
      #expect(cells == whole.width * whole.height)
      #expect(ManifoldFigure.textCells(panels: Self.result.panels.count, width: width) == cells)
    }
  }

  @Test func layoutFollowsTheWidth() throws {
    let figure = ManifoldFigure(result: Self.result, plotStyle: .braille, colored: false, unicode: true)
    #expect(figure.layout(width: 120)?.perRow == 3)
    #expect(figure.layout(width: 80)?.perRow == 2)
    #expect(figure.layout(width: 60)?.perRow == 1)
    #expect(figure.layout(width: 29) == nil)
    // Input + 3 panels in 2 columns: 2 rows of panels.
    let canvas = try #require(figure.render(width: 80))
    #expect(canvas.height == 2 * figure.layout(width: 80)!.panelHeight)
  }

  /// The seed is what the figure depends on; the same seed across processes is checked in
  /// `ManifoldCommandTests.sameSeedIsByteIdenticalAcrossProcesses`.
  @Test func anotherSeedGivesAnotherFigure() {
    let report = { (seed: UInt64) -> String? in
      ManifoldReport(result: ManifoldExperiment(spiral: Spiral(points: 500), seed: seed).run())
        .renderText(width: 120, plotStyle: .braille, colored: true)
    }
    #expect(report(3) != report(4))
  }

  @Test func everyPanelIsTitledWithItsDimension() throws {
    let figure = ManifoldFigure(result: Self.result, plotStyle: .braille, colored: false, unicode: true)
    let text = try #require(figure.render(width: 120)).plainText()
    for title in ["Input", "n = 2", "n = 3", "n = 15"] { #expect(text.contains("─ \(title) ─")) }
  }
}
