import Testing

@testable import TermCanvas

/// The Unicode Braille block, dot by dot: dot k sets bit k − 1, with dots numbered
/// 1, 2, 3, 7 down the left column and 4, 5, 6, 8 down the right.
@Suite struct BrailleDotsTests {
  static let dotNumber: [[Int]] = [[1, 4], [2, 5], [3, 6], [7, 8]]

  @Test func everyDotMapsToItsCodePoint() {
    for row in 0..<4 {
      for column in 0..<2 {
        // A 1×1 raster of extent 1 spans [−1, 1]², 2 dots wide and 4 tall; its square
        // data area is the middle 2×2 dots, so plot through the raw cell instead.
        var raster = ScatterRaster(columns: 1, rows: 1, style: .braille, extent: 1)
        raster.setDot(column: column, row: row)
        let expected = Unicode.Scalar(0x2800 + (1 << (Self.dotNumber[row][column] - 1)))!
        #expect(raster.scalar(column: 0, row: 0) == expected, "row \(row) column \(column)")
      }
    }
  }

  @Test func allDotsIsTheFullCell() {
    var raster = ScatterRaster(columns: 1, rows: 1, style: .braille, extent: 1)
    for row in 0..<4 {
      for column in 0..<2 { raster.setDot(column: column, row: row) }
    }
    #expect(raster.scalar(column: 0, row: 0) == "\u{28FF}")
  }

  @Test func asciiHalvesAreDistinctMarks() {
    var top = ScatterRaster(columns: 1, rows: 1, style: .ascii, extent: 1)
    top.setDot(column: 0, row: 0)
    #expect(top.scalar(column: 0, row: 0) == "'")
    var both = top
    both.setDot(column: 0, row: 1)
    #expect(both.scalar(column: 0, row: 0) == ":")
    var bottom = ScatterRaster(columns: 1, rows: 1, style: .ascii, extent: 1)
    bottom.setDot(column: 0, row: 1)
    #expect(bottom.scalar(column: 0, row: 0) == ".")
  }

  @Test func dataCoordinatesLandInTheRightDots() {
    // 4 columns × 2 rows of Braille = 8 × 8 dots for [−1, 1]²: each dot is 0.25 wide.
    var raster = ScatterRaster(columns: 4, rows: 2, style: .braille, extent: 1)
    #expect(raster.dot(x: -0.99, y: 0.99)! == (0, 0))  // top-left
    #expect(raster.dot(x: 0.99, y: -0.99)! == (7, 7))  // bottom-right
    #expect(raster.dot(x: 0.1, y: 0.1)! == (4, 3))
    #expect(raster.dot(x: 1.5, y: 0) == nil)
    raster.plot(x: -0.99, y: 0.99)
    #expect(raster.scalar(column: 0, row: 0) == "\u{2801}")  // dot 1
    raster.plot(x: 0.99, y: -0.99)
    #expect(raster.scalar(column: 3, row: 1) == "\u{2880}")  // dot 8
  }
}
