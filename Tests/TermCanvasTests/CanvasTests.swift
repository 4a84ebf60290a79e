import Testing

@testable import TermCanvas

@Suite struct CanvasTests {
  @Test func writesAreClipped() {
    var canvas = Canvas(width: 5, height: 2)
    canvas.write("hello world", x: 2, y: 0)
    canvas.write("x", x: -1, y: 5)
    canvas.put("!", x: 99, y: 99)
    #expect(canvas.plainText() == "  hel\n\n")
  }

  @Test func controlCharactersNeverReachTheGrid() {
    var canvas = Canvas(width: 6, height: 1)
    canvas.write("a\u{1B}[2J", x: 0, y: 0)
    #expect(canvas.plainText() == "a?[2J\n")
  }

  @Test func boxWithTitle() {
    var canvas = Canvas(width: 10, height: 3)
    canvas.box(canvas.bounds, style: .ascii, title: "n=2")
    #expect(canvas.plainText() == "+- n=2 --+\n|        |\n+--------+\n")
  }

  @Test func zeroSizeCanvasesDoNotTrap() {
    var canvas = Canvas(width: 0, height: 0)
    canvas.write("x", x: 0, y: 0)
    canvas.box(canvas.bounds, style: .unicode, title: "t")
    canvas.fill(Rect(x: -5, y: -5, width: 10, height: 10))
    #expect(canvas.plainText() == "\n")
    var raster = ScatterRaster(columns: 0, rows: 0, style: .braille, extent: 1)
    raster.plot(x: 0, y: 0)
  }

  @Test func ansiRendererEmitsStylesAndResets() {
    var canvas = Canvas(width: 3, height: 1)
    canvas.put("a", x: 0, y: 0, style: CellStyle(foreground: TerminalColor(54)))
    canvas.put("b", x: 1, y: 0, style: .bold)
    #expect(ANSIRenderer.render(canvas) == "\u{1B}[0;38;5;54ma\u{1B}[0;1mb\u{1B}[0m\n")
  }

  @Test func gradientCoversTheCurve() {
    #expect(TerminalColor.gradient(at: 0) == TerminalColor.gradient[0])
    #expect(TerminalColor.gradient(at: 1) == TerminalColor.gradient.last)
    #expect(TerminalColor.gradient(at: .nan) == TerminalColor.gradient[0])
  }

  /// Found by the lesson fuzzer: "m〮" (m and a combining mark) is one Character but two
  /// cells as `write` draws them, so wrapping by Characters let a line run past its width.
  @Test func wrapMeasuresCellsNotCharacters() {
    let text = "ab m\u{302E}x cd ef"
    let lines = Canvas.wrap(text, width: 7)
    #expect(lines.allSatisfy { $0.unicodeScalars.count <= 7 }, "\(lines)")
    var canvas = Canvas(width: 7, height: 4)
    canvas.writeWrapped(text, in: canvas.bounds)
    #expect(canvas.layoutViolations().isEmpty, "\(canvas.layoutViolations())")
  }
}

/// Places to click, as views mark them while drawing.
@Suite struct CanvasHotspotTests {
  @Test func theLastMarkedWinsAndMarksAreClipped() {
    var canvas = Canvas(width: 10, height: 4)
    canvas.mark(Rect(x: 0, y: 1, width: 10, height: 1), as: "row")
    canvas.mark(Rect(x: 2, y: 1, width: 3, height: 1), as: "button")
    #expect(canvas.hotspot(x: 0, y: 1) == "row")
    #expect(canvas.hotspot(x: 3, y: 1) == "button")
    #expect(canvas.hotspot(x: 5, y: 1) == "row")
    #expect(canvas.hotspot(x: 0, y: 0) == nil)
    canvas.mark(Rect(x: 8, y: 3, width: 5, height: 5), as: "edge")
    #expect(canvas.hotspots.last?.rect == Rect(x: 8, y: 3, width: 2, height: 1))
    canvas.mark(Rect(x: 20, y: 0, width: 3, height: 1), as: "outside")
    #expect(canvas.hotspots.count == 3)
  }

  /// A modal box covers what was clickable under it; a blitted canvas brings its places.
  @Test func overlaysCoverAndBlitsMove() {
    var canvas = Canvas(width: 10, height: 4)
    canvas.mark(Rect(x: 0, y: 0, width: 10, height: 1), as: "top")
    canvas.mark(Rect(x: 0, y: 3, width: 10, height: 1), as: "bottom")
    canvas.clearForOverlay(Rect(x: 4, y: 0, width: 2, height: 2))
    #expect(canvas.hotspot(x: 0, y: 0) == nil)
    #expect(canvas.hotspot(x: 0, y: 3) == "bottom")
    var panel = Canvas(width: 4, height: 2)
    panel.mark(Rect(x: 0, y: 1, width: 4, height: 1), as: "choice")
    canvas.blit(panel, x: 5, y: 1)
    #expect(canvas.hotspot(x: 5, y: 2) == "choice" && canvas.hotspot(x: 8, y: 2) == "choice")
    #expect(canvas.hotspot(x: 4, y: 2) == nil && canvas.hotspot(x: 5, y: 1) == nil)
    // Equality is the cells: where a click lands is not part of what is drawn.
    #expect(
      canvas
        == {
          var copy = canvas; copy.mark(canvas.bounds, as: "all"); return copy
        }())
  }
}
