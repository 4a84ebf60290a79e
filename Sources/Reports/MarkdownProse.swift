/// Plain prose made safe for CommonMark and GitHub Markdown, so a handout renders as
/// written: a formula such as h*w*d_i*d_j*k^2 goes into a code span (its * and _ would
/// otherwise turn into italics), and the other characters Markdown acts on are escaped.
public enum MarkdownProse {
  /// Characters that make a word a formula, kept verbatim in a code span: the ones that
  /// would otherwise start emphasis or code. (^ means nothing to CommonMark, so a word like
  /// "(1 + n)/2^n" stays prose and is not split into a broken span.)
  static let formulaMarks: Set<Character> = ["*", "_", "`"]
  /// ASCII punctuation that CommonMark gives a meaning to inside running text.
  static let escaped: Set<Character> = ["\\", "*", "_", "`", "[", "]", "<", ">", "|", "~", "&", "#", "!"]
  /// Trailing punctuation that stays outside a formula's code span.
  static let trailing: Set<Character> = [".", ",", ";", ":", ")", "?"]

  public static func render(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      line.split(separator: " ", omittingEmptySubsequences: false).map { word(String($0)) }.joined(
        separator: " ")
    }.joined(separator: "\n")
  }

  static func word(_ word: String) -> String {
    guard word.contains(where: formulaMarks.contains) else { return escape(word) }
    var core = Substring(word)
    var lead = "", tail = ""
    while let first = core.first, first == "\"" {
      lead.append(first)
      core = core.dropFirst()
    }
    // Closing punctuation stays outside, and so does a ")" the formula did not open.
    while let last = core.last, trailing.contains(last) || last == "\"" {
      if last == ")" && core.filter({ $0 == "(" }).count >= core.filter({ $0 == ")" }).count { break }
      tail = String(last) + tail
      core = core.dropLast()
    }
    // A backtick inside the formula needs a longer fence.
    let fence = core.contains("`") ? "``" : "`"
    let pad = core.contains("`") ? " " : ""
    return escape(lead) + fence + pad + core + pad + fence + escape(tail)
  }

  static func escape(_ text: String) -> String {
    var out = ""
    for character in text {
      if escaped.contains(character) { out.append("\\") }
      out.append(character)
    }
    return out
  }
}
