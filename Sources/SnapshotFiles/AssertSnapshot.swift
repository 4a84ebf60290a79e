import Foundation

/// Compares `text` with `Snapshots/<name>.txt` beside the calling test file and returns
/// nil when they match, or what went wrong. Use as `#expect(verifySnapshot(...) == nil)`.
///
/// Expected screens live in files a reviewer can read in a diff. Set RECORD_SNAPSHOTS=1 to
/// write them; the check then fails on purpose, so a new baseline always gets a human look.
/// (It does not import Testing itself, so that `swift build -c release` can build it.)
public func verifySnapshot(_ text: String, named name: String, filePath: String = #filePath) -> String? {
  let directory = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent(
    "Snapshots")
  let url = directory.appendingPathComponent("\(name).txt")
  let recording =
    ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"].map { !$0.isEmpty && $0 != "0" } ?? false
  if recording {
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      try text.write(to: url, atomically: true, encoding: .utf8)
      return "Recorded snapshot \(name). Review it, then run again without RECORD_SNAPSHOTS."
    } catch {
      return "Could not write snapshot \(url.path): \(error)"
    }
  }
  guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
    return "Missing snapshot \(url.path); run with RECORD_SNAPSHOTS=1 to create it."
  }
  return expected == text ? nil : "Snapshot \(name) differs:\n\(lineDiff(expected: expected, actual: text))"
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
