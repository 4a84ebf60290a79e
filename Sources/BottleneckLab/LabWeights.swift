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
    let (live, depthwise) = Self.liveTaps(shape: shape, seed: seed, linearised: linearised)
    self.live = live
    self.depthwise = depthwise
    // Each channel's row has its own stream, so dead rows are never drawn and live rows do
    // not depend on which other channels died.
    let deviation = (2 / Double(hidden)).squareRoot()
    // Written in place, a chunk of 64 rows per task: gathering the chunks and joining them
    // held the weights twice (2.15 GB for a 131,072 × 2,048 projection).
    projection = Matrix(rows: live.count, columns: outputs) { buffer in
      guard let start = buffer.baseAddress else { return }
      let base = RowsPointer(pointer: start)
      concurrentForEach((live.count + 63) / 64) { chunk in
        for r in (chunk * 64)..<min(live.count, chunk * 64 + 64) {
          var row = PolarNormalGenerator(
            seed: SplitMix64.derivedSeed(seed, stream: Stream.projectionRow &+ UInt64(live[r])))
          for o in 0..<outputs { base.pointer[r * outputs + o] = Float(row.next() * deviation) }
        }
      }
    }
  }

  /// The live channels and their depthwise taps: the weights' first draw, cheap beside the
  /// projection, so the memory estimate can count the live rows exactly.
  static func liveTaps(shape: BottleneckShape, seed: UInt64, linearised: Bool) -> (live: [Int], taps: [Float])
  {
    var taps = PolarNormalGenerator(seed: SplitMix64.derivedSeed(seed, stream: Stream.depthwise))
    let tapDeviation = (2.0 / 9).squareRoot()
    let allTaps = (0..<shape.hiddenChannels).map { _ in taps.next() * tapDeviation }
    // Without the first ReLU6 (t = 1 blocks, or the all-linear test) a negative tap is live:
    // it passes the negative half of its input.
    let clipsBeforeDepthwise = shape.hasExpansion && !linearised
    let live = (0..<shape.hiddenChannels).filter {
      allTaps[$0] != 0 && (!clipsBeforeDepthwise || allTaps[$0] > 0)
    }
    return (live, live.map { Float(allTaps[$0]) })
  }

  /// The bytes the weights of `live` live channels hold: the projection (live × d″), the
  /// taps and the channel list.
  static func bytes(_ shape: BottleneckShape, live: Int) -> Double {
    Double(live) * (Double(shape.outputChannels) * 4 + 4 + 8)
  }

  /// Random streams of a trial, one per weight tensor.
  enum Stream {
    static let depthwise: UInt64 = 0xD3
    static let embedding: UInt64 = 0xE0_0000
    static let expansion: UInt64 = 0xE1_0000
    static let projectionRow: UInt64 = 0x9_0000_0000
  }
}

/// The projection's buffer, shared by the tasks that fill disjoint rows of it.
private struct RowsPointer: @unchecked Sendable {
  let pointer: UnsafeMutablePointer<Float>
}
