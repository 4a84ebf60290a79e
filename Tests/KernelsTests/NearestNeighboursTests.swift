import Testing

@testable import Kernels

@Suite struct NearestNeighboursTests {
  /// The squared distance by its definition: eight lanes (term l in lane l mod 8), folded as
  /// ((l₀ + l₄) + (l₂ + l₆)) + ((l₁ + l₅) + (l₃ + l₇)).
  static func distance(_ points: Matrix<Float>, _ i: Int, _ j: Int) -> Float {
    var lanes = [Float](repeating: 0, count: 8)
    for l in 0..<points.columns {
      let diff = points[j, l] - points[i, l]
      lanes[l % 8] = lanes[l % 8] + diff * diff
    }
    return ((lanes[0] + lanes[4]) + (lanes[2] + lanes[6])) + ((lanes[1] + lanes[5]) + (lanes[3] + lanes[7]))
  }

  /// Every distance, sorted by (distance, index).
  static func bruteForce(_ points: Matrix<Float>, query: Int, count: Int) -> [Int] {
    let scored = (0..<points.rows).filter { $0 != query }.map { (distance(points, query, $0), $0) }
    return scored.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.prefix(count).map(\.1)
  }

  /// A curved, low-dimensional cloud like a block output, with exact duplicates for ties.
  static func cloud(dimension: Int) -> Matrix<Float> {
    let noise = MatrixProductTests.matrix(300, dimension, salt: dimension, Float.self)
    var points = Matrix<Float>(rows: 300, columns: dimension)
    for i in 0..<300 {
      let t = Float(i) / 30
      for d in 0..<dimension {
        let curve = (Float(d % 3) * t + Float(d % 5)) * (d % 2 == 0 ? 1 : -1) / (1 + Float(d))
        points[i, d] = curve + 0.01 * noise[i, d]
      }
    }
    for i in [8, 9, 10] { for d in 0..<dimension { points[i, d] = points[7, d] } }
    return points
  }

  @Test(arguments: [3, 24, 40, 77, 320])
  func searchEqualsBruteForceWithAndWithoutBounds(dimension: Int) {
    let points = Self.cloud(dimension: dimension)
    let queries = Array(stride(from: 0, to: 300, by: 7))
    let expected = queries.map { Self.bruteForce(points, query: $0, count: 10) }
    #expect(NearestNeighbours.search(points, queries: queries, count: 10) == expected)
    // The first three coordinates are an orthonormal projection: their distances bound the
    // true ones from below.
    let r = min(3, dimension)
    var coordinates = Matrix<Float>(rows: r, columns: 300)
    for d in 0..<r { for j in 0..<300 { coordinates[d, j] = points[j, d] } }
    let bounds = NearestNeighbours.LowerBounds(coordinates: coordinates, slack: 0)
    #expect(NearestNeighbours.search(points, queries: queries, count: 10, bounds: bounds) == expected)
    #expect(NearestNeighbours.squaredDistance(points, 4, 200) == Self.distance(points, 4, 200))
  }

  @Test func tooFewPointsGiveEmptyLists() {
    let points = Self.cloud(dimension: 3)
    #expect(NearestNeighbours.search(points, queries: [0, 1], count: 300) == [[], []])
    #expect(NearestNeighbours.search(points, queries: [], count: 3).isEmpty)
  }
}
