import AblationKit
import Reports
import TermCanvas
import Testing

@testable import Explorer

/// The Ablation view's training as the reducer and the run loop share it: what starts it,
/// what it trains first, that keys are never held up, and that the board ends with exactly
/// the runs `mnv2 ablation` trains.
@Suite struct AblationBoardTests {
  /// A study small enough to train in a test: 2 seeds × 100 steps at d = 2 and 3.
  static let small = AblationStudy(
    comparison: .both, activationWidths: [2, 3], shortcutWidths: [3], seeds: 2, steps: 100, seed: 5)

  static func state(view: ExplorerView = .ablation, study: AblationStudy = small) -> ExplorerState {
    var state = ExplorerState(view: view, seed: study.seed)
    state.ablation = AblationBoard(study: study)
    return state
  }

  /// Performs effects as the run loop and a runner without threads do (`StepwiseJobs`),
  /// until none is left; returns how many job steps ran.
  @discardableResult
  static func settle(_ state: inout ExplorerState, first: [ExplorerEffect]) -> Int {
    var jobs = StepwiseJobs()
    jobs.settle(&state, first)
    return jobs.steps
  }

  /// The training jobs among `effects`, by id.
  static func started(_ effects: [ExplorerEffect]) -> [(id: JobID, job: TrainingJob)] {
    effects.compactMap { if case .startJob(let id, .training(let job)) = $0 { (id, job) } else { nil } }
  }

  @Test func showingTheViewStartsTheFrontFirst() {
    var state = Self.state(view: .network)
    #expect(
      Self.started(ExplorerReducer.reduce(&state, .refresh)).isEmpty,
      "nothing trains before the view is shown")
    let jobs = Self.started(ExplorerReducer.reduce(&state, key: .character("4")))
    // One run per worker, the front's two projections at d = 2, seed 1 first.
    let expected = [
      RunKey(spec: MiniNetSpec(width: 2, projection: .linear), seedIndex: 0),
      RunKey(spec: MiniNetSpec(width: 2, projection: .relu6), seedIndex: 0),
      RunKey(spec: MiniNetSpec(width: 2, projection: .linear), seedIndex: 1),
    ]
    #expect(jobs.map(\.job.key) == Array(expected.prefix(min(TrainingJob.workers, 3))))
    #expect(jobs.allSatisfy { $0.job.study == Self.small })
    #expect(Set(jobs.map(\.id)).count == jobs.count, "each job its own id")
    // A second key starts nothing more while every worker has a run.
    #expect(ExplorerReducer.reduce(&state, key: .character("j")).isEmpty)
  }

  /// Every run of the plan once: 2 widths × 2 projections + 2 more shortcut kinds at d = 3
  /// (bottlenecks at d = 3 is linear at d = 3), × 2 seeds.
  @Test func thePlanHoldsEveryRunOnce() {
    let board = AblationBoard(study: Self.small)
    #expect(board.runCount == (2 * 2 + 2) * 2)
    #expect(Set(board.plan).count == board.plan.count)
    #expect(Set(board.plan.map(\.spec)) == Set(Self.small.variants))
    var shortcutFirst = board
    shortcutFirst.front = .shortcut
    #expect(
      shortcutFirst.plan.prefix(3).map(\.spec)
        == MiniNetSpec.Shortcut.allCases.map { MiniNetSpec(width: 3, shortcut: $0) })
  }

  /// A chunk is a bounded amount of work, so the longest a key waits is a chunk (about 50 ms
  /// here; `mnv2-bench ablation-view` measures it). Whatever the planning formula, a chunk
  /// must be whole evaluation intervals (so a curve point is never split), get no longer as
  /// the net widens, and hold at most 1.2e8 multiply-adds (50 ms at 2.4 GMAC/s, the slowest
  /// the kernels were measured) unless it is the one-interval minimum.
  @Test func chunksAreShort() {
    let interval = TrainingRun.defaultEvaluationInterval
    var previous = Int.max
    for d in 1...64 {
      let spec = MiniNetSpec(width: d)
      let steps = TrainingJob.chunkSteps(spec)
      #expect(steps >= interval && steps % interval == 0, "d = \(d): \(steps) steps")
      #expect(steps <= previous, "d = \(d): \(steps) steps after \(previous)")
      let work = steps * 3 * TrainingRun.defaultBatchSize * spec.multiplyAddsPerPoint
      #expect(steps == interval || work <= 120_000_000, "d = \(d): \(work) multiply-adds a chunk")
      previous = steps
    }
    // The multiply-adds a point, by hand: d = 2 is 2·2 + 6·(2·12 + 12 + 12·2) + 2·2 = 368.
    #expect(MiniNetSpec(width: 2).multiplyAddsPerPoint == 368)
  }

  /// The board, trained a chunk a job step with the jobs taking turns, ends with the same
  /// curves and the same weights as the study trained straight through by
  /// `AblationStudy.run`, the code `mnv2 ablation` runs; its verdicts are the report's,
  /// word for word.
  @Test func theBoardIsTheStudy() {
    // Its own seed, so no other test has trained these runs into the cache, and 700 steps,
    // so every d = 2 run takes two chunks (500 + 200) whatever the number of cores.
    let study = AblationStudy(
      comparison: .both, activationWidths: [2, 3], shortcutWidths: [3], seeds: 2, steps: 700, seed: 11)
    var state = Self.state(study: study)
    let steps = Self.settle(&state, first: ExplorerReducer.reduce(&state, .refresh))
    #expect(steps > state.ablation.runCount, "the d = 2 runs take two steps each")
    let board = state.ablation
    #expect(board.isComplete && board.running.isEmpty && board.live.isEmpty)
    let reference = study.run()
    for variant in reference.variants {
      let mine = board.result(variant.spec)!
      #expect(mine.runs.map(\.curve) == variant.runs.map(\.curve), "\(variant.spec)")
      #expect(mine.runs.map(\.net.parameters) == variant.runs.map(\.net.parameters))
      #expect(mine.accuracy == variant.accuracy)
    }
    let screen = ExplorerRenderer.render(
      state, width: 120, height: 40, theme: Theme(colored: true, unicode: true)
    )
    .plainText().replacingOccurrences(of: "\n", with: " ")
    let comparison = reference.comparisons.first {
      $0.paper.spec.width == 2 && $0.other.spec.projection == .relu6
    }!
    let verdict = AblationReport.verdict(comparison)
    #expect(screen.contains(verdict.split(separator: ":")[0]), "\(verdict)")
    // The verdict wraps on screen: compare it word by word.
    #expect(
      screen.split(separator: " ").joined(separator: " ").contains(
        verdict.split(separator: " ").joined(separator: " ")))
    for d in [2, 3] {
      let linear = reference.variant(MiniNetSpec(width: d, projection: .linear))!.accuracy
      #expect(screen.contains(AccuracyBars.figures(linear, of: 2)))
    }
  }

  /// Training goes on in the background: leaving the view does not stop it.
  @Test func trainingGoesOnElsewhere() {
    var state = Self.state()
    var effects = ExplorerReducer.reduce(&state, .refresh)
    _ = ExplorerReducer.reduce(&state, key: .character("1"))
    let steps = Self.settle(&state, first: effects)
    #expect(steps > 1 && state.ablation.isComplete && state.view == .network)
    // Not begun, it does not begin elsewhere.
    var idle = Self.state(view: .manifold)
    effects = ExplorerReducer.reduce(&idle, .refresh)
    #expect(Self.started(effects).isEmpty)
  }

  /// The board's seed is the launch seed: `s` (Figure 1's and the lab's seed) and a lesson
  /// step's seed leave Figure 6 and its training alone: nothing is cancelled, and the jobs'
  /// reports are taken in.
  @Test func aNewSeedLeavesFigure6Alone() throws {
    var state = Self.state()
    let job = try #require(Self.started(ExplorerReducer.reduce(&state, .refresh)).first)
    let effects = ExplorerReducer.reduce(&state, key: .character("s"))
    #expect(state.seed != Self.small.seed && state.ablation.study == Self.small)
    #expect(!effects.contains { if case .cancelJob = $0 { true } else { false } })
    var training = LongJob.training(job.job)
    let report = training.step(JobContext())
    _ = ExplorerReducer.reduce(&state, .jobReported(job.id, report))
    #expect(state.ablation.finished[job.job.key] != nil || state.ablation.live[job.job.key] != nil)
    // A report from a job the board does not know (another board's) changes nothing.
    let before = state.ablation
    _ = ExplorerReducer.reduce(&state, .jobReported(JobID(999), report))
    #expect(state.ablation == before)
  }

  /// `.refresh` (a run loop starting afresh, with a runner of its own) loses the jobs that
  /// were out: their runs start again under new ids, and a late report from an old id is
  /// dropped rather than mixed into the new run.
  @Test func refreshRestartsLostWork() throws {
    var state = Self.state(
      study: AblationStudy(comparison: .both, activationWidths: [2], seeds: 2, steps: 100, seed: 12))
    let first = Self.started(ExplorerReducer.reduce(&state, .refresh))
    #expect(!first.isEmpty && state.ablation.running.count == first.count)
    let again = ExplorerReducer.reduce(&state, .refresh)
    let second = Self.started(again)
    #expect(second.map(\.job.key) == first.map(\.job.key))
    #expect(Set(second.map(\.id)).isDisjoint(with: first.map(\.id)))
    var old = LongJob.training(first[0].job)
    let before = state.ablation
    _ = ExplorerReducer.reduce(&state, .jobReported(first[0].id, old.step(JobContext())))
    #expect(state.ablation == before)
    Self.settle(&state, first: again)
    #expect(state.ablation.isComplete)
  }

  /// A board read back from the cache while runs are out makes them stale: they are
  /// cancelled, not left training for nothing.
  @Test func restoringTheBoardCancelsItsJobs() throws {
    let study = AblationStudy(comparison: .both, activationWidths: [2], seeds: 1, steps: 50, seed: 13)
    var done = Self.state(study: study)
    Self.settle(&done, first: ExplorerReducer.reduce(&done, .refresh))
    var state = Self.state(study: study)
    let out = Self.started(ExplorerReducer.reduce(&state, .refresh)).map(\.id)
    #expect(!out.isEmpty)
    let effects = ExplorerReducer.reduce(&state, .ablationRestored(study, done.ablation.finished))
    let cancelled = effects.compactMap { if case .cancelJob(let id) = $0 { id } else { nil } }
    #expect(cancelled == out.sorted())
    #expect(state.ablation.isComplete && state.ablation.running.isEmpty && Self.started(effects).isEmpty)
  }

  /// Part-way through, the screen fits at 80×24 in colour and in ASCII: seed counts beside
  /// the figures, "waiting" bars, and the verdict it waits for.
  @Test func aBoardPartWayFits() {
    var state = ExplorerState(view: .ablation)
    var queue = ExplorerReducer.reduce(&state, .refresh)
    while let effect = queue.first, state.ablation.finished.count < 6 {
      queue.removeFirst()
      queue += ExplorerReducer.reduce(&state, effect.perform())
    }
    for (theme, style) in [
      (Theme(colored: true, unicode: true), PlotStyle.braille),
      (Theme(colored: false, unicode: false), .ascii),
    ] {
      state.plotStyle = style
      let canvas = ExplorerRenderer.render(state, width: 80, height: 24, theme: theme)
      #expect(canvas.layoutViolations().isEmpty, "\(canvas.layoutViolations())")
      let text = canvas.plainText()
      #expect(
        text.contains("/10)") && text.contains("waiting") && text.contains("a verdict once all 10 seeds"))
      #expect(text.contains("Training: \(state.ablation.finished.count) of 100 runs"))
    }
    // The widest figures a bar can carry while seeds train: sd at most 70.7 points.
    #expect(AccuracyBars.figures(SeedStatistics([0, 1]), of: 10) == "50.0 ± 70.7 (2/10)")
  }

  @Test func keysOfTheView() {
    var state = Self.state()
    _ = ExplorerReducer.reduce(&state, key: .character("D"))
    #expect(state.ablation.width == 3)
    _ = ExplorerReducer.reduce(&state, key: .character("D"))
    #expect(state.ablation.width == 3)
    #expect(state.notice == "D: d = 3 is the widest here; mnv2 ablation --widths trains up to 64.")
    _ = ExplorerReducer.reduce(&state, key: .character("d"))
    _ = ExplorerReducer.reduce(&state, key: .character("d"))
    #expect(state.notice == "d: d = 2 is the narrowest here; mnv2 ablation --widths 1 trains d = 1.")
    // b switches the comparison here, and leaves the network's bottleneck alone.
    _ = ExplorerReducer.reduce(&state, key: .character("b"))
    #expect(state.ablation.front == .shortcut && state.config.bottleneckActivation == .linear)
    _ = ExplorerReducer.reduce(&state, key: .character("D"))
    #expect(state.notice == "D: Figure 6b is trained at d = 3; b brings back 6a, whose d changes.")
    _ = ExplorerReducer.reduce(&state, key: .character("j"))
    #expect(state.notice == "j/k: the ablation has no blocks to move through; d/D changes its width.")
    // Elsewhere d says where the ablation is, and b is the bottleneck again.
    _ = ExplorerReducer.reduce(&state, key: .character("1"))
    _ = ExplorerReducer.reduce(&state, key: .character("d"))
    #expect(state.notice == "d: the trained ablation is in the Ablation view (4).")
    _ = ExplorerReducer.reduce(&state, key: .character("b"))
    #expect(state.config.bottleneckActivation == .relu6 && state.ablation.front == .shortcut)
  }

  /// In the lesson the step with the ablation takes t for b, and others point to it.
  @Test func lessonKeys() {
    var state = ExplorerState(lessonStep: 0)
    _ = ExplorerReducer.reduce(&state, key: .character("d"))
    #expect(state.notice == "d: this step shows no ablation; step 9 does.")
    state = ExplorerState(lessonStep: 8)
    _ = ExplorerReducer.reduce(&state, key: .character("t"))
    #expect(state.ablation.front == .shortcut)
    _ = ExplorerReducer.reduce(&state, key: .character("D"))
    #expect(state.notice == "D: Figure 6b is trained at d = 3; t brings back 6a, whose d changes.")
  }
}
