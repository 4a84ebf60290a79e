/// The largest activation tensor that must exist in memory at each spatial size, the
/// quantity the paper's Table 3 reports.
///
/// Following §5.1, a bottleneck block is one operation whose expanded inner tensors can
/// be streamed in slices (the t-way split), so only tensors between blocks count for
/// MobileNetV2; every layer output counts for MobileNetV1, which has no such structure.
/// The network input is not counted, as in the paper's table.
public struct MaterializedMemory: Equatable, Sendable {
  public struct Entry: Equatable, Sendable {
    /// The spatial side, e.g. 112 for 112×112.
    public var size: Int
    public var channels: Int
    public var bytes: Int
    /// The layer that produces the tensor.
    public var producer: String
  }

  public var entries: [Entry]
  public var bytesPerElement: Int

  /// With `firstLayerTrick` (Table 3's caption: "for the first layer of MobileNetV2 ... we
  /// can employ the trick described in Section 5"), the first conv is streamed into the first
  /// bottleneck as an expansion would be, so its output is never materialised.
  public init(network: Network, bytesPerElement: Int = 2, firstLayerTrick: Bool = false) {
    self.bytesPerElement = bytesPerElement
    var bySize: [Int: Entry] = [:]
    var order: [Int] = []
    let streamedStem = firstLayerTrick && OperatorMemory.stemFuses(network)
    for layer in network.layers where layer.kind != .expand && !Self.isInsideBottleneck(layer, network) {
      if streamedStem && layer.group == 0 { continue }
      let size = layer.output.height
      let entry = Entry(
        size: size, channels: layer.output.channels,
        bytes: layer.output.elements * bytesPerElement, producer: layer.name)
      if let existing = bySize[size] {
        if entry.bytes > existing.bytes { bySize[size] = entry }
      } else {
        bySize[size] = entry
        order.append(size)
      }
    }
    entries = order.map { bySize[$0]! }
  }

  /// The depthwise output of a bottleneck is also an inner (expanded) tensor.
  private static func isInsideBottleneck(_ layer: Layer, _ network: Network) -> Bool {
    network.groups[layer.group].op == .bottleneck && layer.kind == .depthwise
  }

  public func entry(size: Int) -> Entry? { entries.first { $0.size == size } }

  /// The peak over all sizes, optionally skipping the first size, which the paper's
  /// CVPR version excludes because the §5 trick applies to the first layer.
  public func peak(excludingFirst: Bool = false) -> Entry? {
    (excludingFirst ? Array(entries.dropFirst()) : entries).max { $0.bytes < $1.bytes }
  }
}
