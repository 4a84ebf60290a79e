import Foundation
import Testing

/// Every SVG export is XML that a real parser (expat, through Python) accepts, whatever a
/// name from a file holds. XML 1.0 forbids U+FFFE, U+FFFF and most controls even as
/// characters of text: before, an architecture named with them gave an SVG no viewer opens.
@Suite(ExternalTool.pythonTrait) struct SVGWellFormedTests {
  static let hostileName = "Net\u{FFFE}\u{FFFF}\u{85}\u{1B}[2J & <x> \"q\""

  /// The bundled network and one whose name holds every kind of trouble.
  @Test(arguments: ["network", "block", "manifold"])
  func everyViewIsWellFormed(view: String) throws {
    let folder = try BinaryRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let bundled = try BinaryRunner.run(["export", "--view", view, "--format", "svg", "--output", "-"])
    #expect(bundled.status == 0, "\(bundled.stderr)")
    #expect(try ExternalTool.xmlProblem(bundled.stdout, folder: folder) == nil)
    let arch = folder + "/hostile.json"
    let spec = try String(contentsOfFile: "Assets/architectures/mobilenet_v2.json", encoding: .utf8)
      .replacingOccurrences(
        of: "\"name\": \"MobileNetV2\"", with: "\"name\": \"\(Self.jsonEscaped(Self.hostileName))\"")
    #expect(spec.contains("Net\\ufffe"))
    try spec.write(toFile: arch, atomically: true, encoding: .utf8)
    for theme in ["default", "light", "classroom"] {
      let hostile = try BinaryRunner.run([
        "export", "--view", view, "--arch", arch, "--theme", theme, "--format", "svg", "--output", "-",
      ])
      #expect(hostile.status == 0, "\(hostile.stderr)")
      #expect(try ExternalTool.xmlProblem(hostile.stdout, folder: folder) == nil, "\(view) \(theme)")
      #expect(!hostile.stdout.unicodeScalars.contains { $0.value == 0xFFFF || $0.value == 0x1B })
    }
  }

  /// JSON's own escapes, so the file holds the code points and not the bytes of a test.
  static func jsonEscaped(_ text: String) -> String {
    text.unicodeScalars.map { scalar in
      switch scalar {
      case "\"": return "\\\""
      case "\\": return "\\\\"
      default:
        return scalar.isASCII && scalar.value >= 0x20
          ? String(Character(scalar)) : String(format: "\\u%04x", scalar.value)
      }
    }.joined()
  }
}
