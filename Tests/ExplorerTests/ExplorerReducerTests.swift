import BottleneckLab
import ManifoldKit
import MobileNetKit
import TermCanvas
import Testing

@testable import Explorer

@Suite struct ExplorerReducerTests {
  func state(after keys: [Key], from initial: ExplorerState = ExplorerState()) -> ExplorerState {
    var state = initial
    for key in keys { _ = ExplorerReducer.reduce(&state, key: key) }
    EffectRunner.settle(&state)
    return state
  }

  /// A lab over the memory the edge allows is not run: the panel gives its estimate against
  /// the limit, the request is answered (nothing stays "computing…" or is asked again), and
  /// a limit that holds it runs it as before.
  @Test func aLabOverTheMemoryLimitIsRefusedWithItsEstimate() throws {
    var tight = ExplorerState(view: .block, selectedGroup: 2)
    tight.workMemoryLimit = 1e6
    EffectRunner.settle(&tight)
    let refusal = try #require(tight.currentLabRefusal)
    #expect(refusal.estimate.bytes > 1e6 && refusal.request == tight.labRequest)
    #expect(tight.labResults == nil && !tight.labComputing)
    #expect(!ExplorerReducer.effects(for: &tight).contains { if case .runLab = $0 { true } else { false } })
    let text = ExplorerRenderer.render(
      tight, width: 120, height: 40, theme: Theme(colored: false, unicode: true)
    )
    .plainText()
    #expect(text.contains("Bottleneck lab: too large to run here: 400 points need about"), "\(text)")
    #expect(text.contains("(limit 1 MB)"))
    var roomy = ExplorerState(view: .block, selectedGroup: 2)
    EffectRunner.settle(&roomy)
    #expect(roomy.labResults != nil && roomy.currentLabRefusal == nil)
  }

  @Test func movesAndStopsAtTheEnds() {
    #expect(state(after: [.down, .character("j")]).selectedGroup == 2)
    #expect(state(after: [.up]).selectedGroup == 0)  // no wrap above the stem
    #expect(state(after: [.end, .down]).selectedGroup == 20)  // nor below the classifier
    #expect(state(after: [.pageDown, .pageDown, .pageDown]).selectedGroup == 20)
    #expect(state(after: [.end, .pageUp]).selectedGroup == 10)
    #expect(state(after: [.end, .home]).selectedGroup == 0)
  }

  @Test func opensAndGoesBack() {
    let opened = state(after: [.down, .down, .enter])
    #expect(opened.view == .block)
    #expect(opened.selectedGroup == 2)
    #expect(state(after: [.enter, .escape]).view == .network)
    #expect(state(after: [.character("l"), .character("h")]).view == .network)
    #expect(state(after: [.right, .backspace]).view == .network)
    // In the block view, j/k step from block to block.
    #expect(state(after: [.enter, .character("j"), .character("j")]).selectedGroup == 2)
  }

  @Test func tabWrapsAroundTheViews() {
    #expect(state(after: [.tab]).view == .block)
    #expect(state(after: [.tab, .tab]).view == .manifold)
    #expect(state(after: [.tab, .tab, .tab]).view == .ablation)
    #expect(state(after: [.tab, .tab, .tab, .tab]).view == .network)
    #expect(state(after: [.character("3")]).view == .manifold)
    #expect(state(after: [.character("m")]).view == .manifold)
    #expect(state(after: [.character("m"), .character("1")]).view == .network)
  }

  @Test func bottleneckToggleChangesActivationsNotCosts() {
    let before = ExplorerState()
    let after = state(after: [.character("b")])
    #expect(after.config.bottleneckActivation == .relu6)
    #expect(after.network.layers.filter { $0.kind == .project }.allSatisfy { $0.activation == .relu6 })
    #expect(after.network.multiplyAdds == before.network.multiplyAdds)
    // Figure 1 is the paper's, with ReLU, whatever the network's bottleneck is.
    #expect(after.currentManifold?.experiment.activation == .relu)
    #expect(state(after: []).currentManifold?.experiment.activation == .relu)
    #expect(before.currentManifold == nil)  // nothing is computed until the run loop asks
    #expect(state(after: [.character("b"), .character("b")]).config.bottleneckActivation == .linear)
  }

  @Test func widthStepsThroughThePapersMultipliersAndStops() {
    #expect(state(after: [.character("w")]).config.width == 0.75)
    #expect(state(after: [.character("W")]).config.width == 1.3)
    #expect(state(after: Array(repeating: .character("W"), count: 5)).config.width == 1.4)
    #expect(state(after: Array(repeating: .character("w"), count: 9)).config.width == 0.35)
    // A width between the steps moves to the neighbouring step.
    let odd = ExplorerState(config: NetworkConfig(width: 0.6))
    #expect(state(after: [.character("W")], from: odd).config.width == 0.75)
    #expect(state(after: [.character("w")], from: odd).config.width == 0.5)
  }

  @Test func resolutionStepsAndStops() {
    #expect(state(after: [.character("r")]).config.resolution == 192)
    #expect(state(after: [.character("R")]).config.resolution == 224)
    #expect(state(after: Array(repeating: .character("r"), count: 7)).config.resolution == 96)
    let changed = state(after: [.character("r"), .character("r")])
    #expect(changed.network.groups[0].input == TensorShape(160, 160, 3))
  }

  @Test func newSeedIsDeterministicAndRerunsTheFigure() {
    let once = state(after: [.character("s")])
    #expect(once.seed != 1)
    #expect(once.seed == state(after: [.character("s")]).seed)
    #expect(once.currentManifold?.experiment.seed == once.seed)
  }

  @Test func plotStyleAndHelp() {
    #expect(state(after: [.character("a")]).plotStyle == .ascii)
    #expect(state(after: [.character("a"), .character("a")]).plotStyle == .braille)
    #expect(state(after: [.character("?")]).showHelp)
    // Any key closes help without acting; q still quits.
    let closed = state(after: [.character("?"), .down])
    #expect(!closed.showHelp && closed.selectedGroup == 0)
    #expect(state(after: [.character("?"), .character("q")]).quitRequested)
  }

  @Test func quitKeys() {
    #expect(state(after: [.character("q")]).quitRequested)
    #expect(state(after: [.controlC]).quitRequested)
    #expect(!state(after: [.character("x")]).quitRequested)  // unbound keys do nothing
  }

  @Test func everyKeyActionHasAKeyAndNothingElseIsBound() {
    let bound = KeyMap.bindings.flatMap { binding in
      binding.keys.compactMap { KeyMap.action(for: $0, mode: binding.mode) }
    }
    for action in ExplorerAction.keyActions {
      #expect(bound.contains(action), "\(action) has no key")
    }
    for action in bound {
      #expect(ExplorerAction.keyActions.contains(action), "\(action) is bound but not a key action")
    }
    // Every binding is documented and has keys, but the quiz's typing, which takes every
    // printable key the quiz's other bindings leave: q types there, and ? is the solution.
    #expect(
      KeyMap.bindings.allSatisfy { !$0.help.isEmpty && ($0.keys.isEmpty == ($0.action == .quiz(.type(" ")))) }
    )
    #expect(KeyMap.action(for: .character("q"), mode: .quiz) == .quiz(.type("q")))
    #expect(KeyMap.action(for: .character("?"), mode: .quiz) == .quiz(.solution))
    #expect(KeyMap.action(for: .home, mode: .quiz) == nil)
  }

  /// Every key action, from the network view, the block view and the lesson, reduces
  /// without trapping and asks only for effects the screen needs.
  @Test func everyKeyActionReducesFromEveryMode() {
    let starts = [
      ExplorerState(), ExplorerState(view: .block, selectedGroup: 17), ExplorerState(lessonStep: 2),
    ]
    for start in starts {
      for action in ExplorerAction.keyActions {
        var state = start
        for effect in ExplorerReducer.reduce(&state, action) {
          #expect(ExplorerReducer.isWanted(effect, by: state), "\(action): \(effect)")
        }
      }
    }
  }
}

/// The reducer asks for work and never does it: what each key asks for.
@Suite struct ExplorerEffectTests {
  func settled(_ state: ExplorerState) -> ExplorerState {
    var state = state
    EffectRunner.settle(&state)
    return state
  }

  @Test func startAsksForFigureOneAndTheLabWhereShown() {
    var network = ExplorerState()
    #expect(ExplorerReducer.reduce(&network, .refresh) == [.runManifold(network.manifoldRequest)])
    var block = ExplorerState(view: .block, selectedGroup: 3)
    let effects = ExplorerReducer.reduce(&block, .refresh)
    #expect(effects.count == 2)
    #expect(effects.last == .runLab(block.labRequest!))
    // Asked once: an unrelated key does not ask again while it is pending.
    #expect(ExplorerReducer.reduce(&block, key: .character("a")).isEmpty)
    #expect(ExplorerReducer.reduce(&block, key: .character("?")).isEmpty)
  }

  @Test func plusOnB17AsksForExactlyOneLabRun() throws {
    var state = settled(ExplorerState(view: .block, selectedGroup: 17))
    #expect(state.labResults != nil)
    let effects = ExplorerReducer.reduce(&state, key: .character("+"))
    let request = try #require(state.labRequest)
    #expect(effects == [.runLab(request)])
    #expect(request.dimension == 5 && request.shape.outputChannels == 320)
    #expect(state.labComputing)  // the screen shows "computing…" until the result arrives
  }

  @Test func movingTheCursorRunsNothing() {
    var state = settled(ExplorerState())
    for key in [Key.down, .down, .up, .end, .home, .pageDown, .character("?"), .escape, .character("a")] {
      #expect(ExplorerReducer.reduce(&state, key: key).isEmpty, "\(key)")
    }
  }

  @Test func inTheBlockViewMovingAsksForTheNewBlocksLab() throws {
    var state = settled(ExplorerState(view: .block, selectedGroup: 3))
    let effects = ExplorerReducer.reduce(&state, key: .down)
    #expect(effects == [.runLab(try #require(state.labRequest))])
    #expect(state.labRequest?.shape.outputChannels == 32)  // b4
    // Back to b3, whose lab is still the last computed: nothing to do.
    _ = ExplorerReducer.reduce(&state, key: .up)
    #expect(state.labResults != nil)
  }

  @Test func newSeedAndToggleRerunFigureOne() {
    var state = settled(ExplorerState())
    let seeded = ExplorerReducer.reduce(&state, key: .character("s"))
    #expect(seeded == [.runManifold(state.manifoldRequest)])
    state = settled(state)
    // b toggles the network's bottleneck, not Figure 1: nothing to rerun in the Network view.
    #expect(ExplorerReducer.reduce(&state, key: .character("b")).isEmpty)
    #expect(state.manifoldRequest.activation == .relu)
    // In the Manifold view b steps Figure 1 through ReLU, linear and ReLU6.
    _ = ExplorerReducer.reduce(&state, key: .character("m"))
    var seen: [ManifoldActivation] = []
    for _ in 0..<3 {
      let toggled = ExplorerReducer.reduce(&state, key: .character("b"))
      #expect(toggled == [.runManifold(state.manifoldRequest)])
      seen.append(state.manifoldRequest.activation)
      state = settled(state)
    }
    #expect(seen == [.linear, .relu6, .relu])
    #expect(state.config.bottleneckActivation == .relu6)  // the network keeps its own
  }

  @Test func aStaleResultIsKeptButNotShown() throws {
    var state = settled(ExplorerState(view: .block, selectedGroup: 3))
    let old = try #require(state.lab)
    _ = ExplorerReducer.reduce(&state, key: .down)  // b4 now
    _ = ExplorerReducer.reduce(&state, .labComputed(old))  // b3's result arrives late
    #expect(state.labResults == nil)
    #expect(state.labComputing)
    let pending = try #require(state.labRequest)
    #expect(ExplorerReducer.isWanted(.runLab(pending), by: state))
    #expect(!ExplorerReducer.isWanted(.runLab(old.request), by: state))
  }

  /// j then k before the first lab runs: the screen is back on what it shows, so the queued
  /// lab for the other block is no longer wanted, and leaving the view drops it too.
  @Test func goingBackMakesTheQueuedLabUnwanted() throws {
    var state = settled(ExplorerState(view: .block, selectedGroup: 3))
    let down = ExplorerReducer.reduce(&state, key: .down)
    let queued = try #require(down.first)
    #expect(ExplorerReducer.isWanted(queued, by: state))
    #expect(ExplorerReducer.reduce(&state, key: .up).isEmpty)  // b3's lab is still on screen
    #expect(!ExplorerReducer.isWanted(queued, by: state))
    #expect(state.labResults != nil && !state.labComputing)
    // Down again asks again: nothing is left pending from before.
    #expect(ExplorerReducer.reduce(&state, key: .down) == [queued])
    _ = ExplorerReducer.reduce(&state, key: .escape)
    #expect(!ExplorerReducer.isWanted(queued, by: state))
  }
}

@Suite struct LabPanelStateTests {
  /// A key press as the run loop handles it: reduce, then perform what it asked for.
  func press(_ key: Key, _ state: inout ExplorerState) {
    for effect in ExplorerReducer.reduce(&state, key: key) {
      _ = ExplorerReducer.reduce(&state, effect.perform())
    }
  }

  @Test func labFollowsTheSelectedBlockOnlyWhereItIsShown() {
    var state = ExplorerState()
    EffectRunner.settle(&state)
    #expect(state.labResults == nil)  // network view: nothing to compute
    #expect(!state.labComputing)
    for key in [Key.down, .down, .down] { press(key, &state) }
    _ = ExplorerReducer.reduce(&state, key: .enter)
    #expect(state.labComputing)  // the screen is drawn before the lab is computed
    #expect(state.labResults == nil)
    EffectRunner.settle(&state)
    let lab = state.labResults
    #expect(lab?.linear.lab.shape.inputChannels == 24)  // b3
    #expect(lab?.relu6.lab.projection == .relu6)
    press(.character("+"), &state)
    #expect(state.labDimension == 5)
    #expect(state.labResults?.linear.lab.manifoldDimension == 5)
    press(.character("x"), &state)
    #expect(state.labResults?.linear.lab.shortcut == true)
    for _ in 0..<9 { press(.character("-"), &state) }
    #expect(state.labDimension == 1)
    press(.character("j"), &state)
    #expect(state.labResults?.linear.lab.shape.outputChannels == 32)  // b4
  }

  @Test func unrelatedKeysKeepTheComputedLab() {
    var state = ExplorerState(view: .block, selectedGroup: 3)
    EffectRunner.settle(&state)
    let before = state.labResults?.linear
    #expect(ExplorerReducer.reduce(&state, key: .character("a")).isEmpty)
    #expect(!state.labComputing)
    #expect(state.labResults?.linear == before)
  }
}

@Suite struct SeedTests {
  /// `s` draws seeds a teacher can read out: four digits, never the one on screen, and the
  /// same sequence in every session.
  @Test func newSeedsAreFourDigitsAndReplay() {
    var state = ExplorerState()
    var seen: [UInt64] = []
    for _ in 0..<500 {
      let before = state.seed
      _ = ExplorerReducer.reduce(&state, key: .character("s"))
      #expect((1000...9999).contains(state.seed))
      #expect(state.seed != before)
      seen.append(state.seed)
    }
    var again = ExplorerState()
    for seed in seen.prefix(20) {
      _ = ExplorerReducer.reduce(&again, key: .character("s"))
      #expect(again.seed == seed)
    }
    #expect(Set(seen).count > 400, "the seeds spread over the range")
  }
}

extension SeedTests {
  @Test func everyFourDigitSeedComesRoundOnce() {
    var seed: UInt64 = 1000
    var seen = Set<UInt64>()
    for _ in 0..<9000 {
      seen.insert(seed)
      seed = ExplorerReducer.nextSeed(after: seed)
    }
    #expect(seen.count == 9000 && seed == 1000)
  }
}
