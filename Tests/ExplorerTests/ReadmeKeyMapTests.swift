import Foundation
import Testing

@testable import Explorer

/// The key map in docs/explorer.md is the same table the reducer uses, so the two cannot drift apart.
@Suite struct ReadmeKeyMapTests {
  static var expectedRows: String {
    KeyMap.bindings.map { binding in
      let mode: String
      switch binding.mode {
      case .explorer: mode = "explorer"
      case .lesson: mode = "lesson"
      case .both: mode = "both"
      case .prediction: mode = "lesson, on a step that asks a prediction"
      case .quiz: mode = "quiz"
      }
      return
        "| \(KeyMap.label(binding).replacingOccurrences(of: "|", with: "\\|")) | \(binding.help) | \(mode) |"
    }
    .joined(separator: "\n")
  }

  @Test func readmeListsEveryKey() throws {
    let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("docs/explorer.md")
    let text = try String(contentsOf: readme, encoding: .utf8)
    let table = "| key | action | where |\n|---|---|---|\n" + Self.expectedRows + "\n"
    let found = text.contains(table)
    #expect(found, "docs/explorer.md's key map should read:\n\(Self.expectedRows)")
  }
}
