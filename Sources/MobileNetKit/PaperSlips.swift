/// Figures the papers print that the architecture does not give, each with the exact value
/// computed from the architecture itself, so a screen can flag the slip beside the number.
public enum PaperSlips {
  /// Table 4's MobileNetV1 row prints 575M MAdds; the V1 paper (Howard et al. 2017, Table 1
  /// and §4) gives 569M, as the architecture does.
  public static let table4MobileNetV1MAdds = 575_000_000

  /// The V1 paper's Table 2 gives the full 3×3 convolution 1.19% of the mult-adds.
  public static let v1FullConvSharePrinted = 0.0119

  /// The share of V1's multiply-adds in its one full (not depthwise) convolution, the stem.
  public static func v1FullConvShare(_ network: Network) -> Double {
    let full = network.layers.filter { $0.kind == .conv }.reduce(0) { $0 + $1.multiplyAdds }
    return Double(full) / Double(max(1, network.multiplyAdds))
  }

  /// §4: "from 7 multiply adds to 585M MAdds" (sic; 7 presumably 7M), over the widths
  /// 0.35–1.4 and resolutions 96–224 the paper trains: the exact range of that grid.
  public static func mobileNetV2Range(_ grid: VariantsGrid) -> ClosedRange<Int> {
    let cells = grid.cells.filter {
      NetworkConfig.standardWidths.contains($0.width)
        && NetworkConfig.standardResolutions.contains($0.resolution)
    }
    return (cells.map(\.multiplyAdds).min() ?? 0)...(cells.map(\.multiplyAdds).max() ?? 0)
  }
}
