import Testing

@testable import Kernels

/// `VectorOps` against plain loops written in the documented order.
@Suite struct VectorOpsTests {
  static let counts = [0, 1, 7, 8, 9, 16, 29]

  @Test(arguments: counts)
  func elementwiseOpsEqualTheirLoops(count: Int) {
    let x = OpsTestData.values(count, salt: 90, scale: 8), y = OpsTestData.values(count, salt: 91, scale: 8)
    let z = OpsTestData.values(count, salt: 92)
    var axpy = y, multiplyAdd = z
    x.withUnsafeBufferPointer { xs in
      y.withUnsafeBufferPointer { ys in
        axpy.withUnsafeMutableBufferPointer {
          VectorOps.axpy(0.75, xs.baseAddress!, $0.baseAddress!, count: count)
        }
        multiplyAdd.withUnsafeMutableBufferPointer {
          VectorOps.multiplyAdd(xs.baseAddress!, ys.baseAddress!, $0.baseAddress!, count: count)
        }
      }
    }
    #expect(axpy == zip(x, y).map { $1 + 0.75 * $0 })
    #expect(multiplyAdd == (0..<count).map { z[$0] + x[$0] * y[$0] })
  }

  /// dot and sum in eight lanes, lane j taking j, j + 8, …, then lanes 0…7 left to right.
  @Test(arguments: counts)
  func reductionsFollowTheEightLaneOrder(count: Int) {
    let x = OpsTestData.values(count, salt: 93), y = OpsTestData.values(count, salt: 94)
    var dotLanes = [Float](repeating: 0, count: 8), sumLanes = dotLanes
    for i in 0..<count {
      dotLanes[i % 8] = dotLanes[i % 8] + x[i] * y[i]
      sumLanes[i % 8] = sumLanes[i % 8] + x[i]
    }
    let dot = dotLanes.reduce(Float(0)) { $0 + $1 }, sum = sumLanes.reduce(Float(0)) { $0 + $1 }
    x.withUnsafeBufferPointer { xs in
      y.withUnsafeBufferPointer { ys in
        #expect(VectorOps.dot(xs.baseAddress!, ys.baseAddress!, count: count) == dot)
        #expect(VectorOps.sum(xs.baseAddress!, count: count) == sum)
      }
    }
  }

  /// The channel-major dense layer: y(o, n) = b(o) + Σᵢ W(o, i)·x(i, n) in i order.
  @Test(arguments: [(3, 2, 1), (5, 4, 8), (7, 3, 19)])
  func channelMajorDenseEqualsItsLoops(inputs: Int, outputs: Int, batch: Int) {
    let w = OpsTestData.values(inputs * outputs, salt: 95), b = OpsTestData.values(outputs, salt: 96)
    let x = OpsTestData.values(inputs * batch, salt: 97)
    var y = [Float](repeating: 0, count: outputs * batch)
    VectorOps.dense(weights: w, bias: b, input: x, output: &y, inputs: inputs, outputs: outputs, batch: batch)
    for n in 0..<batch {
      for o in 0..<outputs {
        var s = b[o]
        for i in 0..<inputs { s = s + w[o * inputs + i] * x[i * batch + n] }
        #expect(y[o * batch + n] == s)
      }
    }
  }
}
