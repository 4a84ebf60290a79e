import Kernels
import ManifoldKit

/// The paper's Figure 6 in miniature: the same tiny inverted-residual network trained on
/// two spirals with each variant, over several seeds, and the comparisons the paper draws.
public struct AblationStudy: Equatable, Sendable {
  public enum Comparison: String, CaseIterable, Sendable {
    /// Figure 6a: a linear projection against ReLU6, at each bottleneck width.
    case activation
    /// Figure 6b: shortcuts between bottlenecks, between expansions, or none (linear projection).
    case shortcut
    case both
  }

  public var comparison: Comparison
  /// Bottleneck widths d for Figure 6a.
  public var activationWidths: [Int]
  /// Bottleneck widths d for Figure 6b.
  public var shortcutWidths: [Int]
  public var seeds: Int
  public var steps: Int
  /// The seed of the data and of every run (run r uses the r-th stream of it).
  public var seed: UInt64

  public static let defaultActivationWidths = [2, 3, 4, 8]
  public static let defaultShortcutWidths = [3]
  public static let defaultSeeds = 10
  public static let widthRange = 1...64
  public static let seedsRange = 1...1000
  public static let stepsRange = 1...1_000_000
  /// Multiply-adds a study may plan (training and evaluation): about three minutes here.
  public static let maximumOperations = 1e12

  public init(
    comparison: Comparison = .activation, activationWidths: [Int] = defaultActivationWidths,
    shortcutWidths: [Int] = defaultShortcutWidths, seeds: Int = defaultSeeds,
    steps: Int = TrainingRun.defaultSteps, seed: UInt64 = 1
  ) {
    self.comparison = comparison
    self.activationWidths = activationWidths
    self.shortcutWidths = shortcutWidths
    self.seeds = seeds
    self.steps = steps
    self.seed = seed
  }

  /// Every network the study trains, in the order results are reported.
  public var variants: [MiniNetSpec] {
    var specs: [MiniNetSpec] = []
    if comparison != .shortcut {
      for d in activationWidths {
        specs.append(MiniNetSpec(width: d, projection: .linear))
        specs.append(MiniNetSpec(width: d, projection: .relu6))
      }
    }
    if comparison != .activation {
      for d in shortcutWidths {
        for shortcut in MiniNetSpec.Shortcut.allCases
        where !specs.contains(MiniNetSpec(width: d, shortcut: shortcut)) {
          specs.append(MiniNetSpec(width: d, shortcut: shortcut))
        }
      }
    }
    return specs
  }

  /// The training runs, variant-major, seed-minor. Run r of every variant shares its seed,
  /// so every variant sees the same batch order.
  public var runs: [TrainingRun] {
    variants.flatMap { spec in (0..<seeds).map { run(spec, seedIndex: $0) } }
  }

  /// Run r of a variant: the r-th stream of the study's seed draws its weights and batches.
  public func run(_ spec: MiniNetSpec, seedIndex r: Int) -> TrainingRun {
    TrainingRun(spec: spec, seed: SplitMix64.derivedSeed(seed, stream: 0xF16_0000 &+ UInt64(r)), steps: steps)
  }

  /// Training (a forward and a backward pass, about three forward passes' worth, per point
  /// of every batch) and evaluation (a forward pass over the probe or the test set).
  ///
  /// Memory is an upper bound by construction, from the sizes the code allocates: `workers`
  /// sessions at once, each its net, Adam's two moments, the net copy an evaluation makes,
  /// and its three passes (the batch, the curve's probe and the whole test set, all from
  /// `Pass.bytes`); and every finished run's net and curve, which the result keeps. That last
  /// term was missing: 640 runs at d = 64 keep 0.8 GB of weights, and a run estimated at
  /// 596 MB peaked at 1.2 GB.
  public func workEstimate(workers: Int) -> WorkEstimate {
    var operations = 0.0
    for run in runs {
      let perPoint = Double(run.spec.multiplyAddsPerPoint)
      operations += perPoint * (3 * Double(run.steps) * Double(run.batchSize) + run.evaluatedPoints)
    }
    var largestSession = 0, kept = 0
    for spec in variants {
      let net = InvertedResidualNet(spec: spec, seed: 0)
      let passes = [TrainingRun.defaultBatchSize, TrainingRun.curvePoints, TwoSpirals.testCount].reduce(0) {
        $0 + InvertedResidualNet.Pass.bytes(for: net, batch: $1)
      }
      let adam = 2 * net.parameterCount * MemoryLayout<Float>.stride
      largestSession = max(largestSession, 2 * net.bytes + adam + passes)
      let curve = run(spec, seedIndex: 0).evaluationSteps.count * MemoryLayout<CurvePoint>.stride
      kept += seeds * (net.bytes + curve + Self.perRunOverhead)
    }
    let concurrent = min(workers, max(1, runs.count))
    let data = 2 * TwoSpirals.testCount * (2 * MemoryLayout<Float>.stride + MemoryLayout<Int>.stride)
    let slack = (concurrent + 1) * Self.allocatorSlackPerThread
    return WorkEstimate(
      operations: operations,
      bytes: WorkEstimate.programBytes + Double(concurrent * largestSession + kept + data + slack))
  }

  /// What the allocator may keep of freed memory, per thread that allocates: glibc keeps a
  /// freed block below its mmap threshold in the thread's arena, and the threshold rises to
  /// at most 32 MiB, so at most that much per arena (the workers' and the main one) stays
  /// resident after a pass is dropped. Measured: a study estimated at 180 MB without it
  /// peaked at 189 MB (`mnv2-bench ablation-memory`).
  static let allocatorSlackPerThread = 32 << 20

  /// A finished run's fixed costs beside its arrays: the net's tensor list and operations,
  /// array headers, allocator rounding. Generous, so the estimate stays above.
  static let perRunOverhead = 16_384

  /// Roughly how long training takes on `workers` cores: each run's arithmetic
  /// (`TrainingRun.expectedMicroseconds`) and the passes it allocates and fills
  /// (`allocationMicroseconds`), which dominate for wide nets and few steps (640 runs at
  /// d = 1…64 and one step were predicted at 60 s from the arithmetic alone, and took 90 s).
  public func expectedSeconds(workers: Int) -> Double {
    var microseconds = 0.0
    for spec in variants {
      let allocation = Self.allocationMicroseconds(spec, steps: steps)
      for r in 0..<seeds { microseconds += run(spec, seedIndex: r).expectedMicroseconds + allocation }
    }
    return microseconds / 1e6 / Double(max(1, min(workers, runs.count)))
  }

  /// The time a run spends allocating and zero-filling its passes: the batch's, the probe's,
  /// and one over the whole test set per final evaluation, at about 1.25 GB/s (page faults
  /// and the zero fill on two busy cores: 640 runs at d = 1…64 and one step took 100 s, of
  /// which the arithmetic is 36 s).
  public static func allocationMicroseconds(_ spec: MiniNetSpec, steps: Int) -> Double {
    let net = InvertedResidualNet(spec: spec, seed: 0)
    let finals = TrainingRun(spec: spec, seed: 0, steps: steps).finalEvaluationSteps.count
    let bytes =
      InvertedResidualNet.Pass.bytes(for: net, batch: TrainingRun.defaultBatchSize)
      + InvertedResidualNet.Pass.bytes(for: net, batch: TrainingRun.curvePoints)
      + finals * InvertedResidualNet.Pass.bytes(for: net, batch: TwoSpirals.testCount)
    return Double(bytes) / 1250
  }

  /// Trains every run (on every core) and gathers them by variant. `progress` is called as
  /// each run finishes, from any thread.
  public func run(progress: (@Sendable () -> Void)? = nil) -> AblationResult {
    let data = TwoSpirals(seed: seed)
    let training = data.training, test = data.test
    // Largest networks first, so no core is left with a big one at the end.
    let all = runs
    let order = all.indices.sorted { all[$0].spec.multiplyAddsPerPoint > all[$1].spec.multiplyAddsPerPoint }
    let trained = order.map { all[$0] }.concurrentMap { run in
      defer { progress?() }
      return run.run(data: data, training: training, test: test)
    }
    var results = [TrainingResult?](repeating: nil, count: all.count)
    for (position, index) in order.enumerated() { results[index] = trained[position] }
    let specs = variants
    let grouped = specs.indices.map { v in
      VariantResult(spec: specs[v], runs: results[(v * seeds)..<((v + 1) * seeds)].map { $0! })
    }
    return AblationResult(study: self, variants: grouped)
  }
}

/// Every seed of one variant.
public struct VariantResult: Equatable, Sendable {
  public var spec: MiniNetSpec
  public var runs: [TrainingResult]

  public init(spec: MiniNetSpec, runs: [TrainingResult]) {
    self.spec = spec
    self.runs = runs
  }

  public var accuracy: SeedStatistics { SeedStatistics(runs.map(\.finalAccuracy)) }

  /// The mean test accuracy at each evaluated step, with the lowest and highest seed.
  public var curve: [(step: Int, mean: Double, low: Double, high: Double)] {
    guard let first = runs.first else { return [] }
    return first.curve.indices.map { i in
      let values = runs.map { $0.curve[i].accuracy }
      return (first.curve[i].step, SeedStatistics(values).mean, values.min()!, values.max()!)
    }
  }
}

public struct AblationResult: Sendable {
  public var study: AblationStudy
  public var variants: [VariantResult]

  public init(study: AblationStudy, variants: [VariantResult]) {
    self.study = study
    self.variants = variants
  }

  public func variant(_ spec: MiniNetSpec) -> VariantResult? { variants.first { $0.spec == spec } }

  /// The comparisons the paper draws, each as the variant it favours against the other.
  public var comparisons: [Comparison] {
    var pairs: [Comparison] = []
    if study.comparison != .shortcut {
      for d in study.activationWidths {
        if let a = variant(MiniNetSpec(width: d, projection: .linear)),
          let b = variant(MiniNetSpec(width: d, projection: .relu6))
        {
          pairs.append(Comparison(paper: a, other: b))
        }
      }
    }
    if study.comparison != .activation {
      for d in study.shortcutWidths {
        guard let a = variant(MiniNetSpec(width: d, shortcut: .bottlenecks)) else { continue }
        for other in [MiniNetSpec.Shortcut.expansions, .none] {
          if let b = variant(MiniNetSpec(width: d, shortcut: other)) {
            pairs.append(Comparison(paper: a, other: b))
          }
        }
      }
    }
    return pairs
  }

  /// The paper's choice against an alternative: the difference of mean accuracy and the
  /// half width of its 95% interval, paired by seed (the design: run r of both shares its
  /// weights and batches), with Welch's unpaired interval beside it for comparison.
  public struct Comparison: Sendable {
    public var paper: VariantResult
    public var other: VariantResult

    public init(paper: VariantResult, other: VariantResult) {
      self.paper = paper
      self.other = other
    }

    public var difference: (difference: Double, halfWidth: Double) {
      paper.accuracy.pairedDifference(from: other.accuracy)
    }

    /// Welch's interval, which ignores the pairing: wider where the seeds agree.
    public var welchDifference: (difference: Double, halfWidth: Double) {
      paper.accuracy.difference(from: other.accuracy)
    }

    /// Whether the gap is larger than its uncertainty, and which way.
    public var outcome: Outcome {
      let (difference, halfWidth) = self.difference
      if difference - halfWidth > 0 { return .paperAhead }
      if difference + halfWidth < 0 { return .otherAhead }
      return .withinUncertainty
    }

    public enum Outcome: String, Sendable {
      case paperAhead = "paper-ahead"
      case otherAhead = "other-ahead"
      case withinUncertainty = "within-uncertainty"
    }
  }
}
