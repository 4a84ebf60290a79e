import Foundation

/// Paths are bytes on Linux, and a file may be named in no encoding at all (`caf\xe9.json`,
/// Latin-1). Swift's `CommandLine.arguments` repairs such bytes to U+FFFD, so the file opened
/// was another one ("no such file") and `--output` wrote `out\u{FFFD}.txt`. Paths are
/// decoded here instead, each byte that is not UTF-8 kept as a private-use scalar,
/// U+10FE80 + (byte − 0x80), which `bytes(of:)` turns back into the byte at the system call
/// and `spelled(_:)` shows as `\xe9` in a message.
public enum PathBytes {
  public static let base: UInt32 = 0x10FE00

  /// UTF-8 where it is well formed; each other byte as its private-use scalar.
  public static func decode(_ bytes: [UInt8]) -> String {
    var scalars = String.UnicodeScalarView()
    var index = 0
    while index < bytes.count {
      let lead = bytes[index]
      let length: Int
      switch lead {
      case 0x00...0x7F: length = 1
      case 0xC2...0xDF: length = 2
      case 0xE0...0xEF: length = 3
      case 0xF0...0xF4: length = 4
      default: length = 0
      }
      if length > 0, index + length <= bytes.count,
        let text = String(validating: bytes[index..<index + length], as: UTF8.self),
        text.unicodeScalars.count == 1, let scalar = text.unicodeScalars.first
      {
        scalars.append(scalar)
        index += length
      } else {
        scalars.append(Unicode.Scalar(base + UInt32(lead))!)
        index += 1
      }
    }
    return String(scalars)
  }

  /// The bytes a path names, NUL-terminated, for a system call.
  public static func bytes(of path: String) -> [CChar] {
    var result: [CChar] = []
    for scalar in path.unicodeScalars {
      if (base + 0x80...base + 0xFF).contains(scalar.value) {
        result.append(CChar(bitPattern: UInt8(scalar.value - base)))
      } else {
        result += String(scalar).utf8.map { CChar(bitPattern: $0) }
      }
    }
    return result + [0]
  }

  /// `text` with every kept byte written as `\xNN`, for a message.
  public static func spelled(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: { (base + 0x80...base + 0xFF).contains($0.value) }) else {
      return text
    }
    var result = ""
    for scalar in text.unicodeScalars {
      if (base + 0x80...base + 0xFF).contains(scalar.value) {
        result += "\\x" + String(scalar.value - base, radix: 16)
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// A name read from a folder, in the same form as an argument.
  public static func name(_ pointer: UnsafePointer<CChar>) -> String {
    decode(Array(UnsafeBufferPointer(start: pointer, count: strlen(pointer))).map { UInt8(bitPattern: $0) })
  }
}
