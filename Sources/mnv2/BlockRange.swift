import ArgumentParser
import MobileNetKit

/// `--block` against the network actually built: its row and bottleneck counts come from
/// the architecture, never from literals.
enum BlockRange {
  /// A row of the network view: 0 is the stem.
  static func check(_ row: Int, in network: Network, flag: String) throws {
    let rows = network.groups.count, bottlenecks = network.bottlenecks.count
    guard (0..<rows).contains(row) else {
      throw ValidationError(
        "\(flag) must be from 0 to \(rows - 1) (0 is the stem, 1–\(bottlenecks) the bottlenecks), got \(row)")
    }
  }

  /// A bottleneck, counted from 1.
  static func checkBottleneck(_ block: Int, in network: Network, flag: String) throws {
    let bottlenecks = network.bottlenecks.count
    guard bottlenecks > 0 else {
      throw ValidationError("\(flag): \(network.spec.name) has no bottleneck blocks to study")
    }
    guard (1...bottlenecks).contains(block) else {
      throw ValidationError("\(flag) must be from 1 to \(bottlenecks), got \(block)")
    }
  }
}
