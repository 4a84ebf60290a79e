/// Timings of one thing over the runs after warm-up, in nanoseconds, with the order
/// statistics a profile prints: the median and the interquartile range as its spread.
public struct Samples: Equatable, Sendable {
  public let sorted: [UInt64]

  public init(_ values: [UInt64]) {
    precondition(!values.isEmpty, "no samples")
    sorted = values.sorted()
  }

  /// The value at quantile q by nearest rank on the sorted samples (q = 0.5: the middle one,
  /// the lower middle for an even count).
  public func quantile(_ q: Double) -> UInt64 {
    let rank = Int((Double(sorted.count - 1) * q).rounded(.down))
    return sorted[rank]
  }

  public var median: UInt64 { quantile(0.5) }
  public var lowerQuartile: UInt64 { quantile(0.25) }
  public var upperQuartile: UInt64 { quantile(0.75) }
  public var minimum: UInt64 { sorted[0] }
  public var maximum: UInt64 { sorted[sorted.count - 1] }
}
