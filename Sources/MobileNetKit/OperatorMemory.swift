/// The paper's own measure of inference memory, Eq. (2) of §5.1: the largest total size of
/// the inputs and outputs of one operator, M(G) = max over operators of Σ|inputs| + Σ|outputs|
/// (the operator's own scratch, which streaming makes as small as wanted, is left out).
///
/// Per spatial size, the largest over operators whose output has that size. A bottleneck is
/// one operator (§5.1 streams its expanded tensors), and so is every other layer; MobileNetV1,
/// which has no bottlenecks, is an operator per layer. The network input is an operator input.
public struct OperatorMemory: Equatable, Sendable {
  public struct Entry: Equatable, Sendable {
    public var size: Int
    public var bytes: Int
    /// The operator, e.g. "b2" or "stem+b1".
    public var name: String
  }

  public var entries: [Entry]

  /// `firstLayerTrick`: the first conv and the first bottleneck are one streamed operator.
  public init(network: Network, bytesPerElement: Int = 2, firstLayerTrick: Bool = false) {
    var operators: [(name: String, input: TensorShape, output: TensorShape)] = []
    let hasBottlenecks = !network.bottlenecks.isEmpty
    for group in network.groups {
      if group.op == .bottleneck {
        operators.append((group.name, group.input, group.output))
      } else {
        for layer in network.layers[group.layerRange] {
          operators.append((layer.name, layer.input, layer.output))
        }
      }
    }
    if firstLayerTrick && hasBottlenecks && Self.stemFuses(network), operators.count >= 2 {
      let stem = operators.removeFirst(), first = operators.removeFirst()
      operators.insert(("\(network.groups[0].name)+\(first.name)", stem.input, first.output), at: 0)
    }
    var bySize: [Int: Entry] = [:]
    var order: [Int] = []
    for op in operators {
      let bytes = (op.input.elements + op.output.elements) * bytesPerElement
      let size = op.output.height
      if let existing = bySize[size] {
        if bytes > existing.bytes { bySize[size] = Entry(size: size, bytes: bytes, name: op.name) }
      } else {
        bySize[size] = Entry(size: size, bytes: bytes, name: op.name)
        order.append(size)
      }
    }
    entries = order.map { bySize[$0]! }
  }

  /// Whether the network starts with a single conv feeding a bottleneck, which the trick fuses.
  static func stemFuses(_ network: Network) -> Bool {
    network.groups.count >= 2 && network.groups[0].op == .conv2d
      && network.layers[network.groups[0].layerRange].count == 1
      && network.groups[1].op == .bottleneck
  }

  public func entry(size: Int) -> Entry? { entries.first { $0.size == size } }

  /// M(G) itself: the largest over every operator.
  public var peak: Entry? { entries.max { $0.bytes < $1.bytes } }
}
