import Foundation
import MobileNetKit
import Testing

@testable import Reports

@Suite struct LayerReportTests {
  let network = Network.mobileNetV2()

  func json(_ convention: ParamConvention = .torchvision) throws -> [String: Any] {
    let text = LayerReport(network: network, convention: convention).render(.json)
    return try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test func jsonHasTheDocumentedSchema() throws {
    let document = try json()
    for key in ["model", "width", "resolution", "classes", "convention", "totals", "layers", "blocks"] {
      #expect(document[key] != nil, "missing \(key)")
    }
    let totals = try #require(document["totals"] as? [String: Any])
    #expect(totals["macs"] as? Int == 300_774_272)
    #expect(totals["params"] as? Int == 3_504_872)
    let layers = try #require(document["layers"] as? [[String: Any]])
    #expect(layers.count == network.layers.count)
    for key in [
      "index", "block", "name", "kind", "input", "output", "kernel", "stride", "groups", "activation",
      "residual",
      "macs", "params",
    ] {
      #expect(layers.allSatisfy { $0[key] != nil }, "layer key \(key)")
    }
    #expect(layers[0]["input"] as? [Int] == [224, 224, 3])
  }

  @Test func jsonParamsFollowTheConvention() throws {
    let keras = try json(.keras)
    #expect((keras["totals"] as? [String: Any])?["params"] as? Int == network.params(.keras))
    #expect(keras["convention"] as? String == "keras")
  }

  @Test func tableNamesBothConventions() {
    let text = LayerReport(network: network, convention: .torchvision).render(.table)
    #expect(text.contains("Total MAdds:  300,774,272  (MAdds = multiply-adds"))
    #expect(text.contains("Total FLOPs:  601,548,544"))
    #expect(text.contains("Total params: 3,504,872  (torchvision convention"))
  }

  @Test func blocksShowThePaperEstimate() {
    let text = LayerReport(network: network, convention: .torchvision, depth: .blocks).render(.table)
    // b2: 112·112·16·6·(16 + 9 + 24) = 59,006,976, against an exact 29,202,432.
    #expect(text.contains("59,006,976"))
    #expect(text.contains("29,202,432"))
  }

  @Test func csvIsMachineReadable() {
    let csv = LayerReport(network: network, convention: .torchvision).render(.csv)
    let lines = csv.split(separator: "\n")
    #expect(lines.count == network.layers.count + 1)
    #expect(lines[1] == "0,0,stem.conv,conv,224x224x3,112x112x32,3,2,1,ReLU6,no,10838016,0.036034,928,802816")
  }

  @Test func asciiStyleHasNoUnicode() {
    let text = LayerReport(
      network: network, convention: .torchvision, depth: .blocks, style: TextStyle(unicode: false)
    )
    .render(.table)
    let body = text.split(separator: "\n").prefix(25).joined()
    #expect(body.unicodeScalars.allSatisfy { $0.isASCII })
  }
}
