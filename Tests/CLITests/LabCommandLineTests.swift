import Foundation
import Testing

/// The lab on screen names the command that prints its numbers (it runs 400 points, the
/// README's `mnv2 lab` line 2000), and that command prints the same numbers.
@Suite struct LabCommandLineTests {
  @Test func theScreensCommandPrintsTheScreensNumbers() throws {
    let screen = try BinaryRunner.run([
      "export", "--view", "lesson", "--step", "3", "--keys", "v", "--size", "160x50", "--format", "txt",
      "--output", "-",
    ])
    #expect(screen.status == 0)
    let line = try #require(screen.stdout.components(separatedBy: "\n").first { $0.contains("= mnv2 lab ") })
    let command = try #require(line.split(separator: "=").last?.split(separator: "(").first)
    let arguments = command.split(separator: " ").dropFirst().map(String.init)
    #expect(arguments == ["lab", "--width", "0.35", "--block", "1", "--k", "4", "--points", "400"])
    for (activation, panel) in [("linear", 0), ("relu6", 1)] {
      let lab = try BinaryRunner.run(arguments + ["--activation", activation])
      #expect(lab.status == 0, "\(lab.stderr)")
      let row = try #require(
        lab.stdout.components(separatedBy: "\n").first { $0.hasPrefix("collapsed fraction") })
      let collapsed = try #require(row.split(separator: " ").first { $0.hasSuffix("%") })
      let r2 = try #require(
        lab.stdout.components(separatedBy: "\n").first { $0.hasPrefix("recoverability R²") }?.split(
          separator: " "
        )
        .last)
      // The screen's two panels: "collapsed X% · ReLU prediction …" and "R² Y · neighbours …".
      let collapsedOnScreen = screen.stdout.components(separatedBy: "collapsed ").dropFirst().map {
        String($0.prefix { $0 != " " })
      }
      let r2OnScreen = screen.stdout.components(separatedBy: "R² ").dropFirst().map {
        String($0.prefix { $0 != " " })
      }
      #expect(collapsedOnScreen.count >= 2 && collapsedOnScreen[panel] == String(collapsed), "\(activation)")
      #expect(
        r2OnScreen.count >= 2 && r2OnScreen[panel] == String(r2), "\(activation): \(r2OnScreen) vs \(r2)")
    }
  }
}
