/// An in-memory grid of cells that views draw into. Nothing here touches a terminal, so a
/// screen can be tested, exported as text, or copied to ncurses by a thin backend.
public struct Canvas: Equatable, Sendable {
  public let width: Int
  public let height: Int
  public private(set) var cells: [Cell]

  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    cells = Array(repeating: .blank, count: self.width * self.height)
  }

  public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

  public subscript(x: Int, y: Int) -> Cell {
    get {
      guard x >= 0, y >= 0, x < width, y < height else { return .blank }
      return cells[y * width + x]
    }
    set {
      guard x >= 0, y >= 0, x < width, y < height else { return }
      cells[y * width + x] = newValue
    }
  }

  /// Sets one cell; writes outside the canvas are ignored, so views never need to clip.
  public mutating func put(_ scalar: Unicode.Scalar, x: Int, y: Int, style: CellStyle = .plain) {
    self[x, y] = Cell(scalar, style: style)
  }

  /// Writes text from (x, y), clipped to `maxWidth` cells and the canvas edge. Returns the
  /// number of cells written. Control characters are drawn as `?`.
  @discardableResult
  public mutating func write(_ text: String, x: Int, y: Int, style: CellStyle = .plain, maxWidth: Int? = nil)
    -> Int
  {
    let limit = min(maxWidth ?? Int.max, width - x)
    var column = 0
    for scalar in text.unicodeScalars {
      guard column < limit else { break }
      let safe: Unicode.Scalar = scalar.value < 0x20 || scalar.value == 0x7F ? "?" : scalar
      put(safe, x: x + column, y: y, style: style)
      column += 1
    }
    return max(0, column)
  }

  /// Writes `text` word-wrapped into `rect`; returns the number of lines used. Words longer
  /// than the width are split, lines beyond the rect's height are dropped.
  @discardableResult
  public mutating func writeWrapped(_ text: String, in rect: Rect, style: CellStyle = .plain) -> Int {
    let lines = Canvas.wrap(text, width: rect.width)
    for (offset, line) in lines.prefix(rect.height).enumerated() {
      write(line, x: rect.x, y: rect.y + offset, style: style, maxWidth: rect.width)
    }
    return min(lines.count, rect.height)
  }

  /// Greedy word wrap to `width` cells.
  public static func wrap(_ text: String, width: Int) -> [String] {
    guard width > 0 else { return [] }
    var lines: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var line = ""
      for word in paragraph.split(separator: " ") {
        var word = String(word)
        while word.count > width {
          if !line.isEmpty {
            lines.append(line)
            line = ""
          }
          lines.append(String(word.prefix(width)))
          word = String(word.dropFirst(width))
        }
        if line.isEmpty {
          line = word
        } else if line.count + 1 + word.count <= width {
          line += " " + word
        } else {
          lines.append(line)
          line = word
        }
      }
      lines.append(line)
    }
    return lines
  }

  public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
    for row in max(0, rect.y)..<min(height, rect.maxY) {
      for column in max(0, rect.x)..<min(width, rect.maxX) { self[column, row] = cell }
    }
  }

  /// Applies `style` to every cell of `rect`, keeping the characters (e.g. a selection bar).
  public mutating func restyle(_ rect: Rect, _ transform: (inout CellStyle) -> Void) {
    for row in max(0, rect.y)..<min(height, rect.maxY) {
      for column in max(0, rect.x)..<min(width, rect.maxX) { transform(&cells[row * width + column].style) }
    }
  }

  /// Copies another canvas in at (x, y), clipped.
  public mutating func blit(_ other: Canvas, x: Int, y: Int) {
    for row in 0..<other.height {
      for column in 0..<other.width { self[x + column, y + row] = other[column, row] }
    }
  }

  /// Indices into `cells` that differ from `previous`; every cell when the sizes differ.
  /// This is the whole diff a terminal backend needs to repaint only what changed.
  public func changedCells(since previous: Canvas?) -> [Int] {
    guard let previous, previous.width == width, previous.height == height else {
      return Array(cells.indices)
    }
    var changed: [Int] = []
    for index in cells.indices where cells[index] != previous.cells[index] { changed.append(index) }
    return changed
  }

  /// The characters only, one line per row, trailing spaces removed.
  public func plainText() -> String {
    var lines: [String] = []
    lines.reserveCapacity(height)
    for row in 0..<height {
      var line = String.UnicodeScalarView()
      for column in 0..<width { line.append(cells[row * width + column].scalar) }
      var text = String(line)
      while text.hasSuffix(" ") { text.removeLast() }
      lines.append(text)
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
