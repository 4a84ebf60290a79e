/// A full k×k convolution (every input channel feeds every output channel), with its
/// BatchNorm folded into a per-channel bias and its non-linearity after: the stem of both
/// MobileNets, and the 3×3 conv the cost questions compare separable layers with.
///
/// Weights are stored HWIO, [ky][kx][input][output], so the innermost loop runs along the
/// output channels. Output entry (n, y, x, o) is the chain s = 0; s = s + in·w over
/// (ky, kx, i) in that order, taps that fall in the padding left out (each would add a
/// zero), then f(s + bias[o]).
public struct Convolution: Equatable, Sendable {
  public let kernel: Int
  public let stride: Int
  public let padding: Padding
  public let inputChannels: Int
  public let outputChannels: Int
  /// kernel · kernel · inputChannels · outputChannels entries, HWIO.
  public var weights: [Float]
  /// One per output channel; zeros for a conv without bias or BatchNorm.
  public var bias: [Float]
  public var nonlinearity: Nonlinearity

  public init(
    kernel: Int, stride: Int, padding: Padding, inputChannels: Int, outputChannels: Int, weights: [Float],
    bias: [Float]? = nil, nonlinearity: Nonlinearity = .linear
  ) {
    precondition(kernel > 0 && stride > 0 && inputChannels > 0 && outputChannels > 0, "empty convolution")
    precondition(weights.count == kernel * kernel * inputChannels * outputChannels, "conv weight count")
    self.kernel = kernel
    self.stride = stride
    self.padding = padding
    self.inputChannels = inputChannels
    self.outputChannels = outputChannels
    self.weights = weights
    self.bias = bias ?? [Float](repeating: 0, count: outputChannels)
    precondition(self.bias.count == outputChannels, "conv bias count")
    self.nonlinearity = nonlinearity
  }

  /// PyTorch's OIHW order ([output][input][ky][kx], how torchvision stores a conv) to HWIO.
  public static func hwio(fromOIHW oihw: [Float], kernel: Int, inputs: Int, outputs: Int) -> [Float] {
    precondition(oihw.count == kernel * kernel * inputs * outputs, "OIHW weight count")
    var hwio = [Float](repeating: 0, count: oihw.count)
    for o in 0..<outputs {
      for i in 0..<inputs {
        for ky in 0..<kernel {
          for kx in 0..<kernel {
            hwio[((ky * kernel + kx) * inputs + i) * outputs + o] =
              oihw[((o * inputs + i) * kernel + ky) * kernel + kx]
          }
        }
      }
    }
    return hwio
  }

  public func outputShape(_ input: Tensor.Shape) -> Tensor.Shape {
    let (height, width) = padding.output(
      height: input.height, width: input.width, kernel: kernel, stride: stride)
    return Tensor.Shape(batch: input.batch, height: height, width: width, channels: outputChannels)
  }

  /// Multiply-adds of one pass: output pixels × outputs × inputs × k² (padding taps included,
  /// as every MAdds count in mnv2 and the paper counts them).
  public func multiplyAdds(_ input: Tensor.Shape) -> Int {
    outputShape(input).pixels * outputChannels * inputChannels * kernel * kernel
  }

  /// The conv followed by BatchNorm at its running statistics, as one conv: each output
  /// channel's weights and bias times γ/√(σ² + ε), plus β − μ·γ/√(σ² + ε).
  public func folding(_ norm: BatchNorm) -> Convolution {
    precondition(
      norm.channels == outputChannels, "BatchNorm of \(norm.channels) after \(outputChannels) outputs")
    let (scale, shift) = norm.affine
    var folded = self
    for index in weights.indices { folded.weights[index] = weights[index] * scale[index % outputChannels] }
    for o in 0..<outputChannels { folded.bias[o] = bias[o] * scale[o] + shift[o] }
    return folded
  }

  public func forward(_ x: Tensor, threads: Int? = nil) -> Tensor {
    precondition(x.shape.channels == inputChannels, "conv of \(inputChannels) inputs on \(x.shape)")
    let out = outputShape(x.shape)
    return ConvolutionRows.forward(
      x, output: out, weights: weights, bias: bias, multiplyAdds: multiplyAdds(x.shape), threads: threads
    ) { row, input, weights, bias, output in
      outputRow(
        row, input: input, inputShape: x.shape, weights: weights, bias: bias, output: output, outputShape: out
      )
    }
  }

  /// Output row (n, y): every pixel's outputs start at zero and gather their taps by `axpy`.
  private func outputRow(
    _ row: Int, input: UnsafePointer<Float>, inputShape s: Tensor.Shape, weights: UnsafePointer<Float>,
    bias: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, outputShape out: Tensor.Shape
  ) {
    let n = row / out.height, oy = row % out.height
    for ox in 0..<out.width {
      let target = output + ((row * out.width) + ox) * outputChannels
      target.initialize(repeating: 0, count: outputChannels)
      ConvolutionRows.forEachTap(
        image: n, row: oy, column: ox, input: s, kernel: kernel, stride: stride, padding: padding
      ) { pixel, position in
        let values = input + pixel * inputChannels
        let tap = weights + position * inputChannels * outputChannels
        for i in 0..<inputChannels {
          VectorOps.axpy(values[i], tap + i * outputChannels, target, count: outputChannels)
        }
      }
      nonlinearity.applyWithBias(target, bias: bias, pixels: 1, channels: outputChannels)
    }
  }
}
