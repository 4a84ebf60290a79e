import BottleneckLab
import Foundation

/// `mnv2-bench lab-memory [path/to/mnv2]`: the lab's memory estimate against the peak RSS
/// of `mnv2 lab` on generated architectures (a stem of c′ channels, one bottleneck t, c″),
/// each run in a child process of its own. The estimate must be above every peak.
func benchmarkLabMemory(binary: String) {
  // (stem channels, t, bottleneck channels, points, trials); multiples of 8, so the
  // channel rounding leaves them as they are.
  let grid: [(Int, Int, Int, Int, Int)] = [
    (16, 6, 16, 2000, 1), (160, 6, 160, 2000, 1), (320, 6, 320, 20000, 1), (64, 6, 512, 5000, 1),
    (1024, 16, 1024, 2000, 1), (2048, 6, 2048, 2000, 1), (512, 64, 256, 1000, 1), (96, 6, 96, 2000, 8),
    (4096, 16, 1024, 500, 1), (4096, 64, 256, 200, 1),
  ]
  let workers = ProcessInfo.processInfo.activeProcessorCount
  let folder = NSTemporaryDirectory() + "mnv2-lab-memory-\(getpid())"
  try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(atPath: folder) }
  print("lab memory: estimate (upper bound) against measured peak RSS, \(workers) workers")
  for (stem, t, channels, points, trials) in grid {
    let path = folder + "/arch.json"
    let spec = """
      {"schema": "mnv2-architecture/1", "name": "grid", "reference": "", "input_channels": 3,
       "stages": [{"op": "conv2d", "kernel": 3, "c": \(stem), "n": 1, "s": 2},
                  {"op": "bottleneck", "t": \(t), "c": \(channels), "n": 1, "s": 1},
                  {"op": "avgpool"}, {"op": "classifier"}]}
      """
    try? spec.write(toFile: path, atomically: true, encoding: .utf8)
    let shape = BottleneckShape(
      inputChannels: stem, expansion: t, outputChannels: channels, hasShortcut: stem == channels)
    let lab = BottleneckLab(shape: shape, points: points, trials: trials)
    let estimate = lab.workEstimate(projections: 1, workers: workers).bytes
    let arguments = [
      binary, "lab", "--arch", path, "--block", "1", "--points", String(points), "--trials", String(trials),
      "--format", "csv",
    ]
    guard let (status, peak, seconds) = runMeasured(arguments) else {
      return print("  could not run \(binary)")
    }
    let verdict =
      status != 0 ? "refused (exit \(status))" : Double(peak) <= estimate ? "ok" : "OVER THE ESTIMATE"
    print(
      "  c′ \(stem) t \(t) c″ \(channels) N \(points) trials \(trials): estimate \(Int(estimate / 1e6)) MB, "
        + "peak \(peak / 1_000_000) MB, \(format(seconds)) s  \(verdict)")
  }
}
