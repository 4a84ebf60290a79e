import Dispatch
import MobileNetKit

/// The one place values derived from the state are memoised, so the state stores none of
/// them and a frame that reads the network many times builds it once.
enum DerivedValues {
  private static let memo = NetworkMemo()

  static func network(spec: ArchitectureSpec, config: NetworkConfig) -> Network {
    memo.network(spec: spec, config: config)
  }
}

/// The last network built: the key is the whole input, so a hit is the same value the
/// builder would return.
private final class NetworkMemo: @unchecked Sendable {
  private let queue = DispatchQueue(label: "mnv2.network-memo")
  private var last: Network?

  func network(spec: ArchitectureSpec, config: NetworkConfig) -> Network {
    if let hit = queue.sync(execute: { last }), hit.spec == spec, hit.config == config { return hit }
    let built: Network
    do {
      built = try Network(spec: spec, config: config)
    } catch {
      preconditionFailure(
        "\(spec.name) at \(config) exceeds the count limit; the launch checks largestReachableConfig")
    }
    queue.sync { last = built }
    return built
  }
}
