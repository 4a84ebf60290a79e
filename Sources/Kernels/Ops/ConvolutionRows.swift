/// What every k×k convolution shares, the full one and the depthwise one: output rows (one
/// image's one row of pixels) spread over threads, and the walk over the kernel's taps that
/// fall inside the input. Only the inner step differs (a full conv's `axpy` per input channel,
/// a depthwise conv's one elementwise multiply-add), so only that is left to each.
enum ConvolutionRows {
  /// An output tensor of shape `out` with every row written by `row`, which gets the row's
  /// index and the input, weight, bias and output base addresses. Small layers run on the
  /// caller's thread: handing a few microseconds of work to another core costs more than it
  /// saves.
  static func forward(
    _ x: Tensor, output out: Tensor.Shape, weights: [Float], bias: [Float], multiplyAdds: Int, threads: Int?,
    row:
      @Sendable (
        _ row: Int, _ input: UnsafePointer<Float>, _ weights: UnsafePointer<Float>,
        _ bias: UnsafePointer<Float>,
        _ output: UnsafeMutablePointer<Float>
      ) -> Void
  ) -> Tensor {
    var y = Tensor(shape: out)
    guard out.count > 0 else { return y }
    x.values.withUnsafeBufferPointer { input in
      weights.withUnsafeBufferPointer { w in
        bias.withUnsafeBufferPointer { b in
          y.values.withUnsafeMutableBufferPointer { output in
            let buffers = (
              SharedBuffer(input.baseAddress!), SharedBuffer(w.baseAddress!), SharedBuffer(b.baseAddress!),
              SharedBuffer(output.baseAddress!)
            )
            let workers = multiplyAdds < ParallelWork.minimumMultiplyAdds ? 1 : (threads ?? Int.max)
            concurrentForEach(out.batch * out.height, threads: workers) { index in
              row(index, buffers.0.base, buffers.1.base, buffers.2.base, buffers.3.base)
            }
          }
        }
      }
    }
    return y
  }

  /// Calls `tap(pixel, position)` for each kernel position (ky·k + kx, in that order) of
  /// output pixel (n, oy, ox) that lands inside the input, with the input pixel's index;
  /// positions in the padding are skipped, since each would add a zero.
  @inline(__always)
  static func forEachTap(
    image n: Int, row oy: Int, column ox: Int, input s: Tensor.Shape, kernel: Int, stride: Int,
    padding: Padding, _ tap: (_ pixel: Int, _ position: Int) -> Void
  ) {
    for ky in 0..<kernel {
      let iy = oy * stride + ky - padding.top
      guard iy >= 0, iy < s.height else { continue }
      for kx in 0..<kernel {
        let ix = ox * stride + kx - padding.left
        guard ix >= 0, ix < s.width else { continue }
        tap((n * s.height + iy) * s.width + ix, ky * kernel + kx)
      }
    }
  }

  /// The taps `forEachTap` would visit for output pixel (n, oy, ox), in its order, written
  /// as (input pixel, kernel position) pairs into `taps` (room for k² pairs); returns how
  /// many. A kernel then runs over them once for each block of channels it keeps in
  /// registers, with every output entry's sum still taken in the taps' order.
  @inline(__always)
  static func gatherTaps(
    image n: Int, row oy: Int, column ox: Int, input s: Tensor.Shape, kernel: Int, stride: Int,
    padding: Padding, into taps: UnsafeMutablePointer<Int>
  ) -> Int {
    var count = 0
    forEachTap(image: n, row: oy, column: ox, input: s, kernel: kernel, stride: stride, padding: padding) {
      pixel, position in
      taps[2 * count] = pixel
      taps[2 * count + 1] = position
      count += 1
    }
    return count
  }
}
