import ManifoldKit

/// The miniature's data: two interleaved spirals in the plane, one per class, as in the
/// classic two-spirals benchmark and TF Playground. A low-dimensional manifold that a
/// narrow network must carry through its bottlenecks intact to separate.
///
/// Class c's points are r(cos θ, sin θ) with u uniform on (0, 1), r = 0.05 + 0.95u and
/// θ = 2π·turns·u + cπ, plus Gaussian noise of sd `noise` on each coordinate. Training and
/// test sets are drawn from independent streams of the seed.
public struct TwoSpirals: Equatable, Sendable {
  public var turns: Double
  public var noise: Double
  public var seed: UInt64

  public static let defaultTurns = 3.0
  public static let defaultNoise = 0.02
  public static let trainingCount = 4000
  public static let testCount = 4000

  public init(turns: Double = defaultTurns, noise: Double = defaultNoise, seed: UInt64 = 1) {
    self.turns = turns
    self.noise = noise
    self.seed = seed
  }

  /// `count` points, half of each class, alternating, from stream `stream` of the seed.
  public func points(count: Int, stream: UInt64) -> LabelledPoints {
    var generator = SplitMix64(seed: SplitMix64.derivedSeed(seed, stream: 0x5B1_0000 &+ stream))
    var x = [Float](repeating: 0, count: count)
    var y = [Float](repeating: 0, count: count)
    var labels = [Int](repeating: 0, count: count)
    for index in 0..<count {
      let label = index % 2
      let u = generator.nextUnitInterval()
      let radius = 0.05 + 0.95 * u
      let angle = 2 * Double.pi * turns * u + Double(label) * Double.pi
      x[index] = Float(radius * DeterministicMath.cos(angle) + noise * generator.nextNormal())
      y[index] = Float(radius * DeterministicMath.sin(angle) + noise * generator.nextNormal())
      labels[index] = label
    }
    return LabelledPoints(x: x, y: y, labels: labels)
  }

  public var training: LabelledPoints { points(count: Self.trainingCount, stream: 0) }
  public var test: LabelledPoints { points(count: Self.testCount, stream: 1) }
}

/// Points in the plane with a class each, as two coordinate columns.
public struct LabelledPoints: Equatable, Sendable {
  public var x: [Float]
  public var y: [Float]
  public var labels: [Int]

  public var count: Int { labels.count }

  /// The first `count` points (the sets alternate classes, so any prefix is balanced).
  public func prefix(_ count: Int) -> LabelledPoints {
    LabelledPoints(x: Array(x.prefix(count)), y: Array(y.prefix(count)), labels: Array(labels.prefix(count)))
  }
}
