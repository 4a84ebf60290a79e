import Kernels

/// This machine's compute peak and memory bandwidth, measured by mnv2 itself in a fraction
/// of a second, so a profile can place every layer on a roofline with figures of its own.
///
/// - Peak: the best of three products 1024 × 512 · 512 × 512 on the same kernel the 1×1
///   convs use, in multiply-adds per second: the rate this code can reach, not the
///   datasheet's FMA rate, which portable Swift without fused multiply-add never sees.
/// - Bandwidth: the best of three copies of a 64 MiB buffer, counting every byte read and
///   every byte written (128 MiB per copy), far larger than any cache.
public struct MachineCalibration: Equatable, Sendable {
  public var multiplyAddsPerSecond: Double
  public var bytesPerSecond: Double
  /// Each measurement is the best of this many.
  public static let repeats = 3
  /// The product timed: rows × inner · inner × columns.
  public static let product = [1024, 512, 512]
  /// Bytes of the buffer copied (each copy moves twice this).
  public static let copyBytes = copyFloats * 4
  static let copyFloats = 16 << 20

  public init(multiplyAddsPerSecond: Double, bytesPerSecond: Double) {
    self.multiplyAddsPerSecond = multiplyAddsPerSecond
    self.bytesPerSecond = bytesPerSecond
  }

  /// MAdds per byte where the roofline's two limits meet: a layer below it is memory-bound.
  public var ridge: Double { multiplyAddsPerSecond / bytesPerSecond }

  public static func measure(threads: Int?, clock: () -> UInt64) -> MachineCalibration {
    let (n, p, m) = (1024, 512, 512)
    let a = Matrix<Float>(rows: n, columns: p, values: (0..<n * p).map { Float($0 % 97) / 97 - 0.5 })
    let b = PackedOperand(
      Matrix<Float>(rows: p, columns: m, values: (0..<p * m).map { Float($0 % 89) / 89 - 0.5 }))
    var best = UInt64.max
    var sink: Float = 0
    for _ in 0..<Self.repeats {
      let start = clock()
      sink += a.times(b, threads: threads).values[7]
      best = min(best, max(clock() - start, 1))
    }
    let peak = Double(n * p * m) / (Double(best) / 1e9)
    let source = [Float](repeating: 0.5, count: copyFloats)
    var target = [Float](repeating: 0, count: copyFloats)
    var bestCopy = UInt64.max
    for _ in 0..<Self.repeats {
      let start = clock()
      target.withUnsafeMutableBufferPointer { out in
        source.withUnsafeBufferPointer { out.baseAddress!.update(from: $0.baseAddress!, count: copyFloats) }
      }
      bestCopy = min(bestCopy, max(clock() - start, 1))
    }
    // Reading both results keeps the product and the copy from being optimised away.
    precondition((sink + target[copyFloats - 1]).isFinite, "calibration produced a non-finite value")
    let bandwidth = Double(2 * copyBytes) / (Double(bestCopy) / 1e9)
    return MachineCalibration(multiplyAddsPerSecond: peak, bytesPerSecond: bandwidth)
  }
}
