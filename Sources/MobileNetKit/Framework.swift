/// How a width multiplier α turns a layer's channels c into a whole number. The frameworks
/// a student checks against disagree, so the network built must be the framework's own.
public enum ChannelRounding: String, CaseIterable, Sendable {
  /// TF-slim's `_make_divisible(c·α, 8)`, which torchvision copies: nearest multiple of 8,
  /// never more than 10% below c·α.
  case makeDivisible = "make-divisible"
  /// Keras: MobileNetV2's blocks use `_make_divisible(int(c·α), 8)` (truncate first), its
  /// first conv `_make_divisible(32·α, 8)`; MobileNet (V1) uses plain `int(c·α)` throughout.
  case keras
}

/// How a framework pads a strided convolution: the same at even sizes, one row apart at odd.
public enum PaddingRule: String, Sendable {
  /// "same" (TF-slim), PyTorch's k // 2 (torchvision), and Keras MobileNetV2's `correct_pad`:
  /// every output is ⌈input / stride⌉.
  case same
  /// Keras MobileNet (V1): a strided depthwise conv gets `ZeroPadding2D(((0, 1), (0, 1)))` and
  /// then `valid`, so its output is ⌊(h + 1 − k) / s⌋ + 1, which is ⌊h / 2⌋ for k = 3 and s = 2
  /// (24 where the others give 25 at h = 49). Its other convs are "same".
  case kerasSeparable = "keras-v1"
}

extension ChannelRounding {
  /// The padding of the framework that rounds this way: the two travel together, as the
  /// framework's own rules.
  public var padding: PaddingRule { self == .keras ? .kerasSeparable : .same }
}

extension NetworkConfig {
  public var padding: PaddingRule { channelRounding.padding }
}

/// A framework whose MobileNet a student compares with: it fixes the channel rounding, the
/// last layer's rule, what "params" counts and the class count, together.
public enum Framework: String, CaseIterable, Sendable {
  case torchvision
  case keras
  case tfSlim = "tf-slim"

  public var channelRounding: ChannelRounding { self == .keras ? .keras : .makeDivisible }

  /// All three keep the last conv at 1280 below α = 1 (TF-slim's published checkpoints do).
  public var lastLayerRule: LastLayerRule { .paper }

  public var convention: ParamConvention {
    switch self {
    case .torchvision: return .torchvision
    case .keras: return .keras
    case .tfSlim: return .tfSlim
    }
  }

  public var classes: Int { convention.defaultClasses }

  /// The name to print beside a network built with `rounding` and counted with `convention`:
  /// a framework's name when both are its own, else both halves spelled out.
  public static func label(rounding: ChannelRounding, convention: ParamConvention) -> String {
    if let match = allCases.first(where: { $0.channelRounding == rounding && $0.convention == convention }) {
      return match.rawValue
    }
    let builder = rounding == .keras ? "keras" : "torchvision"
    return "\(builder) channels, \(convention.rawValue) params"
  }

  /// One line on how this framework builds the network, printed beside its numbers.
  public var explanation: String {
    switch self {
    case .torchvision: return "torchvision: channels make_divisible(c·α, 8)"
    case .keras:
      return
        "keras: channels make_divisible(int(c·α), 8) in V2 blocks, int(c·α) in V1; V1's strided depthwise ⌊h/2⌋"
    case .tfSlim: return "tf-slim: channels make_divisible(c·α, 8), 1001 classes"
    }
  }
}
