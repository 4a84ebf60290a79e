import BottleneckLab
import Explorer
import Kernels
import ManifoldKit
import TermCanvas

#if canImport(Glibc)
  import Glibc
#endif

/// Timings anyone can rerun: `swift run -c release mnv2-bench [manifold|raster|render|all]`.
/// Each figure is the median of several runs after one warm-up run.

func median(_ samples: [Duration]) -> Double {
  let sorted = samples.map(seconds).sorted()
  return sorted[sorted.count / 2]
}

func measure(runs: Int, _ body: () -> Void) -> Double {
  body()
  let clock = ContinuousClock()
  return median((0..<runs).map { _ in clock.measure(body) })
}

/// Embed, activate, back-project and compute every metric for 10⁶ points at each n.
func benchmarkManifold(points: Int, runs: Int) {
  let generation = measure(runs: 3) { _ = Spiral(points: points).generate() }
  print(
    "spiral generation  points=\(points)  median \(format(generation * 1000)) ms (not part of the totals)")
  let dimensions = [2, 3, 5, 15, 30]
  var total = 0.0
  var sink = 0.0
  for n in dimensions {
    let experiment = ManifoldExperiment(
      spiral: Spiral(points: points), dimensions: [n], activation: .relu, seed: 1)
    let inputs = experiment.spiral.generate()
    let seconds = measure(runs: runs) { sink += experiment.run(on: inputs).panels[0].alignedError.mean }
    total += seconds
    print("manifold n=\(n)  points=\(points)  median \(format(seconds * 1000)) ms")
  }
  print("manifold all n  points=\(points)  total \(format(total * 1000)) ms  (checksum \(format(sink)))")
}

/// Rasterise 10⁶ spiral points into a 200×60 Braille canvas.
func benchmarkRaster(points: Int, runs: Int) {
  let spiral = Spiral(points: points).generate()
  let xs = spiral.map(\.x), ys = spiral.map(\.y)
  let shades = (0..<points).map { Float($0) / Float(points) }
  var cellsSet = 0
  let seconds = measure(runs: runs) {
    var raster = ScatterRaster(columns: 200, rows: 60, style: .braille, extent: 4.2)
    xs.withUnsafeBufferPointer { xs in
      ys.withUnsafeBufferPointer { ys in
        shades.withUnsafeBufferPointer { raster.plot(xs, ys, shades: $0) }
      }
    }
    var canvas = Canvas(width: 200, height: 60)
    raster.draw(into: &canvas, x: 0, y: 0, colored: true)
    cellsSet = canvas.cells.filter { $0.scalar != " " }.count
  }
  print(
    "raster braille 200x60  points=\(points)  median \(format(seconds * 1000)) ms  (\(cellsSet) cells drawn)")
}

/// Renders each explorer view at 200×60 and diffs it against the previous frame, as the
/// terminal backend does for every key press.
func benchmarkRender(runs: Int) {
  let theme = Theme(colored: true, unicode: true)
  let scenarios: [(String, [Key])] = [
    ("network", []), ("network+j", [.down]), ("block", [.down, .down, .enter]),
    ("block+b", [.down, .down, .enter, .character("b")]), ("manifold", [.character("m")]),
    ("help", [.character("?")]),
    ("lesson-1", [.character("L")]),
    ("lesson-8", [.character("L")] + Array(repeating: .right, count: 7)),
  ]
  for (name, keys) in scenarios {
    var state = ExplorerState()
    for key in keys.dropLast() { _ = ExplorerReducer.reduce(&state, key: key) }
    EffectRunner.settle(&state)
    let before = ExplorerRenderer.render(state, width: 200, height: 60, theme: theme)
    if let last = keys.last { _ = ExplorerReducer.reduce(&state, key: last) }
    EffectRunner.settle(&state)
    var changed = 0
    let seconds = measure(runs: runs * 5) {
      let frame = ExplorerRenderer.render(state, width: 200, height: 60, theme: theme)
      changed = frame.changedCells(since: before).count
    }
    print("render+diff \(name) 200x60  median \(format(seconds * 1000)) ms  (\(changed) cells changed)")
  }
}

/// Key-to-frame work when k changes in the Block view's lab panel, as the run loop does it:
/// reduce and draw the screen (with "computing…"), then perform the lab effect and draw
/// again. Both figures are reported: the first is what a key waits for, the second is when
/// the lab is on screen. Blocks: b2 (16→96→24), b8 (64→384→64), b17 (160→960→320).
func benchmarkLabPanel(runs: Int) {
  let theme = Theme(colored: true, unicode: true)
  for block in [2, 8, 11, 17] {
    var state = ExplorerState(view: .block, selectedGroup: block)
    EffectRunner.settle(&state)
    var previous = ExplorerRenderer.render(state, width: 200, height: 60, theme: theme)
    var up = true
    var firstFrame: [Double] = []
    let clock = ContinuousClock()
    let total = measure(runs: runs) {
      let start = clock.now
      let effects = ExplorerReducer.reduce(&state, key: .character(up ? "+" : "-"))
      previous = ExplorerRenderer.render(state, width: 200, height: 60, theme: theme)
      _ = previous.changedCells(since: previous)
      firstFrame.append(seconds(clock.now - start))
      _ = ExplorerReducer.reduce(&state, effects.flatMap { $0.perform() })
      let filled = ExplorerRenderer.render(state, width: 200, height: 60, theme: theme)
      _ = filled.changedCells(since: previous)
      up.toggle()
    }
    let wide = state.network.groups[block]
    print(
      "lab panel +/- on b\(block) (\(wide.input.channels)→\(wide.input.channels * wide.expansion)→"
        + "\(wide.output.channels), 200x60): first frame median \(format(firstFrame.sorted()[firstFrame.count / 2] * 1000)) ms, "
        + "lab on screen median \(format(total * 1000)) ms")
  }
  // First visit of a block: nothing cached, the weights are drawn too (a new seed each run).
  var state = ExplorerState(view: .block, selectedGroup: 17)
  var seed: UInt64 = 100
  EffectRunner.settle(&state)
  let cold = measure(runs: runs) {
    seed += 1
    state.seed = seed
    // Only the lab: the new seed's Figure 1 is not part of the panel.
    for effect in ExplorerReducer.reduce(&state, .refresh) {
      if case .runLab = effect { _ = ExplorerReducer.reduce(&state, effect.perform()) }
    }
    _ = ExplorerRenderer.render(state, width: 200, height: 60, theme: theme)
  }
  print(
    "lab panel first run on b17, weights drawn too (lab + render, 200x60)  median \(format(cold * 1000)) ms")
}

func seconds(_ duration: Duration) -> Double {
  Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

/// One lab run per block of MobileNetV2 1.0 (widths written out to keep this target free
/// of the cost model): 17 blocks × k ∈ {2, 4, 8} × {linear, ReLU6}.
func benchmarkLab(points: Int, trials: Int, variants: [Bool]) {
  let blocks: [(Int, Int, Int, Bool)] = [
    (32, 1, 16, false), (16, 6, 24, false), (24, 6, 24, true), (24, 6, 32, false), (32, 6, 32, true),
    (32, 6, 32, true), (32, 6, 64, false), (64, 6, 64, true), (64, 6, 64, true), (64, 6, 64, true),
    (64, 6, 96, false), (96, 6, 96, true), (96, 6, 96, true), (96, 6, 160, false), (160, 6, 160, true),
    (160, 6, 160, true), (160, 6, 320, false),
  ]
  let shapes = blocks.map {
    BottleneckShape(inputChannels: $0.0, expansion: $0.1, outputChannels: $0.2, hasShortcut: $0.3)
  }
  for neighbours in variants {
    var template = BottleneckLab(shape: shapes[0], points: points, trials: trials)
    template.measuresNeighbours = neighbours
    var checksum = 0.0
    let seconds = measure(runs: 3) {
      let results = LabSweep.run(
        template: template, shapes: shapes, dimensions: [2, 4, 8], projections: [.linear, .relu6])
      checksum = results.joined().joined().reduce(0) {
        $0 + $1.collapsedFraction.mean + $1.recoverability.mean
      }
    }
    print(
      "lab sweep 17 blocks x 3 k x 2 activations, \(points) points x \(trials) trials, "
        + (neighbours ? "all four metrics (JSON/CSV)" : "collapse + R² (the text table)")
        + ": median \(format(seconds)) s  (checksum \(format(checksum)))")
  }
}

/// The lab's two biggest products at b17's sizes, timed alone (on every core, as the lab
/// runs them).
func benchmarkKernels(runs: Int) {
  func filled<T: KernelScalar>(_ rows: Int, _ columns: Int, _: T.Type) -> Matrix<T> {
    Matrix(
      rows: rows, columns: columns, values: (0..<rows * columns).map { T(($0 * 7919) % 1000) / 1000 - 0.5 })
  }
  let (n, live, outputs) = (2000, 480, 320)
  let a = filled(n, live, Float.self), b = filled(live, outputs, Float.self)
  var sink: Float = 0
  let projection = measure(runs: runs) { sink += a.times(b)[0, 0] }
  print(
    "sgemm \(n)x\(live)x\(outputs) (b17 projection)  median \(format(projection * 1000)) ms  "
      + "\(format(Double(n * live * outputs) / projection / 1e9)) GMAC/s")
  let train = 1000
  let x = filled(train, outputs, Double.self)
  var total = 0.0
  let gram = measure(runs: runs) { total += x.gram()[0, 0] }
  print(
    "Gram \(outputs)x\(train)x\(outputs) in double (b17 decoder, upper half computed)  median "
      + "\(format(gram * 1000)) ms  \(format(Double(outputs * train * outputs) / 2 / gram / 1e9)) GMAC/s"
      + "  (checksum \(format(Double(sink) + total)))")
}

func format(_ value: Double) -> String {
  let scaled = (value * 100).rounded() / 100
  return String(scaled)
}

let arguments = Array(CommandLine.arguments.dropFirst())
let which = arguments.first ?? "all"
let runs = 7
switch which {
case "manifold": benchmarkManifold(points: 1_000_000, runs: runs)
case "raster": benchmarkRaster(points: 1_000_000, runs: runs)
case "render": benchmarkRender(runs: runs)
case "lab-panel": benchmarkLabPanel(runs: runs)
case "kernels": benchmarkKernels(runs: runs)
case "timing-steps": benchmarkTimingSteps()
case "pointwise-threads": benchmarkPointwiseThreads()
case "forward-kinds": benchmarkForwardKinds(threads: Int(arguments.dropFirst().first ?? "2") ?? 2)
case "forward":
  let rest = Array(arguments.dropFirst())
  benchmarkForward(
    width: Double(rest.first ?? "1") ?? 1, resolution: Int(rest.dropFirst().first ?? "224") ?? 224,
    threads: Int(rest.dropFirst(2).first ?? "2") ?? 2, runs: Int(rest.dropFirst(3).first ?? "50") ?? 50)
case "ablation": benchmarkAblation(runs: 5)
case "ablation-parts": benchmarkAblationParts(runs: 5)
case "ablation-view": benchmarkAblationView()
case "lab-memory":
  benchmarkLabMemory(binary: arguments.dropFirst().first ?? ".build/release/mnv2")
case "ablation-memory":
  benchmarkAblationMemory(binary: arguments.dropFirst().first ?? ".build/release/mnv2")
case "lab":
  // mnv2-bench lab [trials] [table|all]: both variants unless one is named.
  let which = arguments.dropFirst(2).first
  benchmarkLab(
    points: 2000, trials: Int(arguments.dropFirst().first ?? "10") ?? 10,
    variants: which == "table" ? [false] : which == "all" ? [true] : [false, true])
case "all":
  benchmarkManifold(points: 1_000_000, runs: runs)
  benchmarkRaster(points: 1_000_000, runs: runs)
  benchmarkRender(runs: runs)
default:
  print(
    "usage: mnv2-bench [manifold|raster|render|lab-panel|kernels|lab|ablation|ablation-parts|ablation-view|ablation-memory [mnv2]|lab-memory [mnv2]|all]"
  )
}
