/// Line-drawing characters for frames, with a 7-bit fallback for terminals without UTF-8.
public struct BoxStyle: Equatable, Sendable {
  public var horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight: Unicode.Scalar

  public static let unicode = BoxStyle(
    horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘")
  public static let ascii = BoxStyle(
    horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+")

  public static func forUnicode(_ unicode: Bool) -> BoxStyle { unicode ? .unicode : .ascii }
}

extension Canvas {
  /// Draws a frame on the edge of `rect`, with an optional title in the top edge.
  public mutating func box(
    _ rect: Rect, style: BoxStyle, cellStyle: CellStyle = .plain, title: String? = nil,
    titleStyle: CellStyle = .bold
  ) {
    guard rect.width >= 2, rect.height >= 2 else { return }
    noteFrame(rect, style: style)
    for column in rect.x + 1..<rect.maxX - 1 {
      put(style.horizontal, x: column, y: rect.y, style: cellStyle)
      put(style.horizontal, x: column, y: rect.maxY - 1, style: cellStyle)
    }
    for row in rect.y + 1..<rect.maxY - 1 {
      put(style.vertical, x: rect.x, y: row, style: cellStyle)
      put(style.vertical, x: rect.maxX - 1, y: row, style: cellStyle)
    }
    put(style.topLeft, x: rect.x, y: rect.y, style: cellStyle)
    put(style.topRight, x: rect.maxX - 1, y: rect.y, style: cellStyle)
    put(style.bottomLeft, x: rect.x, y: rect.maxY - 1, style: cellStyle)
    put(style.bottomRight, x: rect.maxX - 1, y: rect.maxY - 1, style: cellStyle)
    if let title, rect.width > 4 {
      write(" \(title) ", x: rect.x + 2, y: rect.y, style: titleStyle, maxWidth: rect.width - 4)
    }
  }
}
