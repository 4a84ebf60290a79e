import AblationKit
import Explorer
import TermCanvas
import TerminalBackend

/// The explorer's event loop, driven through any `TerminalBackend`: draw, take in what the
/// long jobs reported, perform the quick effects the reducer asked for, read a key, reduce,
/// repeat.
///
/// The screen is always drawn before an effect runs, so a key never waits for the lab; a
/// key that arrives while effects are queued is handled first, so work it makes stale is
/// skipped instead of done. Long jobs belong to the `JobRunner`, off this thread: while any
/// runs, the loop looks for their reports between keys, at least every `pollInterval`.
public struct ExplorerRunLoop {
  public var state: ExplorerState
  public let theme: Theme
  private var queue: [ExplorerEffect] = []
  /// Performs one quick effect; tests replace it to count or hold back the work.
  private let perform: (ExplorerEffect) -> [ExplorerAction]
  private let runner: any JobRunner
  /// Called once when Figure 6's board finishes training here, to keep it (`BoardCache`).
  public var boardFinished: ((AblationBoard) -> Void)?
  private var boardWasComplete = false
  /// The longest a job's report waits for the screen while no key comes.
  public static let pollInterval = Duration.milliseconds(20)

  public init(
    state: ExplorerState, theme: Theme, runner: any JobRunner = ThreadedJobRunner(),
    perform: @escaping (ExplorerEffect) -> [ExplorerAction] = { $0.perform() }
  ) {
    self.state = state
    self.theme = theme
    self.runner = runner
    self.perform = perform
  }

  /// Runs until the user quits or input ends; returns the final state. Every job still
  /// running is cancelled on the way out.
  @discardableResult
  public mutating func run(on backend: some TerminalBackend) -> ExplorerState {
    defer { runner.cancelAll() }
    absorb(ExplorerReducer.reduce(&state, .refresh))
    boardWasComplete = state.ablation.isComplete
    var needsDrawing = true
    while !state.quitRequested {
      if needsDrawing { draw(on: backend) }
      needsDrawing = false
      // What the jobs reported meanwhile; a key typed meanwhile is still read before the
      // next frame, however busy the jobs are.
      let reports = runner.reports(waiting: .zero)
      for (id, report) in reports { absorb(ExplorerReducer.reduce(&state, .jobReported(id, report))) }
      if !reports.isEmpty {
        noticeBoardFinished()
        needsDrawing = true
      }
      if let effect = nextWantedEffect() {
        // Keys typed meanwhile come first: they may make this effect stale.
        if let event = backend.nextEvent(timeout: .zero) {
          queue.insert(effect, at: 0)
          handle(event, on: backend)
        } else {
          absorb(ExplorerReducer.reduce(&state, perform(effect)))
        }
        needsDrawing = true
        continue
      }
      // A frame to draw: only a key already typed. Jobs running: a key, or the next look for
      // their reports. Else wait for a key, using no CPU.
      let timeout: Duration? = needsDrawing ? .zero : runner.hasJobs ? Self.pollInterval : nil
      if let event = backend.nextEvent(timeout: timeout) {
        handle(event, on: backend)
        needsDrawing = true
      }
    }
    return state
  }

  /// Hands the jobs' effects to the runner at once, and queues the quick ones for after
  /// the next frame.
  private mutating func absorb(_ effects: [ExplorerEffect]) {
    for effect in effects {
      switch effect {
      case .startJob(let id, let job): runner.start(id, job)
      case .cancelJob(let id): runner.cancel(id)
      case .runManifold, .runLab: queue.append(effect)
      }
    }
  }

  private mutating func noticeBoardFinished() {
    guard state.ablation.isComplete && !boardWasComplete else { return }
    boardWasComplete = true
    boardFinished?(state.ablation)
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
      absorb(
        ExplorerReducer.reduce(
          &state, key: key, screenFits: ExplorerRenderer.fits(width: size.width, height: size.height)))
    case .mouse(let event):
      let size = backend.size
      guard ExplorerRenderer.fits(width: size.width, height: size.height), let frame = lastFrame else {
        return
      }
      switch event.kind {
      case .click:
        absorb(ExplorerReducer.reduce(&state, .click(ClickTarget.at(x: event.x, y: event.y, of: frame))))
      case .wheelUp: absorb(ExplorerReducer.reduce(&state, .scroll(down: false)))
      case .wheelDown: absorb(ExplorerReducer.reduce(&state, .scroll(down: true)))
      }
    case .resize: break  // the next draw uses the new size
    case .resumed: backend.resume()
    case .endOfInput: absorb(ExplorerReducer.reduce(&state, .quit))
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
