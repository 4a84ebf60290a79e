import Foundation
import TermCanvas

/// A table of strings that renders as aligned text (torchinfo style), Markdown or CSV.
///
/// One structure for all three keeps the columns of every format identical.
public struct TextTable: Equatable, Sendable {
  public enum Alignment: Sendable { case left, right }

  public struct Column: Equatable, Sendable {
    public var title: String
    public var alignment: Alignment
    public init(_ title: String, _ alignment: Alignment = .left) {
      self.title = title
      self.alignment = alignment
    }
  }

  public var columns: [Column]
  public var rows: [[String]]
  /// Rows printed under a rule after the body, e.g. totals.
  public var footerRows: [[String]]

  public init(columns: [Column], rows: [[String]] = [], footerRows: [[String]] = []) {
    self.columns = columns
    self.rows = rows
    self.footerRows = footerRows
  }

  /// Display width in terminal cells. Every character used in our tables is one cell wide.
  static func cellWidth(_ text: String) -> Int { text.count }

  private func widths() -> [Int] {
    columns.indices.map { index in
      ([columns[index].title] + (rows + footerRows).map { index < $0.count ? $0[index] : "" })
        .map(Self.cellWidth).max() ?? 0
    }
  }

  private func pad(_ text: String, _ width: Int, _ alignment: Alignment) -> String {
    let gap = String(repeating: " ", count: max(0, width - Self.cellWidth(text)))
    return alignment == .left ? text + gap : gap + text
  }

  /// Aligned columns separated by two spaces, a rule under the header and above the footer.
  public func renderText(rule: Character = "─") -> String {
    let widths = widths()
    func line(_ cells: [String]) -> String {
      var parts: [String] = []
      for index in columns.indices {
        let cell = index < cells.count ? cells[index] : ""
        parts.append(pad(cell, widths[index], columns[index].alignment))
      }
      var text = parts.joined(separator: "  ")
      while text.hasSuffix(" ") { text.removeLast() }
      return text
    }
    let ruleLine = String(repeating: rule, count: widths.reduce(0, +) + 2 * max(0, widths.count - 1))
    var lines = [line(columns.map(\.title)), ruleLine]
    lines += rows.map(line)
    if !footerRows.isEmpty {
      lines.append(ruleLine)
      lines += footerRows.map(line)
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// A GitHub-flavoured Markdown table, with right-aligned number columns.
  public func renderMarkdown() -> String {
    func escape(_ cell: String) -> String { cell.replacingOccurrences(of: "|", with: "\\|") }
    var lines = ["| " + columns.map { escape($0.title) }.joined(separator: " | ") + " |"]
    lines.append("|" + columns.map { $0.alignment == .right ? "---:|" : "---|" }.joined())
    for row in rows + footerRows {
      lines.append(
        "| " + columns.indices.map { escape($0 < row.count ? row[$0] : "") }.joined(separator: " | ") + " |")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// RFC 4180 quoting with Unix line ends. Footer rows are left out: a spreadsheet sums
  /// the columns itself, and a totals row would be counted twice.
  public func renderCSV() -> String {
    // A control byte from a file is spelled out (it must not reach a terminal raw), and a
    // field that had one is quoted, as one with a comma or a quote is.
    func quote(_ cell: String) -> String {
      let safe = TerminalSafe.escape(cell)
      guard safe != cell || cell.contains(where: { $0 == "," || $0 == "\"" }) else { return cell }
      return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return ([columns.map(\.title)] + rows).map { $0.map(quote).joined(separator: ",") }.joined(
      separator: "\n") + "\n"
  }
}
