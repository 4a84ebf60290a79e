/// A batch of feature maps: batch × height × width × channels, channels fastest (NHWC, as
/// TensorFlow and Keras store activations), in one flat buffer of Float.
///
/// Every operation of the numeric core reads and writes this one type. A 1×1 convolution is
/// a matrix product over its pixels, so `pixels` views the tensor as a matrix with one row
/// per pixel and the products do the work, with their exactness. A point of the Figure 6
/// miniature or the lab is a 1×1 image: its tensor is batch × 1 × 1 × channels, which is the
/// same buffer as a points × channels matrix.
///
/// MobileNetKit's `TensorShape` (h × w × c for one image) maps to `Shape(batch:, shape)` in
/// the Inference module; Kernels stays free of the architecture.
public struct Tensor: Equatable, Sendable {
  /// Batch, height, width and channels, named so a shape can never be read in the wrong order.
  public struct Shape: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var batch: Int
    public var height: Int
    public var width: Int
    public var channels: Int

    public init(batch: Int = 1, height: Int, width: Int, channels: Int) {
      precondition(batch >= 0 && height >= 0 && width >= 0 && channels >= 0, "negative tensor extent")
      self.batch = batch
      self.height = height
      self.width = width
      self.channels = channels
    }

    /// Points as 1×1 images: the layout of the miniature's and the lab's activations.
    public static func points(_ count: Int, channels: Int) -> Shape {
      Shape(batch: count, height: 1, width: 1, channels: channels)
    }

    public var count: Int { batch * height * width * channels }
    /// Pixels over the whole batch: the rows of `pixels`.
    public var pixels: Int { batch * height * width }
    /// "56×56×24" as the paper writes shapes, with "4×" in front for a batch of four.
    public var description: String {
      (batch == 1 ? "" : "\(batch)×") + "\(height)×\(width)×\(channels)"
    }

    /// The same batch and spatial extent with another channel count.
    public func with(channels: Int) -> Shape {
      Shape(batch: batch, height: height, width: width, channels: channels)
    }
  }

  public let shape: Shape
  /// Entries in (n, y, x, channel) order, channel fastest; always `shape.count` of them.
  public var values: [Float]

  public init(shape: Shape, values: [Float]) {
    precondition(values.count == shape.count, "tensor shape \(shape) and \(values.count) values differ")
    self.shape = shape
    self.values = values
  }

  /// A tensor of zeros.
  public init(shape: Shape) { self.init(shape: shape, values: [Float](repeating: 0, count: shape.count)) }

  /// A tensor whose every entry `fill` writes, without a zero fill first.
  @inlinable
  public init(shape: Shape, fill: (UnsafeMutableBufferPointer<Float>) -> Void) {
    self.shape = shape
    values = [Float](unsafeUninitializedCapacity: shape.count) { buffer, count in
      fill(buffer)
      count = shape.count
    }
  }

  /// Pixels as rows: a matrix of (batch·height·width) × channels, rows in (n, y, x) order.
  public init(pixels: Matrix<Float>, batch: Int = 1, height: Int, width: Int) {
    precondition(
      pixels.rows == batch * height * width, "\(pixels.rows) rows are not \(batch)×\(height)×\(width) pixels")
    self.init(
      shape: Shape(batch: batch, height: height, width: width, channels: pixels.columns),
      values: pixels.values)
  }

  @inlinable
  public func index(_ n: Int, _ y: Int, _ x: Int, _ channel: Int) -> Int {
    ((n * shape.height + y) * shape.width + x) * shape.channels + channel
  }

  @inlinable
  public subscript(n: Int, y: Int, x: Int, channel: Int) -> Float {
    get { values[index(n, y, x, channel)] }
    set { values[index(n, y, x, channel)] = newValue }
  }

  /// The first image's entry: the common case of batch 1.
  @inlinable
  public subscript(y: Int, x: Int, channel: Int) -> Float {
    get { values[index(0, y, x, channel)] }
    set { values[index(0, y, x, channel)] = newValue }
  }

  /// The tensor as a matrix with one row per pixel and one column per channel (the same
  /// buffer order, so no reordering).
  public var pixels: Matrix<Float> {
    Matrix(rows: shape.pixels, columns: shape.channels, values: values)
  }
}
