import TermCanvas

/// A lesson step: counter and title, the explanation beside (or above) the live visual,
/// and a line of clicker keys that is always visible.
public enum LessonScreen {
  /// From this width the text sits in a column left of the visual; below it, above.
  static let sideBySideWidth = 120
  static let textColumnWidth = 46

  static func draw(
    _ state: ExplorerState, lesson: LessonSession, theme: Theme, area: Rect, into canvas: inout Canvas
  ) {
    guard let step = state.lessonStep, let counter = state.lessonCounter else { return }
    let heading = "Step \(counter) \(theme.dot) \(step.title)"
    canvas.write(heading, x: area.x, y: area.y, style: theme.heading, maxWidth: area.width)
    if !lesson.pendingJump.isEmpty {
      let prompt = "go to step \(lesson.pendingJump)_ (Enter)"
      canvas.write(prompt, x: area.maxX - prompt.count, y: area.y, style: theme.selection)
    }
    let keys = keyLine(theme: theme, width: area.width)
    canvas.write(keys, x: area.x, y: area.maxY - 1, style: theme.dim, maxWidth: area.width)
    let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 2)
    let layout = layout(text: step.text, body: body, zoomed: lesson.zoomed)
    if let textRect = layout.text {
      canvas.writeWrapped(step.text.replacingUnicode(theme), in: textRect)
    }
    let visual = LessonVisuals.render(
      step.visual, state: state, theme: theme, width: layout.visual.width, height: layout.visual.height)
    canvas.blit(visual, x: layout.visual.x, y: layout.visual.y)
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

  /// The current step's visual alone, for handouts and exports.
  public static func renderVisual(_ state: ExplorerState, theme: Theme, width: Int, height: Int) -> Canvas {
    guard let step = state.lessonStep else { return Canvas(width: width, height: height) }
    return LessonVisuals.render(step.visual, state: state, theme: theme, width: width, height: height)
  }

  static func keyLine(theme: Theme, width: Int) -> String {
    let d = " \(theme.dot) "
    let full =
      [
        "→/Space/PgDn next", "←/PgUp back", "1-9 Enter jump", "z zoom", "b w/W r/R s a live", "L explorer",
        "? q",
      ]
      .joined(separator: d)
    let short = ["→/Space next", "← back", "N Enter jump", "z zoom", "b w r s a", "L", "? q"].joined(
      separator: d)
    return (full.count <= width ? full : short).replacingUnicode(theme)
  }
}
