import Foundation
import Testing

@testable import MobileNetKit

@Suite struct ArchitectureDecoderTests {
  func decodeError(_ text: String) -> ArchitectureError? {
    do {
      _ = try ArchitectureDecoder.decode(text, source: "t.json")
      return nil
    } catch {
      return error
    }
  }

  static let minimal = """
    {
      "name": "Tiny",
      "input_channels": 3,
      "stages": [
        { "op": "conv2d", "c": 8, "s": 2 },
        { "op": "bottleneck", "t": 6, "c": 8, "n": 2, "s": 1 },
        { "op": "avgpool" },
        { "op": "classifier" }
      ]
    }
    """

  @Test func decodesAUserFile() throws {
    let spec = try ArchitectureDecoder.decode(Self.minimal, source: "t.json")
    #expect(spec.stages.count == 4)
    let network = try Network(spec: spec, config: NetworkConfig(resolution: 32))
    #expect(network.bottlenecks.count == 2)
    #expect(network.bottlenecks.allSatisfy { $0.residualAdd })  // 8 → 8 at stride 1
  }

  @Test func bundledFilesMatchAssets() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    for (file, embedded) in [
      ("mobilenet_v2.json", BundledArchitectures.mobilenetV2),
      ("mobilenet_v1.json", BundledArchitectures.mobilenetV1),
    ] {
      let onDisk = try String(
        contentsOf: root.appendingPathComponent("Assets/architectures/\(file)"), encoding: .utf8)
      #expect(onDisk == embedded, "\(file) is not what the binary carries")
    }
  }

  @Test func bundledV2IsTable2() {
    let stages = ArchitectureSpec.mobileNetV2.stages.filter { $0.op == .bottleneck }
    #expect(stages.map(\.expansion) == [1, 6, 6, 6, 6, 6, 6])
    #expect(stages.map(\.channels) == [16, 24, 32, 64, 96, 160, 320])
    #expect(stages.map(\.repeats) == [1, 2, 3, 4, 3, 3, 1])
    #expect(stages.map(\.stride) == [1, 2, 2, 2, 1, 2, 1])
  }

  @Test func notJSONNamesTheLine() {
    let error = decodeError("{\n  \"name\": \"x\",\n  oops\n}")
    #expect(error?.line == 3)
    #expect(error?.message.hasPrefix("not valid JSON") == true)
  }

  @Test func trailingCommaIsReported() {
    #expect(decodeError("{\"name\": \"x\",\n}")?.message.contains("trailing comma") == true)
  }

  @Test func unknownFieldNamesFieldAndLine() {
    let text = Self.minimal.replacingOccurrences(of: "\"c\": 8, \"s\": 2", with: "\"c\": 8, \"stirde\": 2")
    let error = decodeError(text)
    #expect(error?.path == "stages[0].stirde")
    #expect(error?.line == 5)
    #expect(error?.description.hasPrefix("t.json:5: stages[0].stirde: unknown field") == true)
  }

  static let badValues: [(String, String, String)] = [
    ("\"c\": 8, \"s\": 2", "\"c\": -8, \"s\": 2", "stages[0].c"),
    ("\"c\": 8, \"s\": 2", "\"c\": 0, \"s\": 2", "stages[0].c"),
    ("\"c\": 8, \"s\": 2", "\"c\": 8, \"s\": 0", "stages[0].s"),
    ("\"c\": 8, \"s\": 2", "\"c\": 8.5, \"s\": 2", "stages[0].c"),
    ("\"n\": 2", "\"n\": 1000000", "stages[1].n"),
    ("\"t\": 6", "\"t\": \"six\"", "stages[1].t"),
    ("\"bottleneck\"", "\"resblock\"", "stages[1].op"),
  ]

  @Test(arguments: badValues)
  func badValuesAreLocated(original: String, replacement: String, path: String) {
    let error = decodeError(Self.minimal.replacingOccurrences(of: original, with: replacement))
    #expect(error?.path == path)
    #expect(error?.line != nil)
  }

  @Test func wrongSchemaShapes() {
    #expect(decodeError("[1, 2]")?.message.contains("expected an object") == true)
    #expect(decodeError("{\"name\": \"x\", \"input_channels\": 3}")?.path == "stages")
    #expect(decodeError("{\"name\": \"x\", \"input_channels\": 3, \"stages\": {}}")?.path == "stages")
    #expect(decodeError("{\"schema\": \"other/2\", \"name\": \"x\"}")?.path == "schema")
    #expect(decodeError("")?.message.contains("end of file") == true)
  }

  @Test func classifierMustBeLast() {
    let text = Self.minimal.replacingOccurrences(
      of: "{ \"op\": \"avgpool\" },\n    { \"op\": \"classifier\" }",
      with: "{ \"op\": \"classifier\" },\n    { \"op\": \"avgpool\" }")
    #expect(decodeError(text)?.message.contains("last row") == true)
  }

  @Test func deepNestingDoesNotOverflow() {
    let text = String(repeating: "[", count: 100_000)
    #expect(decodeError(text)?.message.contains("nesting") == true)
  }
}
