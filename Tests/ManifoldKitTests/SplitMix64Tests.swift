import Foundation
import Testing

@testable import ManifoldKit

@Suite struct SplitMix64Tests {
  @Test func matchesTheReferenceSequence() {
    // The first outputs of Vigna's splitmix64.c for seed 0, widely used as test vectors.
    var generator = SplitMix64(seed: 0)
    #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
    #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
    #expect(generator.next() == 0x06C4_5D18_8009_454F)
  }

  @Test func unitIntervalIsOpen() {
    var generator = SplitMix64(seed: 7)
    for _ in 0..<10_000 {
      let u = generator.nextUnitInterval()
      #expect(u > 0 && u < 1)
    }
  }

  @Test func normalDeviatesHaveUnitMoments() {
    var generator = SplitMix64(seed: 42)
    let count = 200_000
    var sum = 0.0, sumSquares = 0.0, sumFourth = 0.0
    for _ in 0..<count {
      let z = generator.nextNormal()
      sum += z
      sumSquares += z * z
      sumFourth += z * z * z * z
    }
    let mean = sum / Double(count), variance = sumSquares / Double(count)
    // Standard errors: 1/√n ≈ 0.0022 for the mean, √(2/n) ≈ 0.0032 for the variance.
    #expect(abs(mean) < 0.012)
    #expect(abs(variance - 1) < 0.016)
    #expect(abs(sumFourth / Double(count) - 3) < 0.08)  // kurtosis of a normal
  }

  @Test func derivedSeedsDiffer() {
    let seeds = (0..<1000).map { SplitMix64.derivedSeed(1, stream: UInt64($0)) }
    #expect(Set(seeds).count == 1000)
  }
}
