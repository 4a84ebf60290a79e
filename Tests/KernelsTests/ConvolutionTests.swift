import Testing

@testable import Kernels

/// The three convolutions against their definitions, written out as plain loops here: the
/// padded input read with bounds checks, the chain in the documented order, bit for bit.
@Suite struct ConvolutionTests {
  /// A full conv by its definition: s = 0; s += x·w over (ky, kx, i) for taps inside the
  /// image; y = f(s + b). Weights indexed HWIO.
  static func naiveConvolution(_ conv: Convolution, _ x: Tensor) -> Tensor {
    let s = x.shape, k = conv.kernel, p = conv.padding
    let oh = (s.height + p.top + p.bottom - k) / conv.stride + 1
    let ow = (s.width + p.left + p.right - k) / conv.stride + 1
    var y = Tensor(shape: Tensor.Shape(batch: s.batch, height: oh, width: ow, channels: conv.outputChannels))
    for n in 0..<s.batch {
      for oy in 0..<oh {
        for ox in 0..<ow {
          for o in 0..<conv.outputChannels {
            var sum: Float = 0
            for ky in 0..<k {
              for kx in 0..<k {
                let iy = oy * conv.stride + ky - p.top, ix = ox * conv.stride + kx - p.left
                if iy < 0 || iy >= s.height || ix < 0 || ix >= s.width { continue }
                for i in 0..<conv.inputChannels {
                  sum =
                    sum + x[n, iy, ix, i]
                    * conv.weights[((ky * k + kx) * conv.inputChannels + i) * conv.outputChannels + o]
                }
              }
            }
            y[n, oy, ox, o] = conv.nonlinearity.apply(sum + conv.bias[o])
          }
        }
      }
    }
    return y
  }

  static let paddings: [(Int, Int, Padding)] = [
    (3, 2, .symmetric(kernel: 3)), (3, 1, .symmetric(kernel: 3)), (3, 2, .afterOnly),
    (3, 2, .same(height: 10, width: 7, kernel: 3, stride: 2)), (5, 2, .symmetric(kernel: 5)), (1, 2, .none),
    (2, 1, Padding(top: 0, left: 1, bottom: 1, right: 0)),
  ]

  @Test(arguments: 0..<7)
  func fullConvolutionEqualsTheDefinitionBitForBit(case index: Int) {
    let (k, stride, padding) = Self.paddings[index]
    let x = OpsTestData.tensor(Tensor.Shape(batch: 2, height: 10, width: 7, channels: 3), salt: index)
    // 11 outputs: a lane of eight and a tail of three; 45: a block of 32 in registers, a
    // lane of eight and a tail of five.
    for outputs in [11, 45] {
      let conv = Convolution(
        kernel: k, stride: stride, padding: padding, inputChannels: 3, outputChannels: outputs,
        weights: OpsTestData.values(k * k * 3 * outputs, salt: 100 + index),
        bias: OpsTestData.values(outputs, salt: 200), nonlinearity: Nonlinearity.allCases[index % 3])
      #expect(conv.forward(x) == Self.naiveConvolution(conv, x))
      #expect(conv.forward(x, threads: 1) == conv.forward(x, threads: 2))
      #expect(conv.outputShape(x.shape) == Self.naiveConvolution(conv, x).shape)
    }
  }

  static func naiveDepthwise(_ conv: DepthwiseConvolution, _ x: Tensor) -> Tensor {
    let s = x.shape, k = conv.kernel, p = conv.padding
    let oh = (s.height + p.top + p.bottom - k) / conv.stride + 1
    let ow = (s.width + p.left + p.right - k) / conv.stride + 1
    var y = Tensor(shape: Tensor.Shape(batch: s.batch, height: oh, width: ow, channels: s.channels))
    for n in 0..<s.batch {
      for oy in 0..<oh {
        for ox in 0..<ow {
          for c in 0..<s.channels {
            var sum: Float = 0
            for ky in 0..<k {
              for kx in 0..<k {
                let iy = oy * conv.stride + ky - p.top, ix = ox * conv.stride + kx - p.left
                if iy < 0 || iy >= s.height || ix < 0 || ix >= s.width { continue }
                sum = sum + x[n, iy, ix, c] * conv.weights[(ky * k + kx) * s.channels + c]
              }
            }
            y[n, oy, ox, c] = conv.nonlinearity.apply(sum + conv.bias[c])
          }
        }
      }
    }
    return y
  }

  /// 19 channels: two full lanes of eight and a tail of three; 77: two blocks of 32 in
  /// registers, a lane of eight and a tail of five.
  @Test(arguments: 0..<7)
  func depthwiseEqualsTheDefinitionBitForBit(case index: Int) {
    let (k, stride, padding) = Self.paddings[index]
    for channels in [19, 77] {
      let x = OpsTestData.tensor(
        Tensor.Shape(batch: 2, height: 10, width: 7, channels: channels), salt: 10 + index, scale: 4)
      let conv = DepthwiseConvolution(
        kernel: k, stride: stride, padding: padding, channels: channels,
        weights: OpsTestData.values(k * k * channels, salt: 300 + index, scale: 3),
        bias: OpsTestData.values(channels, salt: 400),
        nonlinearity: Nonlinearity.allCases[index % 3])
      #expect(conv.forward(x) == Self.naiveDepthwise(conv, x))
      #expect(conv.forward(x, threads: 1) == conv.forward(x, threads: 2))
    }
  }

  @Test(arguments: [(1, 1), (7, 5), (50, 33), (130, 24)])
  func pointwiseEqualsTheDefinitionBitForBit(inputs: Int, outputs: Int) {
    let x = OpsTestData.tensor(
      Tensor.Shape(batch: 3, height: 5, width: 4, channels: inputs), salt: 7, scale: 3)
    for nonlinearity in Nonlinearity.allCases {
      let conv = PointwiseConvolution(
        weights: MatrixProductTests.matrix(inputs, outputs, salt: 8, Float.self),
        bias: OpsTestData.values(outputs, salt: 9), nonlinearity: nonlinearity)
      let y = conv.forward(x)
      var expected = Tensor(shape: x.shape.with(channels: outputs))
      for p in 0..<x.shape.pixels {
        for o in 0..<outputs {
          var sum: Float = 0
          for i in 0..<inputs { sum = sum + x.values[p * inputs + i] * conv.weights[i, o] }
          expected.values[p * outputs + o] = nonlinearity.apply(sum + conv.bias[o])
        }
      }
      #expect(y == expected)
      #expect(conv.prepared().forward(x, threads: 2) == expected)
      var changed = conv.prepared()
      changed.weights.values[0] += 1
      #expect(changed.packed == nil)
    }
  }

  /// PyTorch's OIHW and [C][1][k][k] orders land where the definitions above read them.
  @Test func pytorchLayoutsAreReorderedEntryByEntry() {
    let (o, i, k) = (4, 3, 3)
    let oihw = (0..<o * i * k * k).map(Float.init)
    let hwio = Convolution.hwio(fromOIHW: oihw, kernel: k, inputs: i, outputs: o)
    // OIHW (o 2, i 1, ky 0, kx 2) is ((2·3 + 1)·3 + 0)·3 + 2 = 65; HWIO ((0·3 + 2)·3 + 1)·4 + 2 = 30.
    #expect(hwio[30] == 65)
    let chw = (0..<5 * 9).map(Float.init)
    // channel 3, tap 7: CHW 3·9 + 7 = 34; HWC 7·5 + 3 = 38.
    #expect(DepthwiseConvolution.hwc(fromCHW: chw, kernel: 3, channels: 5)[38] == 34)
    let linear = PointwiseConvolution(outputsByInputs: (0..<6).map(Float.init), inputs: 3, outputs: 2)
    #expect(linear.weights[2, 1] == 5)  // PyTorch [out 1][in 2] = 1·3 + 2
  }

  /// TensorFlow's "same" worked by hand: at 224, a 3×3 stride-2 conv pads 0 before and 1
  /// after ((112 − 1)·2 + 3 − 224 = 1); at 225, 1 and 1. Keras V1's pad-after gives ⌊h/2⌋.
  @Test func paddingSizesFollowEachFramework() {
    #expect(
      Padding.same(height: 224, width: 225, kernel: 3, stride: 2)
        == Padding(top: 0, left: 1, bottom: 1, right: 1))
    #expect(Padding.same(height: 7, width: 7, kernel: 3, stride: 1) == .symmetric(kernel: 3))
    #expect(Padding.afterOnly.output(height: 49, width: 48, kernel: 3, stride: 2) == (24, 24))
    #expect(Padding.symmetric(kernel: 3).output(height: 49, width: 48, kernel: 3, stride: 2) == (25, 24))
    #expect(Padding.none.output(height: 2, width: 2, kernel: 3, stride: 1) == (0, 0))
  }
}
