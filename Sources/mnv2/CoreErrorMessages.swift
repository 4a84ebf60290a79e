import ArgumentParser
import BottleneckLab
import ManifoldKit
import MobileNetKit

/// The one place the core's typed errors become one-line messages that name this CLI's
/// flags; the ranges come from the errors, which take them from where they are defined.
extension ConfigError {
  var message: String {
    switch self {
    case .width(let value, let valid):
      let shown = value.isNaN ? "nan" : value.isInfinite ? (value < 0 ? "-inf" : "inf") : formatWidth(value)
      return
        "--width must be a number from \(plain(valid.lowerBound)) to \(plain(valid.upperBound)), got \(shown)"
    case .resolution(let value, let valid):
      return "--resolution must be from \(valid.lowerBound) to \(valid.upperBound) pixels, got \(value)"
    case .classes(let value, let valid):
      return outOfRange("--classes", value, valid)
    }
  }
}

extension ManifoldError {
  var message: String {
    switch self {
    case .noDimensions: return "--dims needs at least one dimension, e.g. 2,3,5,15,30"
    case .dimension(let n, let valid):
      return
        "--dims each n must be from \(valid.lowerBound) to \(valid.upperBound) (the spiral is 2-D), got \(n)"
    case .repeatedDimension(let n): return "--dims n = \(n) is listed twice"
    case .points(let value, let valid): return outOfRange("--points", value, valid)
    case .turns(let value, let valid):
      return "--turns must be from \(plain(valid.lowerBound)) to \(plain(valid.upperBound)), got \(value)"
    case .trials(let value, let valid): return outOfRange("--trials", value, valid)
    case .tooMuchWork(let error):
      return error.message(advice: "use fewer points, trials or dimensions")
    }
  }
}

extension NetworkSizeError {
  /// "mine.json: b3.expand: MAdds exceed 2^53 = 9,007,199,254,740,992 at width 8, resolution 2048 …".
  func message(architecture: String, config: NetworkConfig? = nil) -> String {
    let at = config.map { " at width \(formatWidth($0.width)), resolution \($0.resolution)" } ?? ""
    return
      "\(architecture): \(layer): \(quantity) exceed 2^53 = 9,007,199,254,740,992\(at), "
      + "the largest count mnv2 keeps exact; use fewer channels, a smaller kernel or a lower resolution"
  }
}

extension WorkLimitError {
  /// "needs about 8.4e10 scalar steps (limit 4e9) and 1.2 GB of memory (limit 2 GB); …".
  /// The estimates are rounded up, so a run refused for being over a limit never reads as
  /// being at it ("1e12 (limit 1e12)" was 1.0003e12).
  func message(advice: String) -> String {
    "this run needs about \(LimitWording.scientific(estimate.operations, up: true)) \(unit) "
      + "(limit \(LimitWording.scientific(operationLimit))) and "
      + "\(LimitWording.gigabytes(estimate.bytes, up: true)) of memory (limit \(LimitWording.gigabytes(memoryLimit))"
      + (memoryLimit < WorkEstimate.maximumBytes ? ", what ulimit -v leaves" : "") + "); \(advice)"
  }
}

extension LabError {
  var message: String {
    switch self {
    case .manifoldDimension(let k, let valid):
      return "--k must be from \(valid.lowerBound) to d′ = \(valid.upperBound) for this block, got \(k)"
    case .trials(let value, let valid): return outOfRange("--trials", value, valid)
    case .points(let value, let valid): return outOfRange("--points", value, valid)
    case .projection: return "--activation the projection is linear or relu6"
    }
  }
}

/// "--flag must be from a to b, got v".
private func outOfRange(_ flag: String, _ value: Int, _ valid: ClosedRange<Int>) -> String {
  "\(flag) must be from \(valid.lowerBound) to \(valid.upperBound), got \(value)"
}

/// 8 as "8", 0.05 as "0.05": a range bound as a person writes it.
private func plain(_ value: Double) -> String {
  value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
}

extension ValidationError {
  init(_ error: ConfigError) { self.init(error.message) }
  init(_ error: ManifoldError) { self.init(error.message) }
  init(_ error: LabError) { self.init(error.message) }
}
