import Foundation

/// "mnv2 lab: 12 of 34 runs" on stderr, rewritten in place, for a run long enough to wonder
/// about. Only when stderr is a terminal (a log or a pipe gets no carriage returns), and only
/// after the first second, so quick runs print nothing. Safe to advance from any thread.
final class ProgressLine: @unchecked Sendable {
  private let label: String
  private let total: Int
  private let started = Date()
  private let lock = NSLock()
  private var done = 0
  private var shown = false
  private let enabled: Bool

  init(label: String, total: Int) {
    self.label = label
    self.total = total
    enabled = isatty(STDERR_FILENO) == 1 && total > 1
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
    guard Date().timeIntervalSince(started) >= 1 else { return }
    shown = true
    let percent = done * 100 / total
    FileHandle.standardError.write(Data("\r\u{1B}[Kmnv2 \(label): \(done) of \(total) (\(percent)%)".utf8))
  }

  /// Clears the line before the result is printed.
  func finish() {
    lock.lock()
    defer { lock.unlock() }
    if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    shown = false
  }
}
