/// One character as a terminal cell draws it: a base scalar, the combining marks drawn on
/// it, and how many columns it takes (1, or 2 for the wide characters of East Asian
/// scripts and emoji).
///
/// The widths are our own table (Unicode's East Asian Width W and F ranges, and emoji with
/// Emoji_Presentation), not the C library's `wcwidth`, so a canvas is laid out the same on
/// every machine and in every locale. What terminals disagree on is made plain first, so
/// no terminal can draw it wider or narrower than the canvas counted:
/// - variation selectors and emoji modifiers are dropped (a base emoji keeps its width);
/// - a zero-width-joiner sequence (👩‍💻) keeps only its first emoji;
/// - a flag (two regional indicators), a lone combining mark and every control become `?`.
public struct TerminalGlyph: Equatable, Sendable {
  public let scalar: Unicode.Scalar
  /// Combining marks (general category Mn or Me) drawn in the same cell, at most four.
  public let marks: String
  public let width: Int

  public init(_ character: Character) {
    let scalars = character.unicodeScalars
    let base = scalars.first!
    guard !scalars.contains(where: TerminalSafe.isUnsafe), !Self.isZeroWidth(base),
      !(0x1F1E6...0x1F1FF).contains(base.value)
    else {
      self.init(scalar: "?", marks: "", width: 1)
      return
    }
    var marks = ""
    for scalar in scalars.dropFirst() {
      if scalar.value == 0x200D { break }  // a joined sequence: its first emoji only
      guard Self.isMark(scalar), marks.unicodeScalars.count < 4 else { continue }
      marks.unicodeScalars.append(scalar)
    }
    self.init(scalar: base, marks: marks, width: Self.isWide(base) ? 2 : 1)
  }

  init(scalar: Unicode.Scalar, marks: String, width: Int) {
    self.scalar = scalar
    self.marks = marks
    self.width = width
  }

  /// Columns `text` takes on a canvas, glyph by glyph.
  public static func width(of text: some StringProtocol) -> Int {
    var columns = 0
    for character in text { columns += character.isASCII ? 1 : TerminalGlyph(character).width }
    return columns
  }

  /// The longest prefix of `text` that fits in `columns`.
  public static func prefix(of text: some StringProtocol, fitting columns: Int) -> Substring {
    let text = Substring(text)
    var used = 0
    var end = text.startIndex
    while end < text.endIndex {
      let next = used + TerminalGlyph(text[end]).width
      guard next <= columns else { break }
      used = next
      end = text.index(after: end)
    }
    return text[..<end]
  }

  /// A combining mark a terminal draws on its base; variation selectors, marks too by their
  /// category, are not (they choose between text and emoji presentation, which terminals
  /// draw at different widths).
  static func isMark(_ scalar: Unicode.Scalar) -> Bool {
    if (0xFE00...0xFE0F).contains(scalar.value) || (0xE0100...0xE01EF).contains(scalar.value) { return false }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark: return true
    default: return false
    }
  }

  /// A scalar that draws nothing on its own: a mark with no base, a joiner, a variation
  /// selector or another format character.
  static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return true
    default: return (0xFE00...0xFE0F).contains(scalar.value) || (0x1F3FB...0x1F3FF).contains(scalar.value)
    }
  }

  /// East Asian Width W or F (Unicode 15.1, the ranges a terminal font draws double), or an
  /// emoji drawn as one by default.
  static func isWide(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    guard v >= 0x1100 else { return false }
    if scalar.properties.isEmojiPresentation { return true }
    for range in wideRanges where range.contains(v) { return true }
    return false
  }

  static let wideRanges: [ClosedRange<UInt32>] = [
    0x1100...0x115F,  // Hangul Jamo initials
    0x2E80...0x303E,  // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
    0x3041...0x33FF,  // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, Kanbun, CJK compatibility
    0x3400...0x4DBF,  // CJK extension A
    0x4E00...0x9FFF,  // CJK unified ideographs
    0xA000...0xA4CF,  // Yi
    0xA960...0xA97F,  // Hangul Jamo extended A
    0xAC00...0xD7A3,  // Hangul syllables
    0xF900...0xFAFF,  // CJK compatibility ideographs
    0xFE10...0xFE19,  // vertical forms
    0xFE30...0xFE6F,  // CJK compatibility forms, small form variants
    0xFF00...0xFF60,  // fullwidth forms
    0xFFE0...0xFFE6,  // fullwidth signs
    0x16FE0...0x16FE4, 0x17000...0x18CFF,  // Tangut
    0x1B000...0x1B2FF,  // Kana supplement and extensions, Nüshu
    0x20000...0x2FFFD,  // CJK extensions B–F, compatibility supplement
    0x30000...0x3FFFD,  // CJK extensions G, H
  ]
}
