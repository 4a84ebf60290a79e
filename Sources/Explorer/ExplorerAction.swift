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
}
