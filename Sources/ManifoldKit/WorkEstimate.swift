/// What a run will cost, worked out from its arguments before it starts, so a command that
/// would take hours or exhaust memory is refused at once with both figures.
///
/// Operations are counted in the command's own unit (the manifold counts scalar steps per
/// coordinate, the lab multiply-adds), and each limit was set from a measured run: see
/// docs/reference.md, "Work limits". Doubles, so an estimate far past any limit cannot overflow.
public struct WorkEstimate: Equatable, Sendable {
  public var operations: Double
  /// Peak memory the run holds, in bytes.
  public var bytes: Double

  public init(operations: Double, bytes: Double) {
    self.operations = operations
    self.bytes = bytes
  }

  /// Memory any one command may plan to use: 2 GB, 2 × 10^9 bytes.
  public static let maximumBytes = 2e9

  /// The program itself before any work: about 30 MB resident (measured with /usr/bin/time).
  public static let programBytes = 30e6

  public static func + (lhs: WorkEstimate, rhs: WorkEstimate) -> WorkEstimate {
    WorkEstimate(operations: lhs.operations + rhs.operations, bytes: lhs.bytes + rhs.bytes)
  }

  /// Whether the run fits under `operationLimit` and `memoryLimit` (2 GB, or less where the
  /// address space left is smaller: `ulimit -v`).
  public func fits(operationLimit: Double, memoryLimit: Double = maximumBytes) -> Bool {
    operations <= operationLimit && bytes <= memoryLimit
  }

  /// The memory a run may plan: 2 GB, or what the address-space limit leaves if that is
  /// less, so a capped run is refused with both figures instead of aborting mid-way on an
  /// allocation that fails ("failed to allocate 2149580736 bytes", exit 134).
  public static func memoryLimit(addressSpaceLeft: Double?) -> Double {
    min(maximumBytes, max(0, addressSpaceLeft ?? .infinity))
  }
}

/// A run over its limits: the estimate and the limits, for the caller to word.
public struct WorkLimitError: Error, Equatable, Sendable {
  public var estimate: WorkEstimate
  public var operationLimit: Double
  public var memoryLimit: Double
  /// "scalar steps", "multiply-adds".
  public var unit: String

  public init(
    estimate: WorkEstimate, operationLimit: Double, unit: String,
    memoryLimit: Double = WorkEstimate.maximumBytes
  ) {
    self.estimate = estimate
    self.operationLimit = operationLimit
    self.memoryLimit = memoryLimit
    self.unit = unit
  }
}
