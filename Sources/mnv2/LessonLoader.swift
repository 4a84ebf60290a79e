import ArgumentParser
import Explorer
import Foundation

/// Reads a teacher's `--lessons DIR`: every `*.lesson` file in it, in file-name order.
enum LessonLoader {
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
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
      throw DataError(message: "\(directory): no such lesson folder")
    }
    guard isDirectory.boolValue else {
      throw DataError(message: "\(directory): not a folder of .lesson files")
    }
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: directory).filter {
        $0.hasSuffix(".lesson")
      }.sorted()
    } catch {
      throw DataError(message: "\(directory): cannot list the folder")
    }
    guard !names.isEmpty else { throw DataError(message: "\(directory): no .lesson files in the folder") }
    guard names.count <= 99 else { throw DataError(message: "\(directory): more than 99 lesson files") }
    return try names.map { name in
      let path = (directory as NSString).appendingPathComponent(name)
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
