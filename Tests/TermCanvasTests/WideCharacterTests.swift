import Testing

@testable import TermCanvas

/// Wide characters (CJK, emoji) take two cells, as a terminal draws them, so the columns
/// after them stay where the canvas put them. Every width here is the Unicode property
/// looked up by hand: 中 and 文 are East Asian Wide, 😀 is Emoji_Presentation, é is e plus
/// a combining acute accent (Mn), ❤ (U+2764) is neither wide nor emoji by default.
@Suite struct WideCharacterTests {
  @Test func glyphWidthsAndWhatIsMadePlain() {
    #expect(TerminalGlyph("中").width == 2)
    #expect(TerminalGlyph("a").width == 1)
    #expect(TerminalGlyph("😀").width == 2)
    #expect(TerminalGlyph("한").width == 2)
    #expect(TerminalGlyph("Ａ").width == 2)  // U+FF21, fullwidth
    #expect(TerminalGlyph("→").width == 1 && TerminalGlyph("⠿").width == 1 && TerminalGlyph("─").width == 1)
    let accented = TerminalGlyph("e\u{301}")
    #expect(accented.scalar == "e" && accented.marks == "\u{301}" && accented.width == 1)
    // Text presentation by default: the variation selector is dropped, one cell.
    let heart = TerminalGlyph("\u{2764}\u{FE0F}")
    #expect(heart.scalar == "\u{2764}" && heart.marks == "" && heart.width == 1)
    // A joined sequence keeps its first emoji; a flag and a lone mark become "?".
    let coder = TerminalGlyph("👩\u{200D}💻")
    #expect(coder.scalar == "👩" && coder.marks == "" && coder.width == 2)
    #expect(TerminalGlyph("🇫🇷") == TerminalGlyph(scalar: "?", marks: "", width: 1))
    #expect(TerminalGlyph("\u{301}").scalar == "?")
    #expect(TerminalGlyph("\u{1B}").scalar == "?")
    #expect(TerminalGlyph.width(of: "中文ab😀") == 8)
    #expect(TerminalGlyph.prefix(of: "中文ab", fitting: 3) == "中")
  }

  @Test func aWideCharacterTakesTwoCells() {
    var canvas = Canvas(width: 10, height: 1)
    #expect(canvas.write("中文ab", x: 0, y: 0) == 6)
    #expect(canvas[0, 0].width == 2 && canvas[1, 0].width == 0 && canvas[2, 0].scalar == "文")
    #expect(canvas[4, 0].scalar == "a" && canvas[5, 0].scalar == "b")
    #expect(canvas.plainText() == "中文ab\n")
    #expect(ANSIRenderer.render(canvas) == "中文ab\n")
  }

  /// Writing over either half of a wide character blanks the other half, so no half is
  /// left for a terminal to draw across its neighbour.
  @Test func overwritingHalfBlanksTheOtherHalf() {
    var right = Canvas(width: 6, height: 1)
    right.write("中文", x: 0, y: 0)
    right.write("x", x: 1, y: 0)
    #expect(right.plainText() == " x文\n")
    var left = Canvas(width: 6, height: 1)
    left.write("中文", x: 0, y: 0)
    left.write("y", x: 2, y: 0)
    #expect(left.plainText() == "中y\n")
    #expect(left[3, 0] == Cell(" "))
    // A wide character over the left half of another: the other's right half is blanked.
    var shifted = Canvas(width: 6, height: 1)
    shifted.write("中", x: 1, y: 0)
    shifted.write("文", x: 0, y: 0)
    #expect(shifted.plainText() == "文\n" && shifted[2, 0] == Cell(" "))
    // A right half on its own (nothing wide beside it) is a blank.
    var lone = Canvas(width: 3, height: 1)
    lone[1, 0] = .continuation(style: .plain)
    #expect(lone[1, 0] == Cell(" "))
  }

  @Test func aWideCharacterThatWouldBeCutIsLeftOut() {
    var canvas = Canvas(width: 4, height: 1)
    #expect(canvas.write("a中文", x: 0, y: 0) == 3)
    #expect(canvas.plainText() == "a中\n")
    #expect(canvas.clipped == ["a中文 [cut: 文]"])
    var edge = Canvas(width: 3, height: 1)
    edge[2, 0] = Cell(TerminalGlyph("中"))
    #expect(edge[2, 0] == Cell(" "), "no room for both halves at the right edge")
  }

  @Test func blitAndFillKeepThePairs() {
    var small = Canvas(width: 4, height: 1)
    small.write("中b", x: 0, y: 0)
    var big = Canvas(width: 8, height: 2)
    big.blit(small, x: 3, y: 1)
    #expect(big.plainText() == "\n   中b\n")
    big.fill(Rect(x: 4, y: 1, width: 1, height: 1), with: Cell("-"))
    #expect(big.plainText() == "\n    -b\n")
  }

  /// Widths as `write` counts them: lines of at most `width` cells, long words split
  /// between characters, never inside one.
  @Test func wrapCountsCells() {
    #expect(Canvas.wrap("中文中文 ab", width: 5) == ["中文", "中文", "ab"])
    #expect(Canvas.wrap("你好 世界", width: 9) == ["你好 世界"])
    #expect(Canvas.wrap("你好 世界", width: 8) == ["你好", "世界"])
    #expect(Canvas.wrap("中文", width: 3) == ["中", "文"])
    #expect(Canvas.wrap("中", width: 1) == ["中"])  // cannot fit: write then leaves it out
    #expect(TokenFit.line([("中文", 1), ("q:quit", 2)], width: 8) == "q:quit")
    #expect(TokenFit.line([("中文", 1), ("q:quit", 2)], width: 11) == "中文 q:quit")
  }

  @Test func markupRunsStartAfterAWideCharacter() {
    var canvas = Canvas(width: 6, height: 1)
    canvas.write("中ab", x: 0, y: 0)
    let runs = MarkupRenderer.runs(row: 0, of: canvas)
    #expect(runs.map(\.text) == ["中", "ab  "])
    #expect(runs.map(\.column) == [0, 2])
  }
}
