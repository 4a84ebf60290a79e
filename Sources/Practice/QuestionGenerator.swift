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
  ///
  /// A question whose prompt an earlier one already asked is drawn again (up to
  /// `redraws` times), so a long sheet repeats only kinds with few variants, and late.
  public func questions(count: Int) -> [Question] {
    let sequence = kinds(upTo: count)
    var seen: Set<String> = []
    return (0..<count).map { index in
      var question = self.question(number: index + 1, kind: sequence[index])
      var attempt: UInt64 = 1
      while seen.contains(question.prompt) && attempt <= Self.redraws {
        question = self.question(number: index + 1, kind: sequence[index], attempt: attempt)
        attempt += 1
      }
      seen.insert(question.prompt)
      return question
    }
  }

  static let redraws: UInt64 = 12

  /// Question `number` (from 1) of the sheet, as `questions(count:)` gives it.
  public func question(number: Int) -> Question { questions(count: number)[number - 1] }

  /// The kinds of questions 1 to `count`: each round of `kinds.count` questions is a shuffle.
  func kinds(upTo count: Int) -> [QuestionKind] {
    var order = SplitMix64(seed: SplitMix64.derivedSeed(seed, stream: 0x9_0000))
    let rounds = (count + kinds.count - 1) / max(1, kinds.count)
    return (0..<rounds).flatMap { _ in kinds.shuffled(using: &order) }
  }

  /// Question `number` (from 1) of the given kind.
  public func question(number: Int, kind: QuestionKind, attempt: UInt64 = 0) -> Question {
    var random = SplitMix64(seed: SplitMix64.derivedSeed(seed, stream: UInt64(number) | attempt << 40))
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
