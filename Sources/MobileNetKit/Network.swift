/// A network instantiated at one configuration: every layer with its shapes and costs.
public struct Network: Equatable, Sendable {
  public var spec: ArchitectureSpec
  public var config: NetworkConfig
  public var layers: [Layer]
  public var groups: [LayerGroup]

  public var multiplyAdds: Int { layers.reduce(0) { $0 + $1.multiplyAdds } }
  public var paramBreakdown: ParamBreakdown { layers.reduce(.zero) { $0 + $1.params } }
  public func params(_ convention: ParamConvention) -> Int { paramBreakdown.count(convention) }

  /// The bottleneck blocks, in order.
  public var bottlenecks: [LayerGroup] { groups.filter { $0.op == .bottleneck } }

  /// MobileNetV2 as in the paper's Table 2. It fits at every valid config (the largest,
  /// width 8 at 2048 pixels, is 1.45e12 MAdds), which `CountLimitTests` checks at the corners.
  public static func mobileNetV2(_ config: NetworkConfig = NetworkConfig()) -> Network {
    bundled(.mobileNetV2, config)
  }

  /// MobileNetV1, for the comparisons the paper makes in Tables 3 and 4.
  public static func mobileNetV1(_ config: NetworkConfig = NetworkConfig()) -> Network {
    bundled(.mobileNetV1, config)
  }

  private static func bundled(_ spec: ArchitectureSpec, _ config: NetworkConfig) -> Network {
    do {
      return try Network(spec: spec, config: config)
    } catch {
      preconditionFailure("\(spec.name) exceeds the count limit at \(config); CountLimitTests rules this out")
    }
  }

  /// Builds the layers. The config is assumed valid (see `NetworkConfig.validate()`); a
  /// user's architecture can still be too large to count exactly, which is the error.
  public init(spec: ArchitectureSpec, config: NetworkConfig) throws(NetworkSizeError) {
    self.spec = spec
    self.config = config
    var builder = NetworkBuilder(
      config: config, inputChannels: spec.inputChannels,
      separableStyle: spec.stages.contains { $0.op == .separable }
        && !spec.stages.contains { $0.op == .bottleneck })
    for stage in spec.stages { try builder.add(stage) }
    try builder.checkTotals()
    self.layers = builder.layers
    self.groups = builder.groups
  }
}

extension ArchitectureSpec {
  /// The bundled MobileNetV2 definition. Decoding it cannot fail: a test decodes it.
  public static let mobileNetV2 = try! ArchitectureDecoder.decode(
    BundledArchitectures.mobilenetV2, source: "mobilenet_v2.json")
  public static let mobileNetV1 = try! ArchitectureDecoder.decode(
    BundledArchitectures.mobilenetV1, source: "mobilenet_v1.json")
}
