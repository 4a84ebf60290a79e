/// The paper's Figure 1 as a computation: the spiral, embedded in each n by a random T,
/// passed through the activation and projected back with T⁺.
public struct ManifoldExperiment: Equatable, Sendable {
  public var spiral: Spiral
  public var dimensions: [Int]
  public var activation: ManifoldActivation
  public var seed: UInt64
  /// Independent T per panel; metrics are averaged, the plot shows trial 0.
  public var trials: Int

  /// The panels of the paper's figure.
  public static let paperDimensions = [2, 3, 5, 15, 30]
  public static let dimensionRange = 2...4096
  public static let pointsRange = 1...10_000_000
  public static let trialsRange = 1...10_000
  public static let turnsRange = 0.25...100.0
  /// Scalar steps a run may take: about 6 s here (measured: 1.2e9 steps in 1.9 s).
  public static let maximumOperations = 4e9

  /// Per trial and panel n: each point's n coordinates through the activation and T⁺ plus a
  /// few steps of fit and bookkeeping (n + 8), and T's pairwise row check, n² steps. Memory
  /// holds the spiral, trial 0's recovered points per panel and one pass's temporaries, at
  /// 16 bytes a point (measured: 962 MB for 10^7 points in 5 panels; this says 960 MB).
  public var workEstimate: WorkEstimate {
    let points = Double(spiral.points), trials = Double(trials)
    let perTrial = dimensions.reduce(0.0) { $0 + points * Double($1 + 8) + Double($1) * Double($1) }
    return WorkEstimate(
      operations: trials * perTrial,
      bytes: WorkEstimate.programBytes + 16 * points * Double(dimensions.count + 1))
  }

  public init(
    spiral: Spiral = Spiral(), dimensions: [Int] = paperDimensions, activation: ManifoldActivation = .relu,
    seed: UInt64 = 1, trials: Int = 1
  ) {
    self.spiral = spiral
    self.dimensions = dimensions
    self.activation = activation
    self.seed = seed
    self.trials = trials
  }

  public func validate(memoryLimit: Double = WorkEstimate.maximumBytes) throws(ManifoldError) {
    guard !dimensions.isEmpty else { throw .noDimensions }
    var seen = Set<Int>()
    for n in dimensions {
      guard Self.dimensionRange.contains(n) else { throw .dimension(n, valid: Self.dimensionRange) }
      guard seen.insert(n).inserted else { throw .repeatedDimension(n) }
    }
    guard Self.pointsRange.contains(spiral.points) else {
      throw .points(spiral.points, valid: Self.pointsRange)
    }
    guard spiral.turns.isFinite, Self.turnsRange.contains(spiral.turns) else {
      throw .turns(spiral.turns, valid: Self.turnsRange)
    }
    guard Self.trialsRange.contains(trials) else { throw .trials(trials, valid: Self.trialsRange) }
    let estimate = workEstimate
    guard estimate.fits(operationLimit: Self.maximumOperations, memoryLimit: memoryLimit) else {
      throw .tooMuchWork(
        WorkLimitError(
          estimate: estimate, operationLimit: Self.maximumOperations, unit: "scalar steps",
          memoryLimit: memoryLimit))
    }
  }

  /// The seed of panel n, trial k: independent streams, stable when other panels change.
  public func embeddingSeed(dimension: Int, trial: Int) -> UInt64 {
    SplitMix64.derivedSeed(seed, stream: UInt64(dimension) << 32 | UInt64(trial))
  }

  /// Runs every panel and trial. Call `validate()` first for user input.
  /// `progress` is called after each panel's trial.
  public func run(progress: (() -> Void)? = nil) -> ManifoldResult {
    run(on: spiral.generate(), progress: progress)
  }

  /// Runs on points already generated (the spiral of `self.spiral`, reused across runs).
  public func run(on inputs: [Point2], progress: (() -> Void)? = nil) -> ManifoldResult {
    var panels: [ManifoldPanel] = []
    for n in dimensions {
      var samples: [ManifoldMetrics] = []
      var shown: [Point2] = []
      var shownEmbedding: RandomEmbedding?
      for trial in 0..<trials {
        let embedding = RandomEmbedding(dimension: n, seed: embeddingSeed(dimension: n, trial: trial))
        let pass = ManifoldPass(inputs: inputs, embedding: embedding, activation: activation)
        samples.append(metrics(n: n, inputs: inputs, pass: pass))
        progress?()
        if trial == 0 {
          shown = pass.recovered
          shownEmbedding = embedding
        }
      }
      panels.append(
        ManifoldPanel(dimension: n, recovered: shown, embeddingRank: shownEmbedding!.rank, trials: samples))
    }
    return ManifoldResult(experiment: self, inputs: inputs, panels: panels)
  }

  func metrics(n: Int, inputs: [Point2], pass: ManifoldPass) -> ManifoldMetrics {
    let count = Double(inputs.count)
    let theory =
      activation == .linear ? 0 : Theorem1.collapsedFraction(embeddingDimension: n, manifoldDimension: 2)
    return ManifoldMetrics(
      collapsedFraction: Double(pass.collapsedPoints) / count, collapsedFractionTheory: theory,
      alignedError: AffineFit.alignedError(inputs: inputs, recovered: pass.recovered),
      zeroedShare: Double(pass.zeroedCoordinates) / (count * Double(n)))
  }
}

/// A parameter of the experiment out of its range, with the value and the range; the
/// caller words it (the CLI names its flag).
public enum ManifoldError: Error, Equatable {
  case noDimensions
  case dimension(Int, valid: ClosedRange<Int>)
  case repeatedDimension(Int)
  case points(Int, valid: ClosedRange<Int>)
  case turns(Double, valid: ClosedRange<Double>)
  case trials(Int, valid: ClosedRange<Int>)
  /// The run's estimate is over a limit.
  case tooMuchWork(WorkLimitError)
}

/// One panel: the recovered spiral for trial 0 and the metrics of every trial.
public struct ManifoldPanel: Equatable, Sendable {
  public var dimension: Int
  public var recovered: [Point2]
  public var embeddingRank: Int
  public var trials: [ManifoldMetrics]

  public var collapsedFraction: MetricSummary { MetricSummary(trials.map(\.collapsedFraction)) }
  public var alignedError: MetricSummary { MetricSummary(trials.map(\.alignedError)) }
  public var zeroedShare: MetricSummary { MetricSummary(trials.map(\.zeroedShare)) }
  public var theory: Double { trials[0].collapsedFractionTheory }
}

public struct ManifoldResult: Equatable, Sendable {
  public var experiment: ManifoldExperiment
  public var inputs: [Point2]
  public var panels: [ManifoldPanel]
}
