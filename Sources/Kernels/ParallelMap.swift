import Dispatch

extension Array where Element: Sendable {
  /// `map` on every core the machine has. Callers only hand it independent, deterministic
  /// pieces of work, so the result never depends on how the work was scheduled.
  public func concurrentMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
    guard count > 1 else { return map(transform) }
    let slots = ResultSlots<Result>(count: count)
    let elements = self
    DispatchQueue.concurrentPerform(iterations: count) { index in
      slots.store(transform(elements[index]), at: index)
    }
    return slots.values()
  }
}

/// Runs `body(index)` for every index in `0..<count` on every core; the bodies must write
/// disjoint memory.
public func concurrentForEach(_ count: Int, _ body: @Sendable (Int) -> Void) {
  if count <= 1 {
    for index in 0..<count { body(index) }
    return
  }
  DispatchQueue.concurrentPerform(iterations: count, execute: body)
}

/// Runs `body(index)` for every index in `0..<count` on at most `threads` threads: thread t
/// takes indices t, t + threads, …, so the split is fixed and the result never depends on
/// the schedule. One thread runs everything on the caller's. Dispatch never runs more
/// threads at once than the machine has cores, so a larger `threads` only splits finer.
public func concurrentForEach(_ count: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
  let workers = min(max(threads, 1), count)
  if workers <= 1 {
    for index in 0..<count { body(index) }
    return
  }
  DispatchQueue.concurrentPerform(iterations: workers) { worker in
    for index in Swift.stride(from: worker, to: count, by: workers) { body(index) }
  }
}

/// One write-once slot per iteration; each index is written by exactly one thread, through
/// a raw pointer so no two threads ever access the same Swift variable.
private final class ResultSlots<Result>: @unchecked Sendable {
  private let base: UnsafeMutablePointer<Result?>
  private let count: Int

  init(count: Int) {
    self.count = count
    base = .allocate(capacity: count)
    base.initialize(repeating: nil, count: count)
  }

  deinit {
    base.deinitialize(count: count)
    base.deallocate()
  }

  func store(_ value: Result, at index: Int) { base[index] = value }

  func values() -> [Result] { (0..<count).map { base[$0]! } }
}
