/// One pass of the experiment for one T: x → act(Tx) → T⁺ act(Tx), with the counts the
/// metrics need, in a single loop that allocates nothing per point.
struct ManifoldPass {
  var recovered: [Point2]
  var collapsedPoints: Int
  var zeroedCoordinates: Int

  init(inputs: [Point2], embedding: RandomEmbedding, activation: ManifoldActivation) {
    switch activation {
    case .relu: self = Self.run(inputs, embedding, ReLUFunction.self)
    case .relu6: self = Self.run(inputs, embedding, ReLU6Function.self)
    case .linear: self = Self.run(inputs, embedding, LinearFunction.self)
    }
  }

  private init(recovered: [Point2], collapsedPoints: Int, zeroedCoordinates: Int) {
    self.recovered = recovered
    self.collapsedPoints = collapsedPoints
    self.zeroedCoordinates = zeroedCoordinates
  }

  /// Generic over the activation so the compiler specialises the inner loop for each.
  private static func run<F: ActivationFunction>(
    _ inputs: [Point2], _ embedding: RandomEmbedding, _: F.Type
  ) -> ManifoldPass {
    let n = embedding.dimension
    var recovered = [Point2](repeating: Point2(0, 0), count: inputs.count)
    var collapsed = 0
    var zeroed = 0
    let fastRank = embedding.rowsPairwiseIndependent
    embedding.column0.withUnsafeBufferPointer { t0 in
      embedding.column1.withUnsafeBufferPointer { t1 in
        embedding.inverseRow0.withUnsafeBufferPointer { p0 in
          embedding.inverseRow1.withUnsafeBufferPointer { p1 in
            recovered.withUnsafeMutableBufferPointer { out in
              for index in 0..<inputs.count {
                let x = inputs[index].x, y = inputs[index].y
                var hx = 0.0, hy = 0.0
                var active = 0
                var zeros = 0
                // Gram matrix of the active rows, needed only when some rows are parallel.
                var g00 = 0.0, g01 = 0.0, g11 = 0.0
                for i in 0..<n {
                  let z = t0[i] * x + t1[i] * y
                  let a = F.apply(z)
                  if a == 0 { zeros += 1 }
                  if F.isActive(z) {
                    active += 1
                    if !fastRank {
                      g00 += t0[i] * t0[i]
                      g01 += t0[i] * t1[i]
                      g11 += t1[i] * t1[i]
                    }
                  }
                  hx += p0[i] * a
                  hy += p1[i] * a
                }
                out[index] = Point2(hx, hy)
                zeroed += zeros
                let recoverable: Bool
                if fastRank {
                  recoverable = active >= 2
                } else {
                  let trace = g00 + g11
                  recoverable =
                    active >= 2 && g00 * g11 - g01 * g01 > RandomEmbedding.rankTolerance * trace * trace
                }
                if !recoverable { collapsed += 1 }
              }
            }
          }
        }
      }
    }
    return ManifoldPass(recovered: recovered, collapsedPoints: collapsed, zeroedCoordinates: zeroed)
  }
}

protocol ActivationFunction {
  static func apply(_ value: Double) -> Double
  static func isActive(_ value: Double) -> Bool
}

enum ReLUFunction: ActivationFunction {
  @inline(__always) static func apply(_ value: Double) -> Double { ManifoldActivation.relu.apply(value) }
  @inline(__always) static func isActive(_ value: Double) -> Bool { ManifoldActivation.relu.isActive(value) }
}

enum ReLU6Function: ActivationFunction {
  @inline(__always) static func apply(_ value: Double) -> Double { ManifoldActivation.relu6.apply(value) }
  @inline(__always) static func isActive(_ value: Double) -> Bool { ManifoldActivation.relu6.isActive(value) }
}

enum LinearFunction: ActivationFunction {
  @inline(__always) static func apply(_ value: Double) -> Double { value }
  @inline(__always) static func isActive(_ value: Double) -> Bool { true }
}
