import AtomicFile
import Foundation

/// Reads a file the user named (`--arch`, a lesson), refusing anything that is not a
/// regular file before reading a byte: a FIFO would block forever and /dev/zero would
/// never end. Each refusal says what is wrong, in the system's words where it has them.
enum InputFile {
  /// The file's text, or a reason such as "not a regular file" or "larger than 1 MB".
  static func text(at path: String, limit: Int, limitName: String) -> Result<String, Failure> {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it.
    let descriptor = open(PathBytes.bytes(of: path), O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else { return .failure(Failure(reason: errnoReason(errno))) }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { return .failure(Failure(reason: errnoReason(errno))) }
    switch status.st_mode & S_IFMT {
    case S_IFREG: break
    case S_IFDIR: return .failure(Failure(reason: "it is a folder, not a file"))
    default: return .failure(Failure(reason: "not a regular file"))
    }
    guard status.st_size <= limit else { return .failure(Failure(reason: "larger than \(limitName)")) }
    var bytes = [UInt8](repeating: 0, count: limit + 1)
    var count = 0
    while count < bytes.count {
      let read = bytes.withUnsafeMutableBytes {
        Foundation.read(descriptor, $0.baseAddress! + count, $0.count - count)
      }
      if read < 0 {
        if errno == EINTR { continue }
        return .failure(Failure(reason: errnoReason(errno)))
      }
      if read == 0 { break }
      count += read
    }
    guard count <= limit else { return .failure(Failure(reason: "larger than \(limitName)")) }
    guard let text = String(validating: bytes[..<count], as: UTF8.self) else {
      return .failure(Failure(reason: "not UTF-8 text"))
    }
    return .success(text)
  }

  struct Failure: Error {
    var reason: String
  }
}
