import ManifoldKit

/// Deterministic maths for the views, shared with the manifold engine.
enum ManifoldKitBridge {
  static func log(_ value: Double) -> Double { DeterministicMath.log(value) }
}
