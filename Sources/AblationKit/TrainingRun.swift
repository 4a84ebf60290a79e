import ManifoldKit

/// One network trained once: the data, the seed of its weights and batch order, and the
/// optimiser's settings (the issue's: Adam, batches of 128, cross-entropy).
public struct TrainingRun: Hashable, Sendable {
  public var spec: MiniNetSpec
  /// The run's own seed: it draws the initial weights and the batch order.
  public var seed: UInt64
  public var steps: Int
  public var batchSize: Int
  public var learningRate: Double
  /// Test accuracy is measured every this many steps, and after the last.
  public var evaluationInterval: Int

  public static let defaultSteps = 1500
  public static let defaultBatchSize = 128
  public static let defaultLearningRate = 0.01
  public static let defaultEvaluationInterval = 50
  /// Test points the curve is measured on before the last step.
  public static let curvePoints = 1000

  public init(
    spec: MiniNetSpec, seed: UInt64, steps: Int = defaultSteps, batchSize: Int = defaultBatchSize,
    learningRate: Double = defaultLearningRate, evaluationInterval: Int = defaultEvaluationInterval
  ) {
    self.spec = spec
    self.seed = seed
    self.steps = steps
    self.batchSize = batchSize
    self.learningRate = learningRate
    self.evaluationInterval = evaluationInterval
  }

  /// Trains on `training` (drawn from `data`), measuring accuracy on `test` along the way.
  public func run(data: TwoSpirals, training: LabelledPoints, test: LabelledPoints) -> TrainingResult {
    var session = TrainingSession(run: self, data: data, training: training, test: test)
    session.advance(by: steps)
    return session.result!
  }

  /// Trains on the spirals of `data`.
  public func run(data: TwoSpirals) -> TrainingResult {
    run(data: data, training: data.training, test: data.test)
  }

  /// The share of `points` classified correctly, with BatchNorm's running statistics.
  public static func accuracy(_ net: InvertedResidualNet, on points: LabelledPoints) -> Double {
    var pass = InvertedResidualNet.Pass(for: net, batch: points.count)
    return accuracy(net, on: points, using: &pass)
  }

  /// The same, reusing `pass`'s buffers (made for `points.count`).
  static func accuracy(
    _ net: InvertedResidualNet, on points: LabelledPoints, using pass: inout InvertedResidualNet.Pass
  )
    -> Double
  {
    var copy = net
    copy.forward(&pass, x: points.x, y: points.y, training: false)
    var correct = 0
    for n in 0..<points.count {
      let (z0, z1) = pass.logits(n)
      if (z1 > z0 ? 1 : 0) == points.labels[n] { correct += 1 }
    }
    return Double(correct) / Double(points.count)
  }
}

/// Test accuracy after `step` training steps.
public struct CurvePoint: Equatable, Sendable {
  public var step: Int
  public var accuracy: Double

  public init(step: Int, accuracy: Double) {
    self.step = step
    self.accuracy = accuracy
  }
}

public struct TrainingResult: Equatable, Sendable {
  public var run: TrainingRun
  public var curve: [CurvePoint]
  /// The trained network, for the decision-boundary map.
  public var net: InvertedResidualNet

  public init(run: TrainingRun, curve: [CurvePoint], net: InvertedResidualNet) {
    self.run = run
    self.curve = curve
    self.net = net
  }

  public var finalAccuracy: Double { curve.last?.accuracy ?? 0 }
}

/// Mini-batches without replacement: each epoch a Fisher–Yates shuffle of the training set
/// from the run's generator, taken in order (an epoch's last partial batch runs on into the
/// next epoch's shuffle).
struct BatchOrder {
  private var generator: SplitMix64
  private var permutation: [Int]
  private var position: Int

  init(count: Int, seed: UInt64) {
    generator = SplitMix64(seed: seed)
    permutation = Array(0..<count)
    position = count
  }

  mutating func next() -> Int {
    if position == permutation.count {
      for i in stride(from: permutation.count - 1, to: 0, by: -1) {
        let j = Int(generator.next() % UInt64(i + 1))
        permutation.swapAt(i, j)
      }
      position = 0
    }
    defer { position += 1 }
    return permutation[position]
  }
}
