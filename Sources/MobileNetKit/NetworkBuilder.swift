/// Walks Table 2 row by row, applying the channel and padding rules of the reference
/// implementations (paper-facts §10): "same" padding, so an output is ⌈input / stride⌉,
/// except where Keras's MobileNet (V1) pads a strided depthwise conv on one side only.
struct NetworkBuilder {
  let config: NetworkConfig
  private(set) var layers: [Layer] = []
  private(set) var groups: [LayerGroup] = []
  private var shape: TensorShape
  private var counters: [StageOperator: Int] = [:]

  /// V1-style networks (separable layers, no bottlenecks) round every layer as Keras's
  /// MobileNet does; V2-style ones as its MobileNetV2 does.
  let separableStyle: Bool

  init(config: NetworkConfig, inputChannels: Int, separableStyle: Bool = false) {
    self.config = config
    self.shape = TensorShape(config.resolution, config.resolution, inputChannels)
    self.separableStyle = separableStyle
  }

  mutating func add(_ stage: ArchitectureSpec.Stage) throws(NetworkSizeError) {
    for repeatIndex in 0..<stage.repeats {
      let stride = repeatIndex == 0 ? stage.stride : 1
      switch stage.op {
      case .conv2d: try addConv(stage, stride: stride)
      case .bottleneck: try addBottleneck(stage, stride: stride)
      case .separable: try addSeparable(stage, stride: stride)
      case .avgpool: try addPool()
      case .classifier: try addClassifier()
      }
    }
  }

  /// The network's totals must fit as well as each layer's counts.
  func checkTotals() throws(NetworkSizeError) {
    guard CountLimit.sum(layers.map(\.multiplyAdds)) != nil else {
      throw NetworkSizeError(layer: "the network", quantity: "total MAdds")
    }
    let params = layers.map(\.params)
    let parts =
      params.map(\.weights) + params.map(\.biases) + params.map(\.batchNormAffine)
      + params.map(\.batchNormRunning)
    guard CountLimit.sum(parts) != nil else {
      throw NetworkSizeError(layer: "the network", quantity: "total params")
    }
    guard CountLimit.sum(groups.map { $0.paperEstimate ?? 0 }) != nil else {
      throw NetworkSizeError(layer: "the network", quantity: "total paper estimate")
    }
  }

  /// `CountLimit.product`, or the error naming the layer and the quantity.
  private static func count(_ layer: String, _ quantity: String, _ factors: Int...) throws(NetworkSizeError)
    -> Int
  {
    var result = 1
    for factor in factors {
      guard let next = CountLimit.product(result, factor) else {
        throw NetworkSizeError(layer: layer, quantity: quantity)
      }
      result = next
    }
    return result
  }

  private func channels(for stage: ArchitectureSpec.Stage) -> Int {
    let c = Double(stage.channels)
    if stage.isLastConv && config.lastLayerRule == .paper {
      return makeDivisible(c * max(1.0, config.width))
    }
    switch config.channelRounding {
    case .makeDivisible:
      return makeDivisible(c * config.width)
    case .keras:
      // Python's int() truncates; a channel count never falls below 1.
      let truncated = max(1, Int((c * config.width).rounded(.towardZero)))
      if stage.op == .bottleneck { return makeDivisible(Double(truncated)) }
      if stage.op == .separable || separableStyle { return truncated }
      return makeDivisible(c * config.width)
    }
  }

  private mutating func nextName(_ op: StageOperator, stage: ArchitectureSpec.Stage) -> String {
    counters[op, default: 0] += 1
    let count = counters[op]!
    switch op {
    case .conv2d:
      if stage.isLastConv { return "conv_last" }
      return groups.isEmpty ? "stem" : "conv\(count)"
    case .bottleneck: return "b\(count)"
    case .separable: return "s\(count)"
    case .avgpool: return "pool"
    case .classifier: return "classifier"
    }
  }

  private static func spatial(_ size: Int, stride: Int) -> Int { (size + stride - 1) / stride }

  /// Keras V1's strided depthwise: one row and column of zeros after, then `valid`. Keras
  /// cannot build it where the padded input is smaller than the kernel; mnv2 keeps one row.
  private static func paddedAfterThenValid(_ size: Int, kernel: Int, stride: Int) -> Int {
    max(1, (size + 1 - kernel) / stride + 1)
  }

  /// Appends a convolution followed by BatchNorm (conv bias off, as in every reference).
  private mutating func conv(
    _ name: String, kind: LayerKind, outChannels: Int, kernel: Int, stride: Int, groups convGroups: Int,
    activation: Activation, residual: Bool = false, padding: PaddingRule = .same
  ) throws(NetworkSizeError) {
    let input = shape
    func size(_ input: Int) -> Int {
      padding == .kerasSeparable && stride > 1
        ? Self.paddedAfterThenValid(input, kernel: kernel, stride: stride)
        : Self.spatial(input, stride: stride)
    }
    let output = TensorShape(size(input.height), size(input.width), outChannels)
    let perGroup = input.channels / convGroups
    let weights = try Self.count(name, "weights", kernel, kernel, perGroup, outChannels)
    _ = try Self.count(name, "output elements", output.height, output.width, outChannels)
    let multiplyAdds = try Self.count(
      name, "MAdds", output.height, output.width, outChannels, perGroup, kernel, kernel)
    layers.append(
      Layer(
        index: layers.count, group: groups.count, name: name, kind: kind, input: input, output: output,
        kernel: kernel, stride: stride, groups: convGroups, activation: activation, residualAdd: residual,
        multiplyAdds: multiplyAdds,
        params: ParamBreakdown(
          weights: weights, batchNormAffine: 2 * outChannels, batchNormRunning: 2 * outChannels)))
    shape = output
  }

  private mutating func closeGroup(
    name: String, op: StageOperator, expansion: Int = 1, kernel: Int, stride: Int, input: TensorShape,
    firstLayer: Int, residual: Bool = false
  ) throws(NetworkSizeError) {
    let members = layers[firstLayer...]
    if op == .bottleneck {
      let d1 = input.channels
      _ = try Self.count(
        name, "paper estimate", input.height, input.width, d1, expansion,
        d1 + kernel * kernel + shape.channels)
    }
    groups.append(
      LayerGroup(
        index: groups.count, name: name, op: op, expansion: expansion, kernel: kernel, stride: stride,
        input: input, output: shape, residualAdd: residual, layerRange: firstLayer..<layers.count,
        multiplyAdds: members.reduce(0) { $0 + $1.multiplyAdds },
        params: members.reduce(.zero) { $0 + $1.params }))
  }

  private mutating func addConv(_ stage: ArchitectureSpec.Stage, stride: Int) throws(NetworkSizeError) {
    let name = nextName(.conv2d, stage: stage)
    let input = shape, first = layers.count
    try conv(
      "\(name).conv", kind: .conv, outChannels: channels(for: stage), kernel: stage.kernel, stride: stride,
      groups: 1, activation: .relu6)
    try closeGroup(
      name: name, op: .conv2d, kernel: stage.kernel, stride: stride, input: input, firstLayer: first)
  }

  private mutating func addBottleneck(_ stage: ArchitectureSpec.Stage, stride: Int) throws(NetworkSizeError) {
    let name = nextName(.bottleneck, stage: stage)
    let input = shape, first = layers.count
    let outChannels = channels(for: stage)
    let hidden = try Self.count(name, "expanded channels", input.channels, stage.expansion)
    let residual = stride == 1 && input.channels == outChannels
    if stage.expansion != 1 {
      try conv(
        "\(name).expand", kind: .expand, outChannels: hidden, kernel: 1, stride: 1, groups: 1,
        activation: .relu6)
    }
    try conv(
      "\(name).dw", kind: .depthwise, outChannels: hidden, kernel: stage.kernel, stride: stride,
      groups: hidden,
      activation: .relu6)
    try conv(
      "\(name).project", kind: .project, outChannels: outChannels, kernel: 1, stride: 1, groups: 1,
      activation: config.bottleneckActivation, residual: residual)
    try closeGroup(
      name: name, op: .bottleneck, expansion: stage.expansion, kernel: stage.kernel, stride: stride,
      input: input, firstLayer: first, residual: residual)
  }

  private mutating func addSeparable(_ stage: ArchitectureSpec.Stage, stride: Int) throws(NetworkSizeError) {
    let name = nextName(.separable, stage: stage)
    let input = shape, first = layers.count
    try conv(
      "\(name).dw", kind: .depthwise, outChannels: input.channels, kernel: stage.kernel, stride: stride,
      groups: input.channels, activation: .relu6, padding: config.padding)
    try conv(
      "\(name).pw", kind: .pointwise, outChannels: channels(for: stage), kernel: 1, stride: 1, groups: 1,
      activation: .relu6)
    try closeGroup(
      name: name, op: .separable, kernel: stage.kernel, stride: stride, input: input, firstLayer: first)
  }

  private mutating func addPool() throws(NetworkSizeError) {
    let input = shape, first = layers.count
    let output = TensorShape(1, 1, input.channels)
    layers.append(
      Layer(
        index: layers.count, group: groups.count, name: "pool", kind: .pool, input: input, output: output,
        kernel: input.height, stride: 1, groups: 1, activation: .linear, residualAdd: false, multiplyAdds: 0,
        params: .zero))
    shape = output
    try closeGroup(
      name: "pool", op: .avgpool, kernel: input.height, stride: 1, input: input, firstLayer: first)
  }

  /// A fully connected layer on the flattened input, with bias and no BatchNorm.
  private mutating func addClassifier() throws(NetworkSizeError) {
    let input = shape, first = layers.count
    let classes = config.classes
    let features = try Self.count("classifier", "input features", input.height, input.width, input.channels)
    let weights = try Self.count("classifier", "weights", features, classes)
    let output = TensorShape(1, 1, classes)
    layers.append(
      Layer(
        index: layers.count, group: groups.count, name: "classifier", kind: .classifier, input: input,
        output: output, kernel: 1, stride: 1, groups: 1, activation: .linear, residualAdd: false,
        multiplyAdds: weights, params: ParamBreakdown(weights: weights, biases: classes)
      ))
    shape = output
    try closeGroup(name: "classifier", op: .classifier, kernel: 1, stride: 1, input: input, firstLayer: first)
  }
}
