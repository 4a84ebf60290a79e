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
    if lesson.showsSummary {
      PredictionSummary.draw(
        state, lesson: lesson, theme: theme, area: area, keyLine: showsKeys, into: &canvas)
      return
    }
    let prediction = step.prediction
    let open = prediction != nil && !lesson.revealed.contains(lesson.index)
    let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - (showsKeys ? 2 : 1))
    // Where the whole text leaves the figure too little room (step 9's Figure 6b at 80×24),
    // the text shortens to one line and the figure keeps the screen; z then shows the rest.
    // The figure at the whole text's layout: it decides the compact layout, and is drawn
    // as it is when the layout stays the same (a frame renders the figure once).
    let trial = open ? nil : normalVisual(step, state: state, theme: theme, body: body)
    let compact = trial.map { $0.height < 4 || !$0.layoutViolations().isEmpty } ?? false
    // Zoomed, the heading says so: at 80 columns a wide visual cannot grow, only the text goes.
    let zoomNote =
      compact
      ? (lesson.zoomed ? "\(theme.dot) the whole text" + theme.hint(" (z: figure back)") : "")
      : (lesson.zoomed ? "\(theme.dot) zoomed" + theme.hint(" (z: text back)") : "")
    let heading = theme.fit(
      [("Step \(counter) \(theme.dot) \(step.title)", 9), (zoomNote, 5)], width: area.width)
    canvas.write(heading, x: area.x, y: area.y, style: theme.heading, maxWidth: area.width)
    if compact {
      drawCompact(state, step: step, lesson: lesson, theme: theme, body: body, into: &canvas)
      guard showsKeys else { return }
      if let prediction {
        // Revealed (a compact step is never open): the answer and tally take the key line.
        let tally = lesson.tally(step: lesson.index, choices: prediction.choices.count)
        let answer = PredictionPanel.revealLines(prediction, tally: tally, theme: theme, withReason: false)[0]
        canvas.write(
          (answer + " \(theme.dot) v hides it").replacingUnicode(theme), x: area.x, y: area.maxY - 1,
          style: theme.heading, maxWidth: area.width)
      } else {
        let keys = keyLine(theme: theme, width: area.width)
        canvas.write(keys, x: area.x, y: area.maxY - 1, style: theme.dim, maxWidth: area.width)
      }
      return
    }
    let tally = prediction.map { lesson.tally(step: lesson.index, choices: $0.choices.count) } ?? []
    // Revealed, the answer and the tally sit under the text, with the reveal's words where
    // they leave the figure room (else the summary and the handout carry them).
    var revealed: [String] = []
    var answerOnKeyLine: String?
    if let prediction, !open {
      let full = PredictionPanel.revealLines(prediction, tally: tally, theme: theme, withReason: true)
      let short = PredictionPanel.revealLines(prediction, tally: tally, theme: theme, withReason: false)
      func fits(_ lines: [String]) -> Bool {
        if lesson.zoomed || sideBySide(step.visual, body: body) { return true }
        let trial = Self.layout(
          text: (screenText(step) + "\n" + lines.joined(separator: "\n")).replacingUnicode(theme), body: body,
          zoomed: false, visual: step.visual)
        guard trial.visual.height >= 4 else { return false }
        let visual = LessonVisuals.render(
          step.visual, state: state, theme: theme, width: trial.visual.width, height: trial.visual.height)
        return visual.layoutViolations().isEmpty
      }
      // The figure keeps its room: the reason goes first, then the answer moves to the key line.
      if fits(full) {
        revealed = full
      } else if fits(short) {
        revealed = short
      } else {
        answerOnKeyLine = short[0]
      }
    }
    if showsKeys {
      if !lesson.typedNumber.isEmpty {
        // What the digits will do, before Enter or a letter says which.
        let choices = open ? prediction?.choices.count ?? 0 : 0
        canvas.write(
          typedNumberPrompt(
            lesson.typedNumber, steps: state.lessonSteps.count, choices: choices, theme: theme),
          x: area.x, y: area.maxY - 1, style: theme.selection, maxWidth: area.width)
      } else if let answer = answerOnKeyLine {
        canvas.write(
          (answer + " \(theme.dot) v hides it").replacingUnicode(theme), x: area.x, y: area.maxY - 1,
          style: theme.heading, maxWidth: area.width)
      } else {
        let keys = keyLine(theme: theme, width: area.width, prediction: prediction.map { ($0, open) })
        canvas.write(keys, x: area.x, y: area.maxY - 1, style: theme.dim, maxWidth: area.width)
      }
    }
    let extra = revealed.isEmpty ? "" : "\n" + revealed.joined(separator: "\n")
    let layout = layout(
      text: (screenText(step) + extra).replacingUnicode(theme), body: body, zoomed: lesson.zoomed,
      visual: step.visual)
    if let textRect = layout.text {
      var used = canvas.writeWrapped(step.text.replacingUnicode(theme), in: textRect)
      if let live = step.live, showsKeys {
        let liveRect = Rect(
          x: textRect.x, y: textRect.y + used, width: textRect.width, height: textRect.height - used)
        used += canvas.writeWrapped(
          liveLine(live).replacingUnicode(theme), in: liveRect, style: theme.heading)
      }
      for (index, line) in revealed.enumerated() {
        let rect = Rect(
          x: textRect.x, y: textRect.y + used, width: textRect.width, height: textRect.height - used)
        used += canvas.writeWrapped(
          line.replacingUnicode(theme), in: rect, style: index == 0 ? theme.heading : .plain)
      }
    }
    if let prediction, open {
      // The figure would give the answer away: the question and the class's tally instead.
      let panel = PredictionPanel.render(
        prediction, tally: tally, theme: theme, width: layout.visual.width, height: layout.visual.height)
      canvas.blit(panel, x: layout.visual.x, y: layout.visual.y)
      return
    }
    var visual =
      trial.flatMap { $0.width == layout.visual.width && $0.height == layout.visual.height ? $0 : nil }
      ?? LessonVisuals.render(
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

  /// Whether the text sits in a column beside the visual. Figures that are charts across the
  /// screen (Figure 1's panels, Figure 6's curves and maps) always have the text above
  /// them, so a larger terminal never gives them a smaller chart: at 120×40 a column of
  /// text left Figure 6 72 columns, fewer than 100×30 gives it, and at any width w the
  /// column costs 48 of the w a stacked layout at a slightly smaller size would give.
  static func sideBySide(_ visual: LessonVisual?, body: Rect) -> Bool {
    switch visual {
    case .ablation?, .manifold?: false
    default: body.width >= sideBySideWidth
    }
  }

  /// The figure drawn where the step's whole text leaves it room, or nil beside a text
  /// column (which never shortens). Under 4 rows, or breaking the layout rule, it means the
  /// text must shorten to one line (the compact layout) so the figure can show.
  static func normalVisual(_ step: LessonStep, state: ExplorerState, theme: Theme, body: Rect) -> Canvas? {
    guard !sideBySide(step.visual, body: body) else { return nil }
    let normal = layout(
      text: screenText(step).replacingUnicode(theme), body: body, zoomed: false, visual: step.visual)
    return LessonVisuals.render(
      step.visual, state: state, theme: theme, width: normal.visual.width,
      height: max(0, normal.visual.height))
  }

  /// One line of text and the figure under it; zoomed, the whole text instead of the figure.
  static func drawCompact(
    _ state: ExplorerState, step: LessonStep, lesson: LessonSession, theme: Theme, body: Rect,
    into canvas: inout Canvas
  ) {
    if lesson.zoomed {
      var used = canvas.writeWrapped(step.text.replacingUnicode(theme), in: body)
      var extra: [(String, CellStyle)] = step.live.map { [(liveLine($0), theme.heading)] } ?? []
      if let prediction = step.prediction, lesson.revealed.contains(lesson.index) {
        let tally = lesson.tally(step: lesson.index, choices: prediction.choices.count)
        let lines = PredictionPanel.revealLines(prediction, tally: tally, theme: theme, withReason: true)
        extra += lines.enumerated().map { ($0.element, $0.offset == 0 ? theme.heading : .plain) }
      }
      for (line, style) in extra {
        let rect = Rect(x: body.x, y: body.y + used, width: body.width, height: body.height - used)
        used += canvas.writeWrapped(line.replacingUnicode(theme), in: rect, style: style)
      }
      return
    }
    canvas.write(
      summaryLine(step.text.replacingUnicode(theme), width: body.width, theme: theme), x: body.x, y: body.y,
      maxWidth: body.width)
    let rect = Rect(x: body.x, y: body.y + 2, width: body.width, height: body.height - 2)
    var visual = LessonVisuals.render(
      step.visual, state: state, theme: theme, width: rect.width, height: rect.height)
    if !visual.layoutViolations().isEmpty {
      visual = noRoomNote(theme: theme, width: rect.width, height: rect.height)
    }
    canvas.blit(visual, x: rect.x, y: rect.y)
  }

  /// The text's first words that fit one line, then "… (z: the whole text)".
  static func summaryLine(_ text: String, width: Int, theme: Theme) -> String {
    let tail = (theme.unicode ? "… " : "... ") + "(z: the whole text)"
    var line = ""
    for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
      let next = line.isEmpty ? String(word) : line + " " + word
      if TerminalGlyph.width(of: next) + TerminalGlyph.width(of: tail) > width { break }
      line = next
    }
    // A sentence that ends where the line does needs no "…": the brackets say there is more.
    return line.hasSuffix(".") ? line + " (z: the whole text)" : line + tail
  }

  /// Where the text and the visual go. The text always gets all the lines it needs.
  public static func layout(text: String, body: Rect, zoomed: Bool, visual: LessonVisual? = nil) -> (
    text: Rect?, visual: Rect
  ) {
    if zoomed { return (nil, body) }
    if sideBySide(visual, body: body) {
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

  /// "12_ · Enter: step 12 · a-c: 12 votes · Esc: clear", naming only what the number can do.
  static func typedNumberPrompt(_ typed: String, steps: Int, choices: Int, theme: Theme) -> String {
    var parts = ["\(typed)_"]
    let number = Int(typed) ?? 0
    if (1...max(1, steps)).contains(number) {
      parts.append("Enter: step \(number)")
    } else {
      parts.append("no step \(number) (1 to \(steps))")
    }
    if choices >= 2 && number > 0 {
      parts.append(
        "a-\(LessonPrediction.choiceLetters[choices - 1]): \(number) vote\(number == 1 ? "" : "s")")
    }
    parts.append("Esc: clear")
    return parts.joined(separator: " \(theme.dot) ").replacingUnicode(theme)
  }

  /// The clicker keys, whole tokens only, the way forward and back kept longest.
  static func keyLine(theme: Theme, width: Int, prediction: (LessonPrediction, open: Bool)? = nil) -> String {
    var votes: [(String, Int)] = []
    // On a step that asks a prediction, b is a vote: the clicker's other blank key is named instead.
    var blank = "b blank"
    if let (prediction, open) = prediction {
      blank = ". blank"
      let last =
        prediction.choices.isEmpty ? nil : LessonPrediction.choiceLetters[prediction.choices.count - 1]
      votes =
        open
        ? [(last.map { "a-\($0) vote (12a: 12) u undo" } ?? "", 10), ("v reveal", 11)]
        : [("v hide the answer", 1)]
    }
    let full = theme.fit(
      votes + [
        ("→/Space/PgDn next", 9), ("←/PgUp back", 8), ("1-9 Enter jump", 5), ("z zoom", 4),
        ("t w/W r/R s A live", 6), (blank, 3), ("Esc Esc leave", 2), ("? q", 7),
      ], separator: " \(theme.dot) ", width: width)
    return full.replacingUnicode(theme)
  }
}
