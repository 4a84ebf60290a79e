/// Cost of every width × resolution pair the paper trains (§4, Figure 5).
public struct VariantsGrid: Sendable {
  public struct Cell: Equatable, Sendable {
    public var width: Double
    public var resolution: Int
    public var multiplyAdds: Int
    public var params: Int
  }

  public var cells: [Cell]
  public var widths: [Double]
  public var resolutions: [Int]

  public init(
    spec: ArchitectureSpec = .mobileNetV2, base: NetworkConfig = NetworkConfig(), convention: ParamConvention,
    widths: [Double] = NetworkConfig.standardWidths, resolutions: [Int] = NetworkConfig.standardResolutions
  ) throws(NetworkSizeError) {
    self.widths = widths
    self.resolutions = resolutions
    var cells: [Cell] = []
    for width in widths {
      for resolution in resolutions {
        var config = base
        config.width = width
        config.resolution = resolution
        let network = try Network(spec: spec, config: config)
        cells.append(
          Cell(
            width: width, resolution: resolution, multiplyAdds: network.multiplyAdds,
            params: network.params(convention)))
      }
    }
    self.cells = cells
  }

  /// The paper's grid for the bundled MobileNetV2, which always fits (see `Network.mobileNetV2`).
  public static func mobileNetV2(base: NetworkConfig, convention: ParamConvention) -> VariantsGrid {
    do {
      return try VariantsGrid(base: base, convention: convention)
    } catch {
      preconditionFailure(
        "MobileNetV2's standard grid exceeds the count limit; CountLimitTests rules this out")
    }
  }

  public func cell(width: Double, resolution: Int) -> Cell? {
    cells.first { $0.width == width && $0.resolution == resolution }
  }
}
