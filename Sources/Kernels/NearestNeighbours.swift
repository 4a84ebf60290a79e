/// Exact k-nearest-neighbour search among the rows of a matrix.
///
/// A squared distance is summed in eight lanes (term l in lane l mod 8) and folded as
/// ((l₀ + l₄) + (l₂ + l₆)) + ((l₁ + l₅) + (l₃ + l₇)); `squaredDistance` is that definition.
/// Neighbours are ordered by (distance, index), so ties go to the lower index and the answer
/// is unique. Two things only make it faster and never change it:
/// - a candidate is dropped once a partial sum already exceeds the current k-th distance
///   (the terms are non-negative and rounding is monotone, so a partial sum never exceeds
///   the full one);
/// - optional `LowerBounds`, coordinates whose distances never exceed the true ones, rule
///   points out without visiting them.
public enum NearestNeighbours {
  /// Lower bounds on distances: `coordinates` is r × n (column j for row j of the points),
  /// an orthonormal projection of them, so its distances are at most the true ones up to
  /// rounding, which `slack` (added to the distance) and a relative 10⁻³ cover.
  public struct LowerBounds: Sendable {
    public var coordinates: Matrix<Float>
    public var slack: Float

    public init(coordinates: Matrix<Float>, slack: Float) {
      self.coordinates = coordinates
      self.slack = slack
    }
  }

  /// For each query row, the indices of its `count` nearest other rows, nearest first.
  /// Queries are searched on every core; each one's answer is independent of the others.
  public static func search(
    _ points: Matrix<Float>, queries: [Int], count: Int, bounds: LowerBounds? = nil
  ) -> [[Int]] {
    guard points.rows > count, count > 0, !queries.isEmpty else { return queries.map { _ in [] } }
    let groups = stride(from: 0, to: queries.count, by: 16).map {
      Array(queries[$0..<min($0 + 16, queries.count)])
    }
    return Array(
      groups.concurrentMap { group in
        var searcher = Searcher(points: points, count: count, bounds: bounds)
        return group.map { searcher.neighbours(of: $0) }
      }.joined())
  }

  /// The squared distance between rows i and j, in the lane order above.
  public static func squaredDistance(_ points: Matrix<Float>, _ i: Int, _ j: Int) -> Float {
    points.values.withUnsafeBufferPointer { v in
      var lanes = SIMD8<Float>()
      distanceTerms(
        v.baseAddress! + i * points.columns, v.baseAddress! + j * points.columns, from: 0, to: points.columns,
        into: &lanes)
      return fold(lanes)
    }
  }

  @inline(__always)
  static func fold(_ l: SIMD8<Float>) -> Float {
    ((l[0] + l[4]) + (l[2] + l[6])) + ((l[1] + l[5]) + (l[3] + l[7]))
  }

  /// Adds terms `from..<to` (from a multiple of 8) to the lanes.
  @inline(__always)
  static func distanceTerms(
    _ q: UnsafePointer<Float>, _ y: UnsafePointer<Float>, from: Int, to: Int, into lanes: inout SIMD8<Float>
  ) {
    var l = from
    while l + 8 <= to {
      let diff =
        UnsafeRawPointer(y + l).loadUnaligned(as: SIMD8<Float>.self)
        - UnsafeRawPointer(q + l).loadUnaligned(as: SIMD8<Float>.self)
      lanes = lanes + diff * diff
      l += 8
    }
    var lane = 0
    while l < to {
      let diff = y[l] - q[l]
      lanes[lane] = lanes[lane] + diff * diff
      l += 1
      lane += 1
    }
  }

  /// One thread's search state, reused across its queries.
  struct Searcher {
    let points: Matrix<Float>
    let count: Int
    let bounds: LowerBounds?
    var distance: [Float]
    var index: [Int]
    var filled = 0
    var lower: [Float]
    var seen: [Bool]

    /// How often (in dimensions) a partial sum is checked against the list.
    static let checkEvery = 64

    init(points: Matrix<Float>, count: Int, bounds: LowerBounds?) {
      self.points = points
      self.count = count
      self.bounds = bounds
      distance = [Float](repeating: 0, count: count)
      index = [Int](repeating: -1, count: count)
      lower = bounds == nil ? [] : [Float](repeating: 0, count: points.rows)
      seen = [Bool](repeating: false, count: points.rows)
    }

    /// True when (value, j) would not enter the full list, which is ordered by
    /// (distance, index).
    @inline(__always)
    func rejects(_ value: Float, _ j: Int) -> Bool {
      guard filled == count else { return false }
      let last = distance[count - 1]
      return value > last || (value == last && j > index[count - 1])
    }

    mutating func insert(_ value: Float, _ j: Int) {
      if rejects(value, j) { return }
      var position = filled < count ? filled : count - 1
      if filled < count { filled += 1 }
      while position > 0
        && (distance[position - 1] > value || (distance[position - 1] == value && index[position - 1] > j))
      {
        distance[position] = distance[position - 1]
        index[position] = index[position - 1]
        position -= 1
      }
      distance[position] = value
      index[position] = j
    }

    mutating func visit(_ query: Int, _ j: Int) {
      if j == query { return }
      let d = points.columns
      let value: Float? = points.values.withUnsafeBufferPointer { v in
        let q = v.baseAddress! + query * d, y = v.baseAddress! + j * d
        var lanes = SIMD8<Float>()
        var start = 0
        while start < d {
          let end = min(d, start + Self.checkEvery)
          distanceTerms(q, y, from: start, to: end, into: &lanes)
          start = end
          if start < d && rejects(fold(lanes), j) { return nil }
        }
        return fold(lanes)
      }
      if let value { insert(value, j) }
    }

    mutating func neighbours(of query: Int) -> [Int] {
      filled = 0
      let n = points.rows
      guard let bounds else {
        for j in 0..<n { visit(query, j) }
        return Array(index[0..<filled])
      }
      // Every point's bound; the `count` smallest are usually the neighbours themselves, so
      // visiting them first makes the list's last distance nearly final...
      let r = bounds.coordinates.rows
      bounds.coordinates.values.withUnsafeBufferPointer { f in
        lower.withUnsafeMutableBufferPointer { lower in
          for j in 0..<n { lower[j] = 0 }
          for dim in 0..<r {
            let row = f.baseAddress! + dim * n, centre = row[query]
            for j in 0..<n {
              let diff = row[j] - centre
              lower[j] = lower[j] + diff * diff
            }
          }
        }
      }
      lower[query] = .infinity
      let seeds = smallest(count)
      for j in seeds {
        seen[j] = true
        visit(query, j)
      }
      // ...so only the few points whose bound is within reach of it are visited after.
      var limit = Float.infinity
      if filled == count {
        let reach = distance[count - 1].squareRoot() * 1.001 + bounds.slack
        limit = reach * reach
      }
      for j in 0..<n where lower[j] <= limit && !seen[j] { visit(query, j) }
      for j in seeds { seen[j] = false }
      return Array(index[0..<filled])
    }

    /// Indices of the `k` smallest bounds (any order among ties).
    func smallest(_ k: Int) -> [Int] {
      var best: [(Float, Int)] = []
      best.reserveCapacity(k + 1)
      for (j, value) in lower.enumerated() {
        if best.count == k, let worst = best.last, !(value < worst.0) { continue }
        var position = best.count
        best.append((value, j))
        while position > 0 && best[position - 1].0 > value {
          best.swapAt(position, position - 1)
          position -= 1
        }
        if best.count > k { best.removeLast() }
      }
      return best.map(\.1)
    }
  }
}
