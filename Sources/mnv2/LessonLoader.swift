import ArgumentParser
import AtomicFile
import Explorer
import Foundation

/// Reads a teacher's `--lessons DIR`: every `*.lesson` file in it, in file-name order.
enum LessonLoader {
  /// The names in a folder, read with readdir(3) on its bytes, in any encoding.
  static func names(in directory: String) -> [String]? {
    guard let folder = opendir(PathBytes.bytes(of: directory)) else { return nil }
    defer { closedir(folder) }
    var names: [String] = []
    while let entry = readdir(folder) {
      let name = withUnsafePointer(to: entry.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { PathBytes.name($0) }
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names
  }

  /// The lessons, with the 1-based `step` a command was given checked against them.
  static func load(directory: String?, rows: Int, checkingStep step: Int) throws -> [LessonStep] {
    let steps = try load(directory: directory, rows: rows)
    guard (1...steps.count).contains(step) else {
      throw ValidationError("--step must be from 1 to \(steps.count), got \(step)")
    }
    return steps
  }

  /// `rows` is the network's row count, which bounds a step's `block`.
  static func load(directory: String?, rows: Int) throws -> [LessonStep] {
    guard let directory else { return LessonParser.bundled }
    guard let kind = FileKind.of(directory) else {
      throw DataError(message: "\(directory): no such lesson folder")
    }
    guard kind == .directory else {
      throw DataError(message: "\(directory): not a folder of .lesson files")
    }
    guard let listed = Self.names(in: directory) else {
      throw DataError(message: "\(directory): cannot list the folder")
    }
    // Sorted by bytes, as `ls` in the C locale: the order does not depend on the locale.
    let names = listed.filter { $0.hasSuffix(".lesson") }.sorted {
      PathBytes.bytes(of: $0).lexicographicallyPrecedes(PathBytes.bytes(of: $1))
    }
    guard !names.isEmpty else { throw DataError(message: "\(directory): no .lesson files in the folder") }
    guard names.count <= 99 else { throw DataError(message: "\(directory): more than 99 lesson files") }
    return try names.map { name in
      let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
      let text: String
      switch InputFile.text(at: path, limit: 64_000, limitName: "64 KB") {
      case .success(let read): text = read
      case .failure(let failure):
        throw DataError(message: "\(path):1: cannot read the file: \(failure.reason)")
      }
      do {
        return try LessonParser.parse(text, source: path, rows: rows)
      } catch let error as LessonError {
        throw DataError(message: error.description)
      }
    }
  }
}
