/// An activation tensor for one image, in the paper's h × w × c order.
public struct TensorShape: Equatable, Hashable, Sendable {
  public var height: Int
  public var width: Int
  public var channels: Int

  public init(_ height: Int, _ width: Int, _ channels: Int) {
    self.height = height
    self.width = width
    self.channels = channels
  }

  public var elements: Int { height * width * channels }

  /// `112×112×32`, or `112x112x32` where the terminal cannot show ×.
  public func formatted(unicode: Bool = true) -> String {
    let times = unicode ? "×" : "x"
    return "\(height)\(times)\(width)\(times)\(channels)"
  }
}
