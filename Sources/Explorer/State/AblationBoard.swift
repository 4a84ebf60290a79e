import AblationKit

/// The live Figure 6 of the Ablation view: which comparison is in front, the width d, and
/// every run trained so far. The training itself is a runner's (`TrainingJob`, one job a
/// run): the board keeps only what the screen shows, the curves and which jobs are out,
/// and says what to train next, the front first.
public struct AblationBoard: Equatable, Sendable {
  /// Which half of Figure 6 the screen puts in front (`b`).
  public enum Front: Equatable, Sendable {
    /// Figure 6a: linear against ReLU6 after the projection, at the width d.
    case activation
    /// Figure 6b: where the shortcut joins, at d = 3.
    case shortcut
  }

  public var front = Front.activation
  /// The bottleneck width d of Figure 6a (`d`/`D`). d = 2 first: the narrowest bottleneck,
  /// where the paper's argument bites hardest and whose runs finish first.
  public var width = 2
  /// Every run the board trains: `mnv2 ablation --compare both --seed S`, the same runs.
  public internal(set) var study: AblationStudy
  public internal(set) var finished: [RunKey: FinishedRun] = [:]
  /// The curves of runs part-way through, as their jobs last reported them.
  var live: [RunKey: [CurvePoint]] = [:]
  /// The runs out with a runner, by the job that trains each.
  var running: [JobID: RunKey] = [:]

  public init(seed: UInt64) {
    study = AblationStudy(comparison: .both, seed: seed)
  }

  /// A board for another study (fewer seeds or steps, for tests); it must compare both.
  init(study: AblationStudy) {
    precondition(
      study.comparison == .both && !study.shortcutWidths.isEmpty && !study.activationWidths.isEmpty)
    self.study = study
    width = study.activationWidths[0]
  }

  /// The widths d of Figure 6a, as `mnv2 ablation` trains them by default.
  public var widths: [Int] { study.activationWidths }
  /// The width d of Figure 6b.
  public var shortcutWidth: Int { study.shortcutWidths[0] }

  /// The variants a front compares, the paper's first.
  public func variants(_ front: Front) -> [MiniNetSpec] {
    switch front {
    case .activation:
      return [.init(width: width, projection: .linear), .init(width: width, projection: .relu6)]
    case .shortcut: return MiniNetSpec.Shortcut.allCases.map { .init(width: shortcutWidth, shortcut: $0) }
    }
  }

  /// Every run, in the order the screen wants them: the front's variants seed by seed
  /// (so their curves grow side by side), then the other widths nearest first, then the
  /// other half of the figure.
  var plan: [RunKey] {
    let byDistance = widths.sorted { (abs($0 - width), $0) < (abs($1 - width), $1) }
    let activation = byDistance.map { d in
      [MiniNetSpec(width: d, projection: .linear), MiniNetSpec(width: d, projection: .relu6)]
    }
    let shortcut = [MiniNetSpec.Shortcut.allCases.map { MiniNetSpec(width: shortcutWidth, shortcut: $0) }]
    let groups = front == .activation ? activation + shortcut : shortcut + activation
    var seen = Set<RunKey>()
    var keys: [RunKey] = []
    for group in groups {
      for r in 0..<study.seeds {
        for spec in group where seen.insert(RunKey(spec: spec, seedIndex: r)).inserted {
          keys.append(RunKey(spec: spec, seedIndex: r))
        }
      }
    }
    return keys
  }

  public var runCount: Int { plan.count }
  public var isComplete: Bool { finished.count == runCount }
  /// Whether training has begun: then it goes on in the background wherever the class looks.
  var started: Bool { !finished.isEmpty || !running.isEmpty }

  /// After `.refresh`: the runs that were out are lost with their progress, so they start again.
  mutating func forgetLostWork() {
    running = [:]
    live = [:]
  }

  /// The runs to start now so that `workers` train at once: new ones in plan order, the
  /// front first; none once everything is trained or out.
  func runsToStart(workers: Int = TrainingJob.workers) -> [RunKey] {
    let busy = Set(running.values)
    let free = max(0, workers - running.count)
    return Array(plan.lazy.filter { self.finished[$0] == nil && !busy.contains($0) }.prefix(free))
  }

  /// Takes in what a job reported: a curve part-way, or a finished run. A job the board no
  /// longer waits for (lost, or the board restored meanwhile) changes nothing.
  mutating func record(_ report: JobReport, from id: JobID) {
    switch report {
    case .runProgressed(let key, let curve):
      guard running[id] == key else { return }
      live[key] = curve
    case .runFinished(let key, let run):
      guard running[id] == key else { return }
      running[id] = nil
      live[key] = nil
      finished[key] = run
    case .timingProgressed: return
    }
  }

  /// Takes in runs read back from the board cache (`BoardArchive`): only a whole board of
  /// this study, so a board is never half from the cache and half retrained. Returns the
  /// jobs it no longer needs, for the reducer to cancel.
  mutating func restore(_ runs: [RunKey: FinishedRun], for study: AblationStudy) -> [JobID] {
    guard study == self.study, Set(runs.keys) == Set(plan) else { return [] }
    finished = runs
    let abandoned = running.keys.sorted()
    running = [:]
    live = [:]
    return abandoned
  }

  /// Seconds the runs not yet finished should take on `workers` cores: each run's
  /// `TrainingRun.expectedMicroseconds` (fitted on whole studies) plus the passes it allocates.
  public func expectedSeconds(workers: Int = TrainingJob.workers) -> Double {
    var microseconds = 0.0
    var allocation: [MiniNetSpec: Double] = [:]
    for key in plan where finished[key] == nil {
      let perRun = allocation[key.spec] ?? AblationStudy.allocationMicroseconds(key.spec, steps: study.steps)
      allocation[key.spec] = perRun
      microseconds += study.run(key.spec, seedIndex: key.seedIndex).expectedMicroseconds + perRun
    }
    return microseconds / 1e6 / Double(max(1, min(workers, runCount)))
  }

  /// The curves of a variant's runs so far, finished or not (`nil` for a run not begun).
  func curves(_ spec: MiniNetSpec) -> [[CurvePoint]] {
    (0..<study.seeds).compactMap { r in
      let key = RunKey(spec: spec, seedIndex: r)
      return finished[key]?.result.curve ?? live[key]
    }
  }

  /// How many of a variant's runs have a curve point yet.
  public func curveCount(_ spec: MiniNetSpec) -> Int { curves(spec).filter { !$0.isEmpty }.count }

  /// A variant's finished runs, seed by seed, or nil before the first finishes.
  public func result(_ spec: MiniNetSpec) -> VariantResult? {
    let runs = (0..<study.seeds).compactMap { finished[RunKey(spec: spec, seedIndex: $0)]?.result }
    return runs.isEmpty ? nil : VariantResult(spec: spec, runs: runs)
  }

  /// Every variant with all its seeds, as `mnv2 ablation --compare both` reports it, once
  /// the board is complete.
  public var completedResult: AblationResult? {
    guard isComplete else { return nil }
    return AblationResult(study: study, variants: study.variants.map { result($0)! })
  }

  /// The trained net whose decision the screen maps: the variant's first seed.
  func map(_ spec: MiniNetSpec) -> (map: DecisionMap, accuracy: Double)? {
    guard let run = finished[RunKey(spec: spec, seedIndex: 0)], let map = run.map else { return nil }
    return (map, run.result.lastAccuracy)
  }
}

/// One training run of the board: a variant and which of its seeds.
public struct RunKey: Hashable, Sendable {
  public var spec: MiniNetSpec
  public var seedIndex: Int
}

/// A trained run, and for each variant's first seed the map of its decision.
public struct FinishedRun: Equatable, Sendable {
  public var result: TrainingResult
  public var map: DecisionMap?
}
