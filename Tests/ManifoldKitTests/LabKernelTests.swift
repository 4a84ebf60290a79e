import CLabKernels
import Testing

@testable import ManifoldKit

/// The C kernels against plain Swift references, on both of their paths.
@Suite(.serialized) struct LabKernelTests {
  static func randomMatrix(_ rows: Int, _ columns: Int, seed: UInt64) -> LabMatrix<Float> {
    var normals = PolarNormalGenerator(seed: seed)
    return LabMatrix(
      rows: rows, columns: columns, values: (0..<rows * columns).map { _ in Float(normals.next()) })
  }

  /// Runs `body` once on the automatic path and once forced onto the portable one.
  static func bothPaths<T>(_ body: () -> T) -> (automatic: T, portable: T) {
    let automatic = body()
    lab_kernels_force_portable(1)
    defer { lab_kernels_force_portable(0) }
    return (automatic, body())
  }

  @Test(arguments: [(1, 1, 1), (4, 16, 16), (7, 130, 37), (33, 300, 24), (5, 3, 2), (9, 0, 5)])
  func singlePrecisionProductIsOneFusedChainPerEntry(n: Int, p: Int, m: Int) {
    let a = Self.randomMatrix(n, p, seed: 1), b = Self.randomMatrix(p, m, seed: 2)
    let (fast, portable) = Self.bothPaths { a.times(b) }
    #expect(fast == portable)
    // The definition, written out: c = fma(a, b, c) for q = 0, 1, …
    for i in 0..<n {
      for j in 0..<m {
        var chain: Float = 0
        for q in 0..<p { chain = fmaReference(a[i, q], b[q, j], chain) }
        #expect(fast[i, j] == chain, "(\(i), \(j))")
      }
    }
  }

  @Test func doublePrecisionProductMatchesBothPathsAndAReference() {
    let a = LabMatrix<Double>(
      rows: 9, columns: 140, values: Self.randomMatrix(9, 140, seed: 3).values.map(Double.init))
    let b = LabMatrix<Double>(
      rows: 140, columns: 13, values: Self.randomMatrix(140, 13, seed: 4).values.map(Double.init))
    let (fast, portable) = Self.bothPaths { a.times(b) }
    #expect(fast == portable)
    for i in 0..<9 {
      for j in 0..<13 {
        var sum = 0.0
        for q in 0..<140 { sum += a[i, q] * b[q, j] }
        #expect(abs(fast[i, j] - sum) < 1e-12 * 140)
      }
    }
  }

  @Test func choleskyReproducesTheMatrix() {
    let x = LabMatrix<Double>(
      rows: 60, columns: 37, values: Self.randomMatrix(60, 37, seed: 5).values.map(Double.init))
    let gram = x.transposed.times(x)
    let (fast, portable) = Self.bothPaths { LinearDecoder.cholesky(gram) }
    #expect(fast == portable)
    let factor = try! #require(fast)
    for a in 0..<37 {
      for c in 0..<37 {
        var sum = 0.0
        for m in 0..<37 { sum += factor[a, m] * factor[c, m] }
        #expect(abs(sum - gram[a, c]) < 1e-10 * gram[a, a])
      }
    }
    var singular = gram
    for c in 0..<37 { singular[0, c] = 0; singular[c, 0] = 0 }
    #expect(LinearDecoder.cholesky(singular) == nil)
  }

  /// Brute force in plain Swift: every distance, sorted by (distance, index).
  static func bruteForce(_ points: LabMatrix<Float>, query: Int, count: Int) -> [Int] {
    var scored: [(distance: Float, index: Int)] = []
    for j in 0..<points.rows where j != query {
      // 32 fma chains (term l in chain l mod 32), folded to 8, then the fixed tree.
      var chains = [Float](repeating: 0, count: 32)
      for l in 0..<points.columns {
        let diff: Float = points[j, l] - points[query, l]
        chains[l % 32] = fmaReference(diff, diff, chains[l % 32])
      }
      let lanes: [Float] = (0..<8).map { (chains[$0] + chains[8 + $0]) + (chains[16 + $0] + chains[24 + $0]) }
      let pairs: [Float] = (0..<4).map { lanes[$0] + lanes[$0 + 4] }
      let even: Float = pairs[0] + pairs[2]
      let odd: Float = pairs[1] + pairs[3]
      scored.append((even + odd, j))
    }
    scored.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.index < $1.index }
    return scored.prefix(count).map(\.index)
  }

  @Test(arguments: [3, 24, 40, 77, 320])
  func nearestNeighboursMatchBruteForceWithAndWithoutTheFilter(dimension: Int) {
    // A curved, low-dimensional cloud like a block output, plus a few exact duplicates so
    // ties are exercised.
    let base = Self.randomMatrix(300, dimension, seed: UInt64(dimension))
    var points = LabMatrix<Float>(rows: 300, columns: dimension)
    for i in 0..<300 {
      let t = Float(i) / 30
      for d in 0..<dimension {
        let curve = (Float(d % 3) * t + Float(d % 5)) * (d % 2 == 0 ? 1 : -1) / (1 + Float(d))
        points[i, d] = curve + 0.01 * base[i, d]
      }
    }
    for i in [8, 9, 10] { for d in 0..<dimension { points[i, d] = points[7, d] } }
    let queries = Array(Swift.stride(from: 0, to: 300, by: 7))
    let expected = queries.map { Self.bruteForce(points, query: $0, count: 10) }
    var centred = LabMatrix<Double>(rows: 300, columns: dimension, values: points.values.map(Double.init))
    for d in 0..<dimension {
      let mean = (0..<300).reduce(0.0) { $0 + centred[$1, d] } / 300
      for i in 0..<300 { centred[i, d] -= mean }
    }
    let filter = PrincipalFilter(points: points, gram: centred.transposed.times(centred))
    let (plain, plainPortable) = Self.bothPaths {
      NeighbourPreservation.neighbourSets(of: points, queries: queries, count: 10)
    }
    let (filtered, filteredPortable) = Self.bothPaths {
      NeighbourPreservation.neighbourSets(
        of: points, queries: queries, count: 10, filter: filter)
    }
    #expect(plain == expected)
    #expect(plainPortable == expected)
    #expect(filtered == expected)
    #expect(filteredPortable == expected)
    #expect((filter == nil) == (dimension < PrincipalFilter.minimumChannels))
  }
}

/// Swift's own fused multiply-add: IEEE's correctly rounded operation on every platform.
func fmaReference(_ a: Float, _ b: Float, _ c: Float) -> Float { c.addingProduct(a, b) }
