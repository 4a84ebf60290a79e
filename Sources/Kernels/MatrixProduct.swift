/// Matrix products: C = A·B, AᵀB and the Gram matrix AᵀA.
///
/// Every entry of C is the chain c = 0; c = c + a(i, q)·b(q, j) for q = 0, 1, …, p − 1, each
/// product rounded before it is added. The blocking below (four rows of A against one lane
/// group of B's columns, B packed into panels, rows in chunks spread over the cores) only
/// decides which entries are in flight together, never the order inside one, so the result
/// is the naive triple loop's to the bit, on any machine and any number of cores.
///
/// The entry points are specialised for both scalar types, so callers in other modules run
/// the vectorised code rather than generic code through witness tables.
extension Matrix {
  /// self · other.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func times(_ other: Matrix) -> Matrix { times(other, threads: nil) }

  /// self · other on at most `threads` threads (nil: every core). The same bits either way.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func times(_ other: Matrix, threads: Int?) -> Matrix {
    precondition(columns == other.rows, "product of \(rows)×\(columns) and \(other.rows)×\(other.columns)")
    return ProductKernel<Scalar>.product(
      rows: rows, inner: columns, columns: other.columns, a: values, rowStride: columns, innerStride: 1,
      b: other.values, upperOnly: false, threads: threads)
  }

  /// The scratch one thread allocates while it multiplies: a chunk of A's rows packed, and
  /// in single precision the same entries broadcast to four lanes (`multiplyChunk`). With
  /// the packed copy of B (`packedBytes`), what a product holds beyond its operands.
  public static func productScratchBytes(inner: Int) -> Int {
    let chunk = ProductKernel<Scalar>.chunkRows * inner
    return chunk * MemoryLayout<Scalar>.stride + (Scalar.self == Float.self ? chunk * 16 : 0)
  }

  /// The packed copy of a right-hand matrix `inner` × `columns` (`packPanels`).
  public static func packedBytes(inner: Int, columns: Int) -> Int {
    let width = ProductKernel<Scalar>.lanes
    return (columns + width - 1) / width * width * inner * MemoryLayout<Scalar>.stride
  }

  /// self · B for a B packed once by `PackedOperand`: a layer's weights, multiplied by a new
  /// input every pass. The same bits as `times(B)`.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func times(_ other: PackedOperand<Scalar>, threads: Int?) -> Matrix {
    times(other, threads: threads, rowEpilogue: nil)
  }

  /// self · B, with `rowEpilogue(rows, count)` run on each finished block of C's rows (a
  /// conv's bias and activation) while they are still in cache: the same bits as running it
  /// on the whole product afterwards.
  @_specialize(where Scalar == Float)
  public func times(
    _ other: PackedOperand<Scalar>, threads: Int?,
    rowEpilogue: (@Sendable (UnsafeMutablePointer<Scalar>, Int) -> Void)?
  ) -> Matrix {
    precondition(columns == other.rows, "product of \(rows)×\(columns) and \(other.rows)×\(other.columns)")
    return ProductKernel<Scalar>.product(
      rows: rows, inner: columns, columns: other.columns, a: values, rowStride: columns, innerStride: 1,
      b: [], upperOnly: false, threads: threads, packed: other.panels, epilogue: rowEpilogue)
  }

  /// selfᵀ · other, without a transposed copy of self.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func transposedTimes(_ other: Matrix) -> Matrix {
    precondition(rows == other.rows, "product of (\(rows)×\(columns))ᵀ and \(other.rows)×\(other.columns)")
    return ProductKernel<Scalar>.product(
      rows: columns, inner: rows, columns: other.columns, a: values, rowStride: 1, innerStride: columns,
      b: other.values, upperOnly: false)
  }

  /// selfᵀ · self. Only the blocks on and above the diagonal are computed; the rest are
  /// their mirror images, which the chains above would give anyway (a·b = b·a exactly).
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func gram() -> Matrix {
    var result = ProductKernel<Scalar>.product(
      rows: columns, inner: rows, columns: columns, a: values, rowStride: 1, innerStride: columns, b: values,
      upperOnly: true)
    let size = columns
    result.values.withUnsafeMutableBufferPointer { g in
      for r in 0..<size {
        for c in 0..<r { g[r * size + c] = g[c * size + r] }
      }
    }
    return result
  }
}

/// The blocked product behind `Matrix.times`; see there for the arithmetic it promises.
enum ProductKernel<Scalar: KernelScalar> {
  typealias Vector = Scalar.Vector
  static var lanes: Int { Vector.scalarCount }
  /// Rows of A per register block.
  static var blockRows: Int { 4 }
  /// Rows per unit of parallel work: a multiple of `blockRows`, small enough to balance,
  /// large enough that a chunk's packed A stays in the second-level cache.
  static var chunkRows: Int { 64 }
  /// Below this many multiply-adds a product runs on the calling thread.
  static var parallelWork: Int { 1 << 21 }

  /// C (rows × columns) = A·B with A(i, q) = a[i·rowStride + q·innerStride] and B row-major
  /// (inner × columns). With `upperOnly`, register blocks wholly below the diagonal are left
  /// at zero.
  static func product(
    rows n: Int, inner p: Int, columns m: Int, a: [Scalar], rowStride: Int, innerStride: Int, b: [Scalar],
    upperOnly: Bool, threads: Int? = nil, packed: [Scalar]? = nil, epilogue: Epilogue? = nil
  ) -> Matrix<Scalar> {
    guard n > 0, m > 0, p > 0 else { return Matrix<Scalar>(rows: n, columns: m) }
    let packedB = packed ?? packPanels(b, inner: p, columns: m)
    let chunks = (n + chunkRows - 1) / chunkRows
    let panelCount = (m + lanes - 1) / lanes
    let parallel = n * p * m >= parallelWork && (chunks > 1 || panelCount > 1)
    // Every entry is stored by exactly one register block, so C needs no zero fill first,
    // except where `upperOnly` leaves the blocks below the diagonal alone.
    let values = [Scalar](unsafeUninitializedCapacity: n * m) { buffer, count in
      if upperOnly { buffer.initialize(repeating: 0) }
      count = n * m
      let c = buffer
      a.withUnsafeBufferPointer { a in
        packedB.withUnsafeBufferPointer { panels in
          // Chunks write disjoint rows of C and only read A and B; the buffers' addresses
          // travel as integers, which are Sendable, to the worker threads.
          let addresses = (Int(bitPattern: a.baseAddress!), Int(bitPattern: panels.baseAddress!))
          let cAddress = Int(bitPattern: c.baseAddress!)
          // Too few row chunks to share (a 7×7 feature map is 49 rows, one chunk): each chunk's
          // column panels are split too, so every thread has work. Which entries are in
          // flight together changes; the order inside each one does not.
          // (Each split packs the chunk's rows again, so there are only as many as threads,
          // two when the caller leaves the count to the machine.)
          let workers = min(threads ?? 2, 8)
          let splits = parallel && workers > 1 && chunks < workers ? min(panelCount, workers / chunks) : 1
          let target = SendableAddress(cAddress)
          let work: @Sendable (Int) -> Void = { unit in
            let chunk = unit / splits
            multiplyChunk(
              chunk, n: n, p: p, m: m, a: UnsafePointer(bitPattern: addresses.0)!, rowStride: rowStride,
              innerStride: innerStride, panels: UnsafePointer(bitPattern: addresses.1)!,
              c: target.pointer(), upperOnly: upperOnly,
              panelSplit: splits > 1 ? (unit % splits, splits) : nil)
            // The chunk's rows are finished and still in cache: the caller's bias and
            // activation run on them now rather than in a second pass over C.
            let first = chunk * chunkRows
            if splits == 1 { epilogue?(target.pointer() + first * m, min(chunkRows, n - first)) }
          }
          let units = chunks * splits
          if parallel, let threads {
            concurrentForEach(units, threads: threads, work)
          } else if parallel {
            concurrentForEach(units, work)
          } else {
            for unit in 0..<units { work(unit) }
          }
          if splits > 1 { epilogue?(target.pointer(), n) }
        }
      }
    }
    return Matrix(rows: n, columns: m, values: values)
  }

  /// Work on finished rows of C: (the first row's address, how many rows).
  typealias Epilogue = @Sendable (UnsafeMutablePointer<Scalar>, Int) -> Void

  /// B's columns in panels of `lanes`, each panel inner × lanes and contiguous, the last one
  /// padded with zeros (padding columns are computed and never stored).
  static func packPanels(_ b: [Scalar], inner p: Int, columns m: Int) -> [Scalar] {
    let width = lanes, count = (m + width - 1) / width
    return [Scalar](unsafeUninitializedCapacity: count * p * width) { out, filled in
      b.withUnsafeBufferPointer { b in
        for panel in 0..<count {
          let start = panel * width, used = min(width, m - start)
          for q in 0..<p {
            let target = (panel * p + q) * width
            for lane in 0..<width { out[target + lane] = lane < used ? b[q * m + start + lane] : 0 }
          }
        }
      }
      filled = count * p * width
    }
  }

  static func multiplyChunk(
    _ chunk: Int, n: Int, p: Int, m: Int, a: UnsafePointer<Scalar>, rowStride: Int, innerStride: Int,
    panels: UnsafePointer<Scalar>, c: UnsafeMutablePointer<Scalar>, upperOnly: Bool,
    panelSplit: (index: Int, count: Int)? = nil
  ) {
    let first = chunk * chunkRows, count = min(chunkRows, n - first)
    let groups = (count + blockRows - 1) / blockRows
    // This chunk's rows of A, four at a time and interleaved: packed[(g·p + q)·4 + r].
    let packed = UnsafeMutablePointer<Scalar>.allocate(capacity: groups * p * blockRows)
    defer { packed.deallocate() }
    for g in 0..<groups {
      for r in 0..<blockRows {
        let row = first + g * blockRows + r
        for q in 0..<p {
          packed[(g * p + q) * blockRows + r] = row < n ? a[row * rowStride + q * innerStride] : 0
        }
      }
    }
    let width = lanes, panelCount = (m + width - 1) / width
    // Single precision: A's entries once more, each already broadcast to four lanes, so the
    // innermost loop loads them instead of shuffling (the shuffles compete with the
    // multiplies for the same units). Same products, same order: same bits.
    var broadcast: UnsafeMutablePointer<SIMD4<Float>>? = nil
    if Scalar.self == Float.self {
      let count = groups * p * blockRows
      let vectors = UnsafeMutablePointer<SIMD4<Float>>.allocate(capacity: count)
      packed.withMemoryRebound(to: Float.self, capacity: count) { floats in
        for index in 0..<count { vectors[index] = SIMD4(repeating: floats[index]) }
      }
      broadcast = vectors
    }
    defer { broadcast?.deallocate() }
    let panelRange = panelSplit.map {
      ($0.index * panelCount / $0.count)..<(($0.index + 1) * panelCount / $0.count)
    }
    for panel in panelRange ?? 0..<panelCount {
      let column = panel * width
      let bPanel = panels + panel * p * width
      for g in 0..<groups {
        let row = first + g * blockRows
        if upperOnly && column + width <= row { continue }
        if let broadcast {
          bPanel.withMemoryRebound(to: Float.self, capacity: p * width) { b in
            c.withMemoryRebound(to: Float.self, capacity: n * m) { c in
              singleBlock(
                p: p, a: broadcast + g * p * blockRows, b: b, c: c, row: row, rows: min(blockRows, n - row),
                column: column, columns: min(width, m - column), ldc: m)
            }
          }
        } else {
          block(
            p: p, a: packed + g * p * blockRows, b: bPanel, c: c, row: row, rows: min(blockRows, n - row),
            column: column, columns: min(width, m - column), ldc: m)
        }
      }
    }
  }

  /// `block` for single precision with A pre-broadcast: four rows × eight columns in
  /// sixteen lanes of four.
  @inline(__always)
  static func singleBlock(
    p: Int, a: UnsafePointer<SIMD4<Float>>, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>, row: Int,
    rows: Int, column: Int, columns: Int, ldc: Int
  ) {
    var c00 = SIMD4<Float>(), c01 = SIMD4<Float>(), c10 = SIMD4<Float>(), c11 = SIMD4<Float>()
    var c20 = SIMD4<Float>(), c21 = SIMD4<Float>(), c30 = SIMD4<Float>(), c31 = SIMD4<Float>()
    for q in 0..<p {
      let b0 = UnsafeRawPointer(b + q * 8).loadUnaligned(as: SIMD4<Float>.self)
      let b1 = UnsafeRawPointer(b + q * 8 + 4).loadUnaligned(as: SIMD4<Float>.self)
      let aq = a + q * 4
      let a0 = aq[0], a1 = aq[1], a2 = aq[2], a3 = aq[3]
      c00 = c00 + a0 * b0
      c01 = c01 + a0 * b1
      c10 = c10 + a1 * b0
      c11 = c11 + a1 * b1
      c20 = c20 + a2 * b0
      c21 = c21 + a2 * b1
      c30 = c30 + a3 * b0
      c31 = c31 + a3 * b1
    }
    for r in 0..<rows {
      let target = c + (row + r) * ldc + column
      let (low, high) =
        switch r {
        case 0: (c00, c01)
        case 1: (c10, c11)
        case 2: (c20, c21)
        default: (c30, c31)
        }
      if columns == 8 {
        UnsafeMutableRawPointer(target).storeBytes(of: low, as: SIMD4<Float>.self)
        UnsafeMutableRawPointer(target + 4).storeBytes(of: high, as: SIMD4<Float>.self)
      } else {
        for lane in 0..<columns { target[lane] = lane < 4 ? low[lane] : high[lane - 4] }
      }
    }
  }

  /// Four rows of C against one panel: the innermost loop, four lane groups in registers.
  @inline(__always)
  static func block(
    p: Int, a: UnsafePointer<Scalar>, b: UnsafePointer<Scalar>, c: UnsafeMutablePointer<Scalar>, row: Int,
    rows: Int, column: Int, columns: Int, ldc: Int
  ) {
    var c0 = Vector(), c1 = Vector(), c2 = Vector(), c3 = Vector()
    let width = lanes
    for q in 0..<p {
      let bv = UnsafeRawPointer(b + q * width).loadUnaligned(as: Vector.self)
      let aq = a + q * 4
      c0 = c0 + Vector(repeating: aq[0]) * bv
      c1 = c1 + Vector(repeating: aq[1]) * bv
      c2 = c2 + Vector(repeating: aq[2]) * bv
      c3 = c3 + Vector(repeating: aq[3]) * bv
    }
    let results = (c0, c1, c2, c3)
    for r in 0..<rows {
      let value: Vector
      switch r {
      case 0: value = results.0
      case 1: value = results.1
      case 2: value = results.2
      default: value = results.3
      }
      let target = c + (row + r) * ldc + column
      if columns == width {
        UnsafeMutableRawPointer(target).storeBytes(of: value, as: Vector.self)
      } else {
        for lane in 0..<columns { target[lane] = value[lane] }
      }
    }
  }
}

/// A right-hand matrix in the panel layout the product kernel reads, packed once: a
/// layer's weights, which every pass multiplies by new activations.
public struct PackedOperand<Scalar: KernelScalar>: Equatable, Sendable {
  public let rows: Int
  public let columns: Int
  let panels: [Scalar]

  public init(_ matrix: Matrix<Scalar>) {
    rows = matrix.rows
    columns = matrix.columns
    panels = ProductKernel<Scalar>.packPanels(matrix.values, inner: matrix.rows, columns: matrix.columns)
  }

  /// Bytes the packed copy holds (columns rounded up to whole lane groups).
  public var bytes: Int { panels.count * MemoryLayout<Scalar>.stride }
}

/// C's address as an integer, which is Sendable, for the worker threads that write
/// disjoint blocks of it.
struct SendableAddress: Sendable {
  let address: Int
  init(_ address: Int) { self.address = address }
  func pointer<Scalar>() -> UnsafeMutablePointer<Scalar> { UnsafeMutablePointer(bitPattern: address)! }
}
