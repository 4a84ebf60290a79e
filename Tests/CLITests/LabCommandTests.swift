import Foundation
import Testing

@Suite struct LabCommandTests {
  @Test(arguments: [
    (["--block", "0"], "--block"),
    (["--block", "18"], "--block"),
    (["--block", "3", "--k", "0"], "--k"),
    (["--block", "3", "--k", "25"], "--k"),  // b3 has d′ = 24
    (["--block", "3", "--trials", "0"], "--trials"),
    (["--block", "3", "--k", "2,4"], "--k"),
    ([], "--block"),
  ])
  func badInput(arguments: [String], fragment: String) throws {
    let result = try BinaryRunner.run(["lab"] + arguments)
    #expect(result.status == 64, "\(arguments): \(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count == 1)
    #expect(result.stderr.contains(fragment), "\(arguments): \(result.stderr)")
  }

  @Test func jsonNamesTheMetricsLikeTheManifoldCommand() throws {
    let result = try BinaryRunner.run([
      "lab", "--block", "5", "--activation", "relu6", "--trials", "2", "--points", "200", "--format", "json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    for key in [
      "collapsed_fraction", "relu_theory", "activation_theory", "recoverability", "neighbour_preservation",
      "collapsed_fraction_sd", "recoverability_sd", "neighbour_preservation_sd",
    ] {
      #expect(document[key] is Double, "\(key)")
    }
    #expect(
      document["d_in"] as? Int == 32 && document["d_out"] as? Int == 32 && document["hidden"] as? Int == 192)
    #expect(document["projection"] as? String == "relu6")
  }

  @Test func sweepCoversEveryBlockForEachK() throws {
    let result = try BinaryRunner.run(["lab", "--sweep", "--k", "2,3", "--points", "60", "--format", "csv"])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.count == 1 + 17 * 2 * 2)  // header, 17 blocks × 2 k × {linear, ReLU6}
  }
}
