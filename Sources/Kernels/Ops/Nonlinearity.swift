/// The non-linearities of the paper's blocks, each with the mask its gradient passes
/// through, written once for every engine: ReLU, ReLU6 (min(max(x, 0), 6)) and linear.
///
/// The masks follow PyTorch, so a gradient is checkable against it: ReLU passes where
/// x > 0, ReLU6 (hardtanh's backward) where 0 < x < 6, linear everywhere.
public enum Nonlinearity: String, CaseIterable, Sendable {
  case linear
  case relu
  case relu6

  @inlinable @inline(__always)
  public func apply(_ x: Float) -> Float {
    switch self {
    case .linear: return x
    case .relu: return x < 0 ? 0 : x
    case .relu6: return x < 0 ? 0 : (x > 6 ? 6 : x)
    }
  }

  /// True where the unit passes its input (and its gradient) through unchanged.
  @inlinable @inline(__always)
  public func passes(_ x: Float) -> Bool {
    switch self {
    case .linear: return true
    case .relu: return x > 0
    case .relu6: return x > 0 && x < 6
    }
  }

  /// y ← f(y + bias[c]) for every pixel's channels c: the epilogue of a convolution with its
  /// BatchNorm folded in. The bias is added first, then the function, as two roundings.
  @inlinable
  public func applyWithBias(
    _ y: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>?, pixels: Int, channels: Int
  ) {
    let zero = SIMD8<Float>(repeating: 0), six = SIMD8<Float>(repeating: 6)
    for p in 0..<pixels {
      let row = y + p * channels
      var c = 0
      while c + 8 <= channels {
        var v = UnsafeRawPointer(row + c).loadUnaligned(as: SIMD8<Float>.self)
        if let bias { v += UnsafeRawPointer(bias + c).loadUnaligned(as: SIMD8<Float>.self) }
        switch self {
        case .linear: break
        case .relu: v.replace(with: zero, where: v .< zero)
        case .relu6:
          // replacing(with:where:) rather than pointwiseMin/Max, which Swift leaves generic and slow.
          v.replace(with: zero, where: v .< zero)
          v.replace(with: six, where: v .> six)
        }
        UnsafeMutableRawPointer(row + c).storeBytes(of: v, as: SIMD8<Float>.self)
        c += 8
      }
      while c < channels {
        var v = row[c]
        if let bias { v += bias[c] }
        row[c] = apply(v)
        c += 1
      }
    }
  }

  /// f applied to every entry of a tensor.
  public func forward(_ x: Tensor) -> Tensor {
    var y = x
    y.values.withUnsafeMutableBufferPointer { buffer in
      applyWithBias(buffer.baseAddress!, bias: nil, pixels: 1, channels: buffer.count)
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
