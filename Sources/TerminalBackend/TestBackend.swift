import TermCanvas

/// A terminal in memory, for tests: it plays a script of keys and resizes, and records
/// every frame drawn, so a test can drive the real run loop and read what it showed.
public final class TestBackend: TerminalBackend {
  /// One scripted event.
  public enum Step: Equatable, Sendable {
    case key(Key)
    case mouse(MouseEvent)
    case resize(width: Int, height: Int)
    /// As after `kill -STOP` and `kill -CONT`.
    case resume
    /// A read that finds nothing typed yet, so the loop goes on with its work.
    case nothing
  }

  public private(set) var size: TerminalSize
  /// Every canvas drawn, in order.
  public private(set) var frames: [Canvas] = []
  public private(set) var suspendCount = 0
  public private(set) var resumeCount = 0
  /// Steps not played yet.
  public private(set) var script: [Step]
  /// Whether a scripted key is also delivered to a read with a timeout (as if typed while
  /// the program was busy); off, such reads see nothing and only blocking reads play keys.
  public var keysArriveWhileBusy: Bool

  public init(width: Int, height: Int, script: [Step] = [], keysArriveWhileBusy: Bool = false) {
    size = TerminalSize(width: width, height: height)
    self.script = script
    self.keysArriveWhileBusy = keysArriveWhileBusy
  }

  /// The last frame, or nil before the first draw.
  public var screen: Canvas? { frames.last }

  public func draw(_ canvas: Canvas) { frames.append(canvas) }

  public func nextEvent(timeout: Duration?) -> TerminalEvent? {
    if timeout != nil && !keysArriveWhileBusy { return nil }
    guard !script.isEmpty else { return timeout == nil ? .endOfInput : nil }
    switch script.removeFirst() {
    case .key(let key): return .key(key)
    case .mouse(let event): return .mouse(event)
    case .resize(let width, let height):
      size = TerminalSize(width: width, height: height)
      return .resize
    case .resume: return .resumed
    case .nothing: return nil
    }
  }

  public func suspend() { suspendCount += 1 }
  public func resume() { resumeCount += 1 }
}
