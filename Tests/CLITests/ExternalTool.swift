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

  static let hasMarkdownIt = pythonImports("markdown_it")

  /// Whether python3 is there and can import `module`.
  static func pythonImports(_ module: String) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", "import \(module)"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
  }

  static let hasPython = pythonImports("xml.dom.minidom")

  /// Runs where python3 is (CI installs it), to parse XML with a real parser (expat).
  static var pythonTrait: ConditionTrait {
    .enabled(if: hasPython || inCI, "needs python3 (skipped outside CI)")
  }

  /// Why `document` is not well-formed XML according to expat, or nil when it is.
  static func xmlProblem(_ document: String, folder: String) throws -> String? {
    let path = folder + "/document.xml"
    try document.write(toFile: path, atomically: true, encoding: .utf8)
    let parsed = try BinaryRunner.run(
      ["python3", "-c", "import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])", path],
      executable: URL(fileURLWithPath: "/usr/bin/env"))
    return parsed.status == 0
      ? nil : parsed.stderr.split(separator: "\n").last.map(String.init) ?? "status \(parsed.status)"
  }

  /// Runs where Chromium is, and always in CI, where `#require` then fails without it.
  static var chromiumTrait: ConditionTrait {
    .enabled(
      if: chromium != nil || inCI,
      "needs Chromium: apt-get install chromium fonts-dejavu-core (skipped outside CI)")
  }

  static let chromiumFlags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]

  /// The DOM after headless Chromium has loaded `html` with `script` run at its end, so a
  /// test reads what the script measured from an attribute of the page.
  static func dumpedDOM(
    _ html: String, script: String, browser: String, folder: String, windowSize: String? = nil
  ) throws -> BinaryRunner.Result {
    let checked = folder + "/checked.html"
    try html.replacingOccurrences(of: "</body>", with: script + "\n</body>")
      .write(toFile: checked, atomically: true, encoding: .utf8)
    return try BinaryRunner.run(
      chromiumFlags + ["--user-data-dir=\(folder)/profile"]
        + (windowSize.map { ["--window-size=\($0)"] } ?? [])
        + ["--dump-dom", "file://\(checked)"], environment: ["HOME": folder],
      executable: URL(fileURLWithPath: browser))
  }

  /// Prints `html` to PDF on `paper` (A4 or letter) with headless Chromium and counts the
  /// pages of the PDF; `folder` holds the page, the PDF and Chromium's profile.
  static func printedPages(_ html: String, paper: String, browser: String, folder: String) throws -> Int {
    let page = folder + "/\(paper).html"
    try html.replacingOccurrences(of: "@page {", with: "@page { size: \(paper); ")
      .write(toFile: page, atomically: true, encoding: .utf8)
    let pdf = folder + "/\(paper).pdf"
    let printed = try BinaryRunner.run(
      chromiumFlags + [
        "--user-data-dir=\(folder)/profile", "--no-pdf-header-footer", "--print-to-pdf=\(pdf)",
        "file://\(page)",
      ], environment: ["HOME": folder], executable: URL(fileURLWithPath: browser))
    let data = try #require(FileManager.default.contents(atPath: pdf), "\(paper): \(printed.stderr)")
    let text = String(decoding: data, as: UTF8.self)
    // Chromium's PDF writer spells a page object one of three ways.
    return ["/Type /Page\n", "/Type /Page>>", "/Type /Page "].reduce(0) {
      $0 + text.components(separatedBy: $1).count - 1
    }
  }

  static var markdownItTrait: ConditionTrait {
    .enabled(
      if: hasMarkdownIt || inCI,
      "needs markdown-it-py: apt-get install python3-markdown-it (skipped outside CI)")
  }
}
