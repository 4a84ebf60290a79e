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
  ) {
    self.widths = widths
    self.resolutions = resolutions
    var cells: [Cell] = []
    for width in widths {
      for resolution in resolutions {
        var config = base
        config.width = width
        config.resolution = resolution
        let network = Network(spec: spec, config: config)
        cells.append(
          Cell(
            width: width, resolution: resolution, multiplyAdds: network.multiplyAdds,
            params: network.params(convention)))
      }
    }
    self.cells = cells
  }

  public func cell(width: Double, resolution: Int) -> Cell? {
    cells.first { $0.width == width && $0.resolution == resolution }
  }
}
