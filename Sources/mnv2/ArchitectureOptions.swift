import ArgumentParser
import Foundation
import MobileNetKit

/// Width and resolution, declared once for every subcommand that builds a network.
struct NetworkSizeOptions: ParsableArguments {
  /// Shared with `lab`, which takes a width but no resolution.
  static let widthHelp: ArgumentHelp =
    "Width multiplier α: scales every layer's channels (rounded as the framework rounds). Paper range 0.35–1.4."

  // `.unconditional`: "--width -1" is a width out of range, not a missing value.
  @Option(parsing: .unconditional, help: widthHelp)
  var width: Double = 1.0

  @Option(
    parsing: .unconditional,
    help: "Input resolution in pixels (square), 32–2048. Each stride-2 layer halves it, rounding up.")
  var resolution: Int = 224

  func validate() throws {
    do {
      try NetworkConfig(width: width, resolution: resolution).validate()
    } catch {
      throw ValidationError(error)
    }
  }
}

/// Which network: the bundled MobileNetV2 or V1, or a file; declared once for every
/// subcommand that shows a network. Kept apart from `NetworkSizeOptions` rather than
/// nesting it: ArgumentParser's debug-build checks grow steeply with nesting depth.
struct ArchitectureOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "The architecture: mobilenet-v2 (default) or mobilenet-v1, bundled, or a JSON file (schema in docs/reference.md).",
      valueName: "file"))
  var arch: String?

  /// The names `--arch` accepts for the bundled architectures.
  static let bundled: [String: ArchitectureSpec] = [
    "mobilenet-v2": .mobileNetV2, "mobilenet-v1": .mobileNetV1,
  ]

  /// The bundled spec, or the user's file; file problems are data errors (exit 65).
  func spec() throws -> ArchitectureSpec {
    guard let arch else { return .mobileNetV2 }
    if let bundled = Self.bundled[arch] { return bundled }
    let text: String
    switch InputFile.text(at: arch, limit: 1_000_000, limitName: "1 MB; not an architecture file") {
    case .success(let read): text = read
    case .failure(let failure): throw DataError(message: "\(arch): cannot read the file: \(failure.reason)")
    }
    do {
      return try ArchitectureDecoder.decode(text, source: arch)
    } catch {
      throw DataError(message: error.description)
    }
  }

  /// The file as the user named it, or the bundled name, for messages.
  var sourceName: String { arch ?? "mobilenet-v2" }

  /// The network at `config`; one too large to count exactly is a data error naming the layer.
  func network(config: NetworkConfig) throws -> Network {
    let spec = try spec()
    do {
      return try Network(spec: spec, config: config)
    } catch {
      throw DataError(message: error.message(architecture: sourceName, config: config))
    }
  }

}
