import MobileNetKit
import TermCanvas
import Testing

@testable import Explorer

@Suite struct ExplorerReducerTests {
  func state(after keys: [Key], from initial: ExplorerState = ExplorerState()) -> ExplorerState {
    var state = initial
    for key in keys { ExplorerReducer.reduce(&state, key: key) }
    return state
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
    #expect(state(after: [.tab, .tab, .tab]).view == .network)
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
    #expect(after.manifold.experiment.activation == .relu6)
    #expect(before.manifold.experiment.activation == .linear)
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
    #expect(once.manifold.experiment.seed == once.seed)
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

  @Test func everyActionHasAKeyAndHelpText() {
    let bound = Set(KeyMap.bindings.map(\.action))
    for action in [
      ExplorerAction.next, .previous, .open, .back, .cycleView, .toggleBottleneck, .widthDown, .widthUp,
      .resolutionDown, .resolutionUp, .newSeed, .togglePlotStyle, .toggleHelp, .quit,
    ] {
      #expect(bound.contains(action), "\(action)")
    }
    #expect(KeyMap.bindings.allSatisfy { !$0.help.isEmpty && !$0.keys.isEmpty })
  }
}

@Suite struct LabPanelStateTests {
  /// A key press as the terminal loop handles it: reduce, then fill in the lab.
  func press(_ key: Key, _ state: inout ExplorerState) {
    ExplorerReducer.reduce(&state, key: key)
    state.refreshLab()
  }

  @Test func labFollowsTheSelectedBlockOnlyWhereItIsShown() {
    var state = ExplorerState()
    state.refreshLab()
    #expect(state.labResults() == nil)  // network view: nothing to compute
    #expect(!state.labNeedsRefresh)
    for key in [Key.down, .down, .down] { press(key, &state) }
    ExplorerReducer.reduce(&state, key: .enter)
    #expect(state.labNeedsRefresh)  // the screen is drawn before the lab is computed
    #expect(state.labResults() == nil)
    state.refreshLab()
    let lab = state.labResults()
    #expect(lab?.linear.lab.shape.inputChannels == 24)  // b3
    #expect(lab?.relu6.lab.projection == .relu6)
    press(.character("+"), &state)
    #expect(state.labDimension == 3)
    #expect(state.labResults()?.linear.lab.manifoldDimension == 3)
    press(.character("x"), &state)
    #expect(state.labResults()?.linear.lab.shortcut == true)
    for _ in 0..<9 { press(.character("-"), &state) }
    #expect(state.labDimension == 1)
    press(.character("j"), &state)
    #expect(state.labResults()?.linear.lab.shape.outputChannels == 32)  // b4
  }

  @Test func unrelatedKeysKeepTheComputedLab() {
    var state = ExplorerState(view: .block, selectedGroup: 3)
    state.refreshLab()
    let before = state.labResults()?.linear
    ExplorerReducer.reduce(&state, key: .character("a"))
    #expect(!state.labNeedsRefresh)
    #expect(state.labResults()?.linear == before)
  }
}
