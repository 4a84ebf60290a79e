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

  /// The neighbour sets of the query points, computed once per manifold and reused for
  /// every trial and projection.
  static func neighbourSets(of points: [[Double]], queries: [Int], count: Int) -> [[Int]] {
    let flat = Flat(points)
    return queries.map { flat.nearest($0, count: count) }
  }

  static func share(before: [[Int]], outputs: [[Double]], queries: [Int], neighbours: Int) -> Double {
    guard outputs.count > neighbours, !queries.isEmpty else { return 0 }
    let flat = Flat(outputs)
    var kept = 0
    for (query, neighboursBefore) in zip(queries, before) {
      let after = Set(flat.nearest(query, count: neighbours))
      kept += neighboursBefore.filter(after.contains).count
    }
    return Double(kept) / Double(queries.count * neighbours)
  }

  /// Points stored contiguously, for the distance loop.
  struct Flat {
    let values: [Double]
    let dimension: Int
    let count: Int

    init(_ points: [[Double]]) {
      count = points.count
      dimension = points.first?.count ?? 0
      values = points.flatMap { $0 }
    }

    /// Indices of the `count` nearest other points (ties broken by index), by insertion
    /// into a small sorted list.
    func nearest(_ query: Int, count wanted: Int) -> [Int] {
      var distances: [Double] = []
      var indices: [Int] = []
      distances.reserveCapacity(wanted + 1)
      indices.reserveCapacity(wanted + 1)
      values.withUnsafeBufferPointer { v in
        let q = query * dimension
        for index in 0..<count where index != query {
          let base = index * dimension
          var distance = 0.0
          for d in 0..<dimension {
            let delta = v[base + d] - v[q + d]
            distance += delta * delta
          }
          if indices.count == wanted, distance >= distances[wanted - 1] { continue }
          var position = indices.count
          while position > 0 && distances[position - 1] > distance { position -= 1 }
          distances.insert(distance, at: position)
          indices.insert(index, at: position)
          if indices.count > wanted {
            distances.removeLast()
            indices.removeLast()
          }
        }
      }
      return indices
    }
  }
}
