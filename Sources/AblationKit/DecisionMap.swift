import ManifoldKit

/// A trained network's decision over the plane, the way TF Playground draws it: the
/// probability of class 1 at the centre of each cell of a grid over [−extent, extent]²,
/// with BatchNorm's running statistics. The explorer's Ablation view draws it under the
/// spirals; a point's class is the side of 0.5 its cell falls on.
public struct DecisionMap: Equatable, Sendable {
  public let columns: Int
  public let rows: Int
  public let extent: Double
  /// Row-major from the top row (y = +extent) down; each value p(class 1) in [0, 1].
  public let probabilities: [Float]

  /// A map as stored (the board cache): the values as they were computed.
  public init?(columns: Int, rows: Int, extent: Double, probabilities: [Float]) {
    guard columns > 0, rows > 0, extent.isFinite, extent > 0, probabilities.count == columns * rows,
      probabilities.allSatisfy({ $0 >= 0 && $0 <= 1 })
    else { return nil }
    self.columns = columns
    self.rows = rows
    self.extent = extent
    self.probabilities = probabilities
  }

  /// Evaluates `net` at every cell centre in one pass.
  public init(_ net: InvertedResidualNet, columns: Int, rows: Int, extent: Double = 1.1) {
    precondition(columns > 0 && rows > 0)
    self.columns = columns
    self.rows = rows
    self.extent = extent
    var x = [Float](repeating: 0, count: columns * rows), y = x
    for row in 0..<rows {
      for column in 0..<columns {
        let point = Self.centre(column: column, row: row, columns: columns, rows: rows, extent: extent)
        x[row * columns + column] = Float(point.x)
        y[row * columns + column] = Float(point.y)
      }
    }
    let pass = net.evaluationPass(x: x, y: y)
    probabilities = (0..<(columns * rows)).map { n in
      let (z0, z1) = pass.logits(n)
      // p1 = 1 / (1 + e^{z0 − z1}), as CrossEntropy computes it.
      return Float(1 / (1 + DeterministicMath.exp(Double(z0) - Double(z1))))
    }
  }

  /// The centre of a cell in the plane.
  public static func centre(column: Int, row: Int, columns: Int, rows: Int, extent: Double) -> (
    x: Double, y: Double
  ) {
    let x = -extent + (Double(column) + 0.5) * 2 * extent / Double(columns)
    let y = extent - (Double(row) + 0.5) * 2 * extent / Double(rows)
    return (x, y)
  }

  /// The cell a point falls in, or nil outside the map.
  public func cell(x: Double, y: Double) -> (column: Int, row: Int)? {
    let column = Int(((x + extent) / (2 * extent) * Double(columns)).rounded(.down))
    let row = Int(((extent - y) / (2 * extent) * Double(rows)).rounded(.down))
    guard (0..<columns).contains(column), (0..<rows).contains(row) else { return nil }
    return (column, row)
  }

  public func probability(column: Int, row: Int) -> Float { probabilities[row * columns + column] }
}
