/// The two loops a small dense network spends its time in, over contiguous Float vectors,
/// with a fixed order of operations so every machine gets the same bits.
///
/// `axpy` is lane-wise (each y[i] sees one multiply and one add), so it vectorises with no
/// reordering. `dot` and `sum` accumulate in eight fixed lanes, lane j taking elements
/// j, j + 8, …, and then add the lanes in the order 0…7: a summation order chosen here, not
/// by the compiler or the vector width of the machine.
public enum VectorOps {
  /// y ← y + a·x, eight lanes at a time (each element still sees one multiply, then one add).
  @inlinable @inline(__always)
  public static func axpy(_ a: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int)
  {
    let scale = SIMD8<Float>(repeating: a)
    var i = 0
    while i + 8 <= count {
      let xs = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self)
      let ys = UnsafeRawPointer(y + i).loadUnaligned(as: SIMD8<Float>.self)
      UnsafeMutableRawPointer(y + i).storeBytes(of: ys + scale * xs, as: SIMD8<Float>.self)
      i += 8
    }
    while i < count {
      y[i] += a * x[i]
      i += 1
    }
  }

  /// z ← z + x·y elementwise (each z[i] sees one multiply, then one add): a depthwise tap.
  @inlinable @inline(__always)
  public static func multiplyAdd(
    _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ z: UnsafeMutablePointer<Float>, count: Int
  ) {
    var i = 0
    while i + 8 <= count {
      let xs = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self)
      let ys = UnsafeRawPointer(y + i).loadUnaligned(as: SIMD8<Float>.self)
      let zs = UnsafeRawPointer(z + i).loadUnaligned(as: SIMD8<Float>.self)
      UnsafeMutableRawPointer(z + i).storeBytes(of: zs + xs * ys, as: SIMD8<Float>.self)
      i += 8
    }
    while i < count {
      z[i] += x[i] * y[i]
      i += 1
    }
  }

  /// Σ x[i]·y[i] in the fixed eight-lane order.
  @inlinable @inline(__always)
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
  @inlinable @inline(__always)
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

  /// A dense layer on channel-major data: y(o, n) = b(o) + Σᵢ W(o, i)·x(i, n), the sum taken
  /// in i order, exactly as `axpy` row by row would (so the bits are the same), but with each
  /// eight points' sum kept in a register instead of loaded and stored for every i.
  @inlinable
  public static func dense(
    weights: UnsafePointer<Float>, bias: UnsafePointer<Float>?, input x: UnsafePointer<Float>,
    output y: UnsafeMutablePointer<Float>, inputs: Int, outputs: Int, batch: Int
  ) {
    for o in 0..<outputs {
      let w = weights + o * inputs
      let b: Float = bias.map { $0[o] } ?? 0
      let row = y + o * batch
      var n = 0
      while n + 8 <= batch {
        var sum = SIMD8<Float>(repeating: b)
        for i in 0..<inputs {
          sum +=
            SIMD8<Float>(repeating: w[i])
            * UnsafeRawPointer(x + i * batch + n).loadUnaligned(as: SIMD8<Float>.self)
        }
        UnsafeMutableRawPointer(row + n).storeBytes(of: sum, as: SIMD8<Float>.self)
        n += 8
      }
      while n < batch {
        var sum = b
        for i in 0..<inputs { sum += w[i] * x[i * batch + n] }
        row[n] = sum
        n += 1
      }
    }
  }

  /// Lanes 0…7 added left to right.
  @inlinable
  static func reduce(_ lanes: SIMD8<Float>) -> Float {
    var total: Float = 0
    for lane in 0..<8 { total += lanes[lane] }
    return total
  }
}
