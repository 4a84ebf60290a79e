import AblationKit
import Explorer
import TermCanvas
import TerminalBackend

/// The explorer's event loop, driven through any `TerminalBackend`: draw, perform the
/// effects the reducer asked for, read a key, reduce, repeat.
///
/// The screen is always drawn before an effect runs, so a key never waits for the lab; and
/// a key that arrives while effects are queued is handled first, so work it makes stale is
/// skipped instead of done.
public struct ExplorerRunLoop {
  public var state: ExplorerState
  public let theme: Theme
  private var queue: [ExplorerEffect] = []
  /// Performs one effect; tests replace it to count or hold back the work.
  private let perform: (ExplorerEffect) -> ExplorerAction
  /// Called once when Figure 6's board finishes training here, to keep it (`BoardCache`).
  public var boardFinished: ((AblationBoard) -> Void)?
  private var boardWasComplete = false

  public init(
    state: ExplorerState, theme: Theme,
    perform: @escaping (ExplorerEffect) -> ExplorerAction = { $0.perform() }
  ) {
    self.state = state
    self.theme = theme
    self.perform = perform
  }

  /// Runs until the user quits or input ends; returns the final state.
  @discardableResult
  public mutating func run(on backend: some TerminalBackend) -> ExplorerState {
    queue = ExplorerReducer.reduce(&state, .refresh)
    boardWasComplete = state.ablation.isComplete
    while !state.quitRequested {
      draw(on: backend)
      if let effect = nextWantedEffect() {
        // Keys typed meanwhile come first: they may make this effect stale.
        if let event = backend.nextEvent(timeout: .zero) {
          queue.insert(effect, at: 0)
          handle(event, on: backend)
          continue
        }
        queue += ExplorerReducer.reduce(&state, perform(effect))
        if state.ablation.isComplete && !boardWasComplete {
          boardWasComplete = true
          boardFinished?(state.ablation)
        }
        continue
      }
      guard let event = backend.nextEvent(timeout: nil) else { continue }
      handle(event, on: backend)
    }
    return state
  }

  private mutating func nextWantedEffect() -> ExplorerEffect? {
    while !queue.isEmpty {
      let effect = queue.removeFirst()
      if ExplorerReducer.isWanted(effect, by: state) { return effect }
    }
    return nil
  }

  private mutating func handle(_ event: TerminalEvent, on backend: some TerminalBackend) {
    switch event {
    case .key(let key):
      let size = backend.size
      queue += ExplorerReducer.reduce(
        &state, key: key, screenFits: ExplorerRenderer.fits(width: size.width, height: size.height))
    case .mouse(let event):
      let size = backend.size
      guard ExplorerRenderer.fits(width: size.width, height: size.height), let frame = lastFrame else {
        return
      }
      switch event.kind {
      case .click:
        queue += ExplorerReducer.reduce(&state, .click(ClickTarget.at(x: event.x, y: event.y, of: frame)))
      case .wheelUp: queue += ExplorerReducer.reduce(&state, .scroll(down: false))
      case .wheelDown: queue += ExplorerReducer.reduce(&state, .scroll(down: true))
      }
    case .resize: break  // the next draw uses the new size
    case .resumed: backend.resume()
    case .endOfInput: queue += ExplorerReducer.reduce(&state, .quit)
    }
  }

  /// The frame on screen: a click means what was drawn under it.
  private var lastFrame: Canvas?

  private mutating func draw(on backend: some TerminalBackend) {
    let size = backend.size
    let frame = ExplorerRenderer.render(state, width: size.width, height: size.height, theme: theme)
    backend.draw(frame)
    lastFrame = frame
  }
}
