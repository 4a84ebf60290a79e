import AblationKit
import ManifoldKit

/// Everything that changes the explorer's state: what a key asks for, and the results of
/// effects the run loop performed.
public enum ExplorerAction: Equatable, Sendable {
  case next
  case previous
  case pageDown
  case pageUp
  case first
  case last
  case open
  case back
  case cycleView
  case show(ExplorerView)
  case toggleBottleneck
  case widthDown
  case widthUp
  case resolutionDown
  case resolutionUp
  case newSeed
  case togglePlotStyle
  case toggleHelp
  case quit
  /// Opens the classroom lesson from the explorer, or leaves it.
  case toggleLesson
  case nextStep
  case previousStep
  case firstStep
  case lastStep
  /// A digit typed towards "jump to step N"; Enter confirms.
  case digit(Int)
  case confirmJump
  /// Zooms the lesson's visual to fill the screen for the back row.
  case zoom
  /// Esc in a lesson: clears a half-typed jump, then zoom, then leaves the lesson.
  case lessonBack
  /// The clicker's "blank screen" in the lesson; the next key brings it back.
  case blank
  /// The bottleneck lab's manifold dimension k, and its optional shortcut.
  case labKUp
  case labKDown
  case toggleLabShortcut
  /// The bottleneck width d of the Ablation view's Figure 6a.
  case ablationWidthDown
  case ablationWidthUp
  /// A lesson prediction's tally: `v` reveals the answer (again: hides it), `u` takes back
  /// the last vote, and on a step that asks a prediction a–d vote for a choice (the digits
  /// typed before the letter, if any, are a headcount). The tally closes at the reveal.
  case reveal
  case undoVote
  case vote(Int)
  /// A left click on what the last frame drew there (nil: on nothing clickable). It is
  /// a key like any other to a blank screen or the help, which it dismisses.
  case click(ClickTarget?)
  /// A wheel notch: moves through the rows of the Network and Block views, one a notch.
  case scroll(down: Bool)
  /// Opens the quiz, or closes it (its question and score are kept).
  case toggleQuiz
  /// A key while the quiz is open: typed into the answer, or one of the quiz's own keys.
  case quiz(QuizInput)
  /// Asks for whatever the screen needs and does not have, forgetting requests made
  /// before: sent once by whoever starts performing effects (the run loop before its first
  /// frame, `EffectRunner.settle`).
  case refresh
  /// Results of `ExplorerEffect`s.
  case manifoldComputed(ManifoldResult)
  case labComputed(ComputedLab)
  /// The lab on screen would exceed the work or memory limit: not run, with its estimate.
  case labRefused(LabRefusal)
  /// What a long job got to, from whichever runner ran it (`ExplorerEffect.startJob`).
  case jobReported(JobID, JobReport)
  /// Shows or hides the Network view's measured column.
  case toggleTiming
  /// A finished board read back from the cache by the edge that owns the files.
  case ablationRestored(AblationStudy, [RunKey: FinishedRun])

  /// Every action a key can trigger, payloads included, for the help and the tests. The key
  /// table must bind each of them, and bind nothing else (tested both ways).
  public static let keyActions: [ExplorerAction] =
    [
      .next, .previous, .pageDown, .pageUp, .first, .last, .open, .back, .cycleView,
    ] + ExplorerView.allCases.map(ExplorerAction.show)
    + [
      .toggleBottleneck, .widthDown, .widthUp, .resolutionDown, .resolutionUp, .newSeed, .togglePlotStyle,
      .toggleHelp, .quit, .toggleLesson, .nextStep, .previousStep, .firstStep, .lastStep,
    ] + (0...9).map(ExplorerAction.digit)
    + [
      .confirmJump, .zoom, .lessonBack, .blank, .labKUp, .labKDown, .toggleLabShortcut, .ablationWidthDown,
      .ablationWidthUp, .toggleQuiz, .reveal, .undoVote, .toggleTiming,
    ] + LessonPrediction.choiceLetters.indices.map(ExplorerAction.vote)
    // The quiz's keys; typing has no key of its own (every other printable key types).
    + [QuizInput.submit, .solution, .deleteBackward, .skip, .levelDown, .levelUp, .close].map(
      ExplorerAction.quiz)
}
