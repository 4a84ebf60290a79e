import MobileNetKit

/// One exercise: what is asked, about which network and layer, the exact answer, the hint
/// a wrong answer gets first, and the worked solution, one step per line.
public struct Question: Equatable, Sendable {
  /// "<seed>-<n>": a teacher regenerates the same sheet from the seed.
  public var id: String
  public var kind: QuestionKind
  /// The network the question is about, or nil for one that needs none (Theorem 1).
  public var model: QuestionModel?
  /// The layer or block it is about, or nil.
  public var target: QuestionTarget?
  public var prompt: String
  public var answer: ExpectedAnswer
  /// The formula in symbols, without the numbers.
  public var hint: String
  /// The formula with each number filled in, one step a line, ending in the exact value.
  public var solution: [String]
}

/// The network of a question: MobileNetV2 at a width and resolution, counted the way one
/// framework builds it.
public struct QuestionModel: Equatable, Sendable {
  public var architecture: String
  public var framework: Framework
  public var width: Double
  public var resolution: Int

  /// "MobileNetV2 1.0 at 224×224 (torchvision)".
  public func label(unicode: Bool = true) -> String {
    "\(architecture) \(formatWidth(width)) at \(resolution)\(unicode ? "×" : "x")\(resolution) (\(framework.rawValue))"
  }
}

/// A layer (`b3.expand`) or a block (`b3`), and the block's index in the network's rows
/// (0 the stem, then the bottlenecks).
public struct QuestionTarget: Equatable, Sendable {
  public var layer: String
  public var block: Int
}

/// The exact answer and the form it is typed in.
public enum ExpectedAnswer: Equatable, Sendable {
  /// A whole number with its unit: "MAdds", "params", "bytes", "channels".
  case count(Int, unit: String)
  /// A tensor shape, height × width × channels.
  case shape(TensorShape)
  /// An exact fraction, kept reduced; typed as the fraction or as a decimal to 2 places.
  case ratio(Int, Int)
  /// One of several options.
  case choice([String], correct: Int)

  /// The answer as a sheet prints it.
  public func formatted(unicode: Bool = true) -> String {
    switch self {
    case .count(let value, let unit): return "\(Self.grouped(value)) \(unit)"
    case .shape(let shape): return shape.formatted(unicode: unicode)
    case .ratio(let numerator, let denominator):
      let decimal = DecimalText.honest(Double(numerator) / Double(denominator))
      return denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator) ≈ \(decimal)"
    case .choice(let options, let correct): return "(\(AnswerParser.letters[correct])) \(options[correct])"
    }
  }

  public static func grouped(_ value: Int) -> String { NumberFormatting.grouped(value) }
}
