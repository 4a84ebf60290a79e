import Kernels

/// How much local structure a map keeps: for each query point, the share of its nearest
/// neighbours on the manifold that are still among its nearest neighbours after the map.
enum NeighbourPreservation {
  /// The query points: spread evenly (every n/queries-th), so the result is deterministic
  /// and covers the whole manifold.
  static func queryIndices(count n: Int, queries: Int) -> [Int] {
    guard n > 0 else { return [] }
    let stride = max(1, n / min(queries, n))
    return Array(Swift.stride(from: 0, to: n, by: stride).prefix(queries))
  }

  /// The `count` nearest other points of each query (squared Euclidean distance in single
  /// precision, ties to the lower index), nearest first. `filter` only makes it faster.
  static func neighbourSets(
    of points: Matrix<Float>, queries: [Int], count: Int, filter: PrincipalFilter? = nil
  ) -> [[Int]] {
    NearestNeighbours.search(points, queries: queries, count: count, bounds: filter?.bounds)
  }

  static func share(
    before: [[Int]], outputs: Matrix<Float>, queries: [Int], neighbours: Int,
    filter: PrincipalFilter? = nil
  ) -> Double {
    guard outputs.rows > neighbours, !queries.isEmpty else { return 0 }
    let after = neighbourSets(of: outputs, queries: queries, count: neighbours, filter: filter)
    var kept = 0
    for (neighboursBefore, neighboursAfter) in zip(before, after) {
      kept += neighboursBefore.filter(neighboursAfter.contains).count
    }
    return Double(kept) / Double(queries.count * neighbours)
  }
}
