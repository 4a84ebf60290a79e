/// Adam (Kingma and Ba 2015) exactly as PyTorch's single-tensor implementation writes it,
/// so the fixture test can hold our parameters to PyTorch's after five steps:
///   m ← m + (1 − β₁)(g − m)            (torch.lerp)
///   v ← β₂·v + (1 − β₂)·g²
///   p ← p − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
public struct Adam: Sendable {
  public var learningRate: Double
  public var beta1: Double = 0.9
  public var beta2: Double = 0.999
  public var epsilon: Double = 1e-8
  public private(set) var step = 0
  var firstMoment: [Float]
  var secondMoment: [Float]

  public init(parameterCount: Int, learningRate: Double) {
    self.learningRate = learningRate
    firstMoment = [Float](repeating: 0, count: parameterCount)
    secondMoment = [Float](repeating: 0, count: parameterCount)
  }

  public mutating func update(_ parameters: inout [Float], gradient: [Float]) {
    step += 1
    // β^t by repeated multiplication: no pow, whose last bit varies between libms.
    var beta1Power = 1.0, beta2Power = 1.0
    for _ in 0..<step {
      beta1Power *= beta1
      beta2Power *= beta2
    }
    let stepSize = Float(learningRate / (1 - beta1Power))
    let correction = Float((1 - beta2Power).squareRoot())
    let w1 = Float(1 - beta1), b2 = Float(beta2), w2 = Float(1 - beta2), eps = Float(epsilon)
    let count = parameters.count
    parameters.withUnsafeMutableBufferPointer { p in
      firstMoment.withUnsafeMutableBufferPointer { m in
        secondMoment.withUnsafeMutableBufferPointer { v in
          gradient.withUnsafeBufferPointer { g in
            // Eight lanes at a time: each lane does exactly the scalar arithmetic below (+, −,
            // ×, ÷ and √ are correctly rounded lane by lane), so the bits are the same.
            var i = 0
            func load(_ pointer: UnsafeRawPointer) -> SIMD8<Float> {
              pointer.loadUnaligned(as: SIMD8<Float>.self)
            }
            while i + 8 <= count {
              let gs = load(g.baseAddress! + i)
              var ms = load(m.baseAddress! + i)
              var vs = load(v.baseAddress! + i)
              ms += w1 * (gs - ms)
              vs = b2 * vs + w2 * gs * gs
              let denominator = vs.squareRoot() / correction + eps
              let ps = load(p.baseAddress! + i) - stepSize * (ms / denominator)
              UnsafeMutableRawPointer(m.baseAddress! + i).storeBytes(of: ms, as: SIMD8<Float>.self)
              UnsafeMutableRawPointer(v.baseAddress! + i).storeBytes(of: vs, as: SIMD8<Float>.self)
              UnsafeMutableRawPointer(p.baseAddress! + i).storeBytes(of: ps, as: SIMD8<Float>.self)
              i += 8
            }
            while i < count {
              m[i] += w1 * (g[i] - m[i])
              v[i] = b2 * v[i] + w2 * g[i] * g[i]
              let denominator = v[i].squareRoot() / correction + eps
              p[i] -= stepSize * (m[i] / denominator)
              i += 1
            }
          }
        }
      }
    }
  }
}
