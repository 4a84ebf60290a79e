import MobileNetKit

/// `mnv2 memory`: the paper's Table 3 recomputed, with the printed cells beside it.
public struct MemoryReport {
  public var v1: MaterializedMemory
  public var v2: MaterializedMemory
  /// MobileNetV2 under the other definitions: the per-size tensor with the first-layer trick,
  /// and Eq. (2) without and with it.
  public var v2Trick: MaterializedMemory
  public var v2Operators: OperatorMemory
  public var v2OperatorsTrick: OperatorMemory
  /// The MobileNetV2 the report is about, for its header.
  public var v2Network: Network
  /// Paper cells are shown only for the configuration the paper used (1.0, 224).
  public var showPaper: Bool
  public var style: TextStyle

  public init(v1: Network, v2: Network, style: TextStyle = TextStyle()) {
    self.v1 = MaterializedMemory(network: v1)
    self.v2 = MaterializedMemory(network: v2)
    self.v2Trick = MaterializedMemory(network: v2, firstLayerTrick: true)
    self.v2Operators = OperatorMemory(network: v2)
    self.v2OperatorsTrick = OperatorMemory(network: v2, firstLayerTrick: true)
    self.v2Network = v2
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

  /// An Eq. (2) cell: inputs plus outputs of one operator, in KB (K = 1000 bytes).
  public static func cell(_ entry: OperatorMemory.Entry?) -> String {
    guard let entry else { return "-" }
    return NumberFormatting.fixed(Double(entry.bytes) / 1000, decimals: 1)
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
      .init("Size"), .init("V1 tensor", .right), .init("V2 tensor", .right), .init("+1st", .right),
      .init("Eq.(2)", .right), .init("Eq.(2)+1st", .right),
    ]
    if machine { columns += [.init("V2 producer"), .init("Eq.(2) operator"), .init("Eq.(2)+1st operator")] }
    if showPaper {
      columns += [.init("V1 paper", .right), .init("V2 v4", .right), .init("V2 CVPR", .right), .init("Note")]
    }
    var table = TextTable(columns: columns)
    let v4 = PaperTable3.rows(.arxivV4), cvpr = PaperTable3.rows(.cvpr)
    for size in sizes {
      let ours1 = v1.entry(size: size), ours2 = v2.entry(size: size)
      let eq = v2Operators.entry(size: size), eqTrick = v2OperatorsTrick.entry(size: size)
      var row = [
        "\(size)\(style.times)\(size)", Self.cell(ours1), Self.cell(ours2),
        Self.cell(v2Trick.entry(size: size)),
        Self.cell(eq), Self.cell(eqTrick),
      ]
      if machine { row += [ours2?.producer ?? "-", eq?.name ?? "-", eqTrick?.name ?? "-"] }
      if showPaper {
        let printed4 = v4.first { $0.size == size }, printedC = cvpr.first { $0.size == size }
        row += [printed4?.mobileNetV1 ?? "-", printed4?.mobileNetV2 ?? "-", printedC?.mobileNetV2 ?? "-"]
        row.append(note(size: size, ours1: ours1, ours2: v2Trick.entry(size: size), printed: printed4))
      }
      table.rows.append(row)
    }
    var maxRow = [
      "max", Self.cell(v1.peak()), Self.cell(v2.peak()), Self.cell(v2Trick.peak()),
      Self.cell(v2Operators.peak),
      Self.cell(v2OperatorsTrick.peak),
    ]
    if machine {
      maxRow += [
        v2.peak()?.producer ?? "-", v2Operators.peak?.name ?? "-", v2OperatorsTrick.peak?.name ?? "-",
      ]
    }
    if showPaper {
      maxRow += [
        PaperTable3.max(.arxivV4).mobileNetV1, PaperTable3.max(.arxivV4).mobileNetV2,
        PaperTable3.max(.cvpr).mobileNetV2, "",
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

  /// The footnotes by marker, for the JSON: the same text as the table's, one line each.
  static var footnotesByMark: [String: String] {
    var notes: [String: String] = [:]
    var mark: String?
    for line in footnotes.split(separator: "\n") {
      let text = line.trimmingCharacters(in: .whitespaces)
      if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
        mark = String(text[...close])
        notes[mark!] = String(text[text.index(after: close)...]).trimmingCharacters(in: .whitespaces)
      } else if let mark {
        notes[mark, default: ""] += " " + text
      }
    }
    return notes
  }

  static let definitions: [String: String] = [
    "tensor":
      "channels and bytes of the largest tensor materialised at each size; V1 counts every layer output, V2 only tensors between blocks, as §5.1 streams each block's expanded tensor in slices",
    "first_layer_trick":
      "the first conv is streamed into the first bottleneck (Table 3's caption), so its output is never stored",
    "eq2":
      "the paper's own definition (§5.1): the largest inputs + outputs of one operator, a whole bottleneck being one operator; its max is M(G)",
    "eq2_first_layer_trick": "Eq. (2) with the first conv and the first bottleneck as one operator",
  ]

  /// Everything the table shows, each column under its own name: the four definitions per
  /// size, their maxima, the paper's printed cells and the notes, with the units stated.
  func json() -> String {
    struct Entry: Encodable {
      var size, channels, bytes: Int
      var producer: String
    }
    struct OperatorEntry: Encodable {
      var size, bytes: Int
      var operatorName: String
    }
    struct PaperRow: Encodable {
      var size: Int
      var mobilenetV1, mobilenetV2, shufflenet: String
    }
    struct Maxima: Encodable {
      var mobilenetV1, mobilenetV2, mobilenetV2FirstLayerTrick: Entry?
      var eq2, eq2FirstLayerTrick: OperatorEntry?
    }
    struct Note: Encodable {
      var size: Int
      var marks: [String]
    }
    struct Document: Encodable {
      var bytesPerElement: Int
      var units: String
      var width: Double
      var resolution: Int
      var channelRounding: String
      var definitions: [String: String]
      var mobilenetV1, mobilenetV2, mobilenetV2FirstLayerTrick: [Entry]
      var eq2, eq2FirstLayerTrick: [OperatorEntry]
      var max: Maxima
      var paperArxivV4, paperCVPR: [PaperRow]?
      var paperMaxArxivV4, paperMaxCVPR: PaperRow?
      var notes: [Note]?
      var footnotes: [String: String]?
    }
    func paperRow(_ row: PaperTable3.Row) -> PaperRow {
      PaperRow(
        size: row.size, mobilenetV1: row.mobileNetV1, mobilenetV2: row.mobileNetV2, shufflenet: row.shuffleNet
      )
    }
    func entry(_ entry: MaterializedMemory.Entry) -> Entry {
      Entry(size: entry.size, channels: entry.channels, bytes: entry.bytes, producer: entry.producer)
    }
    func operatorEntry(_ entry: OperatorMemory.Entry) -> OperatorEntry {
      OperatorEntry(size: entry.size, bytes: entry.bytes, operatorName: entry.name)
    }
    let v4 = PaperTable3.rows(.arxivV4)
    let notes = sizes.map { size in
      Note(
        size: size,
        marks: note(
          size: size, ours1: v1.entry(size: size), ours2: v2Trick.entry(size: size),
          printed: v4.first { $0.size == size }
        ).split(separator: " ").map(String.init))
    }.filter { !$0.marks.isEmpty }
    return encodeJSON(
      Document(
        bytesPerElement: v2.bytesPerElement, units: "bytes (16-bit floats); the table's KB are bytes / 1000",
        width: v2Network.config.width, resolution: v2Network.config.resolution,
        channelRounding: v2Network.config.channelRounding.rawValue, definitions: Self.definitions,
        mobilenetV1: v1.entries.map(entry), mobilenetV2: v2.entries.map(entry),
        mobilenetV2FirstLayerTrick: v2Trick.entries.map(entry), eq2: v2Operators.entries.map(operatorEntry),
        eq2FirstLayerTrick: v2OperatorsTrick.entries.map(operatorEntry),
        max: Maxima(
          mobilenetV1: v1.peak().map(entry), mobilenetV2: v2.peak().map(entry),
          mobilenetV2FirstLayerTrick: v2Trick.peak().map(entry), eq2: v2Operators.peak.map(operatorEntry),
          eq2FirstLayerTrick: v2OperatorsTrick.peak.map(operatorEntry)),
        paperArxivV4: showPaper ? PaperTable3.rows(.arxivV4).map(paperRow) : nil,
        paperCVPR: showPaper ? PaperTable3.rows(.cvpr).map(paperRow) : nil,
        paperMaxArxivV4: showPaper ? paperRow(PaperTable3.max(.arxivV4)) : nil,
        paperMaxCVPR: showPaper ? paperRow(PaperTable3.max(.cvpr)) : nil,
        notes: showPaper ? notes : nil, footnotes: showPaper ? Self.footnotesByMark : nil))
  }

  static let footnotes = """
    [a] V1 7×7: the paper prints 199, but 1024·7²·2 B = 100,352 B ≈ 100K; 199 fits 4-byte floats.
    [b] 112×112: arXiv v4 lists 16 ch, b1's output: with the first-layer trick the largest
        tensor at 112×112 is 16/401.4, exactly its 400K. CVPR prints 1/O(1): the whole 112×112
        stage streamed. Without the trick ours is the stem's 112×112×32 output.
    [c] The paper's V2 channel counts follow no one rule from Table 2 that we found: 32 at 56×56
        is the width of b4, which reads 56×56 and writes 28×28, but the same rule gives 24, not
        16, at 112×112. Compare the KB.
    [d] Ours is the last 1×1 conv's 7×7×1280 output, which the paper's V2 column leaves out.

    """

  public func render(_ format: OutputFormat) -> String {
    let explanation = """
      Three definitions, 16-bit floats, K = 1000 bytes:
        tensor      channels/KB of the largest tensor materialised at each size. V1 counts every
                    layer output; V2 only tensors between blocks, as §5.1 streams each block's
                    expanded tensor in slices.
        +1st        the same with the first-layer trick of Table 3's caption: the first conv is
                    streamed into the first bottleneck, so its output is never stored.
        Eq.(2)      the paper's own definition (§5.1): the largest inputs + outputs of one
                    operator, a whole bottleneck being one operator; its max row is M(G).
        Eq.(2)+1st  Eq. (2) with the first conv and the first bottleneck as one operator.

      """
    switch format {
    case .table:
      let heading =
        "Table 3 reproduction: max memory materialised per resolution · width "
        + "\(formatWidth(v2Network.config.width)) · \(v2Network.config.resolution) px · "
        + "\(v2Network.config.channelRounding == .keras ? "keras" : "torchvision") channels\n\n"
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
      return json()
    }
  }
}
