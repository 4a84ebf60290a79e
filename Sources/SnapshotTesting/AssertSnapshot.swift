import Foundation
import Testing

/// Compares `text` with `Snapshots/<name>.txt` beside the calling test file.
///
/// Expected screens live in files a reviewer can read in a diff. Set RECORD_SNAPSHOTS=1 to
/// write them; the test then fails on purpose, so a new baseline always gets a human look.
public func assertSnapshot(
  _ text: String, named name: String, filePath: String = #filePath,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let directory = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent(
    "Snapshots")
  let url = directory.appendingPathComponent("\(name).txt")
  let recording =
    ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"].map { !$0.isEmpty && $0 != "0" } ?? false
  if recording {
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      try text.write(to: url, atomically: true, encoding: .utf8)
      Issue.record(
        "Recorded snapshot \(name). Review it, then run again without RECORD_SNAPSHOTS.",
        sourceLocation: sourceLocation)
    } catch {
      Issue.record("Could not write snapshot \(url.path): \(error)", sourceLocation: sourceLocation)
    }
    return
  }
  guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
    Issue.record(
      "Missing snapshot \(url.path); run with RECORD_SNAPSHOTS=1 to create it.",
      sourceLocation: sourceLocation)
    return
  }
  if expected != text {
    Issue.record(
      "Snapshot \(name) differs:\n\(lineDiff(expected: expected, actual: text))",
      sourceLocation: sourceLocation)
  }
}

/// The first few differing lines, enough to see what changed without a diff tool.
func lineDiff(expected: String, actual: String, limit: Int = 8) -> String {
  let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
  let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
  var report: [String] = []
  for index in 0..<max(a.count, b.count) where report.count < limit * 2 {
    let left = index < a.count ? String(a[index]) : "<none>"
    let right = index < b.count ? String(b[index]) : "<none>"
    if left != right {
      report.append("line \(index + 1) expected: \(left)")
      report.append("line \(index + 1)   actual: \(right)")
    }
  }
  return report.joined(separator: "\n")
}
