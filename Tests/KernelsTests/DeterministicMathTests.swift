import Foundation
import Testing

@testable import Kernels

/// Our functions against the platform's libm: they need not be bit-identical to it (that
/// is the point), only accurate.
@Suite struct DeterministicMathTests {
  @Test func logIsAccurate() {
    var generator = SplitMix64(seed: 3)
    for _ in 0..<20_000 {
      let x = generator.nextUnitInterval()
      #expect(abs(DeterministicMath.log(x) - Foundation.log(x)) <= 4e-16 * max(1, abs(Foundation.log(x))))
    }
    for x in [1.0, 2.0, 0.5, 1e-300, 1e300, 0x1.0p-53, 1.4142135623730951, 1.4142135623730950] {
      #expect(abs(DeterministicMath.log(x) - Foundation.log(x)) <= 4e-16 * max(1, abs(Foundation.log(x))))
    }
  }

  @Test func sinAndCosAreAccurate() {
    var generator = SplitMix64(seed: 4)
    for _ in 0..<20_000 {
      let x = (generator.nextUnitInterval() - 0.5) * 2000  // a few hundred turns either way
      #expect(abs(DeterministicMath.sin(x) - Foundation.sin(x)) < 1e-14)
      #expect(abs(DeterministicMath.cos(x) - Foundation.cos(x)) < 1e-14)
    }
    #expect(DeterministicMath.sin(0) == 0)
    #expect(DeterministicMath.cos(0) == 1)
  }

  /// exp for the ablation's softmax: within 4 ulps of libm over the whole finite range.
  @Test func expIsAccurate() {
    var generator = SplitMix64(seed: 5)
    for _ in 0..<20_000 {
      let x = (generator.nextUnitInterval() - 0.5) * 1400
      let expected = Foundation.exp(x)
      #expect(abs(DeterministicMath.exp(x) - expected) <= 4 * expected.ulp, "exp(\(x))")
    }
    #expect(DeterministicMath.exp(0) == 1)
    #expect(DeterministicMath.exp(800) == .infinity)
    #expect(DeterministicMath.exp(-800) == 0)
  }
}
