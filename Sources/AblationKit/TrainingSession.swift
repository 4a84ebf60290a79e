import ManifoldKit

/// A training run that can stop and go on: the network, the optimiser, the batch order and
/// the curve so far. `TrainingRun.run` is one session advanced to the end; the explorer
/// advances many a few hundred steps at a time, so keys never wait for training, and the
/// result is bit-identical however the steps are split.
public struct TrainingSession: Sendable {
  public let run: TrainingRun
  /// The spirals it trains and is tested on.
  public let data: TwoSpirals
  /// Steps taken so far.
  public private(set) var step = 0
  public private(set) var curve: [CurvePoint] = []
  public private(set) var net: InvertedResidualNet
  private var adam: Adam
  private var order: BatchOrder
  private let training: LabelledPoints
  /// The curve is measured on the first 1,000 test points (±1.6 points at 90%, enough to
  /// draw); the final evaluations, whose mean the statistics use, on all of them.
  private let test: LabelledPoints
  private let probe: LabelledPoints
  private var pass: InvertedResidualNet.Pass
  private var probePass: InvertedResidualNet.Pass

  public init(run: TrainingRun, data: TwoSpirals) {
    self.init(run: run, data: data, training: data.training, test: data.test)
  }

  /// With the points already drawn from `data`, so many sessions share one copy.
  public init(run: TrainingRun, data: TwoSpirals, training: LabelledPoints, test: LabelledPoints) {
    self.run = run
    self.data = data
    self.training = training
    self.test = test
    net = InvertedResidualNet(spec: run.spec, seed: SplitMix64.derivedSeed(run.seed, stream: 0x1417_0001))
    adam = Adam(parameterCount: net.parameterCount, learningRate: run.learningRate)
    order = BatchOrder(count: training.count, seed: SplitMix64.derivedSeed(run.seed, stream: 0x1417_0002))
    probe = test.prefix(TrainingRun.curvePoints)
    pass = InvertedResidualNet.Pass(for: net, batch: run.batchSize)
    probePass = InvertedResidualNet.Pass(for: net, batch: probe.count)
    let steps = run.evaluationSteps
    evaluations = Set(steps)
    onWholeTestSet = Set(run.finalEvaluationSteps)
  }

  private let evaluations: Set<Int>
  private let onWholeTestSet: Set<Int>

  public var isFinished: Bool { step >= run.steps }

  /// The trained network and its curve, once every step is taken.
  public var result: TrainingResult? {
    isFinished ? TrainingResult(run: run, curve: curve, net: net) : nil
  }

  /// Takes up to `count` more steps (fewer at the end of the run).
  public mutating func advance(by count: Int) {
    let batch = run.batchSize
    var x = [Float](repeating: 0, count: batch), y = x
    var labels = [Int](repeating: 0, count: batch)
    let last = min(run.steps, step + max(0, count))
    while step < last {
      step += 1
      for slot in 0..<batch {
        let index = order.next()
        x[slot] = training.x[index]
        y[slot] = training.y[index]
        labels[slot] = training.labels[index]
      }
      net.forward(&pass, x: x, y: y, training: true)
      let loss = CrossEntropy.evaluate(pass, labels: labels, withLoss: false)
      net.backward(&pass, logitGradient: loss.gradient)
      adam.update(&net.parameters, gradient: pass.parameterGradient)
      if onWholeTestSet.contains(step) {
        // The whole test set a few times at the end, so its pass is made and dropped here.
        curve.append(CurvePoint(step: step, accuracy: TrainingRun.accuracy(net, on: test)))
      } else if evaluations.contains(step) {
        curve.append(
          CurvePoint(step: step, accuracy: TrainingRun.accuracy(net, on: probe, using: &probePass)))
      }
    }
  }
}

extension TrainingSession: Equatable {
  /// Training is deterministic: the same run on the same spirals, stopped after the same
  /// number of steps, is in the same state bit for bit, so these three decide equality.
  public static func == (a: TrainingSession, b: TrainingSession) -> Bool {
    a.run == b.run && a.data == b.data && a.step == b.step
  }
}
