import MobileNetKit

/// The rules of the architecture: channel rounding, where shortcuts are, where ReLU6 goes.
extension QuestionContext {
  mutating func roundingQuestion() -> Question {
    if random.next() % 2 == 0 { return shortcutQuestion() }
    let stage = pick(
      network.spec.stages.filter { $0.op == .bottleneck || ($0.op == .conv2d && !$0.isLastConv) })
    let alpha = network.config.width
    let group = network.groups.first { row(of: $0).stage == stage }!
    let result = group.output.channels
    let product = Double(stage.channels) * alpha
    // Keras truncates int(c·α) for its bottlenecks only; its first conv rounds 32·α itself.
    let truncates = framework == .keras && stage.op == .bottleneck
    let truncated = truncates ? Double(Int(product)) : product
    let nearest = Int(truncated + 4) / 8 * 8
    var steps = [
      truncates
        ? "Keras truncates first: int(\(stage.channels) × \(formatWidth(alpha))) = \(Int(product))"
        : "c·α = \(stage.channels) × \(formatWidth(alpha)) = \(Self.decimal(product))",
      "nearest multiple of 8: ⌊(\(Self.decimal(truncated)) + 4)/8⌋·8 = \(nearest)",
    ]
    let floored = max(8, nearest)
    if floored != nearest { steps.append("at least 8: \(floored)") }
    if Double(floored) < 0.9 * truncated {
      steps.append(
        "\(floored) < 0.9 × \(Self.decimal(truncated)) = \(Self.decimal(0.9 * truncated)), more than 10% below: add 8"
      )
    } else {
      steps.append("\(floored) ≥ 0.9 × \(Self.decimal(truncated)) = \(Self.decimal(0.9 * truncated)): kept")
    }
    steps.append("= \(result) channels")
    let rule =
      truncates
      ? "Keras builds MobileNetV2's blocks at width α with make_divisible(int(c·α), 8)"
      : "\(framework.rawValue) builds MobileNetV2 at width α with make_divisible(c·α, 8)"
    return Question(
      id: "", kind: .rounding, model: model, target: QuestionTarget(layer: group.name, block: group.index),
      prompt:
        "\(rule): round to the nearest multiple of 8, at least 8, and add 8 if that falls more than 10% below. "
        + "How many channels does Table 2's c = \(stage.channels) "
        + "(\(group.name == "stem" ? "the first conv, stem" : "the row of \(group.name)")) get at α = \(formatWidth(alpha))?",
      answer: .count(result, unit: "channels"),
      hint: "make_divisible(v, 8) = max(8, ⌊(v + 4)/8⌋·8), plus 8 if below 0.9·v", solution: steps)
  }

  mutating func shortcutQuestion() -> Question {
    let group = pick(network.bottlenecks)
    let (stage, repeatIndex) = row(of: group)
    let yes = group.residualAdd
    let reason: String
    if group.stride != 1 {
      reason = "stride \(group.stride): the output is smaller than the input, nothing to add it to"
    } else if group.input.channels != group.output.channels {
      reason = "\(group.input.channels) → \(group.output.channels) channels: the shapes differ"
    } else {
      reason = "stride 1 and \(group.input.channels) → \(group.output.channels) channels: the shapes match"
    }
    return Question(
      id: "", kind: .rounding, model: model, target: QuestionTarget(layer: group.name, block: group.index),
      prompt:
        "In \(modelLabel), block \(group.name) is repeat \(repeatIndex + 1) of its Table 2 row (t = \(stage.expansion), "
        + "c = \(stage.channels), n = \(stage.repeats), s = \(stage.stride)) and takes \(shape(group.input)). "
        + "Does it have a residual shortcut (yes or no)?",
      answer: .choice(["yes", "no"], correct: yes ? 0 : 1),
      hint: "A shortcut needs the same input and output shape: stride 1 and as many channels out as in",
      solution: [
        "stride: \(repeatIndex == 0 ? "the row's first repeat, s = \(stage.stride)" : "a later repeat, s = 1")",
        "output \(shape(group.output))", reason, yes ? "yes: input + output" : "no shortcut",
      ])
  }

  mutating func placeReLU6Question() -> Question {
    let why = [
      "Table 1: expand 1×1 + ReLU6, depthwise 3×3 + ReLU6, project 1×1 with no activation (linear)",
      "§3.2: the projection writes the narrow d″-channel bottleneck, where the manifold of interest fills "
        + "most dimensions; a ReLU there zeroes part of the only copy of it (Figure 1)",
      "the expansion and depthwise work in t·d channels, where ReLU6 loses little; Figure 6a: ReLU6 after "
        + "the projection lowers accuracy",
    ]
    switch random.next() % 3 {
    case 0:
      return Question(
        id: "", kind: .placeReLU6, model: nil, target: nil,
        prompt:
          "A MobileNetV2 bottleneck is expand 1×1 → depthwise 3×3 → project 1×1, each with BatchNorm. "
          + "Which of the three have a ReLU6 after them?",
        answer: .choice(
          ["expand and depthwise", "depthwise and project", "all three", "project only"], correct: 0),
        hint: "The block's output is a linear bottleneck", solution: why + ["= expand and depthwise"])
    case 1:
      return Question(
        id: "", kind: .placeReLU6, model: nil, target: nil,
        prompt:
          "Which layer of a MobileNetV2 bottleneck has no activation after it: expand, depthwise or project?",
        answer: .choice(["expand", "depthwise", "project"], correct: 2),
        hint: "The block's output is a linear bottleneck", solution: why + ["= project"])
    default:
      return Question(
        id: "", kind: .placeReLU6, model: nil, target: nil,
        prompt:
          "A pull request removes the ReLU6 after a bottleneck's expansion \"because MobileNetV2 has linear "
          + "bottlenecks\". Is that right or wrong?",
        answer: .choice(["right: remove it", "wrong: keep it"], correct: 1),
        hint: "Which tensor is the bottleneck: the expansion's t·d channels or the projection's d″?",
        solution: why + ["= wrong: keep it. Only the projection is linear; the expansion keeps its ReLU6"])
    }
  }
}
