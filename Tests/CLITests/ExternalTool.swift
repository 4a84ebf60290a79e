import Foundation
import Testing

/// Tools a few tests borrow from the machine: headless Chromium and markdown-it-py. CI
/// installs both (`.ci/run`), and there a missing one fails the test. On a developer's
/// machine such a test is skipped with Swift Testing's printed notice instead, so the
/// README's `swift test` passes after the README's own set-up line.
enum ExternalTool {
  static var inCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

  static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  static let hasMarkdownIt: Bool = {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", "import markdown_it"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
  }()

  /// Runs where Chromium is, and always in CI, where `#require` then fails without it.
  static var chromiumTrait: ConditionTrait {
    .enabled(
      if: chromium != nil || inCI,
      "needs Chromium: apt-get install chromium fonts-dejavu-core (skipped outside CI)")
  }

  static var markdownItTrait: ConditionTrait {
    .enabled(
      if: hasMarkdownIt || inCI,
      "needs markdown-it-py: apt-get install python3-markdown-it (skipped outside CI)")
  }
}
