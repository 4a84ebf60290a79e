import Testing

@testable import MobileNetKit

/// Every count the builder makes is checked against 2^53: a network either builds with
/// exact counts or is refused with the layer named, never traps. The reference here walks
/// the architecture again in 128-bit integers, so it cannot overflow where the builder might.
@Suite struct CountLimitTests {
  static let limit = Int128(1) << 53

  @Test func theLimitIsTwoToTheFiftyThree() {
    #expect(CountLimit.maximum == 9_007_199_254_740_992)
    #expect(Double(CountLimit.maximum) + 1 == Double(CountLimit.maximum))  // the first integer a Double loses
  }

  /// The bundled networks fit at every corner of the documented ranges, for every framework.
  @Test(arguments: Framework.allCases)
  func bundledNetworksFitAtEveryCorner(framework: Framework) throws {
    for spec in [ArchitectureSpec.mobileNetV2, .mobileNetV1] {
      for width in [NetworkConfig.widthRange.lowerBound, NetworkConfig.widthRange.upperBound] {
        for resolution in [
          NetworkConfig.resolutionRange.lowerBound, NetworkConfig.resolutionRange.upperBound,
        ] {
          for classes in [1, NetworkConfig.classesRange.upperBound] {
            let config = NetworkConfig(
              width: width, resolution: resolution, classes: classes, lastLayerRule: framework.lastLayerRule,
              channelRounding: framework.channelRounding)
            let network = try Network(spec: spec, config: config)
            #expect(network.multiplyAdds > 0)
          }
        }
      }
    }
  }

  /// The three architectures the reliability pass found trapping `layers` (exit 132).
  @Test func theReportedTrapsAreErrorsNamingTheLayer() {
    // A 15×15 conv with c = 65536 at width 8: 524,288 channels out of 65,536 in, at
    // 2048×2048: 2048² · 524288 · 65536 · 225 ≈ 3.2e25 MAdds, and its weights
    // 225 · 65536 · 524288 ≈ 7.7e12 fit, so MAdds is the first count over.
    let wideConv = ArchitectureSpec(
      name: "wide", reference: "", inputChannels: 65_536,
      stages: [.init(op: .conv2d, kernel: 15, channels: 65_536)])
    #expect(Int128(2048 * 2048) * 524_288 * 65_536 * 225 > Self.limit)
    #expect(throws: NetworkSizeError(layer: "stem.conv", quantity: "MAdds")) {
      try Network(spec: wideConv, config: NetworkConfig(width: 8, resolution: 2048))
    }
    // A bottleneck stage at t = 64: the expansion of 524,288 channels to 33,554,432.
    let deepBottleneck = ArchitectureSpec(
      name: "deep", reference: "", inputChannels: 3,
      stages: [
        .init(op: .conv2d, kernel: 3, channels: 65_536, stride: 2),
        .init(op: .bottleneck, kernel: 15, expansion: 64, channels: 65_536, repeats: 64),
      ])
    #expect(throws: NetworkSizeError.self) {
      try Network(spec: deepBottleneck, config: NetworkConfig(width: 8, resolution: 2048))
    }
    // input_channels 65536 into a full-width stem at the largest resolution.
    let manyInputs = ArchitectureSpec(
      name: "inputs", reference: "", inputChannels: 65_536,
      stages: [.init(op: .conv2d, kernel: 15, channels: 65_536), .init(op: .classifier)])
    #expect(throws: NetworkSizeError.self) {
      try Network(spec: manyInputs, config: NetworkConfig(width: 8, resolution: 2048))
    }
  }

  /// Random architectures over the whole documented range, skewed so the small and the
  /// huge are both common: the builder refuses exactly those the reference says exceed
  /// 2^53, and the rest carry the reference's exact counts.
  @Test func buildsExactlyWhatFitsAndRefusesTheRest() {
    var random = TestRandom(seed: 0x5EED_C0DE)
    var built = 0
    var refused = 0
    for _ in 0..<3000 {
      let spec = Self.randomSpec(&random)
      let config = NetworkConfig(
        width: random.skewed(NetworkConfig.widthRange), resolution: random.skewed(32...2048),
        classes: random.skewed(NetworkConfig.classesRange))
      let reference = ReferenceWalk(spec: spec, config: config)
      do {
        let network = try Network(spec: spec, config: config)
        built += 1
        #expect(reference.largest <= Self.limit, "built \(spec) but the reference needs \(reference.largest)")
        #expect(network.layers.map { Int128($0.multiplyAdds) } == reference.multiplyAdds)
        #expect(network.layers.map { Int128($0.params.weights) } == reference.weights)
        #expect(Int128(network.multiplyAdds) == reference.multiplyAdds.reduce(0, +))
      } catch {
        refused += 1
        #expect(reference.largest > Self.limit, "refused \(spec) (\(error)) though every count fits")
      }
    }
    // Both outcomes are common, so neither half of the property is vacuous.
    #expect(built > 500)
    #expect(refused > 500)
  }

  static func randomSpec(_ random: inout TestRandom) -> ArchitectureSpec {
    var stages: [ArchitectureSpec.Stage] = []
    for _ in 0..<random.uniform(1...5) {
      let op = [StageOperator.conv2d, .bottleneck, .separable][random.uniform(0...2)]
      stages.append(
        .init(
          op: op, kernel: random.uniform(1...15), expansion: op == .bottleneck ? random.skewed(1...64) : 1,
          channels: random.skewed(1...65_536), repeats: random.skewed(1...64),
          stride: random.skewed(1...8)))
    }
    if random.uniform(0...1) == 1 { stages.append(.init(op: .avgpool)) }
    stages.append(.init(op: .classifier))
    return ArchitectureSpec(
      name: "random", reference: "", inputChannels: random.skewed(1...65_536), stages: stages)
  }
}

/// The builder's counts redone in 128 bits: torchvision's channel rounding, "same" padding,
/// conv weights k²·(c_in/groups)·c_out and MAdds h·w·c_out·(c_in/groups)·k², the classifier
/// as a dense layer on the flattened input, and the paper's block estimate.
struct ReferenceWalk {
  var multiplyAdds: [Int128] = []
  var weights: [Int128] = []
  /// The largest count any layer or total reaches.
  var largest: Int128 = 0

  init(spec: ArchitectureSpec, config: NetworkConfig) {
    var size = Int128(config.resolution)
    var channels = Int128(spec.inputChannels)
    var estimates: Int128 = 0
    // Every parameter: weights, BN's γ, β and running mean and variance, the classifier's biases.
    var params: Int128 = 0
    func note(_ values: Int128...) { for value in values { largest = max(largest, value) } }
    func conv(out: Int128, kernel: Int, stride: Int, depthwise: Bool) {
      let k2 = Int128(kernel * kernel)
      let perGroup: Int128 = depthwise ? 1 : channels
      size = (size + Int128(stride) - 1) / Int128(stride)
      weights.append(k2 * perGroup * out)
      multiplyAdds.append(size * size * out * perGroup * k2)
      params += weights.last! + 4 * out
      note(weights.last!, multiplyAdds.last!, size * size * out)
      channels = out
    }
    for stage in spec.stages {
      for repeatIndex in 0..<stage.repeats {
        let stride = repeatIndex == 0 ? stage.stride : 1
        let out = Int128(makeDivisible(Double(stage.channels) * config.width))
        switch stage.op {
        case .conv2d: conv(out: out, kernel: stage.kernel, stride: stride, depthwise: false)
        case .bottleneck:
          let (h, d1) = (size, channels)
          let hidden = channels * Int128(stage.expansion)
          note(hidden)
          if stage.expansion != 1 { conv(out: hidden, kernel: 1, stride: 1, depthwise: false) }
          conv(out: hidden, kernel: stage.kernel, stride: stride, depthwise: true)
          conv(out: out, kernel: 1, stride: 1, depthwise: false)
          let estimate =
            h * h * d1 * Int128(stage.expansion) * (d1 + Int128(stage.kernel * stage.kernel) + out)
          estimates += estimate
          note(estimate)
        case .separable:
          conv(out: channels, kernel: stage.kernel, stride: stride, depthwise: true)
          conv(out: out, kernel: 1, stride: 1, depthwise: false)
        case .avgpool:
          size = 1
          weights.append(0)
          multiplyAdds.append(0)
        case .classifier:
          let features = size * size * channels
          weights.append(features * Int128(config.classes))
          multiplyAdds.append(features * Int128(config.classes))
          params += weights.last! + Int128(config.classes)
          note(features, weights.last!)
        }
      }
    }
    note(multiplyAdds.reduce(0, +), estimates, params)
  }
}

/// SplitMix64, written out again so the test's draws do not depend on the code under test.
struct TestRandom {
  var state: UInt64
  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

  mutating func uniform(_ range: ClosedRange<Int>) -> Int {
    range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
  }

  mutating func skewed(_ range: ClosedRange<Int>) -> Int {
    let value = skewed(Double(range.lowerBound)...Double(range.upperBound))
    return min(range.upperBound, max(range.lowerBound, Int(value.rounded())))
  }

  mutating func skewed(_ range: ClosedRange<Double>) -> Double {
    let low = range.lowerBound.squareRoot(), high = range.upperBound.squareRoot()
    // Square of a uniform: skewed toward small values without a log, whose last bits
    // may differ between C libraries.
    let root = low + (high - low) * unit()
    return min(range.upperBound, max(range.lowerBound, root * root))
  }
}
