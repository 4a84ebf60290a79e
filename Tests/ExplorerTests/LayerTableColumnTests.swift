import MobileNetKit
import TermCanvas
import Testing

@testable import Explorer

/// The Block view's layer table never runs two columns together. Found in review: a file
/// with a 262,144-channel expansion printed "112×112×261114ReLU6", shapes, k and MAdds in
/// one run of text.
@Suite struct LayerTableColumnTests {
  static let wide = """
    {"schema": "mnv2-architecture/1", "name": "wide", "reference": "", "input_channels": 3,
     "stages": [{"op": "conv2d", "kernel": 3, "c": 4096, "n": 1, "s": 2},
                {"op": "bottleneck", "t": 64, "c": 2048, "n": 1, "s": 1}, {"op": "avgpool"}, {"op": "classifier"}]}
    """

  static func rows(width: Int, height: Int) throws -> [[Substring]] {
    let spec = try ArchitectureDecoder.decode(Self.wide, source: "wide.json")
    let state = ExplorerState(spec: spec, view: .block, selectedGroup: 1)
    let text = ExplorerRenderer.render(
      state, width: width, height: height, theme: Theme(colored: false, unicode: true)
    )
    .plainText()
    return text.split(separator: "\n").prefix(8).map { $0.split(separator: " ") }
  }

  /// By hand: the expansion has 64·4096 = 262,144 channels on 112×112, so its MAdds are
  /// 112·112·4096·262,144 = 13,469,017,440,256, its params 4096·262,144 + 2·262,144 (BN) =
  /// 1,074,266,112, and its fp16 output 112·112·262,144·2 B = 6,576,668.7 K.
  @Test func wideCellsPushTheColumnsAfterThemRight() throws {
    let narrow = try Self.rows(width: 80, height: 24)
    let expand = try #require(narrow.first { $0.first == "expand" })
    // At 80 columns Params and Act mem do not fit whole, so they are left out, not cut.
    #expect(
      expand == ["expand", "112×112×4096", "→", "112×112×262144", "1", "1", "ReLU6", "13,469,017,440,256"])
    let roomy = try Self.rows(width: 120, height: 40)
    let wideExpand = try #require(roomy.first { $0.first == "expand" })
    #expect(
      wideExpand == [
        "expand", "112×112×4096", "→", "112×112×262144", "1", "1", "ReLU6", "13,469,017,440,256",
        "1,074,266,112",
        "6576668.7K",
      ])
  }

  @Test func theLayoutKeepsDefaultsAndDropsOnlyWholeColumns() {
    let defaults = TableColumns.layers
    // Text that fits: the defaults, unchanged.
    #expect(
      TableColumns.layout(defaults: defaults, rows: [["depthwise", "56×56×96 → 56×56×96"]], width: 80)
        == defaults)
    // A 30-character shape pushes k to 11 + 30 + 1 = 42, and everything after it by 6.
    let pushed = TableColumns.layout(
      defaults: defaults, rows: [["x", String(repeating: "9", count: 30)]], width: 100)
    #expect(pushed.map(\.start) == [0, 11, 42, 44, 46, 53, 65, 76])
    // At 80 columns Act mem would end at 76 + 9 = 85: it alone is left out.
    #expect(
      TableColumns.layout(defaults: defaults, rows: [["x", String(repeating: "9", count: 30)]], width: 80)
        .count == 7)
  }
}
