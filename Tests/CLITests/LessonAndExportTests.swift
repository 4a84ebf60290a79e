import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite struct LessonCommandTests {
  /// In a 7-bit locale every byte is ASCII; in a UTF-8 one the prose keeps its symbols.
  @Test func printWritesEveryStepInASCII() throws {
    let result = try BinaryRunner.run(["lesson", "--print"], environment: ["LANG": "C"])
    #expect(result.status == 0)
    #expect(result.stdout.utf8.allSatisfy { $0 < 128 })
    let utf8 = try BinaryRunner.run(["lesson", "--print"])
    #expect(utf8.stdout.contains("costs h·w·d_i·d_j·k²"), "the prose stayed 7-bit in UTF-8")
    for step in 1...10 { #expect(result.stdout.contains("Step \(step) / 10: ")) }
    #expect(result.stdout.contains("b2: d_i = 16 -> d_j = 24 at 56x56"))
  }

  /// Step 9's handout carries Figure 6 trained: the chart and bars of the Ablation view,
  /// then the tables and verdicts, line for line those of `mnv2 ablation --compare both`.
  @Test func theAblationStepCarriesTheTrainedFigure() throws {
    let handout = try BinaryRunner.run(["lesson", "--print", "--step", "9"], environment: ["LANG": "C"])
    #expect(handout.status == 0, "\(handout.stderr)")
    #expect(handout.stdout.contains("Figure 6a in miniature"))
    #expect(handout.stdout.contains("All 100 runs trained"))
    let report = try BinaryRunner.run(["ablation", "--compare", "both"], environment: ["LANG": "C"])
    #expect(report.status == 0, "\(report.stderr)")
    let start = try #require(report.stdout.range(of: "Figure 6a: the projection's activation"))
    let end = try #require(report.stdout.range(of: "Figure 6a, d = 2: test accuracy"))
    let tables = report.stdout[start.lowerBound..<end.lowerBound].trimmingCharacters(
      in: .whitespacesAndNewlines)
    // The handout wraps the verdicts to its width: compared word by word.
    func words(_ text: some StringProtocol) -> String {
      text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
    #expect(words(handout.stdout).contains(words(tables)), "the handout's tables differ from mnv2 ablation's")
    #expect(
      handout.stdout.split(separator: "\n").allSatisfy { $0.count <= 100 }, "a line wider than --columns")
  }

  @Test func printAsMarkdown() throws {
    let result = try BinaryRunner.run(["lesson", "--print", "--format", "markdown"])
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("# MobileNetV2 in 10 steps"))
    #expect(result.stdout.components(separatedBy: "\n## Step ").count == 11)
    #expect(result.stdout.components(separatedBy: "```").count == 21)  // 10 fenced visuals
  }

  /// Rendered by a real CommonMark renderer (markdown-it-py, which CI installs), every
  /// formula reads as written: in a code span, with no stray emphasis. In a UTF-8 locale the
  /// handout is UTF-8 (it was 7-bit ASCII everywhere: kxk, T+, sec. 3.2); in the C locale it
  /// is ASCII, with products as * and separators as |.
  @Test(ExternalTool.markdownItTrait, arguments: ["C.UTF-8", "C"])
  func markdownHandoutRendersFormulasAsWritten(locale: String) throws {
    let handout = try BinaryRunner.run(
      ["lesson", "--print", "--format", "markdown"], environment: ["LANG": locale])
    #expect(handout.status == 0)
    let source = try BinaryRunner.temporaryFile(handout.stdout, name: "handout.md")
    let script = """
      import sys
      try:
          from markdown_it import MarkdownIt
      except ImportError:
          sys.exit("markdown-it-py is missing: python3 -m pip install markdown-it-py")
      print(MarkdownIt("commonmark").enable("table").render(open(sys.argv[1], encoding="utf-8").read()))
      """
    let rendered = try BinaryRunner.run(
      ["python3", "-c", script, source], executable: URL(fileURLWithPath: "/usr/bin/env"))
    #expect(rendered.status == 0, "\(rendered.stderr)")
    let html = rendered.stdout
    #expect(!html.contains("<em>") && !html.contains("<strong>"), "emphasis where none was written")
    let utf8 = locale == "C.UTF-8"
    let formulas =
      utf8
      ? ["h·w·d_i·d_j·k²", "h·w·d_i·(k²+d_j)", "k²d_j/(k²+d_j)", "(1 + n)/2ⁿ"]
      : ["h*w*d_i*d_j*k^2", "h*w*d_i*(k^2+d_j)", "k^2d_j/(k^2+d_j)", "(1 + n)/2^n"]
    for formula in formulas {
      #expect(html.contains("<code>\(formula)</code>") || html.contains(formula), "\(formula)")
    }
    #expect(html.contains("<code>\(formulas[0])</code>"))
    // A code span never opens or closes inside a formula that spans words.
    #expect(html.contains(formulas[3]))
    #expect(!html.contains("<code>n)/2") && !handout.stdout.contains("`n)/2"))
    if utf8 {
      #expect(handout.stdout.contains("k×k") && handout.stdout.contains("§3.2"), "still 7-bit in UTF-8")
    } else {
      let allASCII = handout.stdout.unicodeScalars.allSatisfy { $0.isASCII }
      #expect(allASCII)
      #expect(!handout.stdout.contains(" * 10 seeds"), "a separator that reads as a product")
    }
  }

  /// A lesson written in another script keeps its characters in the text handout where the
  /// locale is UTF-8 (every one was "?"), and becomes 7-bit only in a 7-bit locale; the figures
  /// stay ASCII either way.
  @Test(arguments: ["C.UTF-8", "C"])
  func textHandoutsKeepTheLessonsScript(locale: String) throws {
    let folder = try BinaryRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try "title: 深度可分离卷积\nvisual: architecture\n---\n标准卷积同时混合空间和通道 (k×k).\n".write(
      toFile: folder + "/01.lesson", atomically: true, encoding: .utf8)
    let handout = try BinaryRunner.run(
      ["lesson", "--print", "--lessons", folder], environment: ["LANG": locale])
    #expect(handout.status == 0, "\(handout.stderr)")
    if locale == "C.UTF-8" {
      #expect(
        handout.stdout.contains("Step 1 / 1: 深度可分离卷积") && handout.stdout.contains("标准卷积同时混合空间和通道 (k×k)."))
      let figure = handout.stdout.split(separator: "\n").filter {
        $0.contains("bottleneck") || $0.contains("conv2d")
      }
      #expect(!figure.isEmpty && figure.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) }, "\(figure)")
    } else {
      #expect(handout.stdout.unicodeScalars.allSatisfy(\.isASCII) && handout.stdout.contains("(kxk)."))
    }
  }

  /// Paper has no keys and no bold: a printed handout gives neither instructions to press
  /// anything nor a legend of formatting it lacks.
  @Test(arguments: ["text", "markdown"])
  func printedHandoutsHaveNoInteractiveInstructions(format: String) throws {
    let result = try BinaryRunner.run(["lesson", "--print", "--format", format])
    #expect(result.status == 0)
    let hints = [
      "Press ", "press ", "j/k", "linear (b)", "ReLU6 (b)", "(t)", "+/- k", "(+/-, x)", "bold:", "w/W",
    ]
    for phrase in hints + ["(s: another)", "Enter:", "· b: ", "- b: "] {
      #expect(!result.stdout.contains(phrase), "\(format) handout says \"\(phrase)\"")
    }
  }

  @Test(arguments: ["0", "11", "-1", "x"])
  func unknownStep(value: String) throws {
    let result = try BinaryRunner.run(["lesson", "--print", "--step", value])
    #expect(result.status == 64, "\(value): \(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count == 1)
    #expect(result.stderr.contains("step"))
  }

  @Test func missingLessonsFolder() throws {
    let result = try BinaryRunner.run(["lesson", "--print", "--lessons", "/nonexistent/lessons"])
    #expect(result.status == 65)
    #expect(result.stderr == "mnv2: error: /nonexistent/lessons: no such lesson folder\n")
  }

  @Test func emptyLessonsFolder() throws {
    let folder = try BinaryRunner.temporaryFolder()
    let result = try BinaryRunner.run(["lesson", "--print", "--lessons", folder])
    #expect(result.status == 65)
    #expect(result.stderr.contains("no .lesson files"))
  }

  @Test func malformedLessonNamesFileAndLine() throws {
    let folder = try BinaryRunner.temporaryFolder()
    try "title: Mine\nvisual: memory\n---\nFine.\n".write(
      toFile: folder + "/01-ok.lesson", atomically: true, encoding: .utf8)
    try "title: Broken\nvisual: hologram\n---\nText.\n".write(
      toFile: folder + "/02-broken.lesson", atomically: true, encoding: .utf8)
    let result = try BinaryRunner.run(["lesson", "--print", "--lessons", folder])
    #expect(result.status == 65)
    #expect(result.stderr.hasPrefix("mnv2: error: \(folder)/02-broken.lesson:2: unknown visual \"hologram\""))
    #expect(result.stderr.split(separator: "\n").count == 1)
  }

  @Test func teachersOwnStepsReplaceTheBundledOnes() throws {
    let folder = try BinaryRunner.temporaryFolder()
    try "title: Only step\nvisual: block-cost\n---\nOur own words.\n".write(
      toFile: folder + "/a.lesson", atomically: true, encoding: .utf8)
    let result = try BinaryRunner.run(["lesson", "--print", "--lessons", folder])
    #expect(result.status == 0)
    #expect(result.stdout.contains("Step 1 / 1: Only step"))
    #expect(result.stdout.contains("Our own words."))
  }
}

@Suite struct ExportCommandTests {
  @Test func textEqualsTheScreen() throws {
    let folder = try BinaryRunner.temporaryFolder()
    let path = folder + "/net.txt"
    let result = try BinaryRunner.run(["export", "--view", "network", "--format", "txt", "--output", path])
    #expect(result.status == 0, "\(result.stderr)")
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 31)  // 30 rows and the final newline
    #expect(text.contains(" 2 bottleneck  112×112×16 → 56×56×24"))
    #expect(!text.contains("\u{1B}"))
  }

  @Test func svgIsWellFormedXMLWithColour() throws {
    let folder = try BinaryRunner.temporaryFolder()
    let path = folder + "/block.svg"
    let result = try BinaryRunner.run([
      "export", "--view", "block", "--block", "7", "--format", "svg", "--output", path,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    let parser = XMLParser(data: data)
    #expect(parser.parse(), "\(String(describing: parser.parserError))")
    let svg = String(decoding: data, as: UTF8.self)
    #expect(svg.contains("monospace"))
    #expect(svg.contains("fill=\"#"))
    #expect(svg.contains("b7 · bottleneck"))
  }

  @Test func htmlAndAnsiKeepColour() throws {
    let folder = try BinaryRunner.temporaryFolder()
    for (format, marker) in [("html", "<span style=\"color:#"), ("ansi", "\u{1B}[0;")] {
      let path = folder + "/lesson.\(format)"
      let result = try BinaryRunner.run([
        "export", "--view", "lesson", "--step", "3", "--format", format, "--output", path,
      ])
      #expect(result.status == 0, "\(result.stderr)")
      let text = try String(contentsOfFile: path, encoding: .utf8)
      #expect(text.contains(marker), "\(format)")
      #expect(text.contains("Step 3 / 10"))
    }
  }

  @Test func refusesToOverwriteWithoutForce() throws {
    let folder = try BinaryRunner.temporaryFolder()
    let path = folder + "/keep.txt"
    try "precious".write(toFile: path, atomically: true, encoding: .utf8)
    let refused = try BinaryRunner.run(["export", "--view", "manifold", "--format", "txt", "--output", path])
    #expect(refused.status == 73)
    #expect(refused.stderr == "mnv2: error: \(path) exists; use --force to replace it\n")
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "precious")
    let forced = try BinaryRunner.run([
      "export", "--view", "manifold", "--format", "txt", "--output", path, "--force",
    ])
    #expect(forced.status == 0)
    #expect(try String(contentsOfFile: path, encoding: .utf8).contains("Figure 1"))
    // The temporary file of the atomic write is gone.
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["keep.txt"])
  }

  @Test(arguments: ["/nonexistent-folder/out.svg", "/proc/version/out.svg", "/tmp"])
  func unwritablePathIsOneLine(path: String) throws {
    let result = try BinaryRunner.run(["export", "--view", "network", "--format", "svg", "--output", path])
    #expect(result.status == 73, "\(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count == 1)
    #expect(result.stderr.hasPrefix("mnv2: error: cannot write \(path)"))
  }

  @Test func readOnlyFolder() throws {
    let result = try BinaryRunner.run([
      "export", "--view", "network", "--format", "txt", "--output", "/proc/mnv2.txt",
    ])
    #expect(result.status == 73, "\(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count == 1)
  }

  @Test(arguments: [["--size", "10x10"], ["--size", "wide"], ["--block", "99"]])
  func badArguments(extra: [String]) throws {
    let result = try BinaryRunner.run(
      ["export", "--view", "network", "--format", "txt", "--output", "/tmp/unused.txt"] + extra)
    #expect(result.status == 64, "\(extra): \(result.stderr)")
  }
}
