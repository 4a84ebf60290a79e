/// The mean of each channel over every pixel of an image: h × w × c to 1 × 1 × c, the step
/// before MobileNet's classifier. The sum runs in (y, x) order, then is divided by h·w.
public enum GlobalAveragePool {
  public static func outputShape(_ input: Tensor.Shape) -> Tensor.Shape {
    Tensor.Shape(batch: input.batch, height: 1, width: 1, channels: input.channels)
  }

  public static func forward(_ x: Tensor) -> Tensor {
    let s = x.shape, pixels = s.height * s.width
    var y = Tensor(shape: outputShape(s))
    y.values.withUnsafeMutableBufferPointer { out in
      x.values.withUnsafeBufferPointer { input in
        for n in 0..<s.batch {
          let sums = out.baseAddress! + n * s.channels
          for p in 0..<pixels {
            VectorOps.axpy(1, input.baseAddress! + (n * pixels + p) * s.channels, sums, count: s.channels)
          }
          for c in 0..<s.channels { sums[c] /= Float(pixels) }
        }
      }
    }
    return y
  }

  /// Each pixel of image n gets dy(n, c) / (h·w).
  public static func backward(_ dy: Tensor, inputShape s: Tensor.Shape) -> Tensor {
    precondition(dy.shape == outputShape(s), "gradient \(dy.shape) for pooled \(outputShape(s))")
    let pixels = s.height * s.width
    return Tensor(shape: s) { out in
      for index in 0..<out.count {
        let n = index / (pixels * s.channels), c = index % s.channels
        out[index] = dy.values[n * s.channels + c] / Float(pixels)
      }
    }
  }
}
