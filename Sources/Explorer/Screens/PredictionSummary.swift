import TermCanvas

/// After the last step: every prediction of the lesson, what the class voted and the answer,
/// so the teacher can close on what the class got wrong. `export` writes it like any screen.
enum PredictionSummary {
  static func draw(
    _ state: ExplorerState, lesson: LessonSession, theme: Theme, area: Rect, keyLine: Bool,
    into canvas: inout Canvas
  ) {
    let steps = state.lessonSteps.enumerated().filter { $0.element.prediction != nil }
    let total = steps.count
    canvas.write(
      "Predictions \(theme.dot) the class against the answers (\(total) step\(total == 1 ? "" : "s"))",
      x: area.x, y: area.y, style: theme.heading, maxWidth: area.width)
    var y = area.y + 2
    let bottom = area.maxY - (keyLine ? 1 : 0)
    var right = 0, tied = 0, voted = 0
    // Every step's label padded to the widest ("Step 10: "), so the answers line up.
    let indent = "Step \((steps.map { $0.offset }.max() ?? 0) + 1): ".count
    for (index, step) in steps {
      guard let prediction = step.prediction, y < bottom else { break }
      let tally = lesson.tally(step: index, choices: prediction.choices.count)
      let lines = PredictionPanel.revealLines(prediction, tally: tally, theme: theme, withReason: false)
      let number = "Step \(index + 1): ".padding(to: indent)
      let question = Canvas.wrap(
        prediction.question.replacingUnicode(theme), width: area.width - number.count)
      for (offset, line) in question.prefix(2).enumerated() where y < bottom {
        let lead = offset == 0 ? number : String(repeating: " ", count: number.count)
        canvas.write(lead + line, x: area.x, y: y, style: .bold, maxWidth: area.width)
        y += 1
      }
      for line in Canvas.wrap(lines[0].replacingUnicode(theme), width: area.width - indent) where y < bottom {
        canvas.write(line, x: area.x + indent, y: y, maxWidth: area.width - indent)
        y += 1
      }
      if let correct = prediction.correctChoice, tally.reduce(0, +) > 0 {
        voted += 1
        let most = tally.max() ?? 0
        if tally[correct] == most { tally.filter { $0 == most }.count == 1 ? (right += 1) : (tied += 1) }
      }
    }
    if keyLine {
      // The first that fits, each line whole (80 columns after a tie cut "← back" to "← b").
      let tie = tied > 0 ? " (\(tied) tied with the answer)" : ""
      let shortTie = tied > 0 ? " (\(tied) tied)" : ""
      let candidates =
        voted == 0
        ? ["No votes were taken. ← back to the last step · q quit", "No votes were taken. ← back"]
        : [
          "The class's most-voted choice was right on \(right) of \(voted)\(tie) · ← back · q quit",
          "Most-voted choice right on \(right) of \(voted)\(tie) · ← back · q quit",
          "Most-voted right on \(right) of \(voted)\(shortTie) · ← back",
        ]
      let text = candidates.map { $0.replacingUnicode(theme) }.first {
        TerminalGlyph.width(of: $0) <= area.width
      }
      canvas.write(text ?? "", x: area.x, y: area.maxY - 1, style: theme.dim, maxWidth: area.width)
    }
  }
}
