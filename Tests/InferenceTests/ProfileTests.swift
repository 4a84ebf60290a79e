import Dispatch
import Kernels
import MobileNetKit
import Testing

@testable import Inference

/// The profile's plumbing and bounds, with a clock under the test's control so every time
/// and share can be worked out by hand.
@Suite struct ProfileTests {
  @Test func quantilesAreNearestRanksOnTheSortedSamples() {
    let samples = Samples([9, 1, 5, 3, 7, 2, 8, 4, 6])
    // Sorted 1…9: rank ⌊8·q⌋ gives 5 at q = ½, 3 at ¼ and 7 at ¾.
    #expect(samples.median == 5 && samples.lowerQuartile == 3 && samples.upperQuartile == 7)
    #expect(samples.minimum == 1 && samples.maximum == 9)
    // Four samples: ⌊3·½⌋ = 1, the lower middle.
    #expect(Samples([40, 10, 30, 20]).median == 20)
  }

  /// A clock that advances 1 µs per reading: each step is read twice (before, after), so
  /// every step measures exactly 1,000 ns, and every layer's share of time is 1/count.
  @Test func eachLayerIsTimedBetweenTwoReadingsOfTheClock() throws {
    let network = Network.mobileNetV2(NetworkConfig(width: 0.35, resolution: 64))
    let request = ProfileRequest(runs: 4, warmup: 1, threads: 1)
    let pass = try NetworkProfile.prepare(
      network: network, weights: SeededWeights.make(for: network, seed: 3), placement: .pytorch,
      request: request)
    nonisolated(unsafe) var now: UInt64 = 0
    let clock: () -> UInt64 = {
      now += 1000
      return now
    }
    let calibration = MachineCalibration(multiplyAddsPerSecond: 10e9, bytesPerSecond: 10e9)
    let profile = NetworkProfile.measure(
      pass, input: SeededWeights.input(pass.inputShape(), seed: 3), request: request,
      calibration: calibration,
      clock: clock)
    let count = network.layers.count
    #expect(profile.layers.allSatisfy { $0.samples.sorted == [1000, 1000, 1000, 1000] })
    #expect(profile.sumOfLayerMedians == UInt64(count) * 1000)
    // The pass reads the clock at its start, twice per step and at its end: 2·count + 1 µs.
    #expect(profile.total.median == UInt64(2 * count + 1) * 1000)
    #expect(profile.layers.allSatisfy { abs(profile.timeShare($0) - 1 / Double(count)) < 1e-12 })
    // MAdds are the network's own, and a block's row sums its layers.
    #expect(profile.layers.map(\.multiplyAdds) == network.layers.map(\.multiplyAdds))
    #expect(profile.blocks.map(\.multiplyAdds) == network.groups.map(\.multiplyAdds))
    let b2 = network.groups[2]
    #expect(profile.blocks[2].samples.median == UInt64(b2.layerRange.count) * 1000)
  }

  /// Bytes moved for b2's depthwise layer worked by hand at 1.0 @ 224: input 112·112·96,
  /// output 56·56·96, 9·96 weights and 96 biases, 4 bytes each; its MAdds 56·56·96·9.
  @Test func bytesAndIntensityFollowTheStatedConvention() throws {
    let network = Network.mobileNetV2()
    let request = ProfileRequest(runs: 1, warmup: 0, threads: 1)
    let pass = try NetworkProfile.prepare(
      network: network, weights: SeededWeights.make(for: network, seed: 1), placement: .pytorch,
      request: request)
    nonisolated(unsafe) var now: UInt64 = 0
    let profile = NetworkProfile.measure(
      pass, input: SeededWeights.input(pass.inputShape(), seed: 1), request: request,
      calibration: MachineCalibration(multiplyAddsPerSecond: 20e9, bytesPerSecond: 10e9),
      clock: {
        now += 1
        return now
      })
    let row = try #require(profile.layers.first { $0.name == "b2.dw" })
    let bytes = 4 * (112 * 112 * 96 + 56 * 56 * 96 + 9 * 96 + 96)
    #expect(row.bytes == bytes)
    #expect(row.multiplyAdds == 56 * 56 * 96 * 9)
    #expect(row.multiplyAddsPerByte == Double(56 * 56 * 96 * 9) / Double(bytes))
    // Ridge 20e9 / 10e9 = 2 MAdd/B: b2.dw (0.45) is memory-bound, b2.expand (3.4) is not.
    #expect(row.isMemoryBound(profile.calibration))
    #expect(!(profile.layers.first { $0.name == "b2.expand" }!.isMemoryBound(profile.calibration)))
    // b3's projection adds the shortcut: its output is read once more.
    let project = try #require(profile.layers.first { $0.name == "b3.project" })
    #expect(project.bytes == 4 * (56 * 56 * 144 + 2 * 56 * 56 * 24 + 144 * 24 + 24))
  }

  static func prepare(_ network: Network, _ request: ProfileRequest) -> ProfileError? {
    do {
      _ = try NetworkProfile.prepare(
        network: network, weights: SeededWeights.make(for: network, seed: 1), placement: .pytorch,
        request: request)
      return nil
    } catch {
      return error
    }
  }

  @Test func everyBoundIsAnErrorBeforeAnyWork() {
    let small = Network.mobileNetV2(NetworkConfig(width: 0.35, resolution: 32))
    #expect(Self.prepare(small, ProfileRequest(runs: 0, threads: 1)) == .runs(0))
    #expect(Self.prepare(small, ProfileRequest(runs: 10_001, threads: 1)) == .runs(10_001))
    #expect(Self.prepare(small, ProfileRequest(threads: 0)) == .threads(0))
    #expect(Self.prepare(small, ProfileRequest(threads: 257)) == .threads(257))
    #expect(Self.prepare(small, ProfileRequest(threads: 1, batch: 0)) == .batch(0))
    #expect(Self.prepare(small, ProfileRequest(threads: 1, batch: 65)) == .batch(65))
    #expect(Self.prepare(small, ProfileRequest(threads: 1)) == nil)
    // 1.0 at 2048 px: 2.5e10 MAdds a pass, 23 passes by default, over the 5e11 limit.
    let huge = Network.mobileNetV2(NetworkConfig(resolution: 2048))
    #expect(
      Self.prepare(huge, ProfileRequest(threads: 1))
        == .work(multiplyAdds: huge.multiplyAdds * 23, passes: 23))
    // One pass of four images fits the work but not the memory: b2's expansion alone is
    // 1024·1024·96 floats, 384 MiB an image, held three times, for four images.
    guard
      case .memory(let bytes) = Self.prepare(huge, ProfileRequest(runs: 1, warmup: 0, threads: 1, batch: 4))
    else {
      Issue.record("no memory error")
      return
    }
    #expect(bytes > 4 * 3 * 1024 * 1024 * 96 * 4)
  }

  /// A stack of stride-2 separable layers under Keras's pad-after rule runs out of pixels:
  /// 32 → 16 → 8 → 4 → 2 → 1, then a 3×3 kernel on 1 + 1 padded pixels has no output.
  @Test func aLayerWithoutOutputPixelsIsAnError() throws {
    let stages = (0..<6).map { _ in #"{ "op": "separable", "c": 16, "n": 1, "s": 2 }"# }.joined(
      separator: ", ")
    let json =
      #"{ "schema": "mnv2-architecture/1", "name": "Shrinking", "input_channels": 3, "stages": ["#
      + #"{ "op": "conv2d", "kernel": 3, "c": 16, "n": 1, "s": 1 }, "# + stages
      + #", { "op": "avgpool" }, { "op": "classifier" }] }"#
    let spec = try ArchitectureDecoder.decode(json, source: "shrinking.json")
    let network = try Network(spec: spec, config: NetworkConfig(resolution: 32, channelRounding: .keras))
    let error = Self.prepare(network, ProfileRequest(threads: 1))
    guard case .network(.emptyOutput(let layer, _, _, _)) = error else {
      Issue.record("expected an empty-output error, got \(String(describing: error))")
      return
    }
    #expect(layer == "s6.dw")
    #expect(error!.description.contains("no output pixels"))
  }

  /// The calibration measures something positive and finite, with the real clock.
  @Test func calibrationGivesFiniteRates() {
    let calibration = MachineCalibration.measure(threads: 1) { DispatchTime.now().uptimeNanoseconds }
    #expect(calibration.multiplyAddsPerSecond.isFinite && calibration.multiplyAddsPerSecond > 1e6)
    #expect(calibration.bytesPerSecond.isFinite && calibration.bytesPerSecond > 1e6)
  }
}
