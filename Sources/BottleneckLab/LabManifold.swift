import ManifoldKit

/// The k-dimensional input of the lab, in ℝᵏ.
///
/// k = 1 is a segment, [−R, R] evenly sampled. k = 2 is Figure 1's spiral. For k > 2 it is a "spiral slab": the spiral in the first two
/// coordinates and k − 2 more drawn uniformly from [−R/2, R/2] (R = the spiral's radius), so
/// the cloud spans all k dimensions while keeping the spiral's folds. The points depend only
/// on the seed, not on the trial, so trials differ only in the random weights.
public enum LabManifold {
  public static func points(count: Int, dimension k: Int, seed: UInt64) -> [[Double]] {
    // Four turns, as the lab has always used: its figures do not depend on Figure 1's drawing.
    let spiral = Spiral(points: count, turns: 4)
    var generator = SplitMix64(seed: SplitMix64.derivedSeed(seed, stream: 0x51AB))
    return (0..<count).map { index in
      if k == 1 { return [(2 * spiral.parameter(index) - 1) * spiral.radius] }
      let p = spiral.point(index)
      var coordinates = [p.x, p.y]
      for _ in 2..<max(2, k) { coordinates.append((generator.nextUnitInterval() - 0.5) * spiral.radius) }
      return coordinates
    }
  }
}
