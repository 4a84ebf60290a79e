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
    for i in parameters.indices {
      let g = gradient[i]
      firstMoment[i] += w1 * (g - firstMoment[i])
      secondMoment[i] = b2 * secondMoment[i] + w2 * g * g
      let denominator = secondMoment[i].squareRoot() / correction + eps
      parameters[i] -= stepSize * (firstMoment[i] / denominator)
    }
  }
}
