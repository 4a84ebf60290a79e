import Testing

@testable import Kernels

@Suite struct TensorTests {
  typealias Shape = Tensor.Shape

  @Test func channelsAreFastestAsInNHWC() {
    var tensor = Tensor(shape: Shape(batch: 2, height: 2, width: 3, channels: 4))
    tensor[1, 1, 2, 3] = 7
    tensor[0, 1, 0] = 5
    // ((n·H + y)·W + x)·C + c, written out: ((1·2 + 1)·3 + 2)·4 + 3 = 47, and the image-0
    // subscript (y 0, x 1, c 0) is ((0·2 + 0)·3 + 1)·4 + 0 = 4.
    #expect(tensor.values[47] == 7 && tensor.values[4] == 5)
    #expect(tensor.values.filter { $0 != 0 }.count == 2)
    #expect(Shape(height: 56, width: 56, channels: 24).description == "56×56×24")
    #expect(Shape(batch: 4, height: 7, width: 7, channels: 320).description == "4×7×7×320")
    #expect(Shape(height: 56, width: 56, channels: 24).count == 75_264)
  }

  @Test func pixelsRoundTrip() {
    let matrix = MatrixProductTests.matrix(12, 5, salt: 31, Float.self)
    let tensor = Tensor(pixels: matrix, batch: 2, height: 2, width: 3)
    #expect(tensor.shape == Shape(batch: 2, height: 2, width: 3, channels: 5))
    #expect(tensor.pixels == matrix)
    #expect(tensor[1, 1, 0, 2] == matrix[9, 2])  // pixel (n 1, y 1, x 0) is row (1·2 + 1)·3 + 0
  }

  /// A point of Figure 6 is a 1×1 image: the points × channels matrix is the tensor's buffer.
  @Test func pointsAreOneByOneImages() {
    let matrix = MatrixProductTests.matrix(9, 4, salt: 35, Float.self)
    let tensor = Tensor(shape: .points(9, channels: 4), values: matrix.values)
    #expect(tensor.pixels == matrix)
    #expect(tensor.shape.pixels == 9)
  }
}
