import MobileNetKit

/// Shapes, multiply-adds, parameters and activation memory of one layer or block.
extension QuestionContext {
  /// "b3.expand" → "1×1 expansion conv (t = 6)", the operator in words.
  func describe(_ layer: Layer) -> String {
    switch layer.kind {
    case .conv: return "\(layer.kernel)×\(layer.kernel) conv, stride \(layer.stride),"
    case .expand: return "1×1 expansion conv, t = \(group(of: layer).expansion),"
    case .depthwise: return "\(layer.kernel)×\(layer.kernel) depthwise conv, stride \(layer.stride),"
    case .project: return "1×1 projection conv"
    case .pointwise: return "1×1 pointwise conv"
    case .pool: return "global average pool"
    case .classifier: return "fully connected classifier"
    }
  }

  mutating func shapeQuestion() -> Question {
    let group = pick(network.bottlenecks)
    let (stage, repeatIndex) = row(of: group)
    let layers = Array(network.layers[group.layerRange])
    let part = pick([nil] + layers.map { Optional($0) })
    let rowText =
      "Block \(group.name) comes from Table 2's row t = \(stage.expansion), c = \(stage.channels), "
      + "n = \(stage.repeats), s = \(stage.stride), and is repeat \(repeatIndex + 1) of the row"
    let hint =
      "Only a row's first repeat has the row's stride s; H′ = ⌈H/s⌉ (3×3, padding 1); the expansion has "
      + "t·d channels; the block's output has make_divisible(c·α, 8) channels"
    var steps = [
      "stride: \(repeatIndex == 0 ? "the row's first repeat, so s = \(stage.stride)" : "not the row's first repeat, so s = 1")"
    ]
    let answer: TensorShape
    let target: String
    let subject: String
    if let layer = part {
      target = layer.name
      answer = layer.output
      switch layer.kind {
      case .expand:
        subject =
          "layer \(layer.name) (the \(describe(layer)) of block \(group.name)) takes \(shape(layer.input))"
        steps = [
          "a 1×1 conv keeps H and W: \(layer.input.height)×\(layer.input.width)",
          "channels t·d = \(group.expansion) × \(layer.input.channels) = \(layer.output.channels)",
        ]
      case .depthwise:
        subject =
          "layer \(layer.name) (the \(describe(layer)) of block \(group.name)) takes \(shape(layer.input))"
        steps.append(
          "H′ = ⌈\(layer.input.height)/\(layer.stride)⌉ = \(layer.output.height), W′ = ⌈\(layer.input.width)/\(layer.stride)⌉ = \(layer.output.width)"
        )
        steps.append("a depthwise conv keeps the channels: \(layer.output.channels)")
      default:
        subject =
          "layer \(layer.name) (the 1×1 projection of block \(group.name)) takes \(shape(layer.input))"
        steps = [
          "a 1×1 conv keeps H and W: \(layer.input.height)×\(layer.input.width)",
          roundingStep(stage, result: layer.output.channels),
        ]
      }
    } else {
      target = group.name
      answer = group.output
      subject = "block \(group.name) takes \(shape(group.input))"
      steps.append(
        "H′ = ⌈\(group.input.height)/\(group.stride)⌉ = \(group.output.height), W′ = ⌈\(group.input.width)/\(group.stride)⌉ = \(group.output.width)"
      )
      steps.append(roundingStep(stage, result: group.output.channels))
    }
    steps.append("output \(shape(answer)) (H×W×C)")
    return Question(
      id: "", kind: .shape, model: model, target: QuestionTarget(layer: target, block: group.index),
      prompt:
        "In \(modelLabel), \(subject). \(rowText). What is the \(part == nil ? "block" : "layer")'s output shape (H×W×C)?",
      answer: .shape(answer), hint: hint, solution: steps)
  }

  /// The multiply-adds formula of a layer in symbols and with its numbers.
  func multiplyAddsFormula(_ layer: Layer) -> (symbols: String, numbers: String) {
    let out = layer.output, k = layer.kernel, cin = layer.input.channels
    switch layer.kind {
    case .conv:
      return ("H′·W′·k²·C_in·C_out", "\(out.height)·\(out.width)·\(k)²·\(cin)·\(out.channels)")
    case .depthwise:
      return ("H′·W′·k²·C (one k×k filter per channel)", "\(out.height)·\(out.width)·\(k)²·\(out.channels)")
    case .classifier:
      return ("C_in·classes (the bias is not a multiply-add)", "\(cin)·\(out.channels)")
    case .expand, .project, .pointwise, .pool:
      return ("H′·W′·C_in·C_out (a 1×1 conv)", "\(out.height)·\(out.width)·\(cin)·\(out.channels)")
    }
  }

  mutating func multiplyAddsQuestion() -> Question {
    let layer = pick(countedLayers)
    let formula = multiplyAddsFormula(layer)
    return Question(
      id: "", kind: .multiplyAdds, model: model,
      target: QuestionTarget(layer: layer.name, block: layer.group),
      prompt:
        "In \(modelLabel), layer \(layer.name) is a \(describe(layer)) from \(shape(layer.input)) to "
        + "\(shape(layer.output)). How many multiply-adds does it take for one image? (MAdds: the "
        + "convolution's or the classifier's multiply-adds only; BatchNorm, biases and activations are not counted.)",
      answer: .count(layer.multiplyAdds, unit: "MAdds"), hint: "MAdds = \(formula.symbols)",
      solution: [
        "MAdds = \(formula.symbols)", "= \(formula.numbers)", "= \(Self.n(layer.multiplyAdds)) MAdds",
      ])
  }

  mutating func paramsQuestion() -> Question {
    let layer = pick(countedLayers)
    let convention = pick(ParamConvention.allCases)
    let out = layer.output.channels, cin = layer.input.channels, k = layer.kernel
    let counted = layer.params.count(convention)
    var steps: [String] = []
    var symbols: String
    if layer.kind == .classifier {
      symbols = "C_in·classes weights + classes biases"
      steps = ["weights \(cin)·\(out) = \(Self.n(layer.params.weights))", "biases \(out)"]
    } else {
      let perGroup = layer.kind == .depthwise ? 1 : cin
      symbols =
        layer.kind == .depthwise ? "k²·C weights (one k×k filter per channel)" : "k²·C_in·C_out weights"
      steps = ["weights \(k)²·\(perGroup)·\(out) = \(Self.n(layer.params.weights))"]
      switch convention {
      case .torchvision:
        symbols += " + 2·C_out BatchNorm γ and β"
        steps.append("BatchNorm γ and β: 2·\(out) = \(layer.params.batchNormAffine)")
      case .keras:
        symbols += " + 4·C_out BatchNorm γ, β, moving mean and variance"
        steps.append(
          "BatchNorm γ, β, moving mean and variance: 4·\(out) = \(layer.params.batchNormAffine + layer.params.batchNormRunning)"
        )
      case .tfSlim:
        symbols += ", no BatchNorm"
      }
    }
    steps.append("= \(Self.n(counted)) params")
    // MobileNetV2's convs have no bias (BatchNorm's β plays its part); the classifier has
    // a bias and no BatchNorm. The prompt says so, so that no convention is a trap.
    let classifier = layer.kind == .classifier
    let own = classifier ? "its weights and biases" : "the conv's weights (it has no bias)"
    let conventionText: String
    switch convention {
    // The classifier has no BatchNorm, so every convention counts the same there.
    case _ where classifier:
      conventionText = "its weights and biases (it has no BatchNorm)"
    case .torchvision:
      conventionText = "torchvision's count: \(own) and BatchNorm's γ and β (running statistics are buffers)"
    case .keras:
      conventionText = "Keras's count: \(own) and all four BatchNorm vectors (γ, β, moving mean and variance)"
    case .tfSlim:
      conventionText = "the conv's weights only (it has no bias), without BatchNorm"
    }
    let after =
      layer.kind == .classifier ? "; the classifier has a bias and no BatchNorm" : ", with BatchNorm after it"
    return Question(
      id: "", kind: .params, model: model, target: QuestionTarget(layer: layer.name, block: layer.group),
      prompt:
        "In \(modelLabel), layer \(layer.name) is a \(describe(layer)) from \(shape(layer.input)) to "
        + "\(shape(layer.output))\(after). How many parameters does it have, counted as \(conventionText)?",
      answer: .count(counted, unit: "params"), hint: "params = \(symbols)", solution: steps)
  }

  mutating func memoryQuestion() -> Question {
    let layer = pick(network.layers.filter { $0.kind != .classifier && $0.kind != .pool })
    let out = layer.output
    let bytes = out.elements * 2
    return Question(
      id: "", kind: .memory, model: model, target: QuestionTarget(layer: layer.name, block: layer.group),
      prompt:
        "In \(modelLabel), layer \(layer.name) is a \(describe(layer)) that takes \(shape(layer.input))"
        + "\(layer.kind == .expand || layer.kind == .depthwise ? "" : " and gives \(out.channels) channels")"
        + ". How many bytes does its output tensor take for one image at fp16 (2 bytes a value)?",
      answer: .count(bytes, unit: "bytes"), hint: "bytes = H′·W′·C′ × 2, the output's shape first",
      solution: [
        "output \(shape(out))", "bytes = \(out.height)·\(out.width)·\(out.channels) × 2",
        "= \(Self.n(bytes)) bytes",
      ])
  }
}
