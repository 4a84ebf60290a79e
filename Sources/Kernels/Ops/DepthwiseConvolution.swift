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
    withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * kernel * kernel) { buffer in
      let taps = buffer.baseAddress!
      for ox in 0..<out.width {
        let target = output + ((row * out.width) + ox) * channels
        let count = ConvolutionRows.gatherTaps(
          image: n, row: oy, column: ox, input: s, kernel: kernel, stride: stride, padding: padding,
          into: taps)
        Self.sumTaps(count, taps: taps, input: input, weights: weights, into: target, channels: channels)
        nonlinearity.applyWithBias(target, bias: bias, pixels: 1, channels: channels)
      }
    }
  }

  /// target[c] = Σ over the taps, in order, of input·weight, from zero: 32 channels at a
  /// time in registers (then 8, then one), so the sums are never stored and loaded between
  /// taps. Each entry sees the same additions in the same order as one pass per tap would.
  @inline(__always)
  static func sumTaps(
    _ count: Int, taps: UnsafePointer<Int>, input: UnsafePointer<Float>, weights: UnsafePointer<Float>,
    into target: UnsafeMutablePointer<Float>, channels: Int
  ) {
    func load(_ pointer: UnsafePointer<Float>) -> SIMD8<Float> {
      UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Float>.self)
    }
    func store(_ value: SIMD8<Float>, _ pointer: UnsafeMutablePointer<Float>) {
      UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD8<Float>.self)
    }
    var c = 0
    while c + 32 <= channels {
      var a0 = SIMD8<Float>(), a1 = SIMD8<Float>(), a2 = SIMD8<Float>(), a3 = SIMD8<Float>()
      for t in 0..<count {
        let x = input + taps[2 * t] * channels + c, w = weights + taps[2 * t + 1] * channels + c
        a0 = a0 + load(x) * load(w)
        a1 = a1 + load(x + 8) * load(w + 8)
        a2 = a2 + load(x + 16) * load(w + 16)
        a3 = a3 + load(x + 24) * load(w + 24)
      }
      store(a0, target + c)
      store(a1, target + c + 8)
      store(a2, target + c + 16)
      store(a3, target + c + 24)
      c += 32
    }
    while c + 8 <= channels {
      var a = SIMD8<Float>()
      for t in 0..<count {
        a = a + load(input + taps[2 * t] * channels + c) * load(weights + taps[2 * t + 1] * channels + c)
      }
      store(a, target + c)
      c += 8
    }
    while c < channels {
      var a: Float = 0
      for t in 0..<count {
        a = a + input[taps[2 * t] * channels + c] * weights[taps[2 * t + 1] * channels + c]
      }
      target[c] = a
      c += 1
    }
  }
}
