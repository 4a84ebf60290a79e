import AtomicFile
import Foundation

extension PathBytes {
  /// The process's arguments, with bytes that are not UTF-8 kept as `PathBytes` keeps them.
  static var arguments: [String] {
    (0..<Int(CommandLine.argc)).map { index in
      guard let pointer = CommandLine.unsafeArgv[index] else { return "" }
      return decode(
        Array(UnsafeBufferPointer(start: pointer, count: strlen(pointer))).map { UInt8(bitPattern: $0) })
    }
  }
}
