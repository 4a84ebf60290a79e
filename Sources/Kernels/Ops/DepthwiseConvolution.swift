/// A depthwise k×k convolution: one filter per channel, the layer that holds a few percent
/// of MobileNetV2's multiply-adds and far more of its time.
///
/// Weights are stored [ky][kx][channel], so the innermost loop runs along the channels, as
/// the NHWC tensor does. Output entry (n, y, x, c) is the chain s = 0; s = s + in·w over
/// (ky, kx) in that order, padding taps left out, then f(s + bias[c]).
public struct DepthwiseConvolution: Equatable, Sendable {
  public let kernel: Int
  public let stride: Int
  public let padding: Padding
  public let channels: Int
  /// kernel · kernel · channels entries.
  public var weights: [Float]
  public var bias: [Float]
  public var nonlinearity: Nonlinearity

  public init(
    kernel: Int, stride: Int, padding: Padding, channels: Int, weights: [Float], bias: [Float]? = nil,
    nonlinearity: Nonlinearity = .linear
  ) {
    precondition(kernel > 0 && stride > 0 && channels > 0, "empty depthwise convolution")
    precondition(weights.count == kernel * kernel * channels, "depthwise weight count")
    self.kernel = kernel
    self.stride = stride
    self.padding = padding
    self.channels = channels
    self.weights = weights
    self.bias = bias ?? [Float](repeating: 0, count: channels)
    precondition(self.bias.count == channels, "depthwise bias count")
    self.nonlinearity = nonlinearity
  }

  /// PyTorch's [channel][1][ky][kx] to [ky][kx][channel].
  public static func hwc(fromCHW chw: [Float], kernel: Int, channels: Int) -> [Float] {
    precondition(chw.count == kernel * kernel * channels, "depthwise weight count")
    var hwc = [Float](repeating: 0, count: chw.count)
    for c in 0..<channels {
      for tap in 0..<kernel * kernel { hwc[tap * channels + c] = chw[c * kernel * kernel + tap] }
    }
    return hwc
  }

  public func outputShape(_ input: Tensor.Shape) -> Tensor.Shape {
    let (height, width) = padding.output(
      height: input.height, width: input.width, kernel: kernel, stride: stride)
    return Tensor.Shape(batch: input.batch, height: height, width: width, channels: channels)
  }

  public func multiplyAdds(_ input: Tensor.Shape) -> Int { outputShape(input).count * kernel * kernel }

  public func folding(_ norm: BatchNorm) -> DepthwiseConvolution {
    precondition(norm.channels == channels, "BatchNorm of \(norm.channels) after \(channels) channels")
    let (scale, shift) = norm.affine
    var folded = self
    for index in weights.indices { folded.weights[index] = weights[index] * scale[index % channels] }
    for c in 0..<channels { folded.bias[c] = bias[c] * scale[c] + shift[c] }
    return folded
  }

  public func forward(_ x: Tensor, threads: Int? = nil) -> Tensor {
    precondition(x.shape.channels == channels, "depthwise of \(channels) channels on \(x.shape)")
    let out = outputShape(x.shape)
    return ConvolutionRows.forward(
      x, output: out, weights: weights, bias: bias, multiplyAdds: multiplyAdds(x.shape), threads: threads
    ) { row, input, weights, bias, output in
      outputRow(
        row, input: input, inputShape: x.shape, weights: weights, bias: bias, output: output, outputShape: out
      )
    }
  }

  /// Output row (n, y): every pixel's channels start at zero and take one multiply-add a tap.
  private func outputRow(
    _ row: Int, input: UnsafePointer<Float>, inputShape s: Tensor.Shape, weights: UnsafePointer<Float>,
    bias: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, outputShape out: Tensor.Shape
  ) {
    let n = row / out.height, oy = row % out.height
    for ox in 0..<out.width {
      let target = output + ((row * out.width) + ox) * channels
      target.initialize(repeating: 0, count: channels)
      ConvolutionRows.forEachTap(
        image: n, row: oy, column: ox, input: s, kernel: kernel, stride: stride, padding: padding
      ) { pixel, position in
        VectorOps.multiplyAdd(
          input + pixel * channels, weights + position * channels, target, count: channels)
      }
      nonlinearity.applyWithBias(target, bias: bias, pixels: 1, channels: channels)
    }
  }
}
