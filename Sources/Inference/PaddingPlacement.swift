import Kernels
import MobileNetKit

/// Where the zeros go around a k×k conv. Every framework mnv2 counts gives the same output
/// sizes (⌈h/s⌉), but not the same values: PyTorch pads k // 2 on every side; TensorFlow's
/// "same" (TF-slim, and Keras's `correct_pad` in MobileNetV2) puts the odd row after. Keras's
/// MobileNet (V1) pads a strided depthwise conv after only (`NetworkConfig.padding`).
public enum PaddingPlacement: String, CaseIterable, Sendable {
  case pytorch
  case tensorflow

  public init(_ framework: Framework) { self = framework == .torchvision ? .pytorch : .tensorflow }

  /// The padding of `layer` in a network built with `config`.
  public func padding(for layer: Layer, config: NetworkConfig) -> Padding {
    let k = layer.kernel
    if k == 1 || layer.kind == .pool || layer.kind == .classifier { return .none }
    if layer.kind == .depthwise && layer.stride > 1 && config.padding == .kerasSeparable { return .afterOnly }
    switch self {
    case .pytorch: return .symmetric(kernel: k)
    case .tensorflow:
      return .same(height: layer.input.height, width: layer.input.width, kernel: k, stride: layer.stride)
    }
  }
}
