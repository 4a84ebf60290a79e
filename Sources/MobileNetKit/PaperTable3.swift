/// The cells of the paper's Table 3 exactly as printed, in both published versions, so the
/// tool can show them beside its own figures instead of silently "fixing" them.
public enum PaperTable3 {
  public struct Row: Equatable, Sendable {
    public var size: Int
    public var mobileNetV1: String
    public var mobileNetV2: String
    public var shuffleNet: String
  }

  public enum Version: String, CaseIterable, Sendable {
    case arxivV4 = "arXiv v4"
    case cvpr = "CVPR"
  }

  public static func rows(_ version: Version) -> [Row] {
    let first: Row =
      version == .arxivV4
      ? Row(size: 112, mobileNetV1: "64/1600", mobileNetV2: "16/400", shuffleNet: "32/800")
      : Row(size: 112, mobileNetV1: "1/O(1)", mobileNetV2: "1/O(1)", shuffleNet: "1/O(1)")
    return [
      first,
      Row(size: 56, mobileNetV1: "128/800", mobileNetV2: "32/200", shuffleNet: "48/300"),
      Row(size: 28, mobileNetV1: "256/400", mobileNetV2: "64/100", shuffleNet: "400/600K"),
      Row(size: 14, mobileNetV1: "512/200", mobileNetV2: "160/62", shuffleNet: "800/310"),
      Row(size: 7, mobileNetV1: "1024/199", mobileNetV2: "320/32", shuffleNet: "1600/156"),
      Row(size: 1, mobileNetV1: "1024/2", mobileNetV2: "1280/2", shuffleNet: "1600/3"),
    ]
  }

  public static func max(_ version: Version) -> Row {
    version == .arxivV4
      ? Row(size: 0, mobileNetV1: "1600K", mobileNetV2: "400K", shuffleNet: "600K")
      : Row(size: 0, mobileNetV1: "800K", mobileNetV2: "200K", shuffleNet: "600K")
  }

  /// The printed cell's channel count, or nil for `1/O(1)`.
  public static func channels(in cell: String) -> Int? {
    Int(cell.split(separator: "/").first ?? "")
  }

  /// What a reader should know about a printed cell that our arithmetic does not reproduce
  /// (paper-facts §3 and §11).
  public static func erratum(model: String, size: Int) -> String? {
    switch (model, size) {
    case ("MobileNetV1", 7):
      return "paper prints 199, but 1024·7²·2 B = 100,352 B ≈ 100K; 199 fits 4-byte floats"
    case ("MobileNetV2", 112):
      return "arXiv v4 lists 16 ch; CVPR prints 1/O(1) (first-layer trick of §5)"
    default:
      return nil
    }
  }
}
