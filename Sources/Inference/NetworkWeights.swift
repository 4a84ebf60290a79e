import Kernels
import MobileNetKit

/// Every layer's parameters, indexed like `Network.layers` (nil for the pooling layer,
/// which has none).
public struct NetworkWeights: Equatable, Sendable {
  public var layers: [LayerWeights?]

  public init(layers: [LayerWeights?]) { self.layers = layers }

  /// How many floats each layer of `network` holds in PyTorch's layout: weights, then the
  /// classifier bias or BatchNorm's four vectors.
  public static func floats(for layer: Layer) -> Int {
    switch layer.kind {
    case .pool: return 0
    case .classifier: return layer.input.channels * layer.output.channels + layer.output.channels
    default:
      return layer.kernel * layer.kernel * (layer.input.channels / layer.groups) * layer.output.channels
        + 4 * layer.output.channels
    }
  }
}
