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
      let index = y * width + x
      var cell = newValue
      if cell.width == 0 {
        // A right half stands only beside its wide character (as when a canvas is blitted).
        if x > 0 && cells[index - 1].width == 2 {
          cells[index] = cell
          return
        }
        cell = Cell(" ", style: cell.style)
      }
      // Overwriting either half of a wide character blanks the other half.
      let old = cells[index]
      if old.width == 0, x > 0, cells[index - 1].width == 2 { cells[index - 1] = Cell(" ", style: old.style) }
      if old.width == 2, x + 1 < width, cells[index + 1].width == 0 {
        cells[index + 1] = Cell(" ", style: old.style)
      }
      if cell.width == 2 {
        if x + 1 < width {
          let right = cells[index + 1]
          if right.width == 2, x + 2 < width, cells[index + 2].width == 0 {
            cells[index + 2] = Cell(" ", style: right.style)
          }
          cells[index + 1] = .continuation(style: cell.style)
        } else {
          cell = Cell(" ", style: cell.style)  // no room for both halves at the edge
        }
      }
      cells[index] = cell
    }
  }

  /// Sets one cell to a single-width scalar (a symbol a view draws: box drawing, Braille,
  /// a bar); writes outside the canvas are ignored, so views never need to clip. Text of
  /// any script goes through `write`, which knows how wide each character is.
  public mutating func put(_ scalar: Unicode.Scalar, x: Int, y: Int, style: CellStyle = .plain) {
    self[x, y] = Cell(scalar, style: style)
  }

  /// Writes text from (x, y), clipped to `maxWidth` cells and the canvas edge. Returns the
  /// number of cells written. A wide character (CJK, emoji) takes two cells, and one that
  /// would be cut in half is left out with the rest. Control, C1 and bidi characters are
  /// drawn as `?` (text from files is spelled out with `TerminalSafe` before it gets here);
  /// see `TerminalGlyph` for what else is made plain.
  @discardableResult
  public mutating func write(_ text: String, x: Int, y: Int, style: CellStyle = .plain, maxWidth: Int? = nil)
    -> Int
  {
    let limit = min(maxWidth ?? Int.max, width - x)
    var column = 0
    var index = text.startIndex
    while index < text.endIndex {
      let character = text[index]
      let cell =
        character.isASCII && !TerminalSafe.isUnsafe(character.unicodeScalars.first!)
        ? Cell(character.unicodeScalars.first!, style: style) : Cell(TerminalGlyph(character), style: style)
      guard column + Int(cell.width) <= limit else {
        noteClipped(text, lost: text[index...])
        break
      }
      self[x + column, y] = cell
      column += Int(cell.width)
      index = text.index(after: index)
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
  private mutating func noteClipped(_ text: String, lost: Substring) {
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

  /// Greedy word wrap to `width` cells, each character counted as wide as `write` draws
  /// it (two cells for CJK and emoji). Words wider than the line are split between characters.
  public static func wrap(_ text: String, width: Int) -> [String] {
    guard width > 0 else { return [] }
    var lines: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var line = ""
      var lineWidth = 0
      for piece in paragraph.split(separator: " ") {
        var word = Substring(piece)
        var wordWidth = TerminalGlyph.width(of: word)
        while wordWidth > width {
          if !line.isEmpty {
            lines.append(line)
            line = ""
            lineWidth = 0
          }
          var head = TerminalGlyph.prefix(of: word, fitting: width)
          if head.isEmpty { head = word.prefix(1) }
          // One character wider than the line (a wide one on a one-cell line): it stays a
          // word of its own, which `write` then leaves out as cut.
          if head.endIndex == word.endIndex { break }
          lines.append(String(head))
          word = word[head.endIndex...]
          wordWidth = TerminalGlyph.width(of: word)
        }
        if line.isEmpty {
          line = String(word)
          lineWidth = wordWidth
        } else if lineWidth + 1 + wordWidth <= width {
          line += " " + word
          lineWidth += 1 + wordWidth
        } else {
          lines.append(line)
          line = String(word)
          lineWidth = wordWidth
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
      for cell in cells[(row * width)..<(row * width + width)] where cell.width > 0 {
        line.append(cell.scalar)
        if !cell.marks.isEmpty { line.append(contentsOf: cell.marks.unicodeScalars) }
      }
      var text = String(line)
      while text.hasSuffix(" ") { text.removeLast() }
      lines.append(text)
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
