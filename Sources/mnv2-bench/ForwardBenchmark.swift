import Dispatch
import Explorer
import Foundation
import Inference
import Kernels
import MobileNetKit

/// `mnv2-bench forward [width] [resolution] [threads] [runs]`: the whole forward pass of
/// MobileNetV2 at batch 1 with seeded weights, median of `runs` after five warm-up runs.
/// bench/forward_vs_frameworks.py runs it interleaved with PyTorch and onnxruntime.
func benchmarkForward(width: Double, resolution: Int, threads: Int, runs: Int) {
  let network = Network.mobileNetV2(NetworkConfig(width: width, resolution: resolution))
  let weights = SeededWeights.make(for: network, seed: 1)
  guard let pass = try? ForwardPass(network: network, weights: weights, placement: .pytorch) else {
    print("the network does not compile")
    return
  }
  let input = SeededWeights.input(pass.inputShape(), seed: 1)
  let clock = ContinuousClock()
  var checksum: Float = 0
  for _ in 0..<5 { checksum += pass.run(input, threads: threads).output.values[0] }
  var samples: [Double] = []
  for _ in 0..<runs {
    let elapsed = clock.measure { checksum += pass.run(input, threads: threads).output.values[0] }
    samples.append(seconds(elapsed) * 1000)
  }
  samples.sort()
  let median = samples[samples.count / 2]
  print(
    "forward mobilenet_v2 \(formatWidth(width)) @ \(resolution)  threads=\(threads)  runs=\(runs)  "
      + "median_ms=\(format(median))  min_ms=\(format(samples[0]))  (checksum \(checksum))")
}

/// `mnv2-bench forward-kinds [threads]`: where a 1.0 @ 224 pass spends its time, by layer kind
/// (median over 20 runs of each layer, summed by kind).
func benchmarkForwardKinds(threads: Int) {
  let network = Network.mobileNetV2()
  guard
    let pass = try? ForwardPass(
      network: network, weights: SeededWeights.make(for: network, seed: 1), placement: .pytorch)
  else { return }
  let input = SeededWeights.input(pass.inputShape(), seed: 1)
  let clock: () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }
  var runs: [[UInt64]] = [], totals: [UInt64] = []
  for index in 0..<25 {
    let run = pass.run(input, threads: threads, clock: clock)
    if index >= 5 {
      runs.append(run.stepNanoseconds)
      totals.append(run.totalNanoseconds)
    }
  }
  print("whole pass median \(format(Double(totals.sorted()[totals.count / 2]) / 1e6)) ms")
  var byKind: [String: Double] = [:]
  for (index, layer) in network.layers.enumerated() {
    let sorted = runs.map { $0[index] }.sorted()
    byKind[layer.kind.rawValue + (layer.kernel > 1 && layer.kind == .conv ? "3x3" : ""), default: 0] +=
      Double(sorted[sorted.count / 2]) / 1e6
  }
  for (kind, ms) in byKind.sorted(by: { $0.value > $1.value }) { print("\(kind)  \(format(ms)) ms") }
}

/// `mnv2-bench timing-steps`: the explorer's measured column (`T`) step by step for
/// MobileNetV2 1.0 at 224 on every core, each step's wall time: the longest is the longest a
/// key can wait while the column fills.
func benchmarkTimingSteps() {
  let network = Network.mobileNetV2()
  var timing = NetworkTiming(
    request: TimingRequest(network: network, threads: ProcessInfo.processInfo.activeProcessorCount))
  let clock: () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }
  var steps: [Double] = []
  while !timing.isComplete {
    let start = clock()
    timing = timing.advanced(clock: clock)
    steps.append(Double(clock() - start) / 1e6)
  }
  let names =
    ["compile", "calibrate"] + (0..<NetworkTiming.warmup).map { "warm-up \($0 + 1)" }
    + (0..<NetworkTiming.runs).map { "run \($0 + 1)" }
  for (name, ms) in zip(names, steps) { print("\(name)  \(format(ms)) ms") }
  print("longest step \(format(steps.max() ?? 0)) ms, all \(format(steps.reduce(0, +))) ms")
}

/// `mnv2-bench pointwise-threads`: MobileNetV2's three largest 1×1 products, packed as the
/// forward pass runs them, on 1 and 2 threads, interleaved (median of 30 each).
func benchmarkPointwiseThreads() {
  let shapes = [(12544, 16, 96), (3136, 144, 24), (196, 576, 96), (49, 960, 320)]
  let clock = ContinuousClock()
  for (n, p, m) in shapes {
    let a = Matrix<Float>(rows: n, columns: p, values: (0..<n * p).map { Float($0 % 13) / 13 - 0.5 })
    let b = PackedOperand(
      Matrix<Float>(rows: p, columns: m, values: (0..<p * m).map { Float($0 % 7) / 7 - 0.5 }))
    var samples: [Int: [Double]] = [1: [], 2: []]
    var sink: Float = 0
    for _ in 0..<30 {
      for threads in [1, 2] {
        let elapsed = clock.measure { sink += a.times(b, threads: threads).values[0] }
        samples[threads]!.append(seconds(elapsed) * 1000)
      }
    }
    let median = { (t: Int) -> Double in samples[t]!.sorted()[15] }
    print(
      "\(n)x\(p)x\(m): 1 thread \(format(median(1))) ms (\(format(Double(n * p * m) / median(1) / 1e6)) GMAC/s), "
        + "2 threads \(format(median(2))) ms  (checksum \(sink))")
  }
}
