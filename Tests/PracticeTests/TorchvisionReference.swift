import Foundation

/// The committed torchvision fixture (scripts/make_torchvision_fixture.py), read here
/// without MobileNetKit so that the expected answers come from what torchvision built.
struct TorchvisionReference: Decodable {
  struct Variant: Decodable {
    var width: Double
    var resolution: Int
    var layers: [Module]

    /// The module a layer name of mnv2 stands for, by torchvision's own naming:
    /// `features.N.conv.0.0` is block N's expansion (or, at t = 1, its depthwise conv).
    func module(forLayer name: String) -> Module? {
      let moduleName: String
      switch name {
      case "stem.conv": moduleName = "features.0.0"
      case "conv_last.conv": moduleName = "features.18.0"
      case "classifier": moduleName = "classifier.1"
      default:
        let parts = name.split(separator: ".")
        guard parts.count == 2, parts[0].hasPrefix("b"), let block = Int(parts[0].dropFirst()) else {
          return nil
        }
        let expands = layers.contains { $0.module == "features.\(block).conv.2" }
        switch parts[1] {
        case "expand": moduleName = "features.\(block).conv.0.0"
        case "dw": moduleName = "features.\(block).conv.\(expands ? 1 : 0).0"
        case "project": moduleName = "features.\(block).conv.\(expands ? 2 : 1)"
        default: return nil
        }
      }
      return layers.first { $0.module == moduleName }
    }

    /// Block N's modules, in order.
    func block(_ index: Int) -> [Module] {
      layers.filter { $0.module.hasPrefix("features.\(index).") }
    }
  }

  struct Module: Decodable {
    var module: String
    var type: String
    var input: [Int]
    var output: [Int]
    var kernel: Int?
    var stride: Int?
    var groups: Int?
    var macs: Int
    var weights: Int
    var biases: Int
    var bn_affine: Int?
    var bn_running: Int?
  }

  var variants: [Variant]

  static let shared: TorchvisionReference = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../MobileNetKitTests/Fixtures/torchvision_mobilenet_v2.json")
    return try! JSONDecoder().decode(TorchvisionReference.self, from: Data(contentsOf: url))
  }()
}
