import AtomicFile
import Foundation
import TermCanvas

/// `--record FILE` on `quiz` and `lesson`: the class's answers as CSV, written when the
/// session ends. The path is checked before the screen opens, so a class's work is never
/// lost at the end to a name that was taken or a folder that does not exist.
enum RecordFile {
  static func check(_ path: String, force: Bool) throws {
    guard path != "-" else {
      throw CannotCreateError(message: "--record needs a file: standard output is the screen")
    }
    guard !path.isEmpty, !path.hasSuffix("/") else {
      throw CannotCreateError(message: "--record \(path): give a file name")
    }
    if let kind = FileKind.of(path) {
      if kind == .directory { throw CannotCreateError(message: "cannot write \(path): it is a folder") }
      if !force { throw CannotCreateError(message: "\(path) exists; use --force to replace it") }
    }
    let folder = AtomicWriter.folder(of: path)
    guard FileKind.of(folder) == .directory else {
      throw CannotCreateError(message: "cannot write \(path): no such folder \(folder)")
    }
  }

  /// Writes the record; the path was checked before the session began.
  static func write(_ contents: String, to path: String) throws {
    try AtomicWriter.write(contents, to: path, overwrite: true)
    FileHandle.standardError.write(
      Data("mnv2: recorded in \(TerminalSafe.escape(PathBytes.spelled(path)))\n".utf8))
  }
}
