import Foundation

/// "mnv2 lab: 12 of 34 runs" on stderr, for a run long enough to wonder about. On a terminal
/// the line is rewritten in place, after the first second (quick runs print nothing); into a
/// log or a pipe, which gets no carriage returns, a whole line at most every 5 seconds, so a
/// CI log or a `2> log` shows the run is alive without filling up. Safe to advance from any
/// thread.
final class ProgressLine: @unchecked Sendable {
  private let label: String
  private let total: Int
  private let started = Date()
  private let lock = NSLock()
  private var done = 0
  private var shown = false
  private var lastLine: Date
  private let enabled: Bool
  private let terminal: Bool
  /// Seconds between two lines when stderr is not a terminal.
  static let logInterval: TimeInterval = 5

  init(label: String, total: Int) {
    self.label = label
    self.total = total
    terminal = isatty(STDERR_FILENO) == 1
    enabled = total > 1
    lastLine = started
  }

  /// One more unit finished.
  func advance() { update { $0 += 1 } }

  /// `count` units finished in all.
  func set(_ count: Int) { update { $0 = count } }

  private func update(_ change: (inout Int) -> Void) {
    guard enabled else { return }
    lock.lock()
    defer { lock.unlock() }
    change(&done)
    let now = Date()
    let percent = done * 100 / total
    if terminal {
      guard now.timeIntervalSince(started) >= 1 else { return }
      shown = true
      FileHandle.standardError.write(Data("\r\u{1B}[Kmnv2 \(label): \(done) of \(total) (\(percent)%)".utf8))
    } else {
      guard now.timeIntervalSince(lastLine) >= Self.logInterval, done < total else { return }
      lastLine = now
      FileHandle.standardError.write(Data("mnv2 \(label): \(done) of \(total) (\(percent)%)\n".utf8))
    }
  }

  /// Clears the line before the result is printed.
  func finish() {
    lock.lock()
    defer { lock.unlock() }
    if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    shown = false
  }
}
