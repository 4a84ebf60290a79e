/// The live visuals a lesson step can show, by the name used in lesson files.
public enum LessonVisual: String, CaseIterable, Sendable {
  case separableCost = "separable-cost"
  case manifold
  case linearBottleneck = "linear-bottleneck"
  case invertedResidual = "inverted-residual"
  case architecture
  case blockCost = "block-cost"
  case memory
  case variants
  case ablation
  case latency
}
