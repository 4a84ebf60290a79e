import Foundation
import Testing

@Suite struct ManifoldCommandTests {
  func expectUsageError(_ arguments: [String], mentioning fragment: String) throws {
    let result = try BinaryRunner.run(["manifold"] + arguments)
    #expect(result.status == 64, "\(arguments): \(result.status) \(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
    #expect(result.stderr.contains(fragment), "\(arguments): \(result.stderr)")
    #expect(result.stdout.isEmpty)
  }

  @Test(arguments: ["", "0", "1", "-3", "two", "2,2", "5000", "2,,3"])
  func badDims(value: String) throws {
    try expectUsageError(["--dims", value], mentioning: "--dims")
  }

  @Test(arguments: ["0", "10000001", "-5"])
  func badPoints(value: String) throws {
    try expectUsageError(["--points", value], mentioning: "--points")
  }

  @Test(arguments: ["-1", "abc", "1.5", "99999999999999999999999"])
  func badSeed(value: String) throws {
    try expectUsageError(["--seed", value], mentioning: "--seed")
  }

  @Test func tooFewColumns() throws {
    try expectUsageError(["--columns", "10"], mentioning: "--columns")
  }

  @Test func zeroTrials() throws {
    try expectUsageError(["--trials", "0"], mentioning: "--trials")
  }

  @Test func jsonHasTheDocumentedFields() throws {
    let result = try BinaryRunner.run(["manifold", "--format", "json", "--trials", "3", "--points", "300"])
    #expect(result.status == 0)
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    for key in ["activation", "seed", "points", "trials", "panels"] {
      #expect(document[key] != nil, "\(key)")
    }
    let panels = try #require(document["panels"] as? [[String: Any]])
    #expect(panels.map { $0["n"] as? Int } == [2, 3, 5, 15, 30])
    for key in [
      "collapsed_fraction", "relu_theory", "activation_theory", "aligned_error", "zeroed_share",
      "collapsed_fraction_sd",
      "aligned_error_sd", "zeroed_share_sd",
    ] {
      #expect(panels.allSatisfy { $0[key] is Double }, "\(key)")
    }
  }

  /// One name, one meaning: with a linear activation the screen's thy is still the ReLU
  /// yardstick (75% at n = 2), and so is `relu_theory`; `activation_theory` is linear's 0.
  /// Before, JSON's `collapsed_fraction_theory` gave 0 where the screen said 75%.
  @Test(arguments: ["json", "csv"])
  func theoryColumnsMeanOneThingEach(format: String) throws {
    let n = [2, 3, 5, 15, 30]
    // Theorem 1 by hand, (1 + n)/2^n.
    let relu = n.map { Double(1 + $0) / Double(1 << $0) }
    for activation in ["linear", "relu", "relu6"] {
      let result = try BinaryRunner.run(["manifold", "--activation", activation, "--format", format])
      #expect(result.status == 0, "\(result.stderr)")
      var reluColumn: [Double] = [], activationColumn: [Double] = []
      if format == "json" {
        let document = try #require(
          try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let panels = try #require(document["panels"] as? [[String: Any]])
        reluColumn = panels.compactMap { $0["relu_theory"] as? Double }
        activationColumn = panels.compactMap { $0["activation_theory"] as? Double }
        #expect((document["activation_theory_meaning"] as? String)?.isEmpty == false)
      } else {
        let rows = result.stdout.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        let header = rows[0]
        let reluIndex = try #require(header.firstIndex(of: "relu_theory"))
        let activationIndex = try #require(header.firstIndex(of: "activation_theory"))
        reluColumn = rows.dropFirst().compactMap { Double($0[reluIndex]) }
        activationColumn = rows.dropFirst().compactMap { Double($0[activationIndex]) }
      }
      #expect(reluColumn == relu, "\(activation) \(format)")
      #expect(
        activationColumn == (activation == "linear" ? n.map { _ in 0 } : relu), "\(activation) \(format)")
    }
    let screen = try BinaryRunner.run(["manifold", "--activation", "linear"])
    #expect(screen.stdout.contains("thy 75.0%") || screen.stdout.contains("75.0%"))
  }

  /// A text figure too large to be worth printing is refused before any work, with its
  /// size: 799 panels at 2,000 columns were 184 MB of text and 2.75 GB of memory in 28 s.
  /// 3 panels a row of 666 columns, 332 plot rows + 4: 2,000 · 267 · 336 cells.
  @Test func aHugeTextFigureIsRefusedUpFront() throws {
    let started = Date()
    let dims = (2...800).map(String.init).joined(separator: ",")
    let result = try BinaryRunner.run(["manifold", "--points", "2000", "--dims", dims, "--columns", "2000"])
    #expect(result.status == 64)
    let cells = 2000 * ((800 + 2) / 3) * (332 + 4)
    #expect(
      result.stderr.hasPrefix(
        "mnv2: error: the text figure would be \(cells.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))) cells"
      ),
      "\(result.stderr)")
    #expect(result.stdout.isEmpty && Date().timeIntervalSince(started) < 10)
    // As JSON the same run is allowed: it is the panels' points, not cells.
    let json = try BinaryRunner.run([
      "manifold", "--points", "200", "--dims", dims, "--columns", "2000", "--format", "json",
    ])
    #expect(json.status == 0, "\(json.stderr)")
  }

  @Test func sameSeedSameBytes() throws {
    let arguments = ["manifold", "--seed", "7", "--columns", "120", "--color", "always"]
    let first = try BinaryRunner.run(arguments), second = try BinaryRunner.run(arguments)
    #expect(first.status == 0)
    #expect(first.stdout == second.stdout)
    #expect(first.stdout.contains("\u{1B}[0;38;5;"))  // coloured by position along the spiral
  }

  @Test func asciiLocaleIsSevenBit() throws {
    let result = try BinaryRunner.run(["manifold", "--columns", "100"], environment: ["LANG": "C"])
    #expect(result.status == 0)
    #expect(result.stdout.utf8.allSatisfy { $0 < 128 })
    #expect(result.stdout.contains("n = 30"))
  }

  @Test func noColorWhenNotATerminal() throws {
    let result = try BinaryRunner.run(["manifold", "--columns", "80"])
    #expect(!result.stdout.contains("\u{1B}"))
  }
}

@Suite struct ManifoldDeterminismTests {
  /// Two processes with different environments (terminal width, locale, a parallel lab
  /// run in between) must print the same bytes for the same seed: nothing may depend on
  /// addresses, time, thread scheduling or the environment.
  @Test func sameSeedIsByteIdenticalAcrossProcesses() throws {
    let arguments = ["manifold", "--seed", "3", "--points", "3000", "--trials", "3", "--format", "json"]
    let first = try BinaryRunner.run(arguments, environment: ["COLUMNS": "80"])
    _ = try BinaryRunner.run(["lab", "--block", "8", "--trials", "4", "--points", "300"])
    let second = try BinaryRunner.run(arguments, environment: ["COLUMNS": "200", "LANG": "C"])
    #expect(first.status == 0 && second.status == 0)
    #expect(first.stdout == second.stdout)
    let other = try BinaryRunner.run(["manifold", "--seed", "4", "--points", "3000", "--format", "json"])
    #expect(other.stdout != first.stdout)
    // And the lab, whose kernels split work over the cores.
    let lab = ["lab", "--block", "17", "--k", "3", "--trials", "3", "--points", "500", "--format", "json"]
    #expect(try BinaryRunner.run(lab).stdout == BinaryRunner.run(lab).stdout)
  }
}

@Suite struct ManifoldPlainTextTests {
  /// `--style ascii` in a UTF-8 locale: every byte 7-bit, so the figure pastes anywhere.
  @Test func styleAsciiIsSevenBitInAUTF8Locale() throws {
    let result = try BinaryRunner.run(["manifold", "--style", "ascii", "--columns", "100"])
    #expect(result.status == 0)
    #expect(result.stdout.utf8.allSatisfy { $0 < 128 })
    #expect(result.stdout.contains("T+") && result.stdout.contains("+- Input -"))
  }

  /// The explorer's Figure 1 and `mnv2 manifold` give the same numbers for the same seed,
  /// as the screen promises ("= mnv2 manifold --activation relu --seed N").
  @Test(arguments: [("1", ""), ("4242", "b")])
  func explorerAndCommandAgree(seed: String, keys: String) throws {
    let folder = try BinaryRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let screenPath = folder + "/screen.txt"
    var export = ["export", "--view", "manifold", "--seed", seed, "--size", "120x40", "--format", "txt"]
    if !keys.isEmpty { export += ["--keys", keys] }
    #expect(try BinaryRunner.run(export + ["--output", screenPath]).status == 0)
    let screen = try String(contentsOfFile: screenPath, encoding: .utf8)
    let activation = keys.isEmpty ? "relu" : "linear"
    #expect(screen.contains("= mnv2 manifold --activation \(activation) --seed \(seed)"))
    let csv = try BinaryRunner.run([
      "manifold", "--activation", activation, "--seed", seed, "--format", "csv",
    ])
    let rows = csv.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
    #expect(rows.count == 5)
    for row in rows {
      let collapsed = Double(row[1])! * 100
      let shown = "coll " + Self.fixed(collapsed) + "%"
      #expect(screen.contains(shown), "n = \(row[0]): \(shown) not on screen")
    }
  }

  /// One decimal, rounded half away from zero, as the screen prints it.
  static func fixed(_ value: Double) -> String {
    let tenths = (value * 10).rounded(.toNearestOrAwayFromZero)
    return String(Int(tenths) / 10) + "." + String(Int(tenths) % 10)
  }
}
