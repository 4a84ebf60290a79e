/// A buffer's address handed to worker threads that write disjoint parts of it. The
/// threads never touch the same element, so sharing the pointer is safe although Swift
/// cannot prove it.
struct SharedBuffer: @unchecked Sendable {
  let base: UnsafeMutablePointer<Float>

  init(_ base: UnsafeMutablePointer<Float>) { self.base = base }
  init(_ base: UnsafePointer<Float>) { self.base = UnsafeMutablePointer(mutating: base) }
}
