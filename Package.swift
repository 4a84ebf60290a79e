// swift-tools-version: 6.1
import PackageDescription

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
    .target(name: "MobileNetKit"),

    // The manifold experiment of the paper's Figure 1 and the bottleneck lab: the standard
    // library, Dispatch to use both cores, and the lab's matrix kernels.
    .target(
      name: "ManifoldKit", dependencies: ["CLabKernels"],
      linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),

    // The lab's heavy loops in C: Swift cannot choose AVX2 at run time, C can.
    .target(name: "CLabKernels", linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),

    // Cell grid, frames, tables and scatter plots; nothing terminal-specific.
    .target(name: "TermCanvas"),

    // ncurses (wide build) behind a C shim: the terminal globals and macros Swift 6 cannot
    // use directly, and signal handling that must be async-signal-safe.
    .target(name: "CNCurses", linkerSettings: [.linkedLibrary("ncursesw")]),

    // Presentation: tables, JSON and CSV built from core values; still no I/O.
    .target(name: "Reports", dependencies: ["MobileNetKit", "ManifoldKit", "TermCanvas"]),

    // The explorer: state, reducer, key table and views rendered into a Canvas.
    .target(name: "Explorer", dependencies: ["MobileNetKit", "ManifoldKit", "TermCanvas", "Reports"]),

    // Copies a Canvas to the terminal through ncurses and reads keys.
    .target(name: "TerminalBackend", dependencies: ["CNCurses", "TermCanvas", "Explorer"]),

    // The command-line edge.
    .executableTarget(
      name: "mnv2",
      dependencies: [
        "MobileNetKit", "ManifoldKit", "TermCanvas", "Reports", "Explorer", "TerminalBackend",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),

    // Benchmarks: swift run -c release mnv2-bench.
    .executableTarget(
      name: "mnv2-bench", dependencies: ["ManifoldKit", "CLabKernels", "TermCanvas", "Explorer"]),

    // Tests, and a file-based snapshot helper they share.
    .target(name: "SnapshotTesting", path: "Sources/SnapshotTesting"),
    .testTarget(name: "MobileNetKitTests", dependencies: ["MobileNetKit"], exclude: ["Fixtures"]),
    .testTarget(name: "ManifoldKitTests", dependencies: ["ManifoldKit"]),
    .testTarget(name: "TermCanvasTests", dependencies: ["TermCanvas"]),
    .testTarget(
      name: "ReportsTests",
      dependencies: ["Reports", "MobileNetKit", "ManifoldKit", "TermCanvas", "SnapshotTesting"],
      exclude: ["Snapshots"]),
    .testTarget(
      name: "ExplorerTests", dependencies: ["Explorer", "MobileNetKit", "TermCanvas", "SnapshotTesting"],
      exclude: ["Snapshots"]),
    .testTarget(name: "CLITests", dependencies: ["mnv2"]),
  ]
)
