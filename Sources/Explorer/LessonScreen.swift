import TermCanvas

/// A lesson step: counter and title, the explanation beside (or above) the live visual,
/// and a line of clicker keys that is always visible.
public enum LessonScreen {
  /// From this width the text sits in a column left of the visual; below it, above.
  static let sideBySideWidth = 120
  static let textColumnWidth = 46

  static func draw(
    _ state: ExplorerState, lesson: LessonSession, theme: Theme, area: Rect, keyLine showsKeys: Bool = true,
    into canvas: inout Canvas
  ) {
    guard let step = state.lessonStep, let counter = state.lessonCounter else { return }
    // Zoomed, the heading says so: at 80 columns a wide visual cannot grow, only the text goes.
    let heading = theme.fit(
      [
        ("Step \(counter) \(theme.dot) \(step.title)", 9),
        (lesson.zoomed ? "\(theme.dot) zoomed" + theme.hint(" (z: text back)") : "", 5),
      ], width: area.width)
    canvas.write(heading, x: area.x, y: area.y, style: theme.heading, maxWidth: area.width)
    if !lesson.pendingJump.isEmpty {
      let prompt = "go to step \(lesson.pendingJump)_ (Enter)"
      canvas.write(prompt, x: area.maxX - prompt.count, y: area.y, style: theme.selection)
    }
    if showsKeys {
      let keys = keyLine(theme: theme, width: area.width)
      canvas.write(keys, x: area.x, y: area.maxY - 1, style: theme.dim, maxWidth: area.width)
    }
    let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - (showsKeys ? 2 : 1))
    let layout = layout(text: screenText(step).replacingUnicode(theme), body: body, zoomed: lesson.zoomed)
    if let textRect = layout.text {
      let used = canvas.writeWrapped(step.text.replacingUnicode(theme), in: textRect)
      if let live = step.live, showsKeys {
        let liveRect = Rect(
          x: textRect.x, y: textRect.y + used, width: textRect.width, height: textRect.height - used)
        canvas.writeWrapped(liveLine(live).replacingUnicode(theme), in: liveRect, style: theme.heading)
      }
    }
    var visual = LessonVisuals.render(
      step.visual, state: state, theme: theme, width: layout.visual.width, height: layout.visual.height)
    // A teacher's long text can leave too little room for the figure: rather than a figure
    // with lines missing, say so and offer the zoom, which gives it the whole screen.
    if !lesson.zoomed && !visual.layoutViolations().isEmpty {
      visual = noRoomNote(theme: theme, width: layout.visual.width, height: layout.visual.height)
    }
    canvas.blit(visual, x: layout.visual.x, y: layout.visual.y)
  }

  static func noRoomNote(theme: Theme, width: Int, height: Int) -> Canvas {
    var note = Canvas(width: width, height: height)
    guard height > 0 else { return note }
    let line = theme.fit(
      [("The figure needs more room than this text leaves:", 3), ("press z to see it", 9)], width: width)
    note.write(line, x: 0, y: 0, style: theme.dim, maxWidth: width)
    return note
  }

  /// Where the text and the visual go. The text always gets all the lines it needs.
  public static func layout(text: String, body: Rect, zoomed: Bool) -> (text: Rect?, visual: Rect) {
    if zoomed { return (nil, body) }
    if body.width >= sideBySideWidth {
      let textRect = Rect(x: body.x, y: body.y + 1, width: textColumnWidth, height: body.height - 1)
      let visual = Rect(
        x: body.x + textColumnWidth + 2, y: body.y + 1, width: body.width - textColumnWidth - 2,
        height: body.height - 1)
      return (textRect, visual)
    }
    let lines = Canvas.wrap(text, width: body.width).count
    let textRect = Rect(x: body.x, y: body.y, width: body.width, height: lines)
    let visual = Rect(x: body.x, y: body.y + lines + 1, width: body.width, height: body.height - lines - 1)
    return (textRect, visual)
  }

  /// The step's text as the screen shows it: the explanation, then what to try live.
  static func screenText(_ step: LessonStep) -> String {
    step.live.map { step.text + "\n" + liveLine($0) } ?? step.text
  }

  static func liveLine(_ live: String) -> String { "▸ " + live }

  /// The current step's visual alone, for handouts and exports.
  public static func renderVisual(_ state: ExplorerState, theme: Theme, width: Int, height: Int) -> Canvas {
    guard let step = state.lessonStep else { return Canvas(width: width, height: height) }
    return LessonVisuals.render(step.visual, state: state, theme: theme, width: width, height: height)
  }

  /// The clicker keys, whole tokens only, the way forward and back kept longest.
  static func keyLine(theme: Theme, width: Int) -> String {
    let full = theme.fit(
      [
        ("→/Space/PgDn next", 9), ("←/PgUp back", 8), ("1-9 Enter jump", 5), ("z zoom", 4),
        ("t w/W r/R s a live", 6), ("b blank", 3), ("Esc Esc leave", 2), ("? q", 7),
      ], separator: " \(theme.dot) ", width: width)
    return full.replacingUnicode(theme)
  }
}
