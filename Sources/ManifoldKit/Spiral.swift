/// The input manifold of the paper's Figure 1: an Archimedean spiral r = R·θ/θmax centred
/// on the origin, so its loops are evenly spaced as in the figure.
///
/// Points are spaced evenly along the curve (θ ∝ √u, since arc length grows with θ²), so
/// every loop is drawn with the same density and no point sits exactly on the origin.
public struct Spiral: Equatable, Sendable {
  public var points: Int
  public var turns: Double
  /// The outer radius R. It sets the input scale for ReLU6, which clips at 6.
  public var radius: Double

  public static let defaultPoints = 2000
  /// Two turns keep the loops about five Braille dots apart in the smallest panel a
  /// classroom screen gives (10×5 cells), so n = 15 and 30 read as spirals, not blocks.
  /// The paper's drawing has about 9–10, at a resolution no terminal has.
  public static let defaultTurns = 2.0
  /// With R = 4 and T ~ N(0, 1), |(Tx)ᵢ| reaches about 6 to 12 on the outer loops, so
  /// ReLU6 clips there and its effect is visible; ReLU and linear do not depend on R.
  public static let defaultRadius = 4.0

  public init(points: Int = defaultPoints, turns: Double = defaultTurns, radius: Double = defaultRadius) {
    self.points = points
    self.turns = turns
    self.radius = radius
  }

  /// The point at position `index` of `points`, with its parameter u ∈ (0, 1) along the curve.
  public func parameter(_ index: Int) -> Double { (Double(index) + 0.5) / Double(points) }

  public func point(_ index: Int) -> Point2 {
    let u = parameter(index)
    let fraction = u.squareRoot()
    let theta = 2 * Double.pi * turns * fraction
    let r = radius * fraction
    return Point2(r * DeterministicMath.cos(theta), r * DeterministicMath.sin(theta))
  }

  public func generate() -> [Point2] { (0..<points).map(point) }
}
