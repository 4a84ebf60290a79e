import CEndingSignals
import Foundation

/// Writes a whole file or nothing: a temporary file beside the target, then rename(2).
/// A target that is a device or a pipe (/dev/stdout, /dev/null), or anything reached
/// through /dev or /proc, is written into directly: renaming over it would replace the
/// node itself (as root, /dev/stdout became a regular file when stdout was one). A
/// symlink is followed, so the link stays and its target gets the contents.
public enum AtomicWriter {
  public static func write(_ contents: String, to requested: String, overwrite: Bool) throws {
    try write(bytes: Array(contents.utf8), to: requested, overwrite: overwrite)
  }

  /// The same for bytes of any kind (a cached Figure 6 board).
  public static func write(bytes contents: [UInt8], to requested: String, overwrite: Bool) throws {
    // "-" is standard output, as for every Unix tool that takes a file name.
    if requested == "-" {
      if let code = writeAll(STDOUT_FILENO, contents) {
        throw CannotCreateError(message: "cannot write to standard output: \(errnoReason(code))")
      }
      return
    }
    // A descriptor we were given (/dev/stdout, /dev/fd/N, /proc/self/fd/N) is written through
    // that descriptor, whatever it leads to: a pipe (whose "pipe:[…]" realpath cannot
    // resolve), a terminal, or the file a shell redirect opened (already truncated, or opened
    // to append). Only names of regular files get the no-overwrite rule.
    if let inherited = inheritedDescriptor(named: requested) {
      guard fcntl(inherited, F_GETFD) >= 0 else {
        throw CannotCreateError(message: "cannot write \(requested): descriptor \(inherited) is not open")
      }
      if let code = writeAll(inherited, contents) {
        throw CannotCreateError(message: "cannot write \(requested): \(errnoReason(code))")
      }
      return
    }
    guard !requested.isEmpty else { throw CannotCreateError(message: "--output is empty; give a file name") }
    if requested.hasSuffix("/") && requested.contains(where: { $0 != "/" }) {
      throw CannotCreateError(message: "cannot write \(requested): it names a folder; give a file name")
    }
    // Every system call gets the path's own bytes (ArgumentBytes), in any encoding.
    let bytes = PathBytes.bytes(of:)
    var path = requested
    var linkStatus = stat()
    if lstat(bytes(requested), &linkStatus) == 0, linkStatus.st_mode & S_IFMT == S_IFLNK {
      if let resolved = realpath(bytes(requested), nil) {
        path = PathBytes.name(resolved)
        free(resolved)
      } else if !overwrite {
        // A dangling link or a loop still names something that exists; --force replaces it.
        throw CannotCreateError(message: "\(requested) exists; use --force to replace it")
      }
    }
    var status = stat()
    let special = ["/dev/", "/proc/"].contains { requested.hasPrefix($0) || path.hasPrefix($0) }
    if stat(bytes(path), &status) == 0,
      special || status.st_mode & S_IFMT == S_IFCHR || status.st_mode & S_IFMT == S_IFIFO
    {
      if status.st_mode & S_IFMT == S_IFREG && !overwrite {
        throw CannotCreateError(message: "\(requested) exists; use --force to replace it")
      }
      try writeInto(stream: requested, contents)
      return
    }
    if FileKind.of(path) == .directory {
      throw CannotCreateError(message: "cannot write \(path): it is a folder; give a file name")
    }
    if FileKind.of(path, followingLinks: false) != nil && !overwrite {
      throw CannotCreateError(message: "\(path) exists; use --force to replace it")
    }
    let folder = folder(of: path)
    guard FileKind.of(folder) == .directory else {
      throw CannotCreateError(message: "cannot write \(path): no such folder \(folder)")
    }
    // A short name of our own, so a target name near the 255-byte limit still has room.
    let temporary =
      (folder.hasSuffix("/") ? folder : folder + "/")
      + ".mnv2-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
    try writeTemporary(temporary, contents, for: path)
    defer {
      unlink(bytes(temporary))
      mnv2_forget_on_signal()
    }
    // Without --force the file is published with link(2), which fails if the name exists:
    // of several exports racing to one path exactly one wins, where a check then a rename
    // let every one of them report success.
    if !overwrite {
      if link(bytes(temporary), bytes(path)) == 0 { return }
      var code = errno
      // FAT and exFAT sticks, and many FUSE and SMB mounts, have no hard links: there the
      // atomic no-replace rename does the same job.
      if code == EPERM || code == ENOTSUP || code == EOPNOTSUPP || code == EMLINK {
        if mnv2_rename_no_replace(bytes(temporary), bytes(path)) == 0 { return }
        code = errno
      }
      if code == EEXIST { throw CannotCreateError(message: "\(path) exists; use --force to replace it") }
      throw CannotCreateError(message: "cannot write \(path): \(errnoReason(code))")
    }
    guard rename(bytes(temporary), bytes(path)) == 0 else {
      throw CannotCreateError(message: "cannot write \(path): \(errnoReason(errno))")
    }
  }

  /// The folder that holds `path`, by plain string rules (NSString's
  /// `deletingLastPathComponent` trapped on one-character names on Linux): "." for a bare
  /// name, "/" for a file at the root, else everything before the last slash.
  public static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    let folder = path[..<slash].reversed().drop { $0 == "/" }.reversed()
    return folder.isEmpty ? "/" : String(folder)
  }

  /// Our own temporary file (O_EXCL, so never someone else's), removed by any signal that
  /// ends the process while it exists; the caller publishes it, then forgets it.
  private static func writeTemporary(_ temporary: String, _ contents: [UInt8], for path: String) throws {
    // Signals are held off from before the file exists until it is registered for removal.
    let bytes = PathBytes.bytes(of: temporary)
    guard mnv2_begin_temporary(bytes) == 0 else {
      throw CannotCreateError(message: "cannot write \(path): the path is too long")
    }
    let descriptor = open(bytes, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
    guard descriptor >= 0 else {
      let reason = errnoReason(errno)
      mnv2_forget_on_signal()
      throw CannotCreateError(message: "cannot write \(path): \(reason)")
    }
    mnv2_temporary_created()
    let failure = writeAll(descriptor, contents)
    let closed = close(descriptor) == 0 ? nil : errno
    if let code = failure ?? closed {
      unlink(bytes)
      mnv2_forget_on_signal()
      throw CannotCreateError(message: "cannot write \(path): \(errnoReason(code))")
    }
  }

  /// Writes every byte of the text, retrying short writes and EINTR; the errno of a failure,
  /// or nil.
  public static func writeAll(_ descriptor: Int32, _ contents: String) -> Int32? {
    writeAll(descriptor, Array(contents.utf8))
  }

  static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Int32? {
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes {
        Foundation.write(descriptor, $0.baseAddress! + offset, $0.count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        return errno
      }
      offset += written
    }
    return nil
  }
}

extension AtomicWriter {
  /// The descriptor a path names: /dev/stdout, /dev/stderr, /dev/fd/N, and
  /// /proc/self/fd/N or /proc/<our pid>/fd/N. Opening one of these anew would start at
  /// offset 0 without O_APPEND (so `>> log` would be overwritten from the top), and cannot
  /// be done at all for a socket.
  public static func inheritedDescriptor(named path: String) -> Int32? {
    let named: [String: Int32] = ["/dev/stdout": STDOUT_FILENO, "/dev/stderr": STDERR_FILENO]
    if let descriptor = named[path] { return descriptor }
    for prefix in ["/dev/fd/", "/proc/self/fd/", "/proc/\(getpid())/fd/"] where path.hasPrefix(prefix) {
      let number = path.dropFirst(prefix.count)
      guard (1...9).contains(number.count), number.allSatisfy(\.isASCII), let value = Int32(number) else {
        return nil
      }
      return value
    }
    return nil
  }

  private static func writeInto(stream path: String, _ contents: [UInt8]) throws {
    let descriptor = open(PathBytes.bytes(of: path), O_WRONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw CannotCreateError(message: "cannot write \(path): \(errnoReason(errno))")
    }
    defer { close(descriptor) }
    // A regular file reached through /dev or /proc starts empty, unless it was opened to append.
    if fcntl(descriptor, F_GETFL) & O_APPEND == 0 { ftruncate(descriptor, 0) }
    if let code = writeAll(descriptor, contents) {
      throw CannotCreateError(message: "cannot write \(path): \(errnoReason(code))")
    }
  }
}

/// The output file cannot be created (exit 73, EX_CANTCREAT).
public struct CannotCreateError: Error {
  public var message: String

  public init(message: String) { self.message = message }
}

/// strerror's words, lower-cased as the rest of a message is: "no such file or directory".
public func errnoReason(_ code: Int32) -> String {
  let text = String(cString: strerror(code))
  return text.prefix(1).lowercased() + text.dropFirst()
}
