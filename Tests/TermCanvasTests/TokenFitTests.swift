import Testing

@testable import TermCanvas

@Suite struct TokenFitTests {
  let hints: [(text: String, priority: Int)] = [("(b)", 1), ("?:help", 3), ("L:lesson", 0), ("q:quit", 4)]

  @Test func tokensAreDroppedWholeLeastImportantFirst() {
    #expect(TokenFit.line(hints, width: 40) == "(b) ?:help L:lesson q:quit")
    #expect(TokenFit.line(hints, width: 25) == "(b) ?:help q:quit")
    #expect(TokenFit.line(hints, width: 16) == "?:help q:quit")
    #expect(TokenFit.line(hints, width: 12) == "q:quit")
    #expect(TokenFit.line(hints, width: 5) == "")
    // Whatever the width, every token shown is whole.
    for width in 0...40 {
      let line = TokenFit.line(hints, width: width)
      #expect(line.count <= width)
      for word in line.split(separator: " ") { #expect(hints.contains { $0.text == word }, "\(word)") }
    }
  }
}
