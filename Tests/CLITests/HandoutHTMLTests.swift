import Foundation
import Testing

/// `lesson --print --format html`: one page per step, each figure whole and inside the page
/// width of A4 (the narrower of A4 and Letter), printed by headless Chromium on both sizes.
@Suite struct HandoutHTMLTests {
  @Test(arguments: ["teachers", "students"])
  func theHTMLHandoutIsWellFormed(audience: String) throws {
    let run = try BinaryRunner.run(["lesson", "--print", "--format", "html", "--for", audience])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(WorksheetTests.wellFormedProblems(run.stdout) == [])
    #expect(run.stdout.components(separatedBy: "<section class=\"step\">").count - 1 == 10)
    #expect(run.stdout.contains("<section class=\"answers\">") == (audience == "teachers"))
    #expect(run.stdout.contains("<meta charset=\"utf-8\">") && run.stdout.contains("k×k"))
  }

  @Test(ExternalTool.chromiumTrait) func chromiumPutsAStepOnEachPageWithinA4() throws {
    let browser = try #require(
      ExternalTool.chromium, "Chromium is needed: apt-get install chromium (CI does)")
    let folder = try BinaryRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let html = try BinaryRunner.run(["lesson", "--print", "--format", "html"]).stdout
    // A4's width between 15 mm margins is 180 mm = 680 px at 96 px per inch.
    let script = """
      <script>
      window.addEventListener('load', () => {
        const steps = [...document.querySelectorAll('section.step')];
        const breaks = steps.slice(1).filter(s => getComputedStyle(s).breakBefore === 'page').length;
        const wide = [...document.querySelectorAll('pre')].filter(p => p.scrollWidth > p.clientWidth + 1).length;
        const whole = [...document.querySelectorAll('pre')].filter(p => getComputedStyle(p).breakInside === 'avoid').length;
        document.body.setAttribute('data-print', `steps=${steps.length} breaks=${breaks} wide=${wide} whole=${whole}`);
      });
      </script>
      """
    let dump = try ExternalTool.dumpedDOM(
      html, script: script, browser: browser, folder: folder, windowSize: "680,1000")
    let report = try #require(
      dump.stdout.firstMatch(of: /data-print="steps=(\d+) breaks=(\d+) wide=(\d+) whole=(\d+)"/),
      "\(dump.stderr)")
    #expect(report.1 == "10" && report.2 == "9" && report.3 == "0" && report.4 == "10", "\(report.0)")
    for paper in ["A4", "letter"] {
      let pages = try ExternalTool.printedPages(html, paper: paper, browser: browser, folder: folder)
      #expect(pages >= 10, "\(paper): \(pages) pages for 10 steps and the answers")
    }
  }
}
