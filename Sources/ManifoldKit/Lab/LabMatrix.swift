import CLabKernels

/// A row-major matrix in one flat buffer: the layout the lab's C kernels read.
struct LabMatrix<Scalar: BinaryFloatingPoint & Sendable>: Equatable, Sendable {
  var rows: Int
  var columns: Int
  var values: [Scalar]

  init(rows: Int, columns: Int, values: [Scalar]) {
    precondition(values.count == rows * columns)
    self.rows = rows
    self.columns = columns
    self.values = values
  }

  init(rows: Int, columns: Int) {
    self.init(rows: rows, columns: columns, values: [Scalar](repeating: 0, count: rows * columns))
  }

  /// A matrix whose every entry `fill` writes; skipping the zero fill matters for the lab's
  /// megabyte-sized temporaries.
  init(rows: Int, columns: Int, fill: (UnsafeMutableBufferPointer<Scalar>) -> Void) {
    self.rows = rows
    self.columns = columns
    values = [Scalar](unsafeUninitializedCapacity: rows * columns) { buffer, count in
      fill(buffer)
      count = rows * columns
    }
  }

  subscript(row: Int, column: Int) -> Scalar {
    get { values[row * columns + column] }
    set { values[row * columns + column] = newValue }
  }

  func row(_ index: Int) -> ArraySlice<Scalar> { values[index * columns..<(index + 1) * columns] }

  var transposed: LabMatrix {
    var result = LabMatrix(rows: columns, columns: rows)
    for r in 0..<rows {
      for c in 0..<columns { result.values[c * rows + r] = values[r * columns + c] }
    }
    return result
  }
}

/// The element types the kernels multiply: single precision for the block, double for the
/// decoder.
protocol LabKernelScalar: BinaryFloatingPoint, Sendable {
  /// C = A·B, row-major with leading dimensions (LabKernels.h).
  static func gemm(
    _ n: Int, _ p: Int, _ m: Int, _ a: UnsafePointer<Self>?, _ lda: Int, _ b: UnsafePointer<Self>?,
    _ ldb: Int,
    _ c: UnsafeMutablePointer<Self>?, _ ldc: Int)
}

extension Float: LabKernelScalar {
  static func gemm(
    _ n: Int, _ p: Int, _ m: Int, _ a: UnsafePointer<Float>?, _ lda: Int, _ b: UnsafePointer<Float>?,
    _ ldb: Int, _ c: UnsafeMutablePointer<Float>?, _ ldc: Int
  ) { lab_sgemm(n, p, m, a, lda, b, ldb, c, ldc) }
}

extension Double: LabKernelScalar {
  static func gemm(
    _ n: Int, _ p: Int, _ m: Int, _ a: UnsafePointer<Double>?, _ lda: Int, _ b: UnsafePointer<Double>?,
    _ ldb: Int, _ c: UnsafeMutablePointer<Double>?, _ ldc: Int
  ) { lab_dgemm(n, p, m, a, lda, b, ldb, c, ldc) }
}

extension LabMatrix where Scalar: LabKernelScalar {
  /// self · other, each entry one fma chain in order (see LabKernels.h).
  func times(_ other: LabMatrix) -> LabMatrix {
    precondition(columns == other.rows)
    return LabMatrix(rows: rows, columns: other.columns) { c in
      values.withUnsafeBufferPointer { a in
        other.values.withUnsafeBufferPointer { b in
          Scalar.gemm(
            rows, columns, other.columns, a.baseAddress, max(columns, 1), b.baseAddress,
            max(other.columns, 1),
            c.baseAddress, max(other.columns, 1))
        }
      }
    }
  }
}

extension LabMatrix where Scalar == Float {
  /// `times` with the rows of the result split between two threads.
  func timesOnBothCores(_ other: LabMatrix) -> LabMatrix {
    precondition(columns == other.rows)
    let half = rows / 2
    let parts = [(0, half), (half, rows - half)].concurrentMap { start, count in
      LabMatrix(
        rows: count, columns: columns, values: Array(values[start * columns..<(start + count) * columns])
      )
      .times(other)
    }
    return LabMatrix(rows: rows, columns: other.columns, values: parts[0].values + parts[1].values)
  }
}
