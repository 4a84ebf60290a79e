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

  /// Performs effects as the run loop does, until none is left; returns how many chunks ran.
  @discardableResult
  static func settle(_ state: inout ExplorerState, first: [ExplorerEffect]) -> Int {
    var queue = first
    var chunks = 0
    while !queue.isEmpty {
      let effect = queue.removeFirst()
      if case .trainAblation = effect { chunks += 1 }
      queue += ExplorerReducer.reduce(&state, effect.perform())
    }
    return chunks
  }

  static func batch(_ effects: [ExplorerEffect]) -> AblationBatch? {
    for effect in effects { if case .trainAblation(let batch) = effect { return batch } }
    return nil
  }

  @Test func showingTheViewStartsTheFrontFirst() {
    var state = Self.state(view: .network)
    #expect(
      Self.batch(ExplorerReducer.reduce(&state, .refresh)) == nil, "nothing trains before the view is shown")
    let effects = ExplorerReducer.reduce(&state, key: .character("4"))
    guard let batch = Self.batch(effects) else {
      Issue.record("no training after 4: \(effects)")
      return
    }
    // One run per worker, the front's two projections at d = 2, seed 1 first.
    let keys = batch.jobs.map(\.key)
    let expected = [
      RunKey(spec: MiniNetSpec(width: 2, projection: .linear), seedIndex: 0),
      RunKey(spec: MiniNetSpec(width: 2, projection: .relu6), seedIndex: 0),
      RunKey(spec: MiniNetSpec(width: 2, projection: .linear), seedIndex: 1),
    ]
    #expect(keys == Array(expected.prefix(min(AblationBatch.workers, 3))))
    #expect(batch.jobs.count == min(AblationBatch.workers, state.ablation.runCount))
    // A second key asks for nothing more while a batch is out.
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
      let steps = AblationBatch.chunkSteps(spec)
      #expect(steps >= interval && steps % interval == 0, "d = \(d): \(steps) steps")
      #expect(steps <= previous, "d = \(d): \(steps) steps after \(previous)")
      let work = steps * 3 * TrainingRun.defaultBatchSize * spec.multiplyAddsPerPoint
      #expect(steps == interval || work <= 120_000_000, "d = \(d): \(work) multiply-adds a chunk")
      previous = steps
    }
    // The multiply-adds a point, by hand: d = 2 is 2·2 + 6·(2·12 + 12 + 12·2) + 2·2 = 368.
    #expect(MiniNetSpec(width: 2).multiplyAddsPerPoint == 368)
  }

  /// The board, trained chunk by chunk with keys in between, ends with the same curves and
  /// the same weights as the study trained straight through by `AblationStudy.run`, the
  /// code `mnv2 ablation` runs; its verdicts are the report's, word for word.
  @Test func theBoardIsTheStudy() {
    // Its own seed, so no other test has trained these runs into the cache, and 700 steps,
    // so every d = 2 run takes two chunks (500 + 200) whatever the number of cores.
    let study = AblationStudy(
      comparison: .both, activationWidths: [2, 3], shortcutWidths: [3], seeds: 2, steps: 700, seed: 11)
    var state = Self.state(study: study)
    let chunks = Self.settle(&state, first: ExplorerReducer.reduce(&state, .refresh))
    #expect(chunks > 1)
    let board = state.ablation
    #expect(board.isComplete && !board.training)
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
    let chunks = Self.settle(&state, first: effects)
    #expect(chunks > 1 && state.ablation.isComplete && state.view == .network)
    // Not begun, it does not begin elsewhere.
    var idle = Self.state(view: .manifold)
    effects = ExplorerReducer.reduce(&idle, .refresh)
    #expect(Self.batch(effects) == nil)
  }

  /// The board's seed is the launch seed: `s` (Figure 1's and the lab's seed) and a lesson
  /// step's seed leave Figure 6 and its training alone.
  @Test func aNewSeedLeavesFigure6Alone() {
    var state = Self.state()
    let effects = ExplorerReducer.reduce(&state, .refresh)
    guard let batch = Self.batch(effects) else {
      Issue.record("no batch")
      return
    }
    _ = ExplorerReducer.reduce(&state, key: .character("s"))
    #expect(state.seed != Self.small.seed && state.ablation.study == Self.small)
    #expect(ExplorerReducer.isWanted(.trainAblation(batch), by: state))
    _ = ExplorerReducer.reduce(&state, .ablationAdvanced(batch.perform()))
    #expect(!state.ablation.finished.isEmpty || !state.ablation.resumable.isEmpty)
    // A batch for another board (another study) is stale: skipped, and dropped if it returns.
    var other = Self.state(
      study: AblationStudy(comparison: .both, activationWidths: [2], seeds: 1, steps: 50, seed: 9))
    _ = ExplorerReducer.reduce(&other, .refresh)
    #expect(!ExplorerReducer.isWanted(.trainAblation(batch), by: other))
    let before = other.ablation
    _ = ExplorerReducer.reduce(&other, .ablationAdvanced(batch.perform()))
    #expect(other.ablation == before)
  }

  /// `.refresh` (a run loop starting afresh) loses the batch that was out: its runs start
  /// again rather than waiting for it for ever.
  @Test func refreshRestartsLostWork() {
    var state = Self.state(
      study: AblationStudy(comparison: .both, activationWidths: [2], seeds: 2, steps: 100, seed: 12))
    _ = ExplorerReducer.reduce(&state, .refresh)
    #expect(state.ablation.training)
    let again = ExplorerReducer.reduce(&state, .refresh)
    #expect(Self.batch(again) != nil)
    Self.settle(&state, first: again)
    #expect(state.ablation.isComplete)
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
