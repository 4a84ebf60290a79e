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

  /// Generic over the activation so the compiler specialises the loop for each. Rows of T
  /// are taken four at a time as SIMD vectors with their own accumulators, which both
  /// vectorises the work and breaks the chain of dependent additions that otherwise bounds
  /// the speed at large n.
  private static func run<F: ActivationFunction>(
    _ inputs: [Point2], _ embedding: RandomEmbedding, _: F.Type
  ) -> ManifoldPass {
    let n = embedding.dimension
    let count = inputs.count
    let groups = n / 4
    func pack(_ values: [Double]) -> [SIMD4<Double>] {
      (0..<groups).map { SIMD4(values[4 * $0], values[4 * $0 + 1], values[4 * $0 + 2], values[4 * $0 + 3]) }
    }
    // Interleaved per group: t0, t1, p0, p1, so one group's data sits in one cache line pair.
    var packed: [SIMD4<Double>] = []
    packed.reserveCapacity(4 * groups)
    for (a, (b, (c, d))) in zip(
      pack(embedding.column0),
      zip(pack(embedding.column1), zip(pack(embedding.inverseRow0), pack(embedding.inverseRow1))))
    {
      packed += [a, b, c, d]
    }
    var recovered = [Point2](repeating: Point2(0, 0), count: count)
    var collapsed = 0
    var zeroed = 0
    let fastRank = embedding.rowsPairwiseIndependent
    packed.withUnsafeBufferPointer { packed in
      inputs.withUnsafeBufferPointer { inputs in
        recovered.withUnsafeMutableBufferPointer { out in
          embedding.column0.withUnsafeBufferPointer { t0 in
            embedding.column1.withUnsafeBufferPointer { t1 in
              embedding.inverseRow0.withUnsafeBufferPointer { p0 in
                embedding.inverseRow1.withUnsafeBufferPointer { p1 in
                  for index in 0..<count {
                    let x = inputs[index].x, y = inputs[index].y
                    var hxV = SIMD4<Double>(), hyV = SIMD4<Double>()
                    var zerosV = SIMD4<Int64>(), activeV = SIMD4<Int64>()
                    for g in 0..<groups {
                      let z = packed[4 * g] * x + packed[4 * g + 1] * y
                      let a = F.apply(z)
                      zerosV &+= SIMD4<Int64>(repeating: 0).replacing(with: 1, where: a .== 0)
                      activeV &+= SIMD4<Int64>(repeating: 0).replacing(with: 1, where: F.isActive(z))
                      hxV += packed[4 * g + 2] * a
                      hyV += packed[4 * g + 3] * a
                    }
                    // Lanes in index order, written out: SIMD's sum() leaves the order
                    // unspecified.
                    var hx = ((hxV[0] + hxV[1]) + hxV[2]) + hxV[3]
                    var hy = ((hyV[0] + hyV[1]) + hyV[2]) + hyV[3]
                    var zeros = Int(zerosV.wrappedSum()), active = Int(activeV.wrappedSum())
                    for i in (4 * groups)..<n {
                      let z = t0[i] * x + t1[i] * y
                      let a = F.apply(z)
                      zeros &+= a == 0 ? 1 : 0
                      active &+= F.isActive(z) ? 1 : 0
                      hx += p0[i] * a
                      hy += p1[i] * a
                    }
                    out[index] = Point2(hx, hy)
                    zeroed &+= zeros
                    let recoverable =
                      fastRank
                      ? active >= 2 : active >= 2 && Self.activeRowsSpanThePlane(x, y, t0, t1, F.self)
                    collapsed &+= recoverable ? 0 : 1
                  }
                }
              }
            }
          }
        }
      }
    }
    return ManifoldPass(recovered: recovered, collapsedPoints: collapsed, zeroedCoordinates: zeroed)
  }

  /// Lemma 2's rank condition checked directly, for the (measure-zero) case where some rows
  /// of T are parallel: the Gram matrix of the active rows must be non-singular.
  private static func activeRowsSpanThePlane<F: ActivationFunction>(
    _ x: Double, _ y: Double, _ t0: UnsafeBufferPointer<Double>, _ t1: UnsafeBufferPointer<Double>, _: F.Type
  ) -> Bool {
    var g00 = 0.0, g01 = 0.0, g11 = 0.0
    for i in 0..<t0.count where F.isActive(t0[i] * x + t1[i] * y) {
      g00 += t0[i] * t0[i]
      g01 += t0[i] * t1[i]
      g11 += t1[i] * t1[i]
    }
    let trace = g00 + g11
    return g00 * g11 - g01 * g01 > RandomEmbedding.rankTolerance * trace * trace
  }
}

protocol ActivationFunction {
  static var f: Nonlinearity { get }
}

extension ActivationFunction {
  @inline(__always) static func apply(_ value: Double) -> Double { f.apply(value) }
  @inline(__always) static func isActive(_ value: Double) -> Bool { f.passes(value) }
  @inline(__always) static func apply(_ value: SIMD4<Double>) -> SIMD4<Double> { f.apply(lanes: value) }
  @inline(__always) static func isActive(_ value: SIMD4<Double>) -> SIMDMask<SIMD4<Int64>> {
    f.passes(lanes: value)
  }
}

/// The activation as a type, so each pass is specialised for its one `Nonlinearity` and the
/// switch inside it folds away.
enum ReLUFunction: ActivationFunction {
  @inline(__always) static var f: Nonlinearity { .relu }
}

enum ReLU6Function: ActivationFunction {
  @inline(__always) static var f: Nonlinearity { .relu6 }
}

enum LinearFunction: ActivationFunction {
  @inline(__always) static var f: Nonlinearity { .linear }
}
