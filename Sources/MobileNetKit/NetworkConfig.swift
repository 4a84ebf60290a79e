/// The knobs the paper exposes (§4 "Trade-off hyper parameters") plus the choices on which
/// the reference implementations differ.
public struct NetworkConfig: Equatable, Sendable {
  public var width: Double
  public var resolution: Int
  public var classes: Int
  /// The activation after each block's projection. The paper's design is linear; ReLU6 is
  /// the ablation of Figure 6a. It changes no shape or cost.
  public var bottleneckActivation: Activation
  public var lastLayerRule: LastLayerRule
  /// How α rounds channels: torchvision's and TF-slim's make_divisible, or Keras's own.
  public var channelRounding: ChannelRounding

  public static let resolutionRange = 32...2048
  /// Widths outside this range are almost certainly typos; 0.35 to 1.4 is the paper's range.
  public static let widthRange = 0.05...8.0
  public static let classesRange = 1...1_000_000

  /// The widths and resolutions the paper reports (§4, Figure 5) and Keras ships weights for.
  public static let standardWidths: [Double] = [0.35, 0.5, 0.75, 1.0, 1.3, 1.4]
  public static let standardResolutions: [Int] = [96, 128, 160, 192, 224]

  public init(
    width: Double = 1.0, resolution: Int = 224, classes: Int = 1000,
    bottleneckActivation: Activation = .linear, lastLayerRule: LastLayerRule = .paper,
    channelRounding: ChannelRounding = .makeDivisible
  ) {
    self.width = width
    self.resolution = resolution
    self.classes = classes
    self.bottleneckActivation = bottleneckActivation
    self.lastLayerRule = lastLayerRule
    self.channelRounding = channelRounding
  }

  /// Checks the values a user can type, so bad input is reported instead of trapping later.
  public func validate() throws(ConfigError) {
    guard width.isFinite, Self.widthRange.contains(width) else { throw .width(width, valid: Self.widthRange) }
    guard Self.resolutionRange.contains(resolution) else {
      throw .resolution(resolution, valid: Self.resolutionRange)
    }
    guard Self.classesRange.contains(classes) else { throw .classes(classes, valid: Self.classesRange) }
  }
}

/// A configuration value out of its range, with the value and the range: the caller words
/// it (the CLI names its flag), so the range is stated once, here.
public enum ConfigError: Error, Equatable {
  case width(Double, valid: ClosedRange<Double>)
  case resolution(Int, valid: ClosedRange<Int>)
  case classes(Int, valid: ClosedRange<Int>)
}

/// Formats a width multiplier the way papers write it: 1.0, 0.35, 1.4.
public func formatWidth(_ width: Double) -> String {
  var text = String(width)
  if text.hasSuffix(".0") && text.count > 3 { text.removeLast(2) }
  return text
}
