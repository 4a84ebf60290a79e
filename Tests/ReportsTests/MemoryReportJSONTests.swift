import Foundation
import MobileNetKit
import Testing

@testable import Reports

/// `memory --format json` carries every column, the max row and the notes of the table:
/// before, it had the V1 and V2 tensor columns only.
@Suite struct MemoryReportJSONTests {
  static func document() throws -> [String: Any] {
    let report = MemoryReport(
      v1: try Network(spec: .mobileNetV1, config: NetworkConfig()),
      v2: try Network(spec: .mobileNetV2, config: NetworkConfig()))
    let data = Data(report.render(.json).utf8)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  /// Eq. (2) by hand at 112×112: b1 reads the stem's 112·112·32 values and writes 112·112·16,
  /// (401,408 + 200,704) · 2 bytes = 1,204,224; with the first-layer trick the operator is
  /// stem+b1, reading the 224·224·3 image: (150,528 + 200,704) · 2 = 702,464. The trick's
  /// tensor column at 112 is b1's output, 112·112·16 · 2 = 401,408.
  @Test func everyDefinitionIsThereByName() throws {
    let json = try Self.document()
    let eq2 = try #require(json["eq2"] as? [[String: Any]])
    let eq2Trick = try #require(json["eq2_first_layer_trick"] as? [[String: Any]])
    let trick = try #require(json["mobilenet_v2_first_layer_trick"] as? [[String: Any]])
    #expect(eq2.first?["bytes"] as? Int == (112 * 112 * 32 + 112 * 112 * 16) * 2)
    #expect(eq2.first?["operator_name"] as? String == "b1")
    #expect(eq2Trick.first?["bytes"] as? Int == (224 * 224 * 3 + 112 * 112 * 16) * 2)
    #expect(eq2Trick.first?["operator_name"] as? String == "stem+b1")
    #expect(trick.first?["bytes"] as? Int == 112 * 112 * 16 * 2 && trick.first?["channels"] as? Int == 16)
    let max = try #require(json["max"] as? [String: [String: Any]])
    #expect(
      Set(max.keys) == [
        "mobilenet_v1", "mobilenet_v2", "mobilenet_v2_first_layer_trick", "eq2", "eq2_first_layer_trick",
      ])
    #expect(
      max["eq2"]?["bytes"] as? Int == 1_204_224 && max["eq2_first_layer_trick"]?["bytes"] as? Int == 702_464)
    // V1's largest: s1.pw's 112·112·64 output, 1,605,632 bytes.
    #expect(max["mobilenet_v1"]?["bytes"] as? Int == 112 * 112 * 64 * 2)
    #expect(json["units"] as? String == "bytes (16-bit floats); the table's KB are bytes / 1000")
  }

  /// Every cell of the table's rows can be rebuilt from the JSON, the notes included.
  @Test func theTableCanBeRebuiltFromTheJSON() throws {
    let json = try Self.document()
    let report = MemoryReport(
      v1: try Network(spec: .mobileNetV1, config: NetworkConfig()),
      v2: try Network(spec: .mobileNetV2, config: NetworkConfig()))
    let csv = report.render(.csv).split(separator: "\n").dropFirst().map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    func tensor(_ key: String, _ size: Int) -> String {
      let rows = json[key] as? [[String: Any]] ?? []
      guard let row = rows.first(where: { $0["size"] as? Int == size }) else { return "-" }
      return
        "\(row["channels"] as! Int)/\(NumberFormatting.fixed(Double(row["bytes"] as! Int) / 1000, decimals: 1))"
    }
    func operatorCell(_ key: String, _ size: Int) -> String {
      let rows = json[key] as? [[String: Any]] ?? []
      guard let row = rows.first(where: { $0["size"] as? Int == size }) else { return "-" }
      return NumberFormatting.fixed(Double(row["bytes"] as! Int) / 1000, decimals: 1)
    }
    let notes = (json["notes"] as? [[String: Any]] ?? []).reduce(into: [Int: String]()) {
      $0[$1["size"] as! Int] = ($1["marks"] as! [String]).joined(separator: " ")
    }
    var checked = 0
    for row in csv where row[0] != "max" {
      let size = try #require(Int(row[0].split(separator: "×")[0]))
      let rebuilt = [
        tensor("mobilenet_v1", size), tensor("mobilenet_v2", size),
        tensor("mobilenet_v2_first_layer_trick", size),
        operatorCell("eq2", size), operatorCell("eq2_first_layer_trick", size),
      ]
      #expect(Array(row[1...5]) == rebuilt, "\(size)")
      #expect(row.last == (notes[size] ?? ""), "notes at \(size)")
      checked += 1
    }
    #expect(checked == 6)
    let footnotes = try #require(json["footnotes"] as? [String: String])
    #expect(Set(footnotes.keys) == ["[a]", "[b]", "[c]", "[d]"])
    #expect(footnotes["[a]"]?.hasPrefix("V1 7×7: the paper prints 199") == true)
  }
}
