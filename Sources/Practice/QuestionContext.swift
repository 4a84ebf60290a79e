import ManifoldKit
import MobileNetKit

/// The network a question is drawn from and the question's own random stream; the kinds'
/// builders are extensions of it, one file a family.
struct QuestionContext {
  let network: Network
  let framework: Framework
  var random: SplitMix64

  var model: QuestionModel {
    QuestionModel(
      architecture: "MobileNetV2", framework: framework, width: network.config.width,
      resolution: network.config.resolution)
  }

  /// "MobileNetV2 0.75 at 160×160 (torchvision)".
  var modelLabel: String { model.label() }

  mutating func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }

  mutating func make(_ kind: QuestionKind) -> Question {
    switch kind {
    case .shape: return shapeQuestion()
    case .multiplyAdds: return multiplyAddsQuestion()
    case .params: return paramsQuestion()
    case .memory: return memoryQuestion()
    case .separable: return separableQuestion()
    case .blockFormula: return blockFormulaQuestion()
    case .theorem1: return theorem1Question()
    case .rounding: return roundingQuestion()
    case .placeReLU6: return placeReLU6Question()
    }
  }

  /// The Table 2 row a block comes from and which repeat of it the block is (from 0).
  func row(of group: LayerGroup) -> (stage: ArchitectureSpec.Stage, repeatIndex: Int) {
    var index = 0
    for stage in network.spec.stages {
      if group.index < index + stage.repeats { return (stage, group.index - index) }
      index += stage.repeats
    }
    preconditionFailure("group \(group.index) is past the last row")
  }

  /// "make_divisible(24 × 0.75, 8) = 24", or Keras's truncation first.
  func roundingStep(_ stage: ArchitectureSpec.Stage, result: Int) -> String {
    let alpha = formatWidth(network.config.width)
    let product = Double(stage.channels) * network.config.width
    if framework == .keras {
      return
        "C′ = make_divisible(int(\(stage.channels) × \(alpha)), 8) = make_divisible(\(Int(product)), 8) = \(result)"
    }
    return
      "C′ = make_divisible(\(stage.channels) × \(alpha), 8) = make_divisible(\(Self.decimal(product)), 8) = \(result)"
  }

  static func decimal(_ value: Double) -> String { DecimalText.short(value) }

  static func n(_ value: Int) -> String { ExpectedAnswer.grouped(value) }

  func shape(_ shape: TensorShape) -> String { shape.formatted() }

  /// The layers a question may be about: every conv and the classifier.
  var countedLayers: [Layer] { network.layers.filter { $0.kind != .pool } }

  func group(of layer: Layer) -> LayerGroup { network.groups[layer.group] }
}
