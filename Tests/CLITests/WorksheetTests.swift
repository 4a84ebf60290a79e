import Foundation
import Testing

/// `mnv2 quiz --print`: the four formats, the same sheet from the same seed, the key only
/// with --answers, and an HTML page that a browser lays out and paginates as intended.
@Suite struct WorksheetTests {
  static func sheet(_ arguments: [String]) throws -> String {
    let run = try BinaryRunner.run(["quiz", "--print"] + arguments, environment: ["LANG": "C.UTF-8"])
    #expect(run.status == 0, "\(arguments): \(run.stderr)")
    return run.stdout
  }

  @Test func theSameSeedPrintsTheSameSheet() throws {
    let first = try Self.sheet(["--count", "12", "--seed", "2018", "--answers"])
    #expect(try Self.sheet(["--count", "12", "--seed", "2018", "--answers"]) == first)
    #expect(try Self.sheet(["--count", "12", "--seed", "2019", "--answers"]) != first)
    #expect(first.contains("Regenerate: mnv2 quiz --print --count 12 --seed 2018"))
  }

  @Test func theKeyIsPrintedOnlyWithAnswers() throws {
    let student = try Self.sheet(["--count", "10", "--seed", "4"])
    let teacher = try Self.sheet(["--count", "10", "--seed", "4", "--answers"])
    #expect(!student.contains("Answer key") && teacher.contains("Answer key"))
    #expect(
      teacher.hasPrefix(
        student.replacingOccurrences(of: "worksheet\n", with: "worksheet with answer key\n")
          .components(separatedBy: "\n10. ")[0]))
  }

  @Test func jsonFollowsTheSchema() throws {
    let text = try Self.sheet(["--count", "9", "--seed", "11", "--format", "json", "--answers"])
    let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(document["schema"] as? String == "mnv2-quiz/1")
    #expect(document["seed"] as? Int == 11 && document["answers_included"] as? Bool == true)
    let questions = try #require(document["questions"] as? [[String: Any]])
    #expect(questions.count == 9)
    #expect(Set(questions.compactMap { $0["kind"] as? String }).count == 9, "nine questions, nine kinds")
    for question in questions {
      for key in ["id", "number", "kind", "title", "prompt", "answer", "hint", "solution"] {
        #expect(question[key] != nil, "\(key) missing in \(question["id"] ?? "?")")
      }
      let answer = try #require(question["answer"] as? [String: Any])
      switch answer["type"] as? String {
      case "count": #expect(answer["value"] is Int && answer["unit"] is String)
      case "shape": #expect(answer["h"] is Int && answer["w"] is Int && answer["c"] is Int)
      case "ratio": #expect(answer["numerator"] is Int && answer["denominator"] is Int)
      case "choice": #expect(answer["index"] is Int && question["options"] is [String])
      default: Issue.record("unknown answer type \(answer)")
      }
      if let model = question["model"] as? [String: Any] {
        #expect(model["architecture"] as? String == "MobileNetV2" && model["width"] is Double)
        #expect((question["target"] as? [String: Any])?["layer"] is String)
      }
    }
    let student = try Self.sheet(["--count", "9", "--seed", "11", "--format", "json"])
    #expect(!student.contains("\"answer\"") && !student.contains("\"solution\""))
  }

  /// Every tag closed in order, every void element known, no raw `<` or `&` in text.
  static func wellFormedProblems(_ html: String) -> [String] {
    let void: Set<String> = ["meta", "br", "hr", "img", "link", "input"]
    var stack: [String] = []
    var problems: [String] = []
    var rest = Substring(html)
    guard rest.hasPrefix("<!DOCTYPE html>") else { return ["no doctype"] }
    rest = rest.dropFirst("<!DOCTYPE html>".count)
    while let open = rest.firstIndex(where: { $0 == "<" || $0 == "&" }) {
      if rest[open] == "&" {
        let entity = rest[open...].prefix { $0 != ";" && $0 != " " }
        if entity.count > 10 || !rest[open...].dropFirst(entity.count).hasPrefix(";") {
          problems.append("bare & near \(rest[open...].prefix(20))")
        }
        rest = rest[rest.index(after: open)...]
        continue
      }
      guard let close = rest[open...].firstIndex(of: ">") else { return problems + ["unclosed <"] }
      let tag = rest[rest.index(after: open)..<close]
      rest = rest[rest.index(after: close)...]
      if tag.hasPrefix("/") {
        let name = String(tag.dropFirst())
        if stack.last == name {
          stack.removeLast()
        } else {
          problems.append("</\(name)> closes \(stack.last ?? "nothing")")
        }
      } else {
        let name = String(tag.prefix { $0.isLetter || $0.isNumber }).lowercased()
        if name.isEmpty {
          problems.append("raw < in text")
        } else if !void.contains(name) {
          stack.append(name)
        }
        if name == "style" || name == "script" {
          guard let end = rest.range(of: "</\(name)>") else { return problems + ["unclosed \(name)"] }
          rest = rest[end.lowerBound...]
        }
      }
    }
    if !stack.isEmpty { problems.append("unclosed \(stack)") }
    return problems
  }

  @Test func htmlIsWellFormed() throws {
    let html = try Self.sheet(["--count", "20", "--seed", "2018", "--format", "html", "--answers"])
    #expect(Self.wellFormedProblems(html) == [])
    #expect(html.contains("<meta charset=\"utf-8\">") && html.contains("<html lang=\"en\">"))
    #expect(html.components(separatedBy: "class=\"question\"").count - 1 == 20)
    #expect(html.components(separatedBy: "class=\"answer\"").count - 1 == 20)
    // The checker itself finds what it is for.
    #expect(!Self.wellFormedProblems("<!DOCTYPE html><p><b>x</p></b>").isEmpty)
    #expect(!Self.wellFormedProblems("<!DOCTYPE html><p>a & b</p>").isEmpty)
  }

  @Test func markdownHasEveryQuestionAndStep() throws {
    let markdown = try Self.sheet(["--count", "9", "--seed", "2", "--format", "markdown", "--answers"])
    #expect(markdown.hasPrefix("# MobileNetV2 worksheet with answer key"))
    #expect(markdown.components(separatedBy: "\n### ").count - 1 == 18)
    #expect(markdown.contains("## Answer key"))
  }

  /// Chromium lays the sheet out: every question and answer keeps together on a page, the
  /// key starts a page, and the sheet paginates on both A4 and Letter.
  @Test(ExternalTool.chromiumTrait) func chromiumKeepsEachQuestionOnOnePage() throws {
    let browser = try #require(
      HTMLLayoutTests.chromium, "Chromium is needed: apt-get install chromium (CI does)")
    let folder = try BinaryRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let html = try Self.sheet(["--count", "24", "--seed", "2018", "--format", "html", "--answers"])
    let script = """
      <script>
      window.addEventListener('load', () => {
        const items = [...document.querySelectorAll('li.question, li.answer')];
        const kept = items.filter(e => getComputedStyle(e).breakInside === 'avoid').length;
        const key = getComputedStyle(document.querySelector('section.key')).breakBefore;
        document.body.setAttribute('data-print', `items=${items.length} kept=${kept} key=${key}`);
      });
      </script>
      """
    let dump = try ExternalTool.dumpedDOM(html, script: script, browser: browser, folder: folder)
    let report = try #require(dump.stdout.firstMatch(of: /data-print="items=(\d+) kept=(\d+) key=(\w+)"/))
    #expect(report.1 == "48" && report.2 == "48" && report.3 == "page", "\(report.0)")
    for paper in ["A4", "letter"] {
      let pages = try ExternalTool.printedPages(html, paper: paper, browser: browser, folder: folder)
      #expect(pages >= 3, "\(paper): \(pages) pages for 24 questions and a key")
    }
  }

  @Test(arguments: [
    (["--count", "0"], "--count must be from 1 to 200"),
    (["--count", "201"], "--count must be from 1 to 200"),
    (["--level", "4"], "--level must be 1, 2 or 3"), (["--kinds", "shape,bogus"], "unknown kind 'bogus'"),
    (["--kinds", "shape,shape"], "lists shape twice"), (["--width", "9"], "--width must be from 0.1 to 4"),
    (["--resolution", "8"], "--resolution must be from 32 to 1024"),
    (["--kinds", "\u{1B}[31mred"], "unknown kind '\\x1b[31mred'"),
  ])
  func badFlagsGetOneLine(arguments: [String], message: String) throws {
    let run = try BinaryRunner.run(["quiz", "--print"] + arguments)
    #expect(run.status == 64, "\(arguments): \(run.status)")
    #expect(run.stderr.contains(message), "\(run.stderr)")
    #expect(!run.stderr.contains("\u{1B}"), "a raw escape reached the terminal")
    #expect(run.stdout.isEmpty)
  }

  @Test func theTerminalQuizNeedsATerminal() throws {
    let run = try BinaryRunner.run(["quiz", "--seed", "3"])
    #expect(run.status == 69)
    #expect(
      run.stderr == "mnv2: the quiz needs an interactive terminal; for a worksheet try 'mnv2 quiz --print'\n")
  }

  @Test func sheetOptionsNeedPrint() throws {
    let run = try BinaryRunner.run(["quiz", "--format", "html"])
    #expect(run.status == 64 && run.stderr.contains("go with --print"))
  }
}
