import Kernels
import ManifoldKit

/// The weights of one trial that do not depend on the manifold, so a sweep draws them once
/// per block and trial and reuses them for every k.
struct LabWeights: Sendable {
  let shape: BottleneckShape
  let seed: UInt64
  /// Tests only: every activation linear, so the block is a linear map (set through
  /// `BottleneckLab.linearised`, which is internal).
  let linearised: Bool
  /// The hidden channels that can ever be non-zero. After expand → ReLU6 a channel is ≥ 0,
  /// so a negative depthwise scale makes it ≤ 0 and the second ReLU6 zeroes it for every
  /// input: about half the channels are dead, exactly, and the projection skips them.
  let live: [Int]
  /// The depthwise centre tap of each live channel, N(0, 2/9).
  let depthwise: [Float]
  /// Live channels × d″: row r holds live channel r's weights into the d″ outputs,
  /// He-normal N(0, 2/(t·d′)).
  let projection: Matrix<Float>

  /// Rows are drawn in chunks on every core; each row has its own stream, so the numbers
  /// do not depend on the chunking.
  init(shape: BottleneckShape, seed: UInt64, linearised: Bool = false) {
    self.shape = shape
    self.seed = seed
    self.linearised = linearised
    let hidden = shape.hiddenChannels, outputs = shape.outputChannels
    var taps = PolarNormalGenerator(seed: SplitMix64.derivedSeed(seed, stream: Stream.depthwise))
    let tapDeviation = (2.0 / 9).squareRoot()
    let allTaps = (0..<hidden).map { _ in taps.next() * tapDeviation }
    // Without the first ReLU6 (t = 1 blocks, or the all-linear test) a negative tap is live:
    // it passes the negative half of its input.
    let clipsBeforeDepthwise = shape.hasExpansion && !linearised
    live = (0..<hidden).filter { allTaps[$0] != 0 && (!clipsBeforeDepthwise || allTaps[$0] > 0) }
    depthwise = live.map { Float(allTaps[$0]) }
    // Each channel's row has its own stream, so dead rows are never drawn and live rows do
    // not depend on which other channels died.
    let deviation = (2 / Double(hidden)).squareRoot()
    let live = live
    @Sendable func rows(_ channels: ArraySlice<Int>) -> [Float] {
      var values = [Float]()
      values.reserveCapacity(channels.count * outputs)
      for channel in channels {
        var row = PolarNormalGenerator(
          seed: SplitMix64.derivedSeed(seed, stream: Stream.projectionRow &+ UInt64(channel)))
        for _ in 0..<outputs { values.append(Float(row.next() * deviation)) }
      }
      return values
    }
    let chunks = Swift.stride(from: 0, to: live.count, by: 64).map { live[$0..<min($0 + 64, live.count)] }
    projection = Matrix(
      rows: live.count, columns: outputs, values: Array(chunks.concurrentMap(rows).joined()))
  }

  /// Random streams of a trial, one per weight tensor.
  enum Stream {
    static let depthwise: UInt64 = 0xD3
    static let embedding: UInt64 = 0xE0_0000
    static let expansion: UInt64 = 0xE1_0000
    static let projectionRow: UInt64 = 0x9_0000_0000
  }
}
