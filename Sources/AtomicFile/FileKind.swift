import Foundation

/// What a path names, from stat(2) on its bytes (FileManager takes Strings, and would look
/// for the U+FFFD spelling).
public enum FileKind: Equatable, Sendable {
  case regular, directory, other

  public static func of(_ path: String, followingLinks: Bool = true) -> FileKind? {
    var status = stat()
    let bytes = PathBytes.bytes(of: path)
    guard (followingLinks ? stat(bytes, &status) : lstat(bytes, &status)) == 0 else { return nil }
    switch status.st_mode & S_IFMT {
    case S_IFREG: return .regular
    case S_IFDIR: return .directory
    default: return .other
    }
  }
}
