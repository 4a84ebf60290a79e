import Foundation
import Testing

/// `mnv2 profile` as a user runs it: the bounds, and the figures it prints beside the ones
/// `mnv2 layers` counts.
@Suite struct ProfileCommandTests {
  @Test func outOfRangeFlagsAreUsageErrors() throws {
    for (flag, value) in [
      ("--runs", "0"), ("--runs", "10001"), ("--threads", "0"), ("--threads", "257"), ("--batch", "0"),
      ("--batch", "65"), ("--warmup", "-1"),
    ] {
      try expectOneLineError(["profile", flag, value], status: 64, mentioning: flag)
    }
    try expectOneLineError(["profile", "--runs", "many"], status: 64, mentioning: "runs")
  }

  @Test func workBeyondTheLimitIsRefusedWithItsEstimate() throws {
    try expectOneLineError(
      ["profile", "--width", "8", "--resolution", "2048"], status: 65, mentioning: "MAdds, about")
    try expectOneLineError(
      ["profile", "--resolution", "2048", "--runs", "1", "--warmup", "0", "--batch", "4"], status: 65,
      mentioning: "GB at once")
  }

  struct Profile: Decodable {
    struct Row: Decodable {
      var name: String
      var macs: Int
      var medianMs: Double
      var timeShare: Double
      var bound: String
      var depthwise: Bool
    }
    struct Machine: Decodable {
      var peakGmacPerS: Double
      var ridgeMacsPerByte: Double
    }
    var schema: String
    var runs: Int
    var threads: Int
    var machine: Machine
    var layers: [Row]
    var blocks: [Row]
    var depthwiseMacsShare: Double
  }

  struct Layers: Decodable {
    struct Row: Decodable {
      var name: String
      var macs: Int
    }
    var layers: [Row]
  }

  static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return try decoder.decode(type, from: Data(text.utf8))
  }

  @Test func jsonCarriesTheCountedMAddsBesideTheMeasuredTimes() throws {
    let flags = ["--width", "0.35", "--resolution", "96"]
    let profile = try BinaryRunner.run(
      ["profile"] + flags + ["--runs", "3", "--warmup", "0", "--threads", "1", "--format", "json"])
    #expect(profile.status == 0, "\(profile.stderr)")
    let layers = try BinaryRunner.run(["layers"] + flags + ["--format", "json"])
    let measured = try Self.decode(Profile.self, profile.stdout)
    let counted = try Self.decode(Layers.self, layers.stdout)
    #expect(measured.schema == "mnv2-profile/1" && measured.runs == 3 && measured.threads == 1)
    #expect(measured.layers.map(\.name) == counted.layers.map(\.name))
    #expect(measured.layers.map(\.macs) == counted.layers.map(\.macs))
    #expect(measured.layers.allSatisfy { $0.medianMs > 0 })
    #expect(abs(measured.layers.map(\.timeShare).reduce(0, +) - 1) < 1e-9)
    #expect(measured.layers.filter(\.depthwise).allSatisfy { $0.name.hasSuffix(".dw") })
    #expect(measured.machine.peakGmacPerS > 0 && measured.machine.ridgeMacsPerByte > 0)
    // The stem, 17 bottlenecks, the last conv, the pool and the classifier.
    #expect(measured.blocks.count == 21)
    // 17 depthwise layers' MAdds over the total, from the counts alone.
    let depthwise = counted.layers.filter { $0.name.hasSuffix(".dw") }.map(\.macs).reduce(0, +)
    let total = counted.layers.map(\.macs).reduce(0, +)
    #expect(abs(measured.depthwiseMacsShare - Double(depthwise) / Double(total)) < 1e-12)
  }

  @Test func textEndsWithTheMeasuredSentenceAndStatesItsConventions() throws {
    let result = try BinaryRunner.run([
      "profile", "--width", "0.35", "--resolution", "96", "--runs", "2", "--depth", "blocks",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("Measured on this machine"))
    #expect(result.stdout.contains("bytes = float32 input + output activations"))
    let last = result.stdout.split(separator: "\n\n").last ?? ""
    #expect(last.hasPrefix("The depthwise layers hold"), "\(last)")
    #expect(result.stdout.split(separator: "\n").allSatisfy { $0.count <= 110 })
    let csv = try BinaryRunner.run(["profile", "--arch", "mobilenet-v1", "--runs", "2", "--format", "csv"])
    #expect(csv.status == 0 && csv.stdout.hasPrefix("layer,kind,output,MAdds,ms"), "\(csv.stderr)")
  }

  /// docs/profile.md's schema table names every key the JSON has, at every depth.
  @Test func theDocumentedSchemaNamesEveryKey() throws {
    let result = try BinaryRunner.run(
      [
        "profile", "--width", "0.35", "--resolution", "64", "--runs", "1", "--warmup", "0", "--format",
        "json",
      ])
    #expect(result.status == 0, "\(result.stderr)")
    var keys = Set<String>()
    func collect(_ value: Any) {
      if let object = value as? [String: Any] {
        for (key, inner) in object {
          keys.insert(key)
          collect(inner)
        }
      } else if let array = value as? [Any] {
        array.forEach(collect)
      }
    }
    collect(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)))
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let docs = try String(contentsOf: root.appendingPathComponent("docs/profile.md"), encoding: .utf8)
    let schema = docs[docs.range(of: "### JSON (`mnv2-profile/1`)")!.lowerBound...]
    let missing = keys.filter { !schema.contains("`\($0)`") }.sorted()
    #expect(missing.isEmpty, "docs/profile.md does not name \(missing)")
    #expect(keys.count > 30)
  }
}
