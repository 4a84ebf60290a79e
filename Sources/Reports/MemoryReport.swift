import MobileNetKit

/// `mnv2 memory`: the paper's Table 3 recomputed, with the printed cells beside it.
public struct MemoryReport {
  public var v1: MaterializedMemory
  public var v2: MaterializedMemory
  /// Paper cells are shown only for the configuration the paper used (1.0, 224).
  public var showPaper: Bool
  public var style: TextStyle

  public init(v1: Network, v2: Network, style: TextStyle = TextStyle()) {
    self.v1 = MaterializedMemory(network: v1)
    self.v2 = MaterializedMemory(network: v2)
    self.showPaper =
      v1.config.width == 1 && v2.config.width == 1 && v1.config.resolution == 224
      && v2.config.resolution == 224
    self.style = style
  }

  /// `channels/KB` in the paper's notation, with K = 1000 bytes.
  public static func cell(_ entry: MaterializedMemory.Entry?) -> String {
    guard let entry else { return "-" }
    return "\(entry.channels)/\(NumberFormatting.fixed(Double(entry.bytes) / 1000, decimals: 1))"
  }

  private var sizes: [Int] {
    var seen: [Int] = []
    for size in v1.entries.map(\.size) + v2.entries.map(\.size) where !seen.contains(size) {
      seen.append(size)
    }
    return seen.sorted(by: >)
  }

  public func table(machine: Bool) -> TextTable {
    var columns: [TextTable.Column] = [
      .init("Size"), .init("V1 ours", .right), .init("V2 ours", .right), .init("V2 producer"),
    ]
    if showPaper {
      columns += [.init("V1 paper", .right), .init("V2 v4", .right), .init("V2 CVPR", .right), .init("Note")]
    }
    var table = TextTable(columns: columns)
    let v4 = PaperTable3.rows(.arxivV4), cvpr = PaperTable3.rows(.cvpr)
    for size in sizes {
      let ours1 = v1.entry(size: size), ours2 = v2.entry(size: size)
      var row = [
        "\(size)\(style.times)\(size)", Self.cell(ours1), Self.cell(ours2), ours2?.producer ?? "-",
      ]
      if showPaper {
        let printed4 = v4.first { $0.size == size }, printedC = cvpr.first { $0.size == size }
        row += [printed4?.mobileNetV1 ?? "-", printed4?.mobileNetV2 ?? "-", printedC?.mobileNetV2 ?? "-"]
        row.append(note(size: size, ours1: ours1, ours2: ours2, printed: printed4))
      }
      table.rows.append(row)
    }
    let peak1 = v1.peak(), peak2 = v2.peak(), trick2 = v2.peak(excludingFirst: true)
    var maxRow = ["max", Self.cell(peak1), Self.cell(peak2), peak2?.producer ?? "-"]
    if showPaper {
      maxRow += [
        PaperTable3.max(.arxivV4).mobileNetV1, PaperTable3.max(.arxivV4).mobileNetV2,
        PaperTable3.max(.cvpr).mobileNetV2,
        "without 112: \(Self.cell(trick2))",
      ]
    }
    if machine { table.rows.append(maxRow) } else { table.footerRows.append(maxRow) }
    return table
  }

  /// Short markers in the table; `footnotes` explains each, so the table stays narrow.
  private func note(
    size: Int, ours1: MaterializedMemory.Entry?, ours2: MaterializedMemory.Entry?, printed: PaperTable3.Row?
  ) -> String {
    var marks: [String] = []
    if PaperTable3.erratum(model: "MobileNetV1", size: size) != nil { marks.append("[a]") }
    if PaperTable3.erratum(model: "MobileNetV2", size: size) != nil {
      marks.append("[b]")
    } else if let printed, let ours2, let channels = PaperTable3.channels(in: printed.mobileNetV2),
      channels != ours2.channels
    {
      marks.append(ours2.producer.hasPrefix("conv_last") ? "[d]" : "[c]")
    }
    return marks.joined(separator: " ")
  }

  static let footnotes = """
    [a] V1 7×7: the paper prints 199, but 1024·7²·2 B = 100,352 B ≈ 100K; 199 fits 4-byte floats.
    [b] 112×112: arXiv v4 lists 16 ch (block 1's output); CVPR prints 1/O(1), applying the
        first-layer trick of §5. Ours is the stem's 112×112×32 output.
    [c] The paper's V2 channel count is the output width of the stage that reads this size,
        not the widest tensor at it; ours is the widest tensor between blocks.
    [d] Ours is the last 1×1 conv's 7×7×1280 output, which the paper's V2 column leaves out
        (it could be pooled as it is computed).

    """

  public func render(_ format: OutputFormat) -> String {
    let explanation = """
      Cells are channels/KB: the largest tensor that must be materialised at each spatial size,
      16-bit floats, K = 1000 bytes. V1 counts every layer output; V2 counts only tensors
      between blocks, because §5.1 streams each block's expanded tensor in slices.

      """
    switch format {
    case .table:
      let heading = "Table 3 reproduction: max memory materialised per resolution\n\n"
      let paper =
        showPaper
        ? "Paper columns: arXiv v4 and CVPR versions of Table 3, as printed.\n"
        : "Paper cells apply only to width 1.0 at 224 and are not shown.\n"
      return style.apply(
        heading + table(machine: false).renderText(rule: style.rule) + "\n" + explanation + paper
          + (showPaper ? "\n" + Self.footnotes : ""))
    case .markdown:
      return "## Table 3 reproduction\n\n" + table(machine: false).renderMarkdown() + "\n" + explanation
        + (showPaper ? "\n" + Self.footnotes : "")
    case .csv:
      return table(machine: true).renderCSV()
    case .json:
      struct Entry: Encodable {
        var size, channels, bytes: Int
        var producer: String
      }
      struct PaperRow: Encodable {
        var size: Int
        var mobilenetV1, mobilenetV2, shufflenet: String
      }
      struct Document: Encodable {
        var bytesPerElement: Int
        var mobilenetV1, mobilenetV2: [Entry]
        var paperArxivV4, paperCVPR: [PaperRow]?
      }
      func paper(_ version: PaperTable3.Version) -> [PaperRow]? {
        showPaper
          ? PaperTable3.rows(version).map {
            PaperRow(
              size: $0.size, mobilenetV1: $0.mobileNetV1, mobilenetV2: $0.mobileNetV2,
              shufflenet: $0.shuffleNet)
          } : nil
      }
      func entries(_ memory: MaterializedMemory) -> [Entry] {
        memory.entries.map {
          Entry(size: $0.size, channels: $0.channels, bytes: $0.bytes, producer: $0.producer)
        }
      }
      return encodeJSON(
        Document(
          bytesPerElement: v2.bytesPerElement, mobilenetV1: entries(v1), mobilenetV2: entries(v2),
          paperArxivV4: paper(.arxivV4), paperCVPR: paper(.cvpr)))
    }
  }
}
