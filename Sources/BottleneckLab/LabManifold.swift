import ManifoldKit

/// The k-dimensional input of the lab, in ℝᵏ.
///
/// k = 1 is a segment, [−R, R] evenly sampled. k = 2 is an Archimedean spiral of four turns
/// (Figure 1's has two, drawn for a small panel; the lab's figures are not drawn at that size,
/// and four turns fold the curve more tightly, a harder manifold to keep). For k > 2 it is a
/// "spiral slab": the spiral in the first two coordinates and k − 2 more drawn uniformly from
/// [−R/2, R/2] (R = the spiral's radius), so the cloud spans all k dimensions while keeping the
/// spiral's folds. Each trial draws those extra coordinates afresh (trial 0 from the seed's
/// own stream), so the spread over trials is the spread over both the weights and the draw:
/// over one draw, three neighbour-preservation gaps of z = +2.8 to +4.5 shrank to +1.9, −0.05
/// and −0.7 once the draw varied too.
public enum LabManifold {
  /// One input set a trial, the same object where nothing is redrawn (k ≤ 2): what both the
  /// single lab and the sweep pass to their trials.
  static func inputsPerTrial(count: Int, dimension k: Int, seed: UInt64, trials: Int) -> [LabPass.Inputs] {
    let first = LabPass.Inputs(points(count: count, dimension: k, seed: seed))
    guard k > 2 else { return Array(repeating: first, count: trials) }
    return [first]
      + (1..<max(1, trials)).map { LabPass.Inputs(points(count: count, dimension: k, seed: seed, trial: $0)) }
  }

  public static let turns = 4.0

  public static func points(count: Int, dimension k: Int, seed: UInt64, trial: Int = 0) -> [[Double]] {
    let spiral = Spiral(points: count, turns: turns)
    let stream = trial == 0 ? 0x51AB : 0x51AB_0000 &+ UInt64(trial)
    var generator = SplitMix64(seed: SplitMix64.derivedSeed(seed, stream: stream))
    return (0..<count).map { index in
      if k == 1 { return [(2 * spiral.parameter(index) - 1) * spiral.radius] }
      let p = spiral.point(index)
      var coordinates = [p.x, p.y]
      for _ in 2..<max(2, k) { coordinates.append((generator.nextUnitInterval() - 0.5) * spiral.radius) }
      return coordinates
    }
  }
}
