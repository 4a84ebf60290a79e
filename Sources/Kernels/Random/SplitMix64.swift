/// SplitMix64 (Steele, Lea and Flood 2014; the generator Java's `SplittableRandom` and
/// xoshiro's seeding use): a 64-bit state advanced by the golden-ratio increment and
/// scrambled by two xor-shift-multiply rounds.
///
/// It is ours rather than the system generator so the same seed draws the same matrix T,
/// and therefore the same picture, on every machine and every Swift version.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  public private(set) var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform double in the open interval (0, 1): the top 53 bits, offset by half a step
  /// so that log(u) in Box–Muller is always finite.
  public mutating func nextUnitInterval() -> Double {
    (Double(next() >> 11) + 0.5) * 0x1.0p-53
  }

  /// A standard normal deviate by the Box–Muller transform, using only our own
  /// deterministic `log`, `sin` and `cos`, so the value is bit-identical everywhere.
  public mutating func nextNormal() -> Double {
    if let spare = spareNormal {
      spareNormal = nil
      return spare
    }
    let u1 = nextUnitInterval(), u2 = nextUnitInterval()
    let radius = (-2 * DeterministicMath.log(u1)).squareRoot()
    let angle = 2 * Double.pi * u2
    spareNormal = radius * DeterministicMath.sin(angle)
    return radius * DeterministicMath.cos(angle)
  }

  private var spareNormal: Double?

  /// A seed for an independent stream, e.g. trial k of an experiment seeded with `seed`.
  public static func derivedSeed(_ seed: UInt64, stream: UInt64) -> UInt64 {
    var mixer = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
    return mixer.next()
  }
}
