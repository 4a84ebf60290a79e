import MobileNetKit
import Reports

/// The architecture JSON parser, then whatever it accepts built and printed as `layers` does.
enum ArchitectureFuzz {
  static let source = "fuzz.json"

  static func run(_ bytes: [UInt8]) {
    // The CLI refuses non-UTF-8 files before parsing; so does this.
    guard let text = String(validating: bytes, as: UTF8.self) else { return }
    let spec: ArchitectureSpec
    do {
      spec = try ArchitectureDecoder.decode(text, source: source)
    } catch {
      FuzzInvariant.checkError(error.description, source: source)
      return
    }
    for config in [NetworkConfig(resolution: 32), NetworkConfig(width: 8, resolution: 2048)] {
      let network: Network
      do {
        network = try Network(spec: spec, config: config)
      } catch {
        continue  // too large to count exactly: the CLI words this one itself
      }
      let report = LayerReport(
        network: network, convention: .torchvision, depth: .blocks, style: TextStyle(unicode: true))
      FuzzInvariant.checkTerminalText(report.render(.table), "the layers table")
      FuzzInvariant.checkTerminalText(report.render(.json), "the layers JSON")
      FuzzInvariant.checkTerminalText(report.render(.csv), "the layers CSV")
    }
  }
}
