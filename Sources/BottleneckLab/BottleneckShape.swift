/// The widths of one real bottleneck block: d′ in, t·d′ hidden, d″ out.
///
/// Plain integers, so the lab does not depend on the cost model: the caller reads them off
/// a `Network` at the current width multiplier.
public struct BottleneckShape: Equatable, Sendable {
  public var inputChannels: Int
  public var expansion: Int
  public var outputChannels: Int
  /// True when the real block adds its input (stride 1 and equal widths).
  public var hasShortcut: Bool

  public init(inputChannels: Int, expansion: Int, outputChannels: Int, hasShortcut: Bool) {
    self.inputChannels = inputChannels
    self.expansion = expansion
    self.outputChannels = outputChannels
    self.hasShortcut = hasShortcut
  }

  public var hiddenChannels: Int { inputChannels * expansion }
  /// A block with t = 1 builds no expansion conv (paper-facts §10).
  public var hasExpansion: Bool { expansion != 1 }
}
