/// The largest count a network may hold: 2^53.
///
/// Below it every count is also exact as a Double, which the reports scale and format
/// through, and sums, FLOPs (×2) and bytes (×4) of counts stay far inside Int, so nothing
/// downstream of the builder can overflow. The builder checks every product and sum against it.
public enum CountLimit {
  public static let maximum = 1 << 53

  /// The product, or nil when it exceeds `maximum` (or overflows on the way there).
  static func product(_ factors: Int...) -> Int? {
    var result = 1
    for factor in factors {
      let (value, overflow) = result.multipliedReportingOverflow(by: factor)
      guard !overflow, value <= maximum else { return nil }
      result = value
    }
    return result
  }

  /// The sum, or nil when it exceeds `maximum`.
  static func sum(_ terms: some Sequence<Int>) -> Int? {
    var result = 0
    for term in terms {
      let (value, overflow) = result.addingReportingOverflow(term)
      guard !overflow, value <= maximum else { return nil }
      result = value
    }
    return result
  }
}

/// A count that would not fit under `CountLimit.maximum`, naming the layer (or "total") and
/// what was being counted, so the user can see which part of the architecture to shrink.
public struct NetworkSizeError: Error, Equatable, Sendable {
  public var layer: String
  /// "MAdds", "weights", "output elements", "paper estimate", "params".
  public var quantity: String

  public init(layer: String, quantity: String) {
    self.layer = layer
    self.quantity = quantity
  }
}
