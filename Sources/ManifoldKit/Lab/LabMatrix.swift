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

extension LabMatrix where Scalar == Float {
  /// self · other, each entry one fma chain in order (see LabKernels.h).
  func times(_ other: LabMatrix) -> LabMatrix {
    precondition(columns == other.rows)
    var result = LabMatrix(rows: rows, columns: other.columns)
    values.withUnsafeBufferPointer { a in
      other.values.withUnsafeBufferPointer { b in
        result.values.withUnsafeMutableBufferPointer { c in
          lab_sgemm(
            rows, columns, other.columns, a.baseAddress, max(columns, 1), b.baseAddress,
            max(other.columns, 1),
            c.baseAddress, max(other.columns, 1))
        }
      }
    }
    return result
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

extension LabMatrix where Scalar == Double {
  func times(_ other: LabMatrix) -> LabMatrix {
    precondition(columns == other.rows)
    var result = LabMatrix(rows: rows, columns: other.columns)
    values.withUnsafeBufferPointer { a in
      other.values.withUnsafeBufferPointer { b in
        result.values.withUnsafeMutableBufferPointer { c in
          lab_dgemm(
            rows, columns, other.columns, a.baseAddress, max(columns, 1), b.baseAddress,
            max(other.columns, 1),
            c.baseAddress, max(other.columns, 1))
        }
      }
    }
    return result
  }
}
