/// A 1×1 convolution: every pixel's channels times one inputs × outputs matrix, plus a bias
/// and a non-linearity. The expansions and projections of MobileNetV2, V1's pointwise
/// layers, the last 1×1 conv, and on a pooled 1×1 tensor the dense classifier: one op.
///
/// Output entry (pixel, o) is `Matrix.times`'s chain s = 0; s = s + x·w over the inputs in
/// order, then f(s + bias[o]). The backward pass is the linear part only; the
/// non-linearity's own `backward` comes before it, as in any autograd graph.
public struct PointwiseConvolution: Equatable, Sendable {
  /// inputs × outputs, row-major (the transpose of PyTorch's [out][in] Linear weight).
  public var weights: Matrix<Float> { didSet { packed = nil } }
  /// The weights packed for the product kernel by `prepared()`, for inference; dropped
  /// whenever the weights change, so it is never stale.
  public private(set) var packed: PackedOperand<Float>?
  public var bias: [Float]
  public var nonlinearity: Nonlinearity

  public init(weights: Matrix<Float>, bias: [Float]? = nil, nonlinearity: Nonlinearity = .linear) {
    precondition(weights.rows > 0 && weights.columns > 0, "empty 1×1 convolution")
    self.weights = weights
    self.bias = bias ?? [Float](repeating: 0, count: weights.columns)
    precondition(self.bias.count == weights.columns, "1×1 conv bias count")
    self.nonlinearity = nonlinearity
  }

  /// From PyTorch's [out][in] order (a 1×1 conv's OIHW with unit kernel, or a Linear).
  public init(
    outputsByInputs: [Float], inputs: Int, outputs: Int, bias: [Float]? = nil,
    nonlinearity: Nonlinearity = .linear
  ) {
    self.init(
      weights: Matrix(rows: outputs, columns: inputs, values: outputsByInputs).transposed, bias: bias,
      nonlinearity: nonlinearity)
  }

  /// The same conv with its weights packed once, for passes that never change them.
  public func prepared() -> PointwiseConvolution {
    var copy = self
    copy.packed = PackedOperand(weights)
    return copy
  }

  public var inputChannels: Int { weights.rows }
  public var outputChannels: Int { weights.columns }

  public func outputShape(_ input: Tensor.Shape) -> Tensor.Shape { input.with(channels: outputChannels) }

  public func multiplyAdds(_ input: Tensor.Shape) -> Int { input.pixels * inputChannels * outputChannels }

  public func folding(_ norm: BatchNorm) -> PointwiseConvolution {
    precondition(
      norm.channels == outputChannels, "BatchNorm of \(norm.channels) after \(outputChannels) outputs")
    let (scale, shift) = norm.affine
    var folded = self
    for index in weights.values.indices {
      folded.weights.values[index] = weights.values[index] * scale[index % outputChannels]
    }
    for o in 0..<outputChannels { folded.bias[o] = bias[o] * scale[o] + shift[o] }
    return folded
  }

  public func forward(_ x: Tensor, threads: Int? = nil) -> Tensor {
    precondition(x.shape.channels == inputChannels, "1×1 conv of \(inputChannels) inputs on \(x.shape)")
    guard x.shape.pixels > 0 else { return Tensor(shape: outputShape(x.shape)) }
    let (bias, nonlinearity, channels) = (self.bias, self.nonlinearity, outputChannels)
    let epilogue: @Sendable (UnsafeMutablePointer<Float>, Int) -> Void = { rows, count in
      bias.withUnsafeBufferPointer { b in
        nonlinearity.applyWithBias(rows, bias: b.baseAddress!, pixels: count, channels: channels)
      }
    }
    if let packed {
      // Packed weights: the bias and activation run on each block of rows as it is finished.
      let product = x.pixels.times(packed, threads: threads, rowEpilogue: epilogue)
      return Tensor(shape: outputShape(x.shape), values: product.values)
    }
    var product = x.pixels.times(weights, threads: threads).values
    product.withUnsafeMutableBufferPointer { epilogue($0.baseAddress!, x.shape.pixels) }
    return Tensor(shape: outputShape(x.shape), values: product)
  }

  /// The gradients of the linear part y = x·W + b, given dy (already through the
  /// non-linearity's mask): dx = dy·Wᵀ, dW = xᵀ·dy, db = Σ over pixels of dy (in pixel order).
  public struct Gradients: Equatable, Sendable {
    public var input: Tensor
    public var weights: Matrix<Float>
    public var bias: [Float]
  }

  public func backward(_ dy: Tensor, input x: Tensor) -> Gradients {
    precondition(dy.shape == outputShape(x.shape), "gradient \(dy.shape) for output \(outputShape(x.shape))")
    let dyMatrix = dy.pixels
    let dx = dyMatrix.times(weights.transposed)
    let dw = x.pixels.transposedTimes(dyMatrix)
    var db = [Float](repeating: 0, count: outputChannels)
    for p in 0..<dy.shape.pixels {
      for o in 0..<outputChannels { db[o] += dyMatrix.values[p * outputChannels + o] }
    }
    return Gradients(input: Tensor(shape: x.shape, values: dx.values), weights: dw, bias: db)
  }
}
