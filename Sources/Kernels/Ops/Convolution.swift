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

  /// Output row (n, y): each pixel's outputs are summed over its taps, and within a tap over
  /// the input channels, 32 outputs at a time in registers (then 8, then one).
  private func outputRow(
    _ row: Int, input: UnsafePointer<Float>, inputShape s: Tensor.Shape, weights: UnsafePointer<Float>,
    bias: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, outputShape out: Tensor.Shape
  ) {
    let n = row / out.height, oy = row % out.height
    let inputs = inputChannels, outputs = outputChannels
    func load(_ pointer: UnsafePointer<Float>) -> SIMD8<Float> {
      UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Float>.self)
    }
    func store(_ value: SIMD8<Float>, _ pointer: UnsafeMutablePointer<Float>) {
      UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD8<Float>.self)
    }
    withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * kernel * kernel) { buffer in
      let taps = buffer.baseAddress!
      for ox in 0..<out.width {
        let target = output + ((row * out.width) + ox) * outputs
        let count = ConvolutionRows.gatherTaps(
          image: n, row: oy, column: ox, input: s, kernel: kernel, stride: stride, padding: padding,
          into: taps)
        var o = 0
        while o + 32 <= outputs {
          var a0 = SIMD8<Float>(), a1 = SIMD8<Float>(), a2 = SIMD8<Float>(), a3 = SIMD8<Float>()
          for t in 0..<count {
            let values = input + taps[2 * t] * inputs
            let tap = weights + taps[2 * t + 1] * inputs * outputs + o
            for i in 0..<inputs {
              let v = SIMD8<Float>(repeating: values[i]), w = tap + i * outputs
              a0 = a0 + v * load(w)
              a1 = a1 + v * load(w + 8)
              a2 = a2 + v * load(w + 16)
              a3 = a3 + v * load(w + 24)
            }
          }
          store(a0, target + o)
          store(a1, target + o + 8)
          store(a2, target + o + 16)
          store(a3, target + o + 24)
          o += 32
        }
        while o + 8 <= outputs {
          var a = SIMD8<Float>()
          for t in 0..<count {
            let values = input + taps[2 * t] * inputs
            let tap = weights + taps[2 * t + 1] * inputs * outputs + o
            for i in 0..<inputs { a = a + SIMD8<Float>(repeating: values[i]) * load(tap + i * outputs) }
          }
          store(a, target + o)
          o += 8
        }
        while o < outputs {
          var a: Float = 0
          for t in 0..<count {
            let values = input + taps[2 * t] * inputs
            let tap = weights + taps[2 * t + 1] * inputs * outputs + o
            for i in 0..<inputs { a = a + values[i] * tap[i * outputs] }
          }
          target[o] = a
          o += 1
        }
        nonlinearity.applyWithBias(target, bias: bias, pixels: 1, channels: outputs)
      }
    }
  }
}
