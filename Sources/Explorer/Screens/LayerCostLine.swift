import MobileNetKit
import Reports

/// A layer's multiply-adds worked out from its shapes, shown under the Block view's table
/// while a click has the layer picked: "depthwise 3×3 s2: 56·56·96 outputs × 3² (one
/// channel) = 2,709,504 MAdds". Tokens, so a narrow screen drops the explanation before
/// the sum.
enum LayerCostLine {
  static func tokens(_ layer: Layer) -> [(text: String, priority: Int)] {
    let output = layer.output
    let outputs =
      output.height == 1 && output.width == 1
      ? "\(output.channels)" : "\(output.height)·\(output.width)·\(output.channels)"
    let channels = layer.input.channels / max(1, layer.groups)
    let name =
      "\(layer.kind.rawValue) \(layer.kernel)×\(layer.kernel)" + (layer.stride > 1 ? " s\(layer.stride)" : "")
    let each: String
    switch layer.kind {
    case .pool:
      return [
        ("pool: averages \(layer.input.height)·\(layer.input.width) values a channel;", 9),
        ("0 MAdds (averaging is not counted)", 8),
      ]
    case .classifier:
      return [
        ("classifier: \(outputs) outputs × \(layer.input.channels) inputs", 9),
        ("= \(NumberFormatting.grouped(layer.multiplyAdds)) MAdds", 10),
      ]
    case .depthwise: each = "\(layer.kernel)² (one channel)"
    default:
      each =
        layer.kernel == 1 ? "\(channels) input channels" : "\(layer.kernel)²·\(channels) input channels"
    }
    return [
      ("\(name):", 8), ("\(outputs) outputs × \(each)", 9),
      ("= \(NumberFormatting.grouped(layer.multiplyAdds)) MAdds", 10),
    ]
  }
}
