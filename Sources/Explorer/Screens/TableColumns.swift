/// Where the Block view's layer table puts its columns. The defaults fit every network the
/// paper draws in 80 columns; a column whose text is wider (an `--arch` file with a
/// 262,144-channel expansion, 13-digit MAdds) pushes the ones after it right instead of
/// running into them, and a column that would then pass the right edge is left out whole,
/// so no cell ever holds two columns' text.
struct TableColumns: Equatable {
  var start: Int
  var width: Int
  var rightAligned: Bool

  /// Layer, Input → Output, k, s, Act, MAdds, Params, Act mem.
  static let layers = [
    TableColumns(start: 0, width: 10, rightAligned: false),
    TableColumns(start: 11, width: 24, rightAligned: false),
    TableColumns(start: 36, width: 1, rightAligned: false),
    TableColumns(start: 38, width: 1, rightAligned: false),
    TableColumns(start: 40, width: 6, rightAligned: false),
    TableColumns(start: 47, width: 11, rightAligned: true),
    TableColumns(start: 59, width: 10, rightAligned: true),
    TableColumns(start: 70, width: 9, rightAligned: true),
  ]

  /// The same up to MAdds, then ms, GMAC/s and the roofline's bound.
  static let timedLayers =
    Array(layers.prefix(6)) + [
      TableColumns(start: 59, width: 6, rightAligned: true),
      TableColumns(start: 66, width: 6, rightAligned: true),
      TableColumns(start: 73, width: 7, rightAligned: false),
    ]

  /// The columns for `rows` (each a cell's text per column) in `width` cells: each as wide
  /// as its widest cell or its default, each after the last with a space between, and only
  /// those that end within `width`.
  static func layout(defaults: [TableColumns], rows: [[String]], width: Int) -> [TableColumns] {
    var columns: [TableColumns] = []
    for (index, column) in defaults.enumerated() {
      var placed = column
      placed.width = max(
        column.width, rows.map { $0.indices.contains(index) ? $0[index].count : 0 }.max() ?? 0)
      if let previous = columns.last { placed.start = max(column.start, previous.start + previous.width + 1) }
      guard placed.start + placed.width <= width else { break }
      columns.append(placed)
    }
    return columns
  }
}
