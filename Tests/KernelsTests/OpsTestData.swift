@testable import Kernels

/// Inputs for the op tests, from an integer hash (no generator shared with the code).
enum OpsTestData {
  static func values(_ count: Int, salt: Int, scale: Float = 1) -> [Float] {
    MatrixProductTests.matrix(1, count, salt: salt, Float.self).values.map { $0 * 2 * scale }
  }

  static func tensor(_ shape: Tensor.Shape, salt: Int, scale: Float = 1) -> Tensor {
    Tensor(shape: shape, values: values(shape.count, salt: salt, scale: scale))
  }

  /// Σ w·y in Double: a scalar loss whose gradient with respect to y is w.
  static func weightedSum(_ y: [Float], _ w: [Float]) -> Double {
    zip(y, w).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
  }

  /// The central difference of `loss` in every entry of `x`, step h.
  static func numericGradient(_ x: [Float], h: Float = 1e-2, _ loss: ([Float]) -> Double) -> [Double] {
    (0..<x.count).map { i in
      var plus = x, minus = x
      plus[i] += h
      minus[i] -= h
      return (loss(plus) - loss(minus)) / Double(plus[i] - minus[i])
    }
  }

  /// The largest difference relative to the largest entry of `expected`.
  static func relativeDifference(_ analytic: [Float], _ expected: [Double]) -> Double {
    let scale = max(expected.map(abs).max() ?? 0, 1e-12)
    return zip(analytic, expected).map { abs(Double($0) - $1) }.max().map { $0 / scale } ?? 0
  }
}
