/// A dense row-major matrix in one flat buffer, the shape every kernel here reads and writes.
///
/// Plain storage and no hidden state, so two matrices are equal exactly when their shapes
/// and every entry's bits are (the determinism tests compare whole matrices).
///
/// Its small members are `@inlinable`, so code in other modules gets them specialised for
/// its scalar type instead of calling generic code entry by entry.
public struct Matrix<Scalar: KernelScalar>: Equatable, Sendable {
  public let rows: Int
  public let columns: Int
  /// Row-major entries; always `rows × columns` of them.
  public var values: [Scalar]

  @inlinable
  public init(rows: Int, columns: Int, values: [Scalar]) {
    precondition(
      rows >= 0 && columns >= 0 && values.count == rows * columns, "matrix shape and storage differ")
    self.rows = rows
    self.columns = columns
    self.values = values
  }

  /// A matrix of zeros.
  @inlinable
  public init(rows: Int, columns: Int) {
    self.init(rows: rows, columns: columns, values: [Scalar](repeating: 0, count: rows * columns))
  }

  /// A matrix whose every entry `fill` writes, without a zero fill first: the lab's
  /// temporaries are megabytes and are overwritten at once.
  @inlinable
  public init(rows: Int, columns: Int, fill: (UnsafeMutableBufferPointer<Scalar>) -> Void) {
    self.rows = rows
    self.columns = columns
    values = [Scalar](unsafeUninitializedCapacity: rows * columns) { buffer, count in
      fill(buffer)
      count = rows * columns
    }
  }

  @inlinable
  public subscript(row: Int, column: Int) -> Scalar {
    get { values[row * columns + column] }
    set { values[row * columns + column] = newValue }
  }

  @inlinable
  public func row(_ index: Int) -> ArraySlice<Scalar> { values[index * columns..<(index + 1) * columns] }

  /// The rows `stride(from: start, to: rows, by: step)`, as a new matrix.
  @inlinable
  public func rows(from start: Int, by step: Int) -> Matrix {
    let picked = Array(Swift.stride(from: start, to: rows, by: step))
    return Matrix(rows: picked.count, columns: columns) { out in
      values.withUnsafeBufferPointer { source in
        for (r, row) in picked.enumerated() {
          for c in 0..<columns { out[r * columns + c] = source[row * columns + c] }
        }
      }
    }
  }

  @inlinable
  public var transposed: Matrix {
    Matrix(rows: columns, columns: rows) { out in
      values.withUnsafeBufferPointer { source in
        for r in 0..<rows {
          for c in 0..<columns { out[c * rows + r] = source[r * columns + c] }
        }
      }
    }
  }

  /// Every entry converted to another precision.
  @inlinable
  public func converted<Other: KernelScalar>(to _: Other.Type) -> Matrix<Other> {
    Matrix<Other>(rows: rows, columns: columns, values: values.map { Other($0) })
  }

  /// The identity of the given size.
  @inlinable
  public static func identity(_ size: Int) -> Matrix {
    var matrix = Matrix(rows: size, columns: size)
    for i in 0..<size { matrix[i, i] = 1 }
    return matrix
  }
}
