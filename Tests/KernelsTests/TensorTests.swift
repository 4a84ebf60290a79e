import Testing

@testable import Kernels

@Suite struct TensorTests {
  typealias Shape = Tensor<Float>.Shape

  @Test func channelsAreFastestAsInNHWC() {
    var tensor = Tensor<Float>(shape: Shape(height: 2, width: 3, channels: 4))
    tensor[1, 2, 3] = 7
    tensor[0, 1, 0] = 5
    // (y·W + x)·C + c, written out: (1·3 + 2)·4 + 3 = 23 and (0·3 + 1)·4 + 0 = 4.
    #expect(tensor.values[23] == 7 && tensor.values[4] == 5)
    #expect(tensor.values.filter { $0 != 0 }.count == 2)
    #expect(Shape(height: 56, width: 56, channels: 24).description == "56×56×24")
    #expect(Shape(height: 56, width: 56, channels: 24).count == 75_264)
  }

  @Test func pixelsRoundTrip() {
    let matrix = MatrixProductTests.matrix(6, 5, salt: 31, Float.self)
    let tensor = Tensor(pixels: matrix, height: 2, width: 3)
    #expect(tensor.shape == Shape(height: 2, width: 3, channels: 5))
    #expect(tensor.pixels == matrix)
    #expect(tensor[1, 0, 2] == matrix[3, 2])  // pixel (1, 0) is row 1·3 + 0
  }

  /// A 1×1 convolution by its definition: out[y, x, o] = Σ_c in[y, x, c]·w[c, o], summed in
  /// channel order.
  @Test func pointwiseIsTheOneByOneConvolution() {
    let input = Tensor(pixels: MatrixProductTests.matrix(12, 7, salt: 32, Float.self), height: 3, width: 4)
    let weights = MatrixProductTests.matrix(7, 5, salt: 33, Float.self)
    let output = input.pointwise(weights)
    #expect(output.shape == Shape(height: 3, width: 4, channels: 5))
    for y in 0..<3 {
      for x in 0..<4 {
        for o in 0..<5 {
          var sum: Float = 0
          for c in 0..<7 { sum = sum + input[y, x, c] * weights[c, o] }
          #expect(output[y, x, o] == sum)
        }
      }
    }
  }
}
