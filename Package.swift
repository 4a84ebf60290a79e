// swift-tools-version: 6.1
import PackageDescription

/// The numeric targets are optimised in debug builds too: `swift test` runs the lab at real
/// sizes, and unoptimised SIMD code is a hundred times slower.
let optimisedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
  name: "mnv2",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "mnv2", targets: ["mnv2"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
  ],
  targets: [
    // Core: pure values, no I/O.
    // Bundled/ is Assets/architectures, embedded in the binary (PackageResources).
    .target(name: "MobileNetKit", resources: [.embedInCode("Bundled")]),

    // Portable numeric kernels: matrices, products, Cholesky, nearest neighbours. Fixed
    // summation order and no fused multiply-add, so every machine gets the same bits.
    .target(name: "Kernels", swiftSettings: optimisedInDebug),

    // The paper's Figure 1: seeded RNG, spiral, random embedding, activations, T⁺, Theorem 1.
    .target(name: "ManifoldKit", dependencies: ["Kernels"], swiftSettings: optimisedInDebug),

    // The network runs: MobileNetKit's layer list compiled onto the Kernels ops (BatchNorm
    // folded), seeded weights, the forward pass, and its profile beside the MAdds.
    .target(name: "Inference", dependencies: ["MobileNetKit", "Kernels"], swiftSettings: optimisedInDebug),

    // Figure 1's question inside a real block's widths: collapse, decoder, neighbours, sweep.
    .target(
      name: "BottleneckLab", dependencies: ["ManifoldKit", "Kernels"], swiftSettings: optimisedInDebug),

    // Figure 6 in miniature: two spirals, a tiny inverted-residual network on points, its
    // forward and backward passes, Adam, and the statistics over seeds.
    .target(
      name: "AblationKit", dependencies: ["Kernels", "ManifoldKit"], swiftSettings: optimisedInDebug),

    // Exercises from the exact cost model: question kinds, the seeded generator, worked
    // solutions, and the parser of typed answers.
    .target(name: "Practice", dependencies: ["MobileNetKit", "ManifoldKit"]),

    // Cell grid, frames, tables and scatter plots; nothing terminal-specific.
    .target(name: "TermCanvas"),

    // The signals that end the process, and the temporary file they must not leave behind:
    // async-signal-safe C that both the ncurses shim and the atomic writer build on.
    .target(name: "CEndingSignals"),

    // Whole files or nothing: a temporary file beside the target, then rename(2); paths as
    // the bytes they are. The CLI's exports and the Figure 6 board cache write through it.
    .target(name: "AtomicFile", dependencies: ["CEndingSignals"]),

    // ncurses (wide build) behind a C shim: the terminal globals and macros Swift 6 cannot
    // use directly, and the handlers that restore the terminal on any signal.
    .target(
      name: "CNCurses",
      dependencies: ["CEndingSignals"],
      linkerSettings: [
        .linkedLibrary("ncursesw", .when(platforms: [.linux])),
        .linkedLibrary("ncurses", .when(platforms: [.macOS])),
      ]),

    // Presentation: tables, JSON and CSV built from core values; still no I/O.
    .target(
      name: "Reports",
      dependencies: [
        "MobileNetKit", "ManifoldKit", "BottleneckLab", "AblationKit", "TermCanvas", "Inference", "Practice",
      ]),

    // The explorer: state, reducer, key table and views rendered into a Canvas.
    .target(
      name: "Explorer",
      dependencies: [
        "MobileNetKit", "ManifoldKit", "BottleneckLab", "AblationKit", "Kernels", "TermCanvas", "Reports",
        "Practice", "Inference",
      ],
      // Lessons/Bundled/ is Assets/lessons, embedded in the binary (PackageResources).
      resources: [.embedInCode("Lessons/Bundled")]),

    // The backend protocol, its ncurses implementation and a test backend: cells out, keys in.
    .target(name: "TerminalBackend", dependencies: ["CNCurses", "TermCanvas"]),

    // The explorer's run loop, driven through the backend protocol; performs the effects.
    .target(
      name: "ExplorerApp", dependencies: ["Explorer", "AblationKit", "AtomicFile", "TermCanvas", "TerminalBackend"]),

    // The command-line edge.
    .executableTarget(
      name: "mnv2",
      dependencies: [
        "MobileNetKit", "ManifoldKit", "BottleneckLab", "AblationKit", "TermCanvas", "Reports", "Practice",
        "Explorer",
        "ExplorerApp", "TerminalBackend", "AtomicFile", "CEndingSignals", "Inference",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),

    // Benchmarks: swift run -c release mnv2-bench.
    .executableTarget(
      name: "mnv2-bench",
      dependencies: [
        "Kernels", "ManifoldKit", "BottleneckLab", "AblationKit", "TermCanvas", "Explorer", "ExplorerApp",
        "Inference", "MobileNetKit",
      ]),

    // Fuzz targets: scripts/fuzz.sh builds them with -sanitize=fuzzer; a plain build replays
    // the committed corpus (mnv2-fuzz TARGET FILE…), which CI runs.
    .executableTarget(
      name: "mnv2-fuzz",
      dependencies: ["MobileNetKit", "Reports", "Explorer", "TermCanvas", "TerminalBackend", "CNCurses"]),

    // Tests, and a file-based snapshot helper they share.
    .target(name: "SnapshotFiles", path: "Sources/SnapshotFiles"),
    .testTarget(name: "MobileNetKitTests", dependencies: ["MobileNetKit"], exclude: ["Fixtures"]),
    .testTarget(name: "KernelsTests", dependencies: ["Kernels"]),
    .testTarget(
      name: "InferenceTests", dependencies: ["Inference", "MobileNetKit", "Kernels"], exclude: ["Fixtures"]),
    .testTarget(name: "ManifoldKitTests", dependencies: ["ManifoldKit"]),
    .testTarget(
      name: "AblationKitTests", dependencies: ["AblationKit", "ManifoldKit"], exclude: ["Fixtures"]),
    .testTarget(name: "BottleneckLabTests", dependencies: ["BottleneckLab", "ManifoldKit", "Kernels"]),
    .testTarget(name: "TermCanvasTests", dependencies: ["TermCanvas"]),
    .testTarget(
      name: "ReportsTests",
      dependencies: [
        "Reports", "MobileNetKit", "ManifoldKit", "BottleneckLab", "TermCanvas", "SnapshotFiles",
      ],
      exclude: ["Snapshots"]),
    .testTarget(
      name: "ExplorerTests", dependencies: ["Explorer", "MobileNetKit", "TermCanvas", "SnapshotFiles"],
      exclude: ["Snapshots"]),
    .testTarget(
      name: "ExplorerAppTests", dependencies: ["ExplorerApp", "Explorer", "TerminalBackend", "TermCanvas"]),
    .testTarget(name: "TerminalBackendTests", dependencies: ["TerminalBackend", "CNCurses", "TermCanvas"]),
    .testTarget(name: "PracticeTests", dependencies: ["Practice", "MobileNetKit"]),
    .testTarget(name: "CLITests", dependencies: ["mnv2", "mnv2-fuzz"]),
  ]
)
