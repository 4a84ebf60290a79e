import ArgumentParser
import Foundation
import MobileNetKit

extension ParamConvention: ExpressibleByArgument {}
extension LastLayerRule: ExpressibleByArgument {}
extension Activation: ExpressibleByArgument {}

/// The flags that choose a network; shared by every subcommand that builds one.
struct ModelOptions: ParsableArguments {
  @Option(
    help:
      "Width multiplier α: scales every layer's channels (rounded to a multiple of 8). Paper range 0.35–1.4.")
  var width: Double = 1.0

  @Option(help: "Input resolution in pixels (square), 32–2048. Each stride-2 layer halves it, rounding up.")
  var resolution: Int = 224

  @Option(
    help: ArgumentHelp(
      "Number of classes in the classifier (default 1000; 1001 with --convention tf-slim).",
      valueName: "n"))
  var classes: Int?

  @Option(
    help: ArgumentHelp(
      "What 'params' counts: torchvision (weights + BN γ/β), keras (+ BN moving mean/var), tf-slim (no BN).",
      valueName: "torchvision|keras|tf-slim"))
  var convention: ParamConvention = .torchvision

  @Option(
    help: ArgumentHelp(
      "Activation after each block's projection: linear (the paper) or relu6 (its ablation). Costs are unchanged.",
      valueName: "linear|relu6"))
  var bottleneck: Activation = .linear

  @Option(
    name: .customLong("last-layer"),
    help: ArgumentHelp(
      "Width of the last 1×1 conv: paper keeps 1280 below width 1 and grows above; scaled multiplies it (TF-slim non-finegrain).",
      valueName: "paper|scaled"))
  var lastLayer: LastLayerRule = .paper

  @Option(
    help: ArgumentHelp(
      "Load the architecture from a JSON file instead of the bundled MobileNetV2 (schema in README).",
      valueName: "file"))
  var arch: String?

  func validate() throws {
    do {
      try config.validate()
    } catch {
      throw ValidationError(error.description)
    }
  }

  var config: NetworkConfig {
    NetworkConfig(
      width: width, resolution: resolution, classes: classes ?? convention.defaultClasses,
      bottleneckActivation: bottleneck, lastLayerRule: lastLayer)
  }

  /// The bundled spec, or the user's file; file problems are data errors (exit 65).
  func spec() throws -> ArchitectureSpec {
    guard let arch else { return .mobileNetV2 }
    let text: String
    do {
      let data = try Data(contentsOf: URL(fileURLWithPath: arch))
      guard data.count <= 1_000_000 else {
        throw DataError(message: "\(arch): larger than 1 MB; not an architecture file")
      }
      guard let decoded = String(data: data, encoding: .utf8) else {
        throw DataError(message: "\(arch): not UTF-8 text")
      }
      text = decoded
    } catch let error as DataError {
      throw error
    } catch {
      throw DataError(message: "\(arch): cannot read the file (\(Self.reason(error)))")
    }
    do {
      return try ArchitectureDecoder.decode(text, source: arch)
    } catch {
      throw DataError(message: error.description)
    }
  }

  func network() throws -> Network {
    Network(spec: try spec(), config: config)
  }

  private static func reason(_ error: Error) -> String {
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain
    {
      return String(cString: strerror(Int32(underlying.code)))
    }
    if nsError.domain == NSCocoaErrorDomain && nsError.code == NSFileReadNoSuchFileError {
      return "no such file"
    }
    return nsError.localizedDescription
  }
}
