import Kernels

/// A profile that cannot run as asked, worded for the flag a user changes.
public enum ProfileError: Error, Equatable, CustomStringConvertible {
  case runs(Int)
  case warmup(Int)
  case threads(Int)
  case batch(Int)
  /// The work estimate in MAdds (nil: beyond Int's range) against the limit.
  case work(multiplyAdds: Int?, passes: Int)
  case memory(bytes: Int)
  case network(ForwardError)

  public var description: String {
    switch self {
    case .runs(let n):
      return
        "--runs \(n) is out of range; use \(ProfileRequest.runsRange.lowerBound)…\(ProfileRequest.runsRange.upperBound)"
    case .warmup(let n):
      return
        "--warmup \(n) is out of range; use \(ProfileRequest.warmupRange.lowerBound)…\(ProfileRequest.warmupRange.upperBound)"
    case .threads(let n):
      return
        "--threads \(n) is out of range; use \(ProfileRequest.threadsRange.lowerBound)…\(ProfileRequest.threadsRange.upperBound)"
    case .batch(let n):
      return
        "--batch \(n) is out of range; use \(ProfileRequest.batchRange.lowerBound)…\(ProfileRequest.batchRange.upperBound)"
    case .work(let madds, let passes):
      let estimate =
        madds.map {
          "\(LimitWording.scientific(Double($0), up: true)) MAdds, about \(Int((Double($0) / 1e10).rounded(.up))) s at 10 GMAC/s"
        }
        ?? "more MAdds than a 64-bit count holds"
      return
        "the profile would run \(passes) passes: \(estimate); the limit is \(LimitWording.scientific(Double(ProfileRequest.workLimit))) MAdds (use fewer --runs, a smaller --batch, --width or --resolution)"
    case .memory(let bytes):
      return
        "the forward pass would hold up to \(LimitWording.gigabytes(Double(bytes), up: true)) at once; the limit is \(LimitWording.gigabytes(Double(ProfileRequest.memoryLimit))) (use a smaller --batch, --width or --resolution)"
    case .network(let error): return error.description
    }
  }
}
