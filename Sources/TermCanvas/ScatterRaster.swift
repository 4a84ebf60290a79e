/// Accumulates points into sub-cell dots for one plot area, then draws them as cells.
///
/// Kept separate from drawing so millions of points can be rasterised in one tight loop.
public struct ScatterRaster: Sendable {
  public let columns: Int
  public let rows: Int
  public let style: PlotStyle
  /// Dot bits per cell (Braille bits, or 1 = top half / 2 = bottom half for ASCII).
  public private(set) var bits: [UInt8]
  /// Gradient position (0…1) of the last point drawn into each cell, or −1 for none.
  public private(set) var shade: [Float]
  /// The square [−extent, extent]² mapped into the area, centred, with equal dot aspect.
  public let extent: Double
  private let dotsX: Int
  private let dotsY: Int
  private let scale: Double
  private let offsetX: Double
  private let offsetY: Double
  /// Separate axis scales for charts (`init(columns:rows:style:xRange:yRange:)`); nil for
  /// the square, equal-aspect mapping used by scatter plots of geometry.
  private let chart: (xMin: Double, xScale: Double, yMax: Double, yScale: Double)?

  public init(columns: Int, rows: Int, style: PlotStyle, extent: Double) {
    self.columns = max(0, columns)
    self.rows = max(0, rows)
    self.style = style
    self.extent = extent
    bits = Array(repeating: 0, count: self.columns * self.rows)
    shade = Array(repeating: -1, count: self.columns * self.rows)
    let perCell = style.dotsPerCell
    dotsX = self.columns * perCell.x
    dotsY = self.rows * perCell.y
    // Dots are square on a terminal whose cells are twice as tall as wide, so fit the
    // square data range to the smaller side and centre it in the other.
    let side = Double(min(dotsX, dotsY))
    scale = extent > 0 ? side / (2 * extent) : 0
    offsetX = (Double(dotsX) - side) / 2
    offsetY = (Double(dotsY) - side) / 2
    chart = nil
  }

  /// A chart mapping xRange across the full width and yRange up the full height, for
  /// curves whose axes have different units.
  public init(
    columns: Int, rows: Int, style: PlotStyle, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>
  ) {
    self.columns = max(0, columns)
    self.rows = max(0, rows)
    self.style = style
    extent = 0
    bits = Array(repeating: 0, count: self.columns * self.rows)
    shade = Array(repeating: -1, count: self.columns * self.rows)
    let perCell = style.dotsPerCell
    dotsX = self.columns * perCell.x
    dotsY = self.rows * perCell.y
    scale = 0
    offsetX = 0
    offsetY = 0
    let xSpan = xRange.upperBound - xRange.lowerBound, ySpan = yRange.upperBound - yRange.lowerBound
    chart = (
      xRange.lowerBound, xSpan > 0 ? Double(max(0, dotsX - 1)) / xSpan : 0, yRange.upperBound,
      ySpan > 0 ? Double(max(0, dotsY - 1)) / ySpan : 0
    )
  }

  /// The dot that a data point falls in, or nil outside the area.
  @inline(__always)
  public func dot(x: Double, y: Double) -> (Int, Int)? {
    if let chart {
      let dx = ((x - chart.xMin) * chart.xScale).rounded()
      let dy = ((chart.yMax - y) * chart.yScale).rounded()
      guard dx >= 0, dy >= 0, dx < Double(dotsX), dy < Double(dotsY) else { return nil }
      return (Int(dx), Int(dy))
    }
    let dx = offsetX + (x + extent) * scale
    let dy = offsetY + (extent - y) * scale  // y up in data, down on screen
    guard dx >= 0, dy >= 0, dx < Double(dotsX), dy < Double(dotsY) else { return nil }
    return (Int(dx), Int(dy))
  }

  public mutating func plot(x: Double, y: Double, shade value: Float = -1) {
    guard let (dx, dy) = dot(x: x, y: y) else { return }
    let (cell, bit) = Self.locate(style, columns: columns, column: dx, row: dy)
    bits[cell] |= bit
    shade[cell] = value
  }

  /// Draws the curve through `points` in order, one dot wide: consecutive points are
  /// joined by a straight run of dots, so a continuous curve stays continuous at any scale
  /// and a dense one does not fill its cells. `shades[i]` colours the run ending at point i.
  public mutating func plotPolyline(_ points: [(x: Double, y: Double)], shades: [Float]) {
    var previous: (Double, Double)?
    for (index, point) in points.enumerated() {
      let current = dotPosition(x: point.x, y: point.y)
      let shade = index < shades.count ? shades[index] : -1
      if let previous {
        let steps = Int(max(abs(current.0 - previous.0), abs(current.1 - previous.1)).rounded(.up))
        // A run longer than the plot is a jump off the area, not a stroke across it.
        if steps > 0 && steps <= dotsX + dotsY {
          for step in 1...steps {
            let t = Double(step) / Double(steps)
            setDot(
              x: previous.0 + (current.0 - previous.0) * t, y: previous.1 + (current.1 - previous.1) * t,
              shade: shade)
          }
        }
      } else {
        setDot(x: current.0, y: current.1, shade: shade)
      }
      previous = current
    }
  }

  /// A data point's position in dot coordinates, unclipped (square mapping only).
  private func dotPosition(x: Double, y: Double) -> (Double, Double) {
    (offsetX + (x + extent) * scale, offsetY + (extent - y) * scale)
  }

  private mutating func setDot(x: Double, y: Double, shade value: Float) {
    guard x >= 0, y >= 0, x < Double(dotsX), y < Double(dotsY) else { return }
    let (cell, bit) = Self.locate(style, columns: columns, column: Int(x), row: Int(y))
    bits[cell] |= bit
    shade[cell] = value
  }

  /// Sets the sub-cell dot at (column, row) in dot coordinates, bypassing the data mapping.
  public mutating func setDot(column: Int, row: Int) {
    guard column >= 0, row >= 0, column < dotsX, row < dotsY else { return }
    let (cell, bit) = Self.locate(style, columns: columns, column: column, row: row)
    bits[cell] |= bit
  }

  /// The cell index and the bit within it for a dot; shifts and masks only, since this
  /// runs once per point.
  @inline(__always)
  static func locate(_ style: PlotStyle, columns: Int, column: Int, row: Int) -> (Int, UInt8) {
    switch style {
    case .braille:
      let r = row & 3, c = column & 1
      let bit: UInt8 = r < 3 ? UInt8(1) << UInt8(r + 3 * c) : UInt8(0x40) << UInt8(c)
      return ((row >> 2) * columns + (column >> 1), bit)
    case .ascii:
      return ((row >> 1) * columns + column, (row & 1) == 0 ? 1 : 2)
    }
  }

  /// Plots many points at once; `shades[i]` is point i's position along the curve.
  public mutating func plot(
    _ xs: UnsafeBufferPointer<Double>, _ ys: UnsafeBufferPointer<Double>, shades: UnsafeBufferPointer<Float>
  ) {
    let style = self.style, columns = self.columns
    let extent = self.extent, scale = self.scale, offsetX = self.offsetX, offsetY = self.offsetY
    let limitX = Double(dotsX), limitY = Double(dotsY)
    bits.withUnsafeMutableBufferPointer { bits in
      shade.withUnsafeMutableBufferPointer { shade in
        for i in 0..<xs.count {
          let dx = offsetX + (xs[i] + extent) * scale
          let dy = offsetY + (extent - ys[i]) * scale
          guard dx >= 0, dy >= 0, dx < limitX, dy < limitY else { continue }
          let (cell, bit) = Self.locate(style, columns: columns, column: Int(dx), row: Int(dy))
          bits[cell] |= bit
          shade[cell] = shades[i]
        }
      }
    }
  }

  /// The character of a cell, or nil when no point fell in it.
  public func scalar(column: Int, row: Int) -> Unicode.Scalar? {
    let value = bits[row * columns + column]
    guard value != 0 else { return nil }
    switch style {
    case .braille: return BrailleDots.scalar(value)
    case .ascii: return value == 1 ? "'" : (value == 2 ? "." : ":")
    }
  }

  /// Draws the dots into `canvas` with the top-left cell at (x, y). With `colored`, each
  /// cell takes the gradient colour of the last point in it.
  public func draw(
    into canvas: inout Canvas, x: Int, y: Int, colored: Bool, style cellStyle: CellStyle = .plain
  ) {
    for row in 0..<rows {
      for column in 0..<columns {
        guard let scalar = scalar(column: column, row: row) else { continue }
        var style = cellStyle
        let t = shade[row * columns + column]
        if colored && t >= 0 { style.foreground = TerminalColor.gradient(at: Double(t)) }
        canvas.put(scalar, x: x + column, y: y + row, style: style)
      }
    }
  }
}
