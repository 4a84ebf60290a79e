import Foundation
import Testing

/// docs/architecture.md's module table is the layering: each target may import only targets
/// listed above it. This reads the table and every source file's imports, so the document
/// and the code cannot drift apart.
@Suite struct ModuleLayeringTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// Target names in table order.
  static func documentedOrder() throws -> [String] {
    let text = try String(contentsOf: root.appendingPathComponent("docs/architecture.md"), encoding: .utf8)
    return text.split(separator: "\n").compactMap { line in
      guard line.hasPrefix("| `") else { return nil }
      return line.dropFirst(3).split(separator: "`").first.map(String.init)
    }
  }

  @Test func everyTargetImportsOnlyTargetsAboveIt() throws {
    let order = try Self.documentedOrder()
    let sources = Self.root.appendingPathComponent("Sources")
    let targets = try FileManager.default.contentsOfDirectory(atPath: sources.path).filter {
      !$0.hasPrefix(".")
    }
    #expect(Set(targets).isSubset(of: Set(order)), "targets missing from docs/architecture.md")
    for target in targets {
      guard let position = order.firstIndex(of: target) else { continue }
      let enumerator = FileManager.default.enumerator(atPath: sources.appendingPathComponent(target).path)
      while let file = enumerator?.nextObject() as? String {
        guard file.hasSuffix(".swift") else { continue }
        let text = try String(
          contentsOf: sources.appendingPathComponent(target).appendingPathComponent(file), encoding: .utf8)
        for line in text.split(separator: "\n") where line.hasPrefix("import ") {
          let module = String(line.dropFirst("import ".count))
          guard let imported = order.firstIndex(of: module) else { continue }  // system modules
          #expect(imported < position, "\(target)/\(file) imports \(module), which is not above it")
        }
      }
    }
  }
}
