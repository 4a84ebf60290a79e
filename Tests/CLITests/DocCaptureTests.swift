import Foundation
import Testing

/// Every screen captured in README.md and docs/ is what the binary draws now.
///
/// A capture is a marker naming the `mnv2` arguments, then a ```text block:
///
///     <!-- capture: export --view manifold --size 80x24 -->
///
/// The test runs `mnv2 <arguments> --format txt` and compares. A picture is a marker, then
/// a Markdown image of an SVG the same arguments write:
///
///     <!-- picture: export --view manifold --size 120x40 --theme light -->
///     ![…](docs/images/figure1.svg)
///
/// `scripts/update-doc-captures.sh` (UPDATE_DOC_CAPTURES=1) rewrites them, and the run
/// fails on purpose so the new captures get read before they are committed.
@Suite struct DocCaptureTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static var documents: [URL] {
    let docs = root.appendingPathComponent("docs")
    let pages = (try? FileManager.default.contentsOfDirectory(atPath: docs.path)) ?? []
    return [root.appendingPathComponent("README.md")]
      + pages.filter { $0.hasSuffix(".md") }.sorted().map { docs.appendingPathComponent($0) }
  }

  static let updating = ProcessInfo.processInfo.environment["UPDATE_DOC_CAPTURES"].map { $0 == "1" } ?? false

  /// Runs `mnv2 arguments` writing `format` to a temporary file, and returns what it wrote.
  static func render(_ arguments: String, format: String) throws -> String {
    let folder = try BinaryRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let output = folder + "/capture"
    let words = arguments.split(separator: " ").map(String.init)
    let result = try BinaryRunner.run(words + ["--format", format, "--output", output])
    guard result.status == 0 else { throw CaptureError(message: "mnv2 \(arguments): \(result.stderr)") }
    return try String(contentsOfFile: output, encoding: .utf8)
  }

  struct CaptureError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
  }

  @Test func everyCaptureMatchesTheBinary() throws {
    var captures = 0
    for document in Self.documents {
      let text = try String(contentsOf: document, encoding: .utf8)
      var lines = text.components(separatedBy: "\n")
      var index = 0
      var changed = false
      while index < lines.count {
        let line = lines[index]
        let capture = Self.marker("capture", in: line)
        let output = Self.marker("output", in: line)
        if let arguments = capture ?? output {
          captures += 1
          let expected = try capture != nil ? Self.render(arguments, format: "txt") : Self.output(arguments)
          let body = expected.hasSuffix("\n") ? String(expected.dropLast()) : expected
          guard index + 1 < lines.count, lines[index + 1] == "```text",
            let close = lines[(index + 2)...].firstIndex(of: "```")
          else {
            Issue.record(
              Comment(rawValue: "\(document.lastPathComponent): '\(arguments)' needs a text block after it"))
            index += 1
            continue
          }
          let current = lines[(index + 2)..<close].joined(separator: "\n")
          if current != body {
            if Self.updating {
              lines.replaceSubrange((index + 2)..<close, with: body.components(separatedBy: "\n"))
              changed = true
            } else {
              let message =
                "\(document.lastPathComponent): the capture of 'mnv2 \(arguments)' drifted from the binary; "
                + "run scripts/update-doc-captures.sh and read the result"
              Issue.record(Comment(rawValue: message))
            }
          }
        } else if let arguments = Self.marker("picture", in: line) {
          captures += 1
          guard index + 1 < lines.count, let path = Self.imagePath(lines[index + 1]) else {
            Issue.record("\(document.lastPathComponent): picture '\(arguments)' needs an image line after it")
            index += 1
            continue
          }
          let file = document.deletingLastPathComponent().appendingPathComponent(path)
          let expected = try Self.render(arguments, format: "svg")
          let current = try? String(contentsOf: file, encoding: .utf8)
          if current != expected {
            if Self.updating {
              try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
              try expected.write(to: file, atomically: true, encoding: .utf8)
              Issue.record("rewrote \(path); look at it before committing")
            } else {
              Issue.record("\(path) drifted from 'mnv2 \(arguments)'; run scripts/update-doc-captures.sh")
            }
          }
        }
        index += 1
      }
      if changed {
        try lines.joined(separator: "\n").write(to: document, atomically: true, encoding: .utf8)
        Issue.record("rewrote the captures in \(document.lastPathComponent); read them before committing")
      }
    }
    #expect(captures >= 6, "README and docs/ hold at least six captures")
  }

  /// "<!-- capture: export --view network -->" → "export --view network"; "output" markers
  /// may say how many lines the excerpt keeps: "<!-- output lines=12: layers -->".
  static func marker(_ kind: String, in line: String) -> String? {
    let suffix = " -->"
    guard line.hasSuffix(suffix) else { return nil }
    for prefix in ["<!-- \(kind): ", "<!-- \(kind) lines="] where line.hasPrefix(prefix) {
      let rest = line.dropFirst(prefix.count).dropLast(suffix.count)
      return prefix.hasSuffix("=") ? "lines=" + rest : String(rest)
    }
    return nil
  }

  /// What `mnv2 arguments` prints on stdout, or its first N lines for "lines=N: arguments".
  static func output(_ marker: String) throws -> String {
    var arguments = marker, limit: Int?
    if marker.hasPrefix("lines="), let colon = marker.firstIndex(of: ":") {
      limit = Int(marker[marker.index(marker.startIndex, offsetBy: 6)..<colon])
      arguments = String(marker[marker.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
    }
    let result = try BinaryRunner.run(arguments.split(separator: " ").map(String.init))
    guard result.status == 0 else { throw CaptureError(message: "mnv2 \(arguments): \(result.stderr)") }
    guard let limit else { return result.stdout }
    return result.stdout.split(separator: "\n", omittingEmptySubsequences: false).prefix(limit)
      .joined(separator: "\n") + "\n"
  }

  /// "![Figure 1](docs/images/figure1.svg)" → "docs/images/figure1.svg".
  static func imagePath(_ line: String) -> String? {
    guard let open = line.firstIndex(of: "("), line.hasPrefix("!["), line.hasSuffix(")") else { return nil }
    return String(line[line.index(after: open)..<line.index(before: line.endIndex)])
  }
}
