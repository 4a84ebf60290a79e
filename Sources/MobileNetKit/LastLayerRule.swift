/// How the width multiplier treats the final 1×1 convolution.
public enum LastLayerRule: String, CaseIterable, Sendable {
  /// The paper (§4) and torchvision/Keras: keep 1280 channels below width 1, grow above it
  /// (`make_divisible(1280 × max(1, width))`).
  case paper
  /// TF-slim without `finegrain_classification_mode`: multiply like every other layer,
  /// so width 0.5 gives 640 channels. (TF-slim's published checkpoints below width 1 all
  /// keep 1280; their parameter counts match `paper`, not this rule.)
  case scaled
}
