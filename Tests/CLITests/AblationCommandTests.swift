import Foundation
import Testing

/// `mnv2 ablation` as a user runs it: bad input, a small study end to end, and determinism.
@Suite struct AblationCommandTests {
  @Test(arguments: [
    (["--widths", "0"], "--widths each d must be from 1 to 64, got 0"),
    (["--widths", "65"], "--widths each d must be from 1 to 64, got 65"),
    (["--widths", ""], "--widths expects whole numbers"),
    (["--widths", "2,,3"], "--widths expects whole numbers"),
    (["--widths", "2,x"], "--widths expects whole numbers"),
    (["--widths", "3,3"], "--widths lists 3 twice"),
    (["--seeds", "0"], "--seeds must be from 1 to 1000, got 0"),
    (["--seeds", "1001"], "--seeds must be from 1 to 1000, got 1001"),
    (["--steps", "0"], "--steps must be from 1 to 1000000, got 0"),
    (["--steps", "1000001"], "--steps must be from 1 to 1000000, got 1000001"),
    (["--compare", "nosuch"], "compare"),
    (["--seeds", "1000", "--steps", "1000000"], "this run needs about"),
  ])
  func badInputIsOneLine(arguments: [String], fragment: String) throws {
    let result = try BinaryRunner.run(["ablation"] + arguments)
    #expect(result.status == 64, "\(arguments): \(result.status) \(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    #expect(result.stderr.contains(fragment), "\(result.stderr)")
    #expect(result.stdout.isEmpty)
  }

  /// In a 7-bit locale every symbol of the report has a spelling (the minus of a negative gap
  /// included): no byte above 127 and no "?" standing in for one.
  @Test func asciiLocaleSpellsEverySymbol() throws {
    let result = try BinaryRunner.run(
      ["ablation", "--widths", "2,3", "--seeds", "2", "--steps", "50", "--compare", "both"],
      environment: ["LANG": "C"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.utf8.allSatisfy { $0 < 128 })
    #expect(!result.stdout.contains("?"), "\(result.stdout)")
    #expect(result.stdout.contains("+/-"))
  }

  /// A small study: the JSON has every field the schema names, per-seed accuracies whose
  /// mean and sd are the ones reported, and the same bytes twice.
  @Test func aSmallStudyEndToEnd() throws {
    let arguments = ["ablation", "--widths", "2", "--seeds", "3", "--steps", "60", "--format", "json"]
    let result = try BinaryRunner.run(arguments)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try BinaryRunner.run(arguments).stdout == result.stdout)
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(json["schema"] as? String == "mnv2-ablation/2")
    #expect(json["final_evaluation_steps"] as? [Int] == [50, 60])
    let variants = try #require(json["variants"] as? [[String: Any]])
    #expect(variants.count == 2)
    var perSeed: [[Double]] = []
    for variant in variants {
      let accuracies = try #require(variant["accuracies"] as? [Double])
      #expect(accuracies.count == 3)
      let mean = accuracies.reduce(0, +) / 3
      let sd = (accuracies.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 2).squareRoot()
      #expect(abs((variant["accuracy_mean"] as? Double ?? -1) - mean) < 1e-12)
      #expect(abs((variant["accuracy_sd"] as? Double ?? -1) - sd) < 1e-12)
      // t(0.975, 2) in closed form: q·√(2/(1 − q²)) with q = 0.95, 4.30265…
      let t = 0.95 * (2 / (1 - 0.95 * 0.95)).squareRoot()
      let interval = try #require(variant["accuracy_ci95"] as? [Double])
      #expect(abs(interval[1] - (mean + t * sd / 3.0.squareRoot())) < 1e-9)
      let curve = try #require(variant["curve"] as? [[String: Any]])
      #expect(curve.map { $0["step"] as? Int } == [50, 60])
      #expect(accuracies.allSatisfy { (0...1).contains($0) })
      perSeed.append(accuracies)
    }
    let comparisons = try #require(json["comparisons"] as? [[String: Any]])
    #expect(comparisons.count == 1)
    // The verdict's interval is paired by seed: the mean of the three per-seed differences
    // and t(0.975, 2) · their sd / √3, worked here from the accuracies the JSON gives.
    let t = 0.95 * (2 / (1 - 0.95 * 0.95)).squareRoot()
    let differences = (0..<3).map { perSeed[0][$0] - perSeed[1][$0] }
    let mean = differences.reduce(0, +) / 3
    let sd = (differences.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 2).squareRoot()
    let paired = try #require(comparisons[0]["difference_ci95"] as? [Double])
    #expect(abs(paired[0] - (mean - t * sd / 3.0.squareRoot())) < 1e-9)
    #expect(abs(paired[1] - (mean + t * sd / 3.0.squareRoot())) < 1e-9)
    #expect((comparisons[0]["welch_difference_ci95"] as? [Double])?.count == 2)
    #expect(
      ["paper-ahead", "other-ahead", "within-uncertainty"].contains(
        comparisons[0]["outcome"] as? String ?? ""))
  }

  @Test func textHasTheTableVerdictsAndCharts() throws {
    let result = try BinaryRunner.run(
      ["ablation", "--compare", "both", "--widths", "2", "--seeds", "2", "--steps", "50"])
    #expect(result.status == 0, "\(result.stderr)")
    for fragment in [
      "Figure 6a: the projection's activation", "Figure 6b: where the shortcut joins", "Verdicts", "d = 2: ",
      "100% |", "50 steps",
    ] {
      #expect(result.stdout.contains(fragment), "missing \(fragment)")
    }
  }
}
