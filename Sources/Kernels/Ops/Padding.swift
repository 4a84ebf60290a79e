/// Zeros around a feature map before a k×k convolution, side by side, because the
/// frameworks place them differently: PyTorch puts k // 2 on every side, TensorFlow's
/// "same" puts the odd one after (bottom and right), Keras's MobileNet (V1) pads a strided
/// depthwise conv only after. The output sizes agree at odd inputs and the values do not.
public struct Padding: Equatable, Hashable, Sendable {
  public var top: Int
  public var left: Int
  public var bottom: Int
  public var right: Int

  public init(top: Int, left: Int, bottom: Int, right: Int) {
    precondition(top >= 0 && left >= 0 && bottom >= 0 && right >= 0, "negative padding")
    self.top = top
    self.left = left
    self.bottom = bottom
    self.right = right
  }

  public static let none = Padding(top: 0, left: 0, bottom: 0, right: 0)

  /// PyTorch's `padding = k // 2` on all four sides (torchvision's MobileNets).
  public static func symmetric(kernel: Int) -> Padding {
    Padding(top: kernel / 2, left: kernel / 2, bottom: kernel / 2, right: kernel / 2)
  }

  /// TensorFlow's "same" for one axis: out = ⌈in / s⌉, total = max((out − 1)·s + k − in, 0),
  /// ⌊total / 2⌋ before and the rest after.
  public static func same(height: Int, width: Int, kernel: Int, stride: Int) -> Padding {
    func split(_ size: Int) -> (Int, Int) {
      let output = (size + stride - 1) / stride
      let total = max((output - 1) * stride + kernel - size, 0)
      return (total / 2, total - total / 2)
    }
    let (top, bottom) = split(height), (left, right) = split(width)
    return Padding(top: top, left: left, bottom: bottom, right: right)
  }

  /// One row and one column of zeros after, then no padding (`ZeroPadding2D(((0, 1), (0, 1)))`
  /// and "valid", Keras MobileNet's strided depthwise conv).
  public static let afterOnly = Padding(top: 0, left: 0, bottom: 1, right: 1)

  /// ⌊(size + before + after − k) / s⌋ + 1, or 0 where the kernel does not fit at all.
  public static func outputSize(_ size: Int, before: Int, after: Int, kernel: Int, stride: Int) -> Int {
    let padded = size + before + after
    return padded < kernel ? 0 : (padded - kernel) / stride + 1
  }

  /// The output's height and width for an input of `height` × `width`.
  public func output(height: Int, width: Int, kernel: Int, stride: Int) -> (height: Int, width: Int) {
    (
      Self.outputSize(height, before: top, after: bottom, kernel: kernel, stride: stride),
      Self.outputSize(width, before: left, after: right, kernel: kernel, stride: stride)
    )
  }
}
