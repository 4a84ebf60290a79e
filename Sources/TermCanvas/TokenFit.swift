/// The layout rule for lines of hints: a token is shown whole or not at all.
///
/// Tokens keep their order on the line; when they do not fit, the least important go first,
/// so a narrow footer reads "?:help q:quit", never "q:q".
public enum TokenFit {
  /// The tokens joined by `separator` that fit in `width`, dropping from the lowest
  /// `priority` (higher is kept longer; ties drop the rightmost first).
  public static func line(_ tokens: [(text: String, priority: Int)], separator: String = " ", width: Int)
    -> String
  {
    var kept = Array(tokens.indices)
    func joined() -> String { kept.map { tokens[$0].text }.joined(separator: separator) }
    // Cells, as Canvas.write draws them (two for a wide character).
    while !kept.isEmpty && TerminalGlyph.width(of: joined()) > width {
      let drop = kept.enumerated().min { a, b in
        let pa = tokens[a.element].priority, pb = tokens[b.element].priority
        return pa != pb ? pa < pb : a.offset > b.offset
      }!
      kept.remove(at: drop.offset)
    }
    return joined()
  }
}
