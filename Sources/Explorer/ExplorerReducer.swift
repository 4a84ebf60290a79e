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
    case .toggleLesson:
      if state.lesson == nil { state.openLesson() } else { state.lesson = nil }
    case .nextStep, .previousStep, .firstStep, .lastStep, .digit, .confirmJump, .zoom, .lessonBack:
      reduceLesson(&state, action)
    case .labKUp: state.labDimension = min(8, state.labDimension + 1)
    case .labKDown: state.labDimension = max(1, state.labDimension - 1)
    case .toggleLabShortcut: state.labShortcut.toggle()
    }
  }

  /// The clicker keys. Moving to a step applies its starting state; the visual then
  /// answers to the explorer's keys as usual.
  static func reduceLesson(_ state: inout ExplorerState, _ action: ExplorerAction) {
    guard var lesson = state.lesson else { return }
    let last = lesson.steps.count - 1
    var target = lesson.index
    switch action {
    case .nextStep: target = min(last, lesson.index + 1)
    case .previousStep: target = max(0, lesson.index - 1)
    case .firstStep: target = 0
    case .lastStep: target = last
    case .digit(let digit):
      // Two digits at most: a lesson longer than 99 steps is not a lesson.
      lesson.pendingJump = String((lesson.pendingJump + String(digit)).suffix(2))
      state.lesson = lesson
      return
    case .confirmJump:
      if lesson.pendingJump.isEmpty {
        target = min(last, lesson.index + 1)
      } else if let number = Int(lesson.pendingJump), (1...lesson.steps.count).contains(number) {
        target = number - 1
      }
      lesson.pendingJump = ""
    case .zoom:
      lesson.zoomed.toggle()
      state.lesson = lesson
      return
    case .lessonBack:
      if !lesson.pendingJump.isEmpty {
        lesson.pendingJump = ""
      } else if lesson.zoomed {
        lesson.zoomed = false
      } else {
        state.lesson = nil
        return
      }
      state.lesson = lesson
      return
    default:
      return
    }
    lesson.pendingJump = ""
    let moved = target != lesson.index
    lesson.index = target
    state.lesson = lesson
    if moved { state.applyLessonStep() }
  }

  public static func reduce(_ state: inout ExplorerState, key: Key) {
    guard let action = KeyMap.action(for: key, inLesson: state.lesson != nil) else { return }
    reduce(&state, action)
  }

  /// The next value of `steps` above (or below) `value`, staying put at the ends, so a
  /// width of 0.6 given on the command line moves to 0.75 or 0.5.
  static func step(_ value: Double, through steps: [Double], up: Bool) -> Double {
    if up { return steps.first { $0 > value + 1e-9 } ?? value }
    return steps.last { $0 < value - 1e-9 } ?? value
  }
}
