import AblationKit
import Explorer
import ExplorerApp
import Foundation
import TermCanvas

/// Figure 6 for a command that prints (a handout, an export): the finished board from the
/// cache when it is there, else trained here with its expected time and progress on stderr,
/// then cached for next time.
enum BoardTraining {
  /// Performs every effect `state` asks for, as `EffectRunner.settle` does, with the board
  /// filled from `cache` first (nil: `--no-cache`); `context` holds the runs this command
  /// has trained already.
  static func settle(_ state: inout ExplorerState, cache: BoardCache?, label: String, context: JobContext) {
    guard state.ablationVisible, !state.ablation.isComplete else {
      return EffectRunner.settle(&state, context: context)
    }
    let study = state.ablation.study
    if let cache, let runs = cache.load(study, notice: note) {
      _ = ExplorerReducer.reduce(&state, .ablationRestored(study, runs))
    }
    let trains = !state.ablation.isComplete
    if trains {
      let seconds = state.ablation.expectedSeconds()
      let cores = TrainingJob.workers
      note(
        "training Figure 6: \(state.ablation.runCount) networks, about \(Int(seconds.rounded(.up))) s on "
          + "\(cores) core\(cores == 1 ? "" : "s")"
          + (cache.map { "; the board is then cached in \($0.folder)" } ?? " (--no-cache: not kept)"))
    }
    let progress = ProgressLine(label: "\(label): Figure 6 networks trained", total: state.ablation.runCount)
    EffectRunner.settle(&state, context: context) { done, _ in progress.set(done) }
    progress.finish()
    if trains, let cache { cache.save(state.ablation, notice: note) }
  }

  /// One line on stderr, made safe for the terminal (a cache path may hold any bytes).
  static func note(_ text: String) {
    FileHandle.standardError.write(Data("mnv2: \(TerminalSafe.escape(text))\n".utf8))
  }
}
