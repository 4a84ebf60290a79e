/// How much local structure a map keeps: for each query point, the share of its nearest
/// neighbours on the manifold that are still among its nearest neighbours after the map.
enum NeighbourPreservation {
  /// Queries are spread evenly over the points (every n/queries-th), so the result is
  /// deterministic and covers the whole manifold.
  static func share(inputs: [[Double]], outputs: [[Double]], neighbours: Int, queries: Int) -> Double {
    let n = inputs.count
    guard n > neighbours else { return 0 }
    let stride = max(1, n / min(queries, n))
    var kept = 0, asked = 0
    var query = 0
    while query < n && asked < queries {
      let before = nearest(query, in: inputs, count: neighbours)
      let after = nearest(query, in: outputs, count: neighbours)
      kept += before.intersection(after).count
      asked += 1
      query += stride
    }
    return Double(kept) / Double(asked * neighbours)
  }

  /// Indices of the `count` nearest other points (ties broken by index).
  static func nearest(_ query: Int, in points: [[Double]], count: Int) -> Set<Int> {
    let q = points[query]
    var best: [(Double, Int)] = []
    for (index, point) in points.enumerated() where index != query {
      var distance = 0.0
      for d in 0..<q.count {
        let delta = point[d] - q[d]
        distance += delta * delta
      }
      if best.count < count {
        best.append((distance, index))
        best.sort { $0 < $1 }
      } else if distance < best[count - 1].0 {
        best[count - 1] = (distance, index)
        best.sort { $0 < $1 }
      }
    }
    return Set(best.map(\.1))
  }
}
