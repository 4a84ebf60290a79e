import Kernels
import ManifoldKit

/// Figure 1's question asked of a real MobileNetV2 block: a k-dimensional manifold in the
/// block's d′ input channels goes through expand → ReLU6 → depthwise → ReLU6 → project
/// (linear or ReLU6); how much of it survives?
///
/// Initialisation (documented in docs/commands.md, "mnv2 lab"): the manifold is embedded by
/// E ∈ ℝ^{d′×k} with N(0, 1/k) entries; expansion and projection weights are He-normal,
/// N(0, 2/fan_in); the depthwise 3×3 acts on a single pixel, so it is a per-channel scale —
/// its centre tap, N(0, 2/9); BatchNorm is the identity and there are no biases.
public struct BottleneckLab: Equatable, Sendable {
  public var shape: BottleneckShape
  public var manifoldDimension: Int
  public var projection: ManifoldActivation
  /// Add the block's input to its output, where the real block does so.
  public var shortcut: Bool
  public var points: Int
  public var seed: UInt64
  public var trials: Int
  /// Tests only: every activation linear, so the block is a linear map.
  var linearised = false
  /// Neighbour preservation is the costliest metric; the sweep's table does not show it,
  /// so it can be left out there (the result's `neighbourPreservation` is then nil).
  public var measuresNeighbours = true

  public static let neighbourCount = 10
  /// Neighbour preservation is measured for this many query points against all points.
  public static let neighbourQueries = 200

  public init(
    shape: BottleneckShape, manifoldDimension: Int = 2, projection: ManifoldActivation = .linear,
    shortcut: Bool = false, points: Int = 2000, seed: UInt64 = 1, trials: Int = 1
  ) {
    self.shape = shape
    self.manifoldDimension = manifoldDimension
    self.projection = projection
    self.shortcut = shortcut
    self.points = points
    self.seed = seed
    self.trials = trials
  }

  /// Points the lab accepts: more than the neighbours it compares.
  public static let pointsRange = neighbourCount + 1...100_000

  public func validate() throws(LabError) {
    guard (1...shape.inputChannels).contains(manifoldDimension) else {
      throw .manifoldDimension(manifoldDimension, valid: 1...shape.inputChannels)
    }
    guard ManifoldExperiment.trialsRange.contains(trials) else {
      throw .trials(trials, valid: ManifoldExperiment.trialsRange)
    }
    guard Self.pointsRange.contains(points) else { throw .points(points, valid: Self.pointsRange) }
    guard projection != .relu else { throw .projection(projection) }
  }

  /// Theorem 1 for the projection stage: the share of a k-dimensional manifold that
  /// ReLU collapses in d″ outputs, 1 − N_{d″,k}/2^{d″}.
  public var theory: Double {
    Theorem1.collapsedFraction(embeddingDimension: shape.outputChannels, manifoldDimension: manifoldDimension)
  }

  /// `progress` is called as each trial finishes, from any thread.
  public func run(progress: (@Sendable () -> Void)? = nil) -> LabResult {
    run(projections: [projection], progress: progress)[0]
  }

  /// The lab for several projection activations, sharing the weights and the forward pass
  /// up to the projection (what the explorer's side-by-side panel and the sweep need).
  public func run(projections: [ManifoldActivation], progress: (@Sendable () -> Void)? = nil) -> [LabResult] {
    let perTrial = LabManifold.inputsPerTrial(
      count: points, dimension: manifoldDimension, seed: seed, trials: trials)
    let inputs = perTrial[0]
    let lab = self
    let passes: [[LabPass]]
    if trials == 1 {
      // One trial: the projections' metrics are independent, one per core.
      let forward = LabPass.Forward(
        weights: weights(trial: 0, cached: true), k: manifoldDimension, shortcut: shortcut,
        inputs: inputs.single)
      passes = [
        projections.concurrentMap {
          LabPass.measure(forward.output($0), inputs: inputs, neighbours: lab.measuresNeighbours)
        }
      ]
    } else {
      passes = Array(0..<trials).concurrentMap { trial in
        defer { progress?() }
        // Past k = 2 each trial draws its own extra coordinates (LabManifold).
        return LabPass.run(
          weights: lab.weights(trial: trial), manifoldDimension: lab.manifoldDimension,
          shortcut: lab.shortcut,
          inputs: perTrial[trial], projections: projections, neighbours: lab.measuresNeighbours,
          keepDecoded: trial == 0)
      }
    }
    return projections.indices.map { index in
      var lab = self
      lab.projection = projections[index]
      return LabResult(lab: lab, inputs: inputs, trials: passes.map { $0[index] })
    }
  }

  /// The seed of one trial's weights.
  func trialSeed(_ trial: Int) -> UInt64 {
    SplitMix64.derivedSeed(seed, stream: 0xB10C_0000 &+ UInt64(trial))
  }

  /// The weights of one trial; they depend on the block, the seed and the trial, not on k.
  /// A single-trial run (the explorer's) keeps the last few in a cache: its next run is
  /// usually the same block with another k.
  func weights(trial: Int, cached: Bool = false) -> LabWeights {
    let trialSeed = trialSeed(trial)
    let make = { LabWeights(shape: shape, seed: trialSeed, linearised: linearised) }
    guard cached else { return make() }
    return LabWeightsCache.shared.weights(shape: shape, seed: trialSeed, linearised: linearised, make: make)
  }
}

/// The lab's measurements, averaged over trials, and trial 0's decoded points for plotting.
public struct LabResult: Equatable, Sendable {
  public var lab: BottleneckLab
  /// Share of points where the block's Jacobian on the manifold has rank < k.
  public var collapsedFraction: MetricSummary
  /// R² of the best affine decoder from the block output back to the manifold coordinates.
  public var recoverability: MetricSummary
  /// Share of each point's 10 nearest manifold neighbours that stay among its 10 nearest
  /// in the output; nil when the lab was run with `measuresNeighbours` off.
  public var neighbourPreservation: MetricSummary?
  public var inputs: [[Double]]
  /// What the best linear read-out recovers of each input point (trial 0), for plots.
  public var decoded: [[Double]]
  public var theory: Double { lab.theory }

  init(lab: BottleneckLab, inputs: LabPass.Inputs, trials: [LabPass]) {
    self.lab = lab
    collapsedFraction = MetricSummary(trials.map(\.collapsedFraction))
    recoverability = MetricSummary(trials.map(\.recoverability))
    neighbourPreservation = lab.measuresNeighbours ? MetricSummary(trials.map(\.neighbourPreservation)) : nil
    self.inputs = Self.rows(inputs.points)
    decoded = trials[0].decoded.map(Self.rows) ?? []
  }

  private static func rows(_ matrix: Matrix<Double>) -> [[Double]] {
    (0..<matrix.rows).map { Array(matrix.row($0)) }
  }
}
