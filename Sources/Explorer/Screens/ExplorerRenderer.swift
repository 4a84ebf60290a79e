import TermCanvas

/// Draws the whole screen for a state: a pure function of the state and the size.
public enum ExplorerRenderer {
  public static let minimumWidth = Chrome.minimumWidth
  public static let minimumHeight = Chrome.minimumHeight

  /// Whether a terminal of this size can show the explorer (else "too small" is drawn).
  public static func fits(width: Int, height: Int) -> Bool {
    width >= minimumWidth && height >= minimumHeight
  }

  /// `chrome: false` leaves out the title bar, the status bar and the lesson's key line,
  /// for a slide that shows the content alone.
  public static func render(
    _ state: ExplorerState, width: Int, height: Int, theme: Theme, chrome: Bool = true
  )
    -> Canvas
  {
    // ASCII plots (`a`, `--ascii`) make the whole screen 7-bit, so it pastes into plain text.
    var theme = theme
    if state.plotStyle == .ascii { theme.unicode = false }
    var canvas = draw(state, width: width, height: height, theme: theme, chrome: chrome)
    if !theme.unicode { canvas.transliterateToASCII() }
    if theme.light { canvas.adaptForLightBackground() }
    // A washed-out projector loses dim text first: the classroom theme has none at all,
    // whichever view or figure drew it.
    if theme.classroom { canvas.removeDim() }
    return canvas
  }

  static func draw(_ state: ExplorerState, width: Int, height: Int, theme: Theme, chrome: Bool) -> Canvas {
    var canvas = Canvas(width: width, height: height)
    guard fits(width: width, height: height) else {
      Chrome.drawTooSmall(width: width, height: height, theme: theme, into: &canvas)
      return canvas
    }
    // The clicker's blank screen: nothing at all, as a projector's would be.
    if state.lesson?.blanked == true { return canvas }
    guard chrome else {
      var theme = theme
      theme.keyHints = false
      if let lesson = state.lesson {
        LessonScreen.draw(
          state, lesson: lesson, theme: theme, area: canvas.bounds, keyLine: false, into: &canvas)
      } else if state.quizOpen {
        QuizScreen.draw(state, theme: theme, area: canvas.bounds, into: &canvas)
      } else {
        drawView(state, theme: theme, area: canvas.bounds, into: &canvas)
      }
      return canvas
    }
    Chrome.drawTitle(state, theme: theme, into: &canvas)
    let area = Rect(x: 0, y: 1, width: width, height: height - 2)
    if let lesson = state.lesson {
      LessonScreen.draw(state, lesson: lesson, theme: theme, area: area, into: &canvas)
      Chrome.drawStatus(state, theme: theme, into: &canvas)
      if state.showHelp { HelpOverlay.draw(theme: theme, inLesson: true, into: &canvas) }
      return canvas
    }
    if state.quizOpen {
      QuizScreen.draw(state, theme: theme, area: area, into: &canvas)
      Chrome.drawQuizStatus(state, theme: theme, into: &canvas)
      if state.showHelp { HelpOverlay.draw(theme: theme, inLesson: false, into: &canvas) }
      return canvas
    }
    drawView(state, theme: theme, area: area, into: &canvas)
    Chrome.drawStatus(state, theme: theme, into: &canvas)
    if state.showHelp { HelpOverlay.draw(theme: theme, inLesson: state.lesson != nil, into: &canvas) }
    return canvas
  }

  static func drawView(_ state: ExplorerState, theme: Theme, area: Rect, into canvas: inout Canvas) {
    switch state.view {
    case .network: NetworkScreen.draw(state, theme: theme, area: area, into: &canvas)
    case .block: BlockScreen.draw(state, theme: theme, area: area, into: &canvas)
    case .manifold: ManifoldScreen.draw(state, theme: theme, area: area, into: &canvas)
    case .ablation: AblationScreen.draw(state, theme: theme, area: area, into: &canvas)
    }
  }
}
