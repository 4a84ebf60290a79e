import Foundation

/// The fuzz targets, named as `scripts/fuzz.sh` and the corpus folders name them.
enum FuzzTarget: String, CaseIterable {
  case architecture
  case lesson
  case keys

  /// Runs one input; a broken invariant traps, which is what libFuzzer reports.
  func run(_ bytes: [UInt8]) {
    switch self {
    case .architecture: ArchitectureFuzz.run(bytes)
    case .lesson: LessonFuzz.run(bytes)
    case .keys: KeysFuzz.run(bytes)
    }
  }

  /// Chosen once per process from MNV2_FUZZ_TARGET, since libFuzzer owns the command line.
  static let selected: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["MNV2_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
      let names = allCases.map(\.rawValue).joined(separator: ", ")
      FileHandle.standardError.write(Data("mnv2-fuzz: set MNV2_FUZZ_TARGET to one of \(names)\n".utf8))
      exit(64)
    }
    return target
  }()
}

/// libFuzzer's entry point, present in every build so the replayer runs the same code.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  FuzzTarget.selected.run(bytes)
  return 0
}

#if FUZZING
  /// libFuzzer's driver. SwiftPM links an executable with main = mnv2_fuzz_main, so
  /// libFuzzer's own main is never pulled in; this entry point hands over to its driver.
  @_silgen_name("LLVMFuzzerRunDriver")
  func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
  ) -> CInt

  @_cdecl("mnv2_fuzz_main")
  func fuzzMain(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
  ) -> CInt {
    var count = argc
    var arguments = argv
    return withUnsafeMutablePointer(to: &arguments) { arguments in
      runFuzzerDriver(&count, arguments) { data, size in fuzzOneInput(data, size) }
    }
  }
#else
  /// Without `-sanitize=fuzzer` (and so in CI), the same targets replay files:
  /// `mnv2-fuzz TARGET FILE…`, which is how the committed corpus and every crash found
  /// stay regression tests.
  @main enum Replay {
    static func main() {
      let arguments = Array(CommandLine.arguments.dropFirst())
      guard let name = arguments.first, let target = FuzzTarget(rawValue: name), arguments.count > 1 else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
        FileHandle.standardError.write(Data("usage: mnv2-fuzz \(names) FILE…\n".utf8))
        exit(64)
      }
      for path in arguments.dropFirst() {
        guard let data = FileManager.default.contents(atPath: path) else {
          FileHandle.standardError.write(Data("mnv2-fuzz: cannot read \(path)\n".utf8))
          exit(66)
        }
        target.run(Array(data))
      }
      print("\(arguments.count - 1) inputs held every invariant")
    }
  }
#endif
