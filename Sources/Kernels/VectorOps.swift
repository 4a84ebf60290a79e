/// The two loops a small dense network spends its time in, over contiguous Float vectors,
/// with a fixed order of operations so every machine gets the same bits.
///
/// `axpy` is lane-wise (each y[i] sees one multiply and one add), so it vectorises with no
/// reordering. `dot` and `sum` accumulate in eight fixed lanes, lane j taking elements
/// j, j + 8, …, and then add the lanes in the order 0…7: a summation order chosen here, not
/// by the compiler or the vector width of the machine.
public enum VectorOps {
  /// y ← y + a·x.
  @inlinable
  public static func axpy(_ a: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int)
  {
    for i in 0..<count { y[i] += a * x[i] }
  }

  /// Σ x[i]·y[i] in the fixed eight-lane order.
  @inlinable
  public static func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count: Int) -> Float {
    var lanes = SIMD8<Float>(repeating: 0)
    var i = 0
    while i + 8 <= count {
      let a = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self)
      let b = UnsafeRawPointer(y + i).loadUnaligned(as: SIMD8<Float>.self)
      lanes += a * b
      i += 8
    }
    var rest = SIMD8<Float>(repeating: 0)
    var lane = 0
    while i < count {
      rest[lane] = x[i] * y[i]
      i += 1
      lane += 1
    }
    lanes += rest
    return reduce(lanes)
  }

  /// Σ x[i] in the fixed eight-lane order.
  @inlinable
  public static func sum(_ x: UnsafePointer<Float>, count: Int) -> Float {
    var lanes = SIMD8<Float>(repeating: 0)
    var i = 0
    while i + 8 <= count {
      lanes += UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self)
      i += 8
    }
    var rest = SIMD8<Float>(repeating: 0)
    var lane = 0
    while i < count {
      rest[lane] = x[i]
      i += 1
      lane += 1
    }
    lanes += rest
    return reduce(lanes)
  }

  /// Lanes 0…7 added left to right.
  @inlinable
  static func reduce(_ lanes: SIMD8<Float>) -> Float {
    var total: Float = 0
    for lane in 0..<8 { total += lanes[lane] }
    return total
  }
}
