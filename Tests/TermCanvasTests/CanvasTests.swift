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
