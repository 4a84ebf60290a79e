/// The non-linearities of the paper's blocks, each with the mask its gradient passes
/// through, written once for every engine and both precisions: the Float forward pass and
/// training, the lab's Float points, and the manifold experiment's Double points.
///
/// ReLU is x < 0 ? 0 : x and ReLU6 is x < 0 ? 0 : (x > 6 ? 6 : x), in every lane width: a NaN
/// goes through as NaN, and −0 stays −0 (it equals 0, so every count and product is the same).
/// The masks follow PyTorch, so a gradient is checkable against it: ReLU passes where x > 0,
/// ReLU6 (hardtanh's backward) where 0 < x < 6, linear everywhere. The slope is 0 wherever the
/// mask is off, which is also what Lemma 2's "active coordinate" means.
public enum Nonlinearity: String, CaseIterable, Sendable {
  case linear
  case relu
  case relu6

  @inlinable @inline(__always)
  public func apply<T: FloatingPoint>(_ x: T) -> T {
    switch self {
    case .linear: return x
    case .relu: return x < 0 ? 0 : x
    case .relu6: return x < 0 ? 0 : (x > 6 ? 6 : x)
    }
  }

  /// True where the unit passes its input (and its gradient) through unchanged.
  @inlinable @inline(__always)
  public func passes<T: FloatingPoint>(_ x: T) -> Bool {
    switch self {
    case .linear: return true
    case .relu: return x > 0
    case .relu6: return x > 0 && x < 6
    }
  }

  /// `apply` lane by lane. `replacing(with:where:)` rather than pointwiseMin/Max, which Swift
  /// leaves generic and slow.
  @inlinable @inline(__always)
  public func apply<V: NonlinearityLanes>(lanes v: V) -> V {
    switch self {
    case .linear: return v
    case .relu: return v.replacing(with: 0, where: v.lanes(below: 0))
    case .relu6:
      return v.replacing(with: 0, where: v.lanes(below: 0)).replacing(with: 6, where: v.lanes(above: 6))
    }
  }

  /// `passes` lane by lane.
  @inlinable @inline(__always)
  public func passes<V: NonlinearityLanes>(lanes v: V) -> SIMDMask<V.MaskStorage> {
    switch self {
    case .linear: return SIMDMask(repeating: true)
    case .relu: return v.lanes(above: 0)
    case .relu6: return v.lanes(above: 0) .& v.lanes(below: 6)
    }
  }

  /// y ← f(x), elementwise over `count` contiguous values (y may be x).
  @inlinable @inline(__always)
  public func apply(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count: Int) {
    var i = 0
    while i + 8 <= count {
      let v = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self)
      UnsafeMutableRawPointer(y + i).storeBytes(of: apply(lanes: v), as: SIMD8<Float>.self)
      i += 8
    }
    while i < count {
      y[i] = apply(x[i])
      i += 1
    }
  }

  /// dx ← dx + dy where the unit passes at x: the backward step of a graph in which the
  /// input may be read more than once, so gradients add.
  @inlinable @inline(__always)
  public func accumulateGradient(
    _ dy: UnsafePointer<Float>, input x: UnsafePointer<Float>, into dx: UnsafeMutablePointer<Float>,
    count: Int
  ) {
    var i = 0
    while i + 8 <= count {
      let xs = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self)
      let dys = UnsafeRawPointer(dy + i).loadUnaligned(as: SIMD8<Float>.self)
      let dxs = UnsafeRawPointer(dx + i).loadUnaligned(as: SIMD8<Float>.self)
      let passed = SIMD8<Float>(repeating: 0).replacing(with: dys, where: passes(lanes: xs))
      UnsafeMutableRawPointer(dx + i).storeBytes(of: dxs + passed, as: SIMD8<Float>.self)
      i += 8
    }
    while i < count {
      dx[i] += passes(x[i]) ? dy[i] : 0
      i += 1
    }
  }

  /// y ← f(y + bias[c]) for every pixel's channels c: the epilogue of a convolution with its
  /// BatchNorm folded in. The bias is added first, then the function, as two roundings.
  @inlinable
  public func applyWithBias(
    _ y: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>?, pixels: Int, channels: Int
  ) {
    guard let bias else {
      apply(y, into: y, count: pixels * channels)
      return
    }
    for p in 0..<pixels {
      let row = y + p * channels
      var c = 0
      while c + 8 <= channels {
        let v =
          UnsafeRawPointer(row + c).loadUnaligned(as: SIMD8<Float>.self)
          + UnsafeRawPointer(bias + c).loadUnaligned(as: SIMD8<Float>.self)
        UnsafeMutableRawPointer(row + c).storeBytes(of: apply(lanes: v), as: SIMD8<Float>.self)
        c += 8
      }
      while c < channels {
        row[c] = apply(row[c] + bias[c])
        c += 1
      }
    }
  }

  /// f applied to every entry of a tensor.
  public func forward(_ x: Tensor) -> Tensor {
    var y = x
    y.values.withUnsafeMutableBufferPointer { buffer in
      apply(buffer.baseAddress!, into: buffer.baseAddress!, count: buffer.count)
    }
    return y
  }

  /// The input's gradient: dy where the unit passes, 0 elsewhere, judged at the input x.
  public func backward(_ dy: Tensor, input x: Tensor) -> Tensor {
    precondition(dy.shape == x.shape, "gradient \(dy.shape) for input \(x.shape)")
    if self == .linear { return dy }
    return Tensor(shape: x.shape) { dx in
      for i in 0..<dx.count { dx[i] = passes(x.values[i]) ? dy.values[i] : 0 }
    }
  }
}

/// The lane types the non-linearities run on (the forward pass's eight Floats, the manifold
/// experiment's four Doubles), each comparing with its own type's vector compare. The
/// standard library's generic SIMD comparisons build the mask one lane at a time through
/// memory even when specialised, which made the miniature's training step six times slower.
public protocol NonlinearityLanes: SIMD where Scalar: FloatingPoint {
  func lanes(below bound: Scalar) -> SIMDMask<MaskStorage>
  func lanes(above bound: Scalar) -> SIMDMask<MaskStorage>
}

extension SIMD8: NonlinearityLanes where Scalar == Float {
  @inlinable @inline(__always)
  public func lanes(below bound: Float) -> SIMDMask<SIMD8<Int32>> { self .< SIMD8(repeating: bound) }
  @inlinable @inline(__always)
  public func lanes(above bound: Float) -> SIMDMask<SIMD8<Int32>> { self .> SIMD8(repeating: bound) }
}

extension SIMD4: NonlinearityLanes where Scalar == Double {
  @inlinable @inline(__always)
  public func lanes(below bound: Double) -> SIMDMask<SIMD4<Int64>> { self .< SIMD4(repeating: bound) }
  @inlinable @inline(__always)
  public func lanes(above bound: Double) -> SIMDMask<SIMD4<Int64>> { self .> SIMD4(repeating: bound) }
}
