/// Which inverted-residual network on points: MobileNetV2's structure, with the variants
/// of the paper's Figure 6.
public struct MiniNetSpec: Equatable, Hashable, Sendable {
  /// The bottleneck width d: the channels between blocks.
  public var width: Int
  public var expansion: Int
  public var stages: Int
  public var blocksPerStage: Int
  /// The activation after each block's projection: linear (the paper's design) or ReLU6.
  public var projection: Projection
  public var shortcut: Shortcut

  public enum Projection: String, CaseIterable, Sendable {
    case linear
    case relu6
  }

  /// Figure 6b: where the residual connections join.
  public enum Shortcut: String, CaseIterable, Sendable {
    /// MobileNetV2's: the residual stream is the d-channel bottleneck.
    case bottlenecks
    /// The residual stream is the t·d-channel expansion; each block projects down to d and
    /// expands back, and the shortcut adds the expanded tensors.
    case expansions
    /// No residual connections.
    case none
  }

  public static let defaultStages = 3
  public static let defaultBlocks = 2
  public static let defaultExpansion = 6

  public init(
    width: Int, expansion: Int = defaultExpansion, stages: Int = defaultStages,
    blocksPerStage: Int = defaultBlocks, projection: Projection = .linear, shortcut: Shortcut = .bottlenecks
  ) {
    self.width = width
    self.expansion = expansion
    self.stages = stages
    self.blocksPerStage = blocksPerStage
    self.projection = projection
    self.shortcut = shortcut
  }

  public var hidden: Int { width * expansion }
  public var blocks: Int { stages * blocksPerStage }

  /// MobileNetV2 has no shortcut where a stage starts (its stride or width changes there);
  /// the miniature keeps that: every block but the first of each stage has one.
  public func hasShortcut(block: Int) -> Bool { shortcut != .none && block % blocksPerStage != 0 }

  /// Multiply-adds of one forward pass of one point: the dense layers and the depthwise scale.
  public var multiplyAddsPerPoint: Int {
    let d = width, h = hidden
    let perBlock = d * h + h + h * d
    switch shortcut {
    case .bottlenecks, .none: return 2 * d + blocks * perBlock + d * 2
    case .expansions: return 2 * d + d * h + blocks * perBlock + h * d + d * 2
    }
  }
}
