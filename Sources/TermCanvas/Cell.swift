/// One character cell of the screen.
public struct Cell: Equatable, Hashable, Sendable {
  /// The character's base scalar: ASCII, box drawing and Braille for everything mnv2 draws
  /// itself; any script for names and lessons read from files.
  public var scalar: Unicode.Scalar
  /// Combining marks drawn on `scalar` (an accent, say); empty for almost every cell.
  public var marks: String
  /// Columns the character takes: 1; 2 for a wide one (CJK, emoji), whose right half is the
  /// next cell; 0 for that right half, which draws nothing itself (as in ratatui). `Canvas`
  /// keeps the two halves together: overwriting either one blanks the other.
  public var width: Int8
  public var style: CellStyle

  public init(_ scalar: Unicode.Scalar = " ", style: CellStyle = .plain) {
    self.scalar = scalar
    self.marks = ""
    self.width = 1
    self.style = style
  }

  public init(_ glyph: TerminalGlyph, style: CellStyle = .plain) {
    self.scalar = glyph.scalar
    self.marks = glyph.marks
    self.width = Int8(glyph.width)
    self.style = style
  }

  /// The right half of a wide character, in its style.
  public static func continuation(style: CellStyle) -> Cell {
    var cell = Cell(" ", style: style)
    cell.width = 0
    return cell
  }

  /// What the cell draws: its character with its marks, or nothing for a right half.
  public var text: String {
    guard width > 0 else { return "" }
    guard !marks.isEmpty else { return String(Character(scalar)) }
    var text = String(Character(scalar))
    text.unicodeScalars.append(contentsOf: marks.unicodeScalars)
    return text
  }

  public static let blank = Cell()
}
