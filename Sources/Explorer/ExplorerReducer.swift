import ManifoldKit
import MobileNetKit

/// The only place state changes: a pure function of the state and an action.
public enum ExplorerReducer {
  /// Rows moved by PgUp/PgDn.
  public static let pageSize = 10

  public static func reduce(_ state: inout ExplorerState, _ action: ExplorerAction) {
    if state.showHelp {
      // The help overlay is modal: any key closes it, and q still quits.
      if action == .quit { state.quitRequested = true }
      state.showHelp = false
      return
    }
    let lastGroup = state.network.groups.count - 1
    switch action {
    case .next: state.selectedGroup = min(lastGroup, state.selectedGroup + 1)
    case .previous: state.selectedGroup = max(0, state.selectedGroup - 1)
    case .pageDown: state.selectedGroup = min(lastGroup, state.selectedGroup + pageSize)
    case .pageUp: state.selectedGroup = max(0, state.selectedGroup - pageSize)
    case .first: state.selectedGroup = 0
    case .last: state.selectedGroup = lastGroup
    case .open: if state.view == .network { state.view = .block }
    case .back: if state.view != .network { state.view = .network }
    case .cycleView:
      let views = ExplorerView.allCases
      state.view = views[(views.firstIndex(of: state.view)! + 1) % views.count]
    case .show(let view): state.view = view
    case .toggleBottleneck:
      var config = state.config
      config.bottleneckActivation = config.bottleneckActivation == .linear ? .relu6 : .linear
      state.rebuild(config: config)
    case .widthDown, .widthUp:
      var config = state.config
      config.width = step(config.width, through: NetworkConfig.standardWidths, up: action == .widthUp)
      state.rebuild(config: config)
    case .resolutionDown, .resolutionUp:
      var config = state.config
      let resolutions = NetworkConfig.standardResolutions.map(Double.init)
      config.resolution = Int(
        step(Double(config.resolution), through: resolutions, up: action == .resolutionUp))
      state.rebuild(config: config)
    case .newSeed:
      state.seed = SplitMix64.derivedSeed(state.seed, stream: 0x5EED)
      state.rerunManifold()
    case .togglePlotStyle: state.plotStyle = state.plotStyle == .braille ? .ascii : .braille
    case .toggleHelp: state.showHelp = true
    case .quit: state.quitRequested = true
    }
  }

  public static func reduce(_ state: inout ExplorerState, key: Key) {
    guard let action = KeyMap.action(for: key) else { return }
    reduce(&state, action)
  }

  /// The next value of `steps` above (or below) `value`, staying put at the ends, so a
  /// width of 0.6 given on the command line moves to 0.75 or 0.5.
  static func step(_ value: Double, through steps: [Double], up: Bool) -> Double {
    if up { return steps.first { $0 > value + 1e-9 } ?? value }
    return steps.last { $0 < value - 1e-9 } ?? value
  }
}
