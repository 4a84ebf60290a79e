import ManifoldKit
import MobileNetKit

/// Generates exercises from the exact cost model, from a seed: question n depends only on
/// the seed, n and the settings, so two students with the same seed get the same sheet,
/// and every answer is computed by the code that draws the explorer's screens.
public struct QuestionGenerator: Sendable {
  /// How hard: one block at a time at width 1.0, then any width and resolution, then mixed kinds.
  public enum Level: Int, CaseIterable, Sendable {
    case one = 1
    case two = 2
    case three = 3
  }

  public var seed: UInt64
  public var kinds: [QuestionKind]
  public var widths: [Double]
  public var resolutions: [Int]
  public var framework: Framework

  /// The kinds that ask about one layer's numbers, for levels 1 and 2.
  public static let costKinds: [QuestionKind] = [.shape, .multiplyAdds, .params, .memory]

  /// `kinds`, `width` and `resolution` override what the level chooses.
  public init(
    seed: UInt64, level: Level = .three, kinds: [QuestionKind]? = nil, width: Double? = nil,
    resolution: Int? = nil, framework: Framework = .torchvision
  ) {
    self.seed = seed
    self.kinds = kinds ?? (level == .three ? QuestionKind.allCases : Self.costKinds)
    self.widths = width.map { [$0] } ?? (level == .one ? [1.0] : NetworkConfig.standardWidths)
    self.resolutions = resolution.map { [$0] } ?? (level == .one ? [224] : NetworkConfig.standardResolutions)
    self.framework = framework
  }

  /// Questions 1 to `count`. The kinds take turns in an order drawn from the seed, so a
  /// sheet of N mixed questions covers every kind once N reaches their number.
  public func questions(count: Int) -> [Question] {
    let sequence = kinds(upTo: count)
    return (0..<count).map { question(number: $0 + 1, kind: sequence[$0]) }
  }

  /// Question `number` (from 1) of the sheet.
  public func question(number: Int) -> Question {
    question(number: number, kind: kinds(upTo: number)[number - 1])
  }

  /// The kinds of questions 1 to `count`: each round of `kinds.count` questions is a shuffle.
  func kinds(upTo count: Int) -> [QuestionKind] {
    var order = SplitMix64(seed: SplitMix64.derivedSeed(seed, stream: 0x9_0000))
    let rounds = (count + kinds.count - 1) / max(1, kinds.count)
    return (0..<rounds).flatMap { _ in kinds.shuffled(using: &order) }
  }

  /// Question `number` (from 1) of the given kind.
  public func question(number: Int, kind: QuestionKind) -> Question {
    var random = SplitMix64(seed: SplitMix64.derivedSeed(seed, stream: UInt64(number)))
    let width = widths[Int(random.next() % UInt64(widths.count))]
    let resolution = resolutions[Int(random.next() % UInt64(resolutions.count))]
    let config = NetworkConfig(
      width: width, resolution: resolution, classes: framework.classes,
      lastLayerRule: framework.lastLayerRule, channelRounding: framework.channelRounding)
    var context = QuestionContext(
      network: Network.mobileNetV2(config), framework: framework, random: random)
    var question = context.make(kind)
    question.id = "\(seed)-\(number)"
    return question
  }
}
