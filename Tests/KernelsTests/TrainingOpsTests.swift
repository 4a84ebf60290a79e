import Foundation
import Testing

@testable import Kernels

/// The ops training uses: each forward against its definition, each backward against a
/// central finite difference of a weighted sum of its output.
@Suite struct TrainingOpsTests {
  static let shape = Tensor.Shape(batch: 3, height: 2, width: 2, channels: 5)

  @Test func nonlinearitiesAndTheirMasksFollowPyTorch() {
    #expect(
      Nonlinearity.relu6.apply(-1) == 0 && Nonlinearity.relu6.apply(7) == 6
        && Nonlinearity.relu6.apply(2.5) == 2.5)
    #expect(Nonlinearity.relu.apply(-1) == 0 && Nonlinearity.relu.apply(7) == 7)
    #expect(Nonlinearity.linear.apply(-3) == -3)
    // The kinks pass nothing: ReLU at 0, ReLU6 at 0 and at 6 (hardtanh's strict inequalities).
    #expect(!Nonlinearity.relu.passes(0) && Nonlinearity.relu.passes(0.001))
    #expect(
      !Nonlinearity.relu6.passes(0) && !Nonlinearity.relu6.passes(6) && Nonlinearity.relu6.passes(5.999))
    #expect(Nonlinearity.linear.passes(-1e30))
    // The vector epilogue is the scalar function, lane by lane and in the tail (13 = 8 + 5).
    let x = OpsTestData.values(13, salt: 50, scale: 8)
    let bias = OpsTestData.values(13, salt: 51)
    for f in Nonlinearity.allCases {
      var y = x
      y.withUnsafeMutableBufferPointer { buffer in
        bias.withUnsafeBufferPointer {
          f.applyWithBias(buffer.baseAddress!, bias: $0.baseAddress!, pixels: 1, channels: 13)
        }
      }
      #expect(y == zip(x, bias).map { f.apply($0 + $1) })
    }
  }

  /// Every lane width and both precisions against the definitions written here, with the
  /// kinks, −0, ±∞ and NaN among the inputs (29 = 3 × 8 + 5, so the tails run too).
  @Test(arguments: Nonlinearity.allCases)
  func everyFormOfANonlinearityIsTheOneDefinition(_ f: Nonlinearity) {
    func reference(_ x: Double) -> Double {
      switch f {
      case .linear: return x
      case .relu: return x < 0 ? 0 : x
      case .relu6: return x < 0 ? 0 : (x > 6 ? 6 : x)
      }
    }
    func passes(_ x: Double) -> Bool { f == .linear || (x > 0 && (f == .relu || x < 6)) }
    let special: [Float] = [0, -0, 6, -6, 6.5, .infinity, -.infinity, .nan, 5.999_999, 1e-30]
    let x = special + OpsTestData.values(19, salt: 54, scale: 8)
    let dy = OpsTestData.values(x.count, salt: 55), start = OpsTestData.values(x.count, salt: 56)
    var y = [Float](repeating: 1, count: x.count), dx = start
    x.withUnsafeBufferPointer { xs in
      y.withUnsafeMutableBufferPointer { f.apply(xs.baseAddress!, into: $0.baseAddress!, count: x.count) }
      dy.withUnsafeBufferPointer { dys in
        dx.withUnsafeMutableBufferPointer {
          f.accumulateGradient(
            dys.baseAddress!, input: xs.baseAddress!, into: $0.baseAddress!, count: x.count)
        }
      }
    }
    for i in x.indices {
      let expected = Float(reference(Double(x[i])))
      #expect(y[i].bitPattern == expected.bitPattern || (y[i].isNaN && expected.isNaN), "x = \(x[i])")
      #expect(f.apply(Double(x[i])).bitPattern == reference(Double(x[i])).bitPattern || x[i].isNaN)
      #expect(f.passes(x[i]) == passes(Double(x[i])) && f.passes(Double(x[i])) == passes(Double(x[i])))
      #expect(dx[i] == start[i] + (passes(Double(x[i])) ? dy[i] : 0))
    }
    // The Double lanes the manifold experiment uses.
    for g in stride(from: 0, to: 28, by: 4) {
      let lanes = SIMD4<Double>((g..<g + 4).map { Double(x[$0]) })
      let applied = f.apply(lanes: lanes), mask = f.passes(lanes: lanes)
      for j in 0..<4 {
        #expect(applied[j].bitPattern == reference(lanes[j]).bitPattern || lanes[j].isNaN)
        #expect(mask[j] == passes(lanes[j]))
      }
    }
  }

  @Test(arguments: Nonlinearity.allCases)
  func nonlinearityGradientMatchesFiniteDifferences(_ f: Nonlinearity) {
    // Inputs kept 0.05 away from the kinks, where the function is differentiable.
    let x = Tensor(
      shape: Self.shape,
      values: OpsTestData.values(Self.shape.count, salt: 52, scale: 8).map { v in
        [Float(0), 6].contains { abs(v - $0) < 0.05 } ? v + 0.1 : v
      })
    let w = OpsTestData.values(Self.shape.count, salt: 53)
    let analytic = f.backward(Tensor(shape: Self.shape, values: w), input: x)
    let numeric = OpsTestData.numericGradient(x.values, h: 1e-2) { v in
      OpsTestData.weightedSum(f.forward(Tensor(shape: Self.shape, values: v)).values, w)
    }
    #expect(OpsTestData.relativeDifference(analytic.values, numeric) < 1e-3)
  }

  @Test func pointwiseGradientsMatchFiniteDifferences() {
    let x = OpsTestData.tensor(Self.shape, salt: 60)
    let conv = PointwiseConvolution(
      weights: MatrixProductTests.matrix(5, 7, salt: 61, Float.self), bias: OpsTestData.values(7, salt: 62))
    let w = OpsTestData.values(conv.outputShape(Self.shape).count, salt: 63)
    let g = conv.backward(Tensor(shape: conv.outputShape(Self.shape), values: w), input: x)
    let dx = OpsTestData.numericGradient(x.values) { v in
      OpsTestData.weightedSum(conv.forward(Tensor(shape: Self.shape, values: v)).values, w)
    }
    let dW = OpsTestData.numericGradient(conv.weights.values) { v in
      var changed = conv
      changed.weights.values = v
      return OpsTestData.weightedSum(changed.forward(x).values, w)
    }
    let db = OpsTestData.numericGradient(conv.bias) { v in
      var changed = conv
      changed.bias = v
      return OpsTestData.weightedSum(changed.forward(x).values, w)
    }
    #expect(OpsTestData.relativeDifference(g.input.values, dx) < 1e-3)
    #expect(OpsTestData.relativeDifference(g.weights.values, dW) < 1e-3)
    #expect(OpsTestData.relativeDifference(g.bias, db) < 1e-3)
  }

  static func norm() -> BatchNorm {
    BatchNorm(
      scale: OpsTestData.values(5, salt: 70).map { 1 + $0 }, shift: OpsTestData.values(5, salt: 71),
      runningMean: OpsTestData.values(5, salt: 72),
      runningVariance: OpsTestData.values(5, salt: 73).map { 1 + $0 * $0 })
  }

  /// The batch statistics, the normalisation and PyTorch's running update, by their
  /// definitions in the documented order (per channel, pixel p in lane p mod 8, then lanes
  /// 0…7 left to right): bit for bit.
  @Test func batchNormTrainingEqualsItsDefinition() {
    let x = OpsTestData.tensor(Self.shape, salt: 74, scale: 3)
    var norm = Self.norm()
    let before = norm
    let (y, _) = norm.training(x)
    let count = Self.shape.pixels
    let n = Float(count)
    func eightLaneSum(_ values: [Float]) -> Float {
      var lanes = [Float](repeating: 0, count: 8)
      for (p, v) in values.enumerated() { lanes[p % 8] = lanes[p % 8] + v }
      return lanes.reduce(Float(0)) { $0 + $1 }
    }
    for c in 0..<5 {
      let column = (0..<count).map { x.values[$0 * 5 + c] }
      let mean = eightLaneSum(column) / n
      let variance = eightLaneSum(column.map { ($0 - mean) * ($0 - mean) }) / n
      let inverse = 1 / (variance + 1e-5).squareRoot()
      for p in 0..<count {
        #expect(y.values[p * 5 + c] == before.scale[c] * ((column[p] - mean) * inverse) + before.shift[c])
      }
      #expect(norm.runningMean[c] == 0.9 * before.runningMean[c] + 0.1 * mean)
      #expect(norm.runningVariance[c] == 0.9 * before.runningVariance[c] + 0.1 * (variance * n / (n - 1)))
    }
  }

  @Test func batchNormGradientsMatchFiniteDifferences() {
    let x = OpsTestData.tensor(Self.shape, salt: 75, scale: 3)
    var norm = Self.norm()
    let start = norm
    let (y, saved) = norm.training(x)
    let w = OpsTestData.values(y.values.count, salt: 76)
    let g = start.backward(Tensor(shape: Self.shape, values: w), saved: saved)
    func loss(_ n: BatchNorm, _ v: [Float]) -> Double {
      var copy = n
      return OpsTestData.weightedSum(copy.training(Tensor(shape: Self.shape, values: v)).output.values, w)
    }
    let dx = OpsTestData.numericGradient(x.values) { loss(start, $0) }
    let dScale = OpsTestData.numericGradient(start.scale) { v in
      var n = start
      n.scale = v
      return loss(n, x.values)
    }
    let dShift = OpsTestData.numericGradient(start.shift) { v in
      var n = start
      n.shift = v
      return loss(n, x.values)
    }
    #expect(OpsTestData.relativeDifference(g.input.values, dx) < 2e-3)
    #expect(OpsTestData.relativeDifference(g.scale, dScale) < 1e-3)
    #expect(OpsTestData.relativeDifference(g.shift, dShift) < 1e-3)
  }

  /// Folding is exact algebra and rounds differently: conv then BatchNorm, and the folded
  /// conv, agree to 1e-5 of the output's largest entry (45 rounded products per entry).
  @Test func foldingBatchNormIntoEachConvGivesTheSameOutput() {
    let x = OpsTestData.tensor(Tensor.Shape(batch: 2, height: 6, width: 5, channels: 5), salt: 77)
    let norm = Self.norm()
    let conv = Convolution(
      kernel: 3, stride: 2, padding: .symmetric(kernel: 3), inputChannels: 5, outputChannels: 5,
      weights: OpsTestData.values(225, salt: 78))
    let depthwise = DepthwiseConvolution(
      kernel: 3, stride: 1, padding: .symmetric(kernel: 3), channels: 5,
      weights: OpsTestData.values(45, salt: 79))
    let pointwise = PointwiseConvolution(weights: MatrixProductTests.matrix(5, 5, salt: 80, Float.self))
    let pairs: [(Tensor, Tensor)] = [
      (norm.inference(conv.forward(x)), conv.folding(norm).forward(x)),
      (norm.inference(depthwise.forward(x)), depthwise.folding(norm).forward(x)),
      (norm.inference(pointwise.forward(x)), pointwise.folding(norm).forward(x)),
    ]
    for (unfolded, folded) in pairs {
      let scale = unfolded.values.map(abs).max()!
      let worst = zip(unfolded.values, folded.values).map { abs($0 - $1) }.max()!
      #expect(worst <= scale * 1e-5)
    }
  }

  @Test func residualAddAndPoolEqualTheirDefinitions() {
    let a = OpsTestData.tensor(Self.shape, salt: 81), b = OpsTestData.tensor(Self.shape, salt: 82)
    #expect(ResidualAdd.forward(a, shortcut: b).values == zip(a.values, b.values).map { $0 + $1 })
    let pooled = GlobalAveragePool.forward(a)
    #expect(pooled.shape == Tensor.Shape(batch: 3, height: 1, width: 1, channels: 5))
    for n in 0..<3 {
      for c in 0..<5 {
        var sum: Float = 0
        for y in 0..<2 {
          for x in 0..<2 { sum = sum + a[n, y, x, c] }
        }
        #expect(pooled[n, 0, 0, c] == sum / 4)
      }
    }
    let w = OpsTestData.values(15, salt: 83)
    let analytic = GlobalAveragePool.backward(Tensor(shape: pooled.shape, values: w), inputShape: Self.shape)
    let numeric = OpsTestData.numericGradient(a.values) { v in
      OpsTestData.weightedSum(GlobalAveragePool.forward(Tensor(shape: Self.shape, values: v)).values, w)
    }
    #expect(OpsTestData.relativeDifference(analytic.values, numeric) < 1e-3)
    let (toBlock, toShortcut) = ResidualAdd.backward(Tensor(shape: Self.shape, values: w + w + w + w))
    #expect(toBlock == toShortcut)
  }

  /// Softmax against Foundation's exp (another implementation), and the cross-entropy's
  /// gradient against finite differences.
  @Test func softmaxAndCrossEntropy() {
    let logits = OpsTestData.tensor(.points(4, channels: 10), salt: 84, scale: 5)
    let labels = [3, 0, 9, 5]
    let p = SoftmaxCrossEntropy.softmax(logits)
    var loss = 0.0
    for n in 0..<4 {
      let row = (0..<10).map { Double(logits[n, 0, 0, $0]) }
      let total = row.map { Foundation.exp($0) }.reduce(0, +)
      for k in 0..<10 { #expect(abs(Double(p[n, 0, 0, k]) - Foundation.exp(row[k]) / total) < 1e-7) }
      loss -= Foundation.log(Foundation.exp(row[labels[n]]) / total)
    }
    #expect(abs(Double(SoftmaxCrossEntropy.loss(logits, labels: labels)) - loss / 4) < 1e-6)
    // Logits of 1000 would overflow e^z; the shifted form does not.
    let large = Tensor(shape: .points(1, channels: 2), values: [1000, 999])
    #expect(abs(SoftmaxCrossEntropy.softmax(large).values[0] - Float(1 / (1 + Foundation.exp(-1.0)))) < 1e-7)
    let analytic = SoftmaxCrossEntropy.backward(logits, labels: labels)
    let numeric = OpsTestData.numericGradient(logits.values, h: 1e-2) { v in
      Double(SoftmaxCrossEntropy.loss(Tensor(shape: logits.shape, values: v), labels: labels))
    }
    #expect(OpsTestData.relativeDifference(analytic.values, numeric) < 2e-3)
  }
}
