import Foundation
import Testing

@testable import Explorer

/// README's key map is the same table the reducer uses, so the two cannot drift apart.
@Suite struct ReadmeKeyMapTests {
  static var expectedRows: String {
    KeyMap.bindings.map { "| \(KeyMap.label($0).replacingOccurrences(of: "|", with: "\\|")) | \($0.help) |" }
      .joined(separator: "\n")
  }

  @Test func readmeListsEveryKey() throws {
    let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("README.md")
    let text = try String(contentsOf: readme, encoding: .utf8)
    #expect(
      text.contains("| key | action |\n|---|---|\n" + Self.expectedRows + "\n"),
      "expected rows:\n\(Self.expectedRows)")
  }
}
