import ArgumentParser
import Foundation
import MobileNetKit

extension ParamConvention: ExpressibleByArgument {}
extension Framework: ExpressibleByArgument {}
extension LastLayerRule: ExpressibleByArgument {}
extension Activation: ExpressibleByArgument {}

/// The flags that choose a network; shared by every subcommand that builds one.
struct ModelOptions: ParsableArguments {
  @OptionGroup var size: NetworkSizeOptions
  @OptionGroup var architecture: ArchitectureOptions

  @Option(
    help: ArgumentHelp(
      "Whose network to build: its channel rounding, and by default its params convention and classes.",
      valueName: "torchvision|keras|tf-slim"))
  var framework: Framework = .torchvision

  @Option(
    help: ArgumentHelp(
      "Number of classes in the classifier (default 1000; 1001 for tf-slim).",
      valueName: "n"))
  var classes: Int?

  @Option(
    name: .customLong("convention"),
    help: ArgumentHelp(
      "What 'params' counts (default: the framework's): torchvision (weights + BN γ/β), keras (+ BN moving mean/var), tf-slim (no BN).",
      valueName: "torchvision|keras|tf-slim"))
  var conventionChoice: ParamConvention?

  var convention: ParamConvention { conventionChoice ?? framework.convention }

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

  func validate() throws {
    do {
      try config.validate()
    } catch {
      throw ValidationError(error)
    }
  }

  var config: NetworkConfig {
    NetworkConfig(
      width: size.width, resolution: size.resolution, classes: classes ?? convention.defaultClasses,
      bottleneckActivation: bottleneck, lastLayerRule: lastLayer, channelRounding: framework.channelRounding)
  }

  func spec() throws -> ArchitectureSpec { try architecture.spec() }

  func network() throws -> Network { try architecture.network(config: config) }

}
