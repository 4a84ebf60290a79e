/// Everything a key can ask the explorer to do.
public enum ExplorerAction: Hashable, Sendable {
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
  /// The bottleneck lab's manifold dimension k, and its optional shortcut.
  case labKUp
  case labKDown
  case toggleLabShortcut
}
