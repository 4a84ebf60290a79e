/// A feature map: height × width × channels, channels fastest (NHWC without the batch, as
/// TensorFlow and Keras store activations), in one flat buffer.
///
/// The shape of what a forward pass of the network moves from layer to layer. A 1×1
/// convolution is a matrix product over its pixels, so `pixels` views it as a matrix with
/// one row per pixel and the products above do the work, with their exactness.
public struct Tensor<Scalar: KernelScalar>: Equatable, Sendable {
  /// Height, width and channels, named so a shape can never be read in the wrong order.
  public struct Shape: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var height: Int
    public var width: Int
    public var channels: Int

    public init(height: Int, width: Int, channels: Int) {
      precondition(height >= 0 && width >= 0 && channels >= 0, "negative tensor extent")
      self.height = height
      self.width = width
      self.channels = channels
    }

    public var count: Int { height * width * channels }
    /// "56×56×24", as the paper writes shapes.
    public var description: String { "\(height)×\(width)×\(channels)" }
  }

  public let shape: Shape
  /// Entries in (y, x, channel) order, channel fastest; always `shape.count` of them.
  public var values: [Scalar]

  public init(shape: Shape, values: [Scalar]) {
    precondition(values.count == shape.count, "tensor shape \(shape) and \(values.count) values differ")
    self.shape = shape
    self.values = values
  }

  /// A tensor of zeros.
  public init(shape: Shape) { self.init(shape: shape, values: [Scalar](repeating: 0, count: shape.count)) }

  /// Pixels as rows: a matrix of (height·width) × channels, rows in (y, x) order.
  public init(pixels: Matrix<Scalar>, height: Int, width: Int) {
    precondition(pixels.rows == height * width, "\(pixels.rows) rows are not \(height)×\(width) pixels")
    self.init(shape: Shape(height: height, width: width, channels: pixels.columns), values: pixels.values)
  }

  @inlinable
  public subscript(y: Int, x: Int, channel: Int) -> Scalar {
    get { values[(y * shape.width + x) * shape.channels + channel] }
    set { values[(y * shape.width + x) * shape.channels + channel] = newValue }
  }

  /// The tensor as a matrix with one row per pixel and one column per channel (no copy of
  /// the layout: it is the same buffer order).
  public var pixels: Matrix<Scalar> {
    Matrix(rows: shape.height * shape.width, columns: shape.channels, values: values)
  }

  /// A 1×1 convolution without bias: each pixel's channels times `weights` (input channels ×
  /// output channels), every entry the ordered chain of `Matrix.times`.
  public func pointwise(_ weights: Matrix<Scalar>) -> Tensor {
    precondition(weights.rows == shape.channels, "1×1 conv of \(shape) with \(weights.rows) input channels")
    return Tensor(pixels: pixels.times(weights), height: shape.height, width: shape.width)
  }
}
