import Foundation
import Testing

/// docs/architecture.md's module table is the layering. For every target it must agree with
/// both the code and the package: the table's "imports" column, the `import` lines of the
/// target's sources, and its dependencies in Package.swift name the same project targets,
/// and each of them sits above it in the table. So the document, the code and the build
/// cannot drift apart in any direction.
@Suite struct ModuleLayeringTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  struct Row {
    var target: String
    /// The "imports" column as written, system modules included.
    var imports: [String]
  }

  /// The table's rows in order.
  static func documentedRows() throws -> [Row] {
    let text = try String(contentsOf: root.appendingPathComponent("docs/architecture.md"), encoding: .utf8)
    // The table of the "## Modules" section, up to its first subsection.
    let section =
      text.components(separatedBy: "## Modules").dropFirst().first?.components(separatedBy: "\n#")[0] ?? ""
    return section.split(separator: "\n").compactMap { line in
      guard line.hasPrefix("| `") else { return nil }
      let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      guard cells.count >= 4 else { return nil }
      let imports = cells[3].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      return Row(target: cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`")), imports: imports)
    }
  }

  /// Project targets named by `import` lines (plain, `@testable` or `@_exported`) in the
  /// target's Swift sources.
  static func importedTargets(of target: String, among targets: Set<String>) throws -> Set<String> {
    let folder = root.appendingPathComponent("Sources").appendingPathComponent(target)
    var found: Set<String> = []
    let enumerator = FileManager.default.enumerator(atPath: folder.path)
    while let file = enumerator?.nextObject() as? String {
      guard file.hasSuffix(".swift") else { continue }
      let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      for line in text.split(separator: "\n") {
        var words = line.split(separator: " ").map(String.init)
        while let first = words.first, first.hasPrefix("@") { words.removeFirst() }
        guard words.count >= 2, words[0] == "import", targets.contains(words[1]) else { continue }
        found.insert(words[1])
      }
    }
    return found
  }

  /// Each library or executable target's project dependencies, read from Package.swift's
  /// text: the quoted names in the `dependencies:` list of its `.target(` or
  /// `.executableTarget(` entry.
  static func packageDependencies(among targets: Set<String>) throws -> [String: Set<String>] {
    let text = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
    var result: [String: Set<String>] = [:]
    let entries = text.components(separatedBy: ".target(").flatMap {
      $0.components(separatedBy: ".executableTarget(")
    }
    for entry in entries.dropFirst() {
      let body = entry.components(separatedBy: ".testTarget(")[0]
      guard let name = quoted(in: body).first, targets.contains(name) else { continue }
      guard let list = body.range(of: "dependencies:") else {
        result[name] = []
        continue
      }
      let rest = body[list.upperBound...]
      let closing = rest.firstIndex(of: "]") ?? rest.endIndex
      result[name] = Set(quoted(in: String(rest[..<closing]))).intersection(targets)
    }
    return result
  }

  static func quoted(in text: String) -> [String] {
    text.split(separator: "\"", omittingEmptySubsequences: false).enumerated().compactMap {
      $0.offset % 2 == 1 ? String($0.element) : nil
    }
  }

  @Test func theTableTheImportsAndThePackageAgree() throws {
    let rows = try Self.documentedRows()
    let order = rows.map(\.target)
    let targets = Set(order)
    let sources = try FileManager.default.contentsOfDirectory(
      atPath: Self.root.appendingPathComponent("Sources").path
    ).filter { !$0.hasPrefix(".") }
    #expect(Set(sources) == targets, "Sources/ and docs/architecture.md's table list different targets")
    let package = try Self.packageDependencies(among: targets)
    #expect(Set(package.keys) == targets, "Package.swift and the table list different targets")
    for (position, row) in rows.enumerated() {
      let documented = Set(row.imports).intersection(targets)
      for name in documented {
        let above = order.firstIndex(of: name).map { $0 < position } ?? false
        #expect(above, "the table lets \(row.target) import \(name), which is not above it")
      }
      let imported = try Self.importedTargets(of: row.target, among: targets)
      #expect(
        imported.subtracting(documented).isEmpty,
        "\(row.target) imports \(imported.subtracting(documented).sorted()), which the table does not list")
      // A C target has no Swift imports; its row names the system library it wraps.
      if row.target != "CNCurses" {
        #expect(
          documented.subtracting(imported).isEmpty,
          "the table lists \(documented.subtracting(imported).sorted()) for \(row.target), which it does not import"
        )
      }
      #expect(
        package[row.target] == documented,
        "Package.swift gives \(row.target) \((package[row.target] ?? []).sorted()), the table \(documented.sorted())"
      )
    }
  }

  /// The package reader, on an entry written here: quoted names in order, a product's too
  /// (the caller keeps only project targets).
  @Test func theQuotedNamesOfAnEntryAreFound() {
    #expect(
      Self.quoted(in: #"name: "A", dependencies: ["B", .product(name: "P", package: "p")]"#) == [
        "A", "B", "P", "p",
      ])
  }

  /// Explorer's sources are all in the rooms docs/architecture.md names, none loose.
  @Test func explorersFilesAreInItsDocumentedRooms() throws {
    let text = try String(
      contentsOf: Self.root.appendingPathComponent("docs/architecture.md"), encoding: .utf8)
    let section = try #require(text.components(separatedBy: "### Explorer's rooms").dropFirst().first)
    let rooms = Set(
      section.components(separatedBy: "\n## ")[0].split(separator: "\n").compactMap { line -> String? in
        guard line.hasPrefix("| `"), let name = line.dropFirst(3).split(separator: "/").first else {
          return nil
        }
        return String(name)
      })
    #expect(rooms == ["State", "Effects", "Lessons", "Screens"])
    let folder = Self.root.appendingPathComponent("Sources/Explorer")
    let enumerator = FileManager.default.enumerator(atPath: folder.path)
    var files = 0
    while let file = enumerator?.nextObject() as? String {
      guard file.hasSuffix(".swift") else { continue }
      files += 1
      let room = file.split(separator: "/").first.map(String.init) ?? ""
      #expect(file.contains("/") && rooms.contains(room), "Sources/Explorer/\(file) is in no room")
    }
    #expect(files > 40)
  }

  /// The data-flow sketch of docs/architecture.md, line by line: every type is declared in
  /// the module it is drawn in, and the two ends of each hand-over are one module or one
  /// imports the other (by the table, which the test above holds to the code and the package).
  @Test func theDataFlowSketchMatchesTheCode() throws {
    let text = try String(
      contentsOf: Self.root.appendingPathComponent("docs/architecture.md"), encoding: .utf8)
    let section = try #require(text.components(separatedBy: "## Data flow").dropFirst().first)
    let sketch = try #require(section.components(separatedBy: "```").dropFirst().first)
    let imports = Dictionary(
      uniqueKeysWithValues: try Self.documentedRows().map { ($0.target, Set($0.imports)) })
    var lines = 0
    for line in sketch.split(separator: "\n") where line.contains("─►") {
      lines += 1
      let ends = line.components(separatedBy: "─►").map(Self.typeAndModule)
      guard ends.count == 2, let from = ends[0], let to = ends[1] else {
        Issue.record("not 'Type [Module] ─► Type [Module] what': \(line)")
        continue
      }
      for (type, module) in [from, to] {
        #expect(imports[module] != nil, "\(module) is not a target: \(line)")
        #expect(try Self.declares(module, type), "\(type) is not declared in Sources/\(module): \(line)")
      }
      let related =
        from.module == to.module || imports[from.module]?.contains(to.module) == true
        || imports[to.module]?.contains(from.module) == true
      #expect(related, "\(from.module) and \(to.module) import neither way: \(line)")
    }
    #expect(lines >= 10, "the sketch has \(lines) hand-overs")
  }

  /// `Type [Module]` at the start of `text` (after spaces), else nil.
  static func typeAndModule(_ text: String) -> (type: String, module: String)? {
    let words = text.split(separator: " ")
    guard words.count >= 2, words[1].hasPrefix("["), words[1].hasSuffix("]") else { return nil }
    return (String(words[0]), String(words[1].dropFirst().dropLast()))
  }

  /// Whether a Swift source of the module declares the type (struct, enum, class, protocol).
  static func declares(_ module: String, _ type: String) throws -> Bool {
    let folder = root.appendingPathComponent("Sources").appendingPathComponent(module)
    let enumerator = FileManager.default.enumerator(atPath: folder.path)
    while let file = enumerator?.nextObject() as? String {
      guard file.hasSuffix(".swift") else { continue }
      let source = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      for kind in ["struct", "enum", "class", "protocol"] {
        for separator in [" ", ":", "<"] where source.contains("\(kind) \(type)\(separator)") { return true }
      }
    }
    return false
  }

  /// The sketch's reader, on lines written here.
  @Test func aHandOverIsReadAsTypeAndModule() {
    #expect(
      Self.typeAndModule("  ExplorerRunLoop [ExplorerApp]    ") ?? ("", "") == (
        "ExplorerRunLoop", "ExplorerApp"
      ))
    #expect(Self.typeAndModule(" Canvas [TermCanvas]   the frame")?.module == "TermCanvas")
    #expect(Self.typeAndModule("Canvas TermCanvas") == nil)
  }
}
