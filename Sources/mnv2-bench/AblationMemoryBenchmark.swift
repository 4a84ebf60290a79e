import AblationKit
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// `mnv2-bench ablation-memory [path/to/mnv2]`: the ablation's memory estimate against the
/// peak RSS of the real command, over a grid of studies, each in a child process of its own
/// (wait4's rusage gives its peak alone). The estimate must be above every peak.
func benchmarkAblationMemory(binary: String) {
  let grid: [(widths: [Int], seeds: Int, steps: Int)] = [
    ([1], 1, 1), ([8], 1, 1), ([8], 1, 300), ([2, 3, 4, 8], 10, 1), ([64], 5, 1), ([1, 16, 32, 64], 5, 1),
    ([8, 64], 20, 1), ([2, 64], 10, 20),
    (Array(stride(from: 1, through: 64, by: 9)), 5, 1),
  ]
  let workers = ProcessInfo.processInfo.activeProcessorCount
  print("ablation memory: estimate (upper bound) against measured peak RSS, \(workers) workers")
  for (widths, seeds, steps) in grid {
    let study = AblationStudy(comparison: .activation, activationWidths: widths, seeds: seeds, steps: steps)
    let estimate = study.workEstimate(workers: workers).bytes
    let arguments = [
      binary, "ablation", "--compare", "activation", "--widths",
      widths.map(String.init).joined(separator: ","),
      "--seeds", String(seeds), "--steps", String(steps), "--format", "csv",
    ]
    guard let (status, peak, seconds) = runMeasured(arguments) else {
      print("  could not run \(binary)")
      return
    }
    let verdict = Double(peak) <= estimate ? "ok" : "OVER THE ESTIMATE"
    print(
      "  widths \(widths.map(String.init).joined(separator: ",")) seeds \(seeds) steps \(steps): "
        + "estimate \(Int(estimate / 1e6)) MB, peak \(peak / 1_000_000) MB, \(format(seconds)) s, "
        + "exit \(status)  \(verdict)")
  }
}

/// Runs `arguments` with its output discarded; its exit status, peak RSS in bytes and time.
func runMeasured(_ arguments: [String]) -> (Int32, Int, Double)? {
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
  var cArguments = arguments.map { strdup($0) } + [nil]
  defer { for pointer in cArguments { free(pointer) } }
  var pid: pid_t = 0
  let started = Date()
  guard posix_spawn(&pid, arguments[0], &actions, nil, &cArguments, environ) == 0 else { return nil }
  var status: Int32 = 0
  var usage = rusage()
  while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
  // ru_maxrss is in kilobytes (1024 bytes) on Linux.
  return ((status >> 8) & 0xFF, Int(usage.ru_maxrss) * 1024, Date().timeIntervalSince(started))
}
