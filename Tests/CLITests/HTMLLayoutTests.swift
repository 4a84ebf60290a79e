import Foundation
import Testing

/// The HTML export in a real browser: headless Chromium lays the page out, and a script
/// measures where every cell of every row starts. Braille and box-drawing glyphs come from
/// fallback fonts of their own widths, so without one-column cells the rows drift apart
/// (56.8 px on the Manifold screen before the fix). CI installs Chromium.
@Suite(ExternalTool.chromiumTrait) struct HTMLLayoutTests {
  static var chromium: String? { ExternalTool.chromium }

  /// Columns line up when no cell starts more than a pixel from the same column of row 1.
  @Test(arguments: [
    ["--view", "manifold", "--size", "120x40"], ["--view", "block", "--block", "16", "--size", "110x46"],
    ["--view", "lesson", "--step", "2", "--size", "80x24"],
    ["--view", "network", "--keys", "?", "--size", "80x24"],
  ])
  func columnsLineUpInChromium(screen: [String]) throws {
    let browser = try #require(Self.chromium, "Chromium is needed: apt-get install chromium (CI does)")
    let folder = try BinaryRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let page = folder + "/screen.html"
    let export = try BinaryRunner.run(["export"] + screen + ["--format", "html", "--output", page])
    #expect(export.status == 0, "\(export.stderr)")
    let html = try String(contentsOfFile: page, encoding: .utf8)
    let measured = folder + "/measured.html"
    try html.replacingOccurrences(of: "</body>", with: Self.measuringScript + "\n</body>")
      .write(toFile: measured, atomically: true, encoding: .utf8)
    let run = try BinaryRunner.run(
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(folder)/profile",
        "--dump-dom", "file://\(measured)",
      ], environment: ["HOME": folder], executable: URL(fileURLWithPath: browser))
    let report = try #require(
      run.stdout.firstMatch(of: /data-layout="cells=(\d+) worst=([0-9.]+)"/), "no measurement: \(run.stderr)")
    let cells = Int(report.1) ?? 0, worst = Double(report.2) ?? .infinity
    #expect(cells >= 80 * 24, "\(screen): only \(cells) cells measured")
    #expect(worst < 1.0, "\(screen): a cell starts \(worst) px away from its column")
  }

  /// Walks the <pre>, one entry per cell (an ASCII character, or an <i> box), and stores in
  /// the body's data-layout the largest distance of a cell's left edge from row 1's.
  static let measuringScript = """
    <script>
    window.addEventListener('load', () => {
      const rows = [[]];
      const walk = (node) => {
        for (const child of node.childNodes) {
          if (child.nodeType === 3) {
            for (let i = 0; i < child.data.length; i++) {
              if (child.data[i] === '\\n') rows.push([]); else rows[rows.length - 1].push([child, i]);
            }
          } else if (child.tagName === 'I') {
            rows[rows.length - 1].push([child, -1]);
          } else walk(child);
        }
      };
      walk(document.querySelector('pre'));
      const left = ([node, i]) => {
        if (i < 0) return node.getBoundingClientRect().left;
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        return range.getBoundingClientRect().left;
      };
      const reference = rows[0].map(left);
      let worst = 0, cells = 0;
      for (const row of rows) row.forEach((cell, column) => {
        if (column < reference.length) { worst = Math.max(worst, Math.abs(left(cell) - reference[column])); cells++; }
      });
      document.body.setAttribute('data-layout', 'cells=' + cells + ' worst=' + worst.toFixed(2));
    });
    </script>
    """
}
