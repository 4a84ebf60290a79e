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
  /// Test points the curve is measured on before the final evaluations.
  public static let curvePoints = 1000
  /// How many of the last evaluations make the final accuracy, each on the whole test set.
  /// One evaluation is a noisy end point: Adam at a fixed rate keeps moving, and a mean curve
  /// moved several points between neighbouring evaluations (d = 2 linear: 85.7% at step 1450,
  /// 78.5% at 1500), which flipped the d = 4 verdict with the stopping step. The mean of the
  /// last five (the last 250 steps by default) describes where training ended, shares four
  /// of five evaluations with a run stopped 50 steps earlier or later, and still reads the
  /// end of training (an average of the weights would be a different network from the one
  /// whose decision map is drawn).
  public static let finalEvaluationCount = 5

  /// The steps at which test accuracy is measured: every `evaluationInterval`, and the last.
  public var evaluationSteps: [Int] {
    var steps = Array(stride(from: evaluationInterval, to: self.steps, by: max(1, evaluationInterval)))
    steps.append(self.steps)
    return steps
  }

  /// Test points the run evaluates in all: the curve's probe at each evaluation, and the
  /// whole test set at the final ones.
  public var evaluatedPoints: Double {
    let final = finalEvaluationSteps.count
    return Double(evaluationSteps.count - final) * Double(Self.curvePoints)
      + Double(final) * Double(TwoSpirals.testCount)
  }

  /// A model of the run's time on one of two busy cores: 110 µs of fixed cost a step (the
  /// loss, Adam, BatchNorm's per-channel loops, which do not grow with d²) and 4,000
  /// multiply-adds a microsecond in the dense kernels (`AblationBoard` and `mnv2 ablation`
  /// quote it, with `AblationStudy.allocationMicroseconds`, before they start). Fitted on
  /// whole studies against their quotes: the default study took 16.9 s (quoted 24 s; 25 s
  /// with the earlier 40 µs and 2,400 a µs), `--compare both` 20.7 s (28 s; 29 s), widths 16
  /// and 32 × 4 seeds 60.8 s (66 s; 102 s), width 64 × 3 seeds × 500 steps 43.2 s (55 s;
  /// 85 s), widths 1…64 × 5 seeds × 1 step 100 s (112 s; 108 s). Every quote is above.
  public var expectedMicroseconds: Double {
    let perPoint = Double(spec.multiplyAddsPerPoint)
    return Double(steps) * (110 + perPoint * 3 * Double(batchSize) / 4000) + evaluatedPoints * perPoint / 4000
  }

  /// The evaluations averaged into the final accuracy, all on the whole test set.
  public var finalEvaluationSteps: ArraySlice<Int> { evaluationSteps.suffix(Self.finalEvaluationCount) }

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

  /// The mean test accuracy over the final evaluations (`TrainingRun.finalEvaluationCount`,
  /// on all 4,000 test points), summed in step order: what the statistics compare.
  public var finalAccuracy: Double {
    let final = curve.suffix(TrainingRun.finalEvaluationCount)
    guard !final.isEmpty else { return 0 }
    var sum = 0.0
    for point in final { sum += point.accuracy }
    return sum / Double(final.count)
  }

  /// The accuracy of the trained network itself, after the last step: the one whose
  /// decision map is drawn.
  public var lastAccuracy: Double { curve.last?.accuracy ?? 0 }
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
