/// An in-memory grid of cells that views draw into. Nothing here touches a terminal, so a
/// screen can be tested, exported as text, or copied to ncurses by a thin backend.
public struct Canvas: Equatable, Sendable {
  public let width: Int
  public let height: Int
  public private(set) var cells: [Cell]
  /// The layout rule's ledger: text that a write or a wrap had to cut, and frames drawn,
  /// so a test can fail on any clipped token or broken border. Not part of equality.
  public private(set) var clipped: [String] = []
  public private(set) var frames: [(rect: Rect, style: BoxStyle)] = []
  /// Where a click means something, named by the view that drew it (a row, a tab); the
  /// last marked wins where two overlap, as the last drawn is on top. Not part of equality.
  public private(set) var hotspots: [(rect: Rect, name: String)] = []

  public static func == (a: Canvas, b: Canvas) -> Bool {
    a.width == b.width && a.height == b.height && a.cells == b.cells
  }

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
  /// number of cells written. Control, C1 and bidi characters are drawn as `?` (text from
  /// files is spelled out with `TerminalSafe` before it gets here).
  @discardableResult
  public mutating func write(_ text: String, x: Int, y: Int, style: CellStyle = .plain, maxWidth: Int? = nil)
    -> Int
  {
    let limit = min(maxWidth ?? Int.max, width - x)
    var column = 0
    for scalar in text.unicodeScalars {
      guard column < limit else {
        noteClipped(text, from: column)
        break
      }
      let safe: Unicode.Scalar = TerminalSafe.isUnsafe(scalar) ? "?" : scalar
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
    let dropped = lines.dropFirst(max(0, rect.height)).joined(separator: " ")
    if !dropped.allSatisfy({ $0 == " " }) { clipped.append("lines dropped: \(dropped)") }
    return min(lines.count, rect.height)
  }

  /// Records text a view had no room for, so the layout check sees it.
  public mutating func noteDropped(_ text: String) {
    if !text.allSatisfy({ $0 == " " }) { clipped.append("line dropped: \(text)") }
  }

  /// Records a cut unless only spaces were lost.
  private mutating func noteClipped(_ text: String, from column: Int) {
    let lost = String(String.UnicodeScalarView(text.unicodeScalars.dropFirst(column)))
    if !lost.allSatisfy({ $0 == " " }) { clipped.append("\(text) [cut: \(lost)]") }
  }

  /// Clears `rect` for a modal box drawn over the screen: frames underneath are covered on
  /// purpose, so the border check forgets them, and what was clickable there no longer is.
  public mutating func clearForOverlay(_ rect: Rect) {
    fill(rect)
    frames.removeAll { $0.rect.intersects(rect) }
    hotspots.removeAll { $0.rect.intersects(rect) }
  }

  /// Names `rect` as a place to click, clipped to the canvas.
  public mutating func mark(_ rect: Rect, as name: String) {
    let clipped = Rect(
      x: max(0, rect.x), y: max(0, rect.y), width: min(width, rect.maxX) - max(0, rect.x),
      height: min(height, rect.maxY) - max(0, rect.y))
    guard clipped.width > 0, clipped.height > 0 else { return }
    hotspots.append((clipped, name))
  }

  /// The name of what was drawn clickable at (x, y), or nil.
  public func hotspot(x: Int, y: Int) -> String? {
    hotspots.last { $0.rect.contains(x: x, y: y) }?.name
  }

  /// Records a frame, for the border check.
  mutating func noteFrame(_ rect: Rect, style: BoxStyle) { frames.append((rect, style)) }

  /// The ways the layout rule is broken on this canvas: clipped text, and frames that do not
  /// fit the canvas or whose corners or sides were later drawn over. Empty when all is well.
  public func layoutViolations() -> [String] {
    var violations = clipped.map { "clipped: \($0)" }
    for (rect, style) in frames {
      guard rect.x >= 0, rect.y >= 0, rect.maxX <= width, rect.maxY <= height else {
        violations.append("frame \(rect) does not fit \(width)×\(height)")
        continue
      }
      let corners: [(Int, Int, Unicode.Scalar)] = [
        (rect.x, rect.y, style.topLeft), (rect.maxX - 1, rect.y, style.topRight),
        (rect.x, rect.maxY - 1, style.bottomLeft), (rect.maxX - 1, rect.maxY - 1, style.bottomRight),
      ]
      var broken = corners.contains { self[$0.0, $0.1].scalar != $0.2 }
      for row in rect.y + 1..<max(rect.y + 1, rect.maxY - 1) {
        broken =
          broken || self[rect.x, row].scalar != style.vertical
          || self[rect.maxX - 1, row].scalar != style.vertical
      }
      if broken { violations.append("frame \(rect) drawn over") }
    }
    return violations
  }

  /// Greedy word wrap to `width` cells.
  public static func wrap(_ text: String, width: Int) -> [String] {
    guard width > 0 else { return [] }
    // Measured in scalars, one per cell, as `write` draws them: a combining mark counts as a
    // Character with the letter before it, but takes a cell of its own here.
    func cells(_ text: String) -> Int { text.unicodeScalars.count }
    var lines: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var line = ""
      for word in paragraph.split(separator: " ") {
        var scalars = Array(String(word).unicodeScalars)
        while scalars.count > width {
          if !line.isEmpty {
            lines.append(line)
            line = ""
          }
          lines.append(String(String.UnicodeScalarView(scalars[..<width])))
          scalars = Array(scalars[width...])
        }
        let word = String(String.UnicodeScalarView(scalars))
        if line.isEmpty {
          line = word
        } else if cells(line) + 1 + cells(word) <= width {
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

  /// Copies another canvas in at (x, y), clipped, with its ledger (frames and hotspots moved
  /// with it).
  public mutating func blit(_ other: Canvas, x: Int, y: Int) {
    for row in 0..<other.height {
      for column in 0..<other.width { self[x + column, y + row] = other[column, row] }
    }
    clipped += other.clipped
    frames += other.frames.map { ($0.rect.offset(x: x, y: y), $0.style) }
    for (rect, name) in other.hotspots { mark(rect.offset(x: x, y: y), as: name) }
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
