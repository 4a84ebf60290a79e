import MobileNetKit
import Practice
import TermCanvas

/// The quiz: the question, the answer being typed, what the last Enter said, the hint or
/// the worked solution, and where in the network the question's layer sits (its name and
/// neighbours only: nothing on this screen gives an answer away before it is earned).
enum QuizScreen {
  static func draw(_ state: ExplorerState, theme: Theme, area: Rect, into canvas: inout Canvas) {
    guard let quiz = state.quiz else { return }
    let question = quiz.question
    // Lines longer than about 100 columns are hard to follow on a projector.
    let x = area.x + 1, width = min(area.width - 2, readableWidth)
    var y = area.y
    let bottom = area.y + area.height
    func line(_ text: String, style: CellStyle = .plain, indent: Int = 0) {
      guard y < bottom else { return }
      canvas.write(text.replacingUnicode(theme), x: x + indent, y: y, style: style, maxWidth: width - indent)
      y += 1
    }
    func paragraph(_ text: String, style: CellStyle = .plain, indent: Int = 0, first: String = "") {
      let lines = Canvas.wrap(text.replacingUnicode(theme), width: width - indent - first.count)
      for (index, text) in lines.enumerated() {
        line(
          (index == 0 ? first : String(repeating: " ", count: first.count)) + text, style: style,
          indent: indent)
      }
    }
    // The prompt names the network too: where the heading has no room, it goes first.
    let heading = theme.fit(
      [
        ("Question \(quiz.number)", 9), (question.kind.title, 7),
        (question.model.map { $0.label(unicode: theme.unicode) } ?? "", 5),
      ], separator: " \(theme.dot) ", width: width)
    line(heading, style: theme.heading)
    y += 1
    paragraph(question.prompt)
    if case .choice(let options, _) = question.answer {
      for (index, option) in options.enumerated() {
        line("(\(AnswerParser.letters[index])) \(option)", indent: 2)
      }
    }
    y += 1
    drawInput(quiz, theme: theme, x: x, y: y, width: width, into: &canvas)
    y += 1
    for (text, style) in feedback(quiz, theme: theme) { paragraph(text, style: style) }
    if quiz.showsHint { paragraph(question.hint, style: theme.dim, first: "Hint: ") }
    if quiz.showsSolution || quiz.isFinished {
      line("Worked solution:", style: theme.heading)
      for (index, step) in question.solution.enumerated() {
        paragraph(step, indent: 2, first: "\(index + 1). ")
      }
    }
    // Where the layer sits, at the foot of the screen, if it has room below the rest.
    let strip = whereItSits(question, theme: theme, width: width)
    if !strip.isEmpty, y + strip.count + 1 <= bottom {
      var row = bottom - strip.count
      for cells in strip {
        var column = x
        for (text, style) in cells { column += canvas.write(text, x: column, y: row, style: style) }
        row += 1
      }
    }
  }

  static let readableWidth = 100

  static func drawInput(
    _ quiz: QuizSession, theme: Theme, x: Int, y: Int, width: Int, into canvas: inout Canvas
  ) {
    guard case .finished(let correct, _) = quiz.phase else {
      let column = x + canvas.write("Your answer: ", x: x, y: y, style: theme.heading)
      // A wrong answer is shown selected (reversed): typing replaces it, Backspace clears it.
      let typed = canvas.write(
        quiz.input, x: column, y: y, style: quiz.inputSelected ? CellStyle(reverse: true) : .plain,
        maxWidth: x + width - column - 1)
      canvas.write(" ", x: column + typed, y: y, style: CellStyle(reverse: true))
      return
    }
    // Over: the right answer, and what was typed when it was not that.
    let column = x + canvas.write("Answer: ", x: x, y: y, style: theme.heading)
    let answer = correct ? quiz.input : quiz.question.answer.formatted(unicode: theme.unicode)
    let yours = correct || quiz.input.isEmpty ? "" : "  (yours: \(quiz.input))"
    canvas.write(
      (answer + yours).replacingUnicode(theme), x: column, y: y, style: .plain, maxWidth: x + width - column)
  }

  /// One or two lines under the input: right, wrong, unreadable, or a new level.
  static func feedback(_ quiz: QuizSession, theme: Theme) -> [(String, CellStyle)] {
    let good =
      theme.colored && !theme.classroom ? CellStyle(foreground: .green, bold: true) : CellStyle(bold: true)
    let bad =
      theme.colored && !theme.classroom ? CellStyle(foreground: .red, bold: true) : CellStyle(bold: true)
    let tick = theme.unicode ? "✓ " : "", cross = theme.unicode ? "✗ " : ""
    var lines: [(String, CellStyle)] = []
    switch quiz.feedback {
    case .none: break
    case .correct(let note):
      var text = "\(tick)Right: \(quiz.question.answer.formatted(unicode: theme.unicode))."
      if case .finished(_, let tries) = quiz.phase, tries > 0 {
        text += " (after \(tries) wrong; the streak starts again)"
      }
      lines.append((text + " Enter: next question.", good))
      if let note { lines.append((note, theme.dim)) }
    case .wrong:
      lines.append(
        ("\(cross)Not that. Type again to replace it, use the hint, or ? for the solution.", bad))
    case .unreadable(let message): lines.append((message, bad))
    case .skipped:
      lines.append(
        (
          "Question \(quiz.number - 1) skipped (it counts as asked); this is question \(quiz.number).",
          theme.dim
        ))
    case .levelUp(let level):
      lines.append(
        ("\(QuizSession.streakToLevelUp) right in a row: level \(level.rawValue), \(describe(level)).", good))
    case .levelSet(let level):
      lines.append(("Level \(level.rawValue): \(describe(level)); the streak starts again.", theme.heading))
    }
    if quiz.showsSolution, case .finished(false, _) = quiz.phase {
      lines.append(
        ("The solution is shown, so this one is not scored as right. Enter: next question.", theme.dim))
    }
    return lines
  }

  static func describe(_ level: QuestionGenerator.Level) -> String {
    switch level {
    case .one: return "one layer at a time, width 1.0 at 224×224"
    case .two: return "any standard width and resolution"
    case .three: return "every kind mixed"
    }
  }

  /// "In the network: stem b1 b2 [b3] b4 … classifier", the question's block highlighted,
  /// and which of its layers is asked about. Empty for a question about no particular layer.
  static func whereItSits(_ question: Question, theme: Theme, width: Int) -> [[(String, CellStyle)]] {
    guard let model = question.model, let target = question.target else { return [] }
    // Memoised, as the explorer's own network is: this runs on every frame.
    let network = DerivedValues.network(
      spec: .mobileNetV2,
      config: NetworkConfig(
        width: model.width, resolution: model.resolution, classes: model.framework.classes,
        lastLayerRule: model.framework.lastLayerRule, channelRounding: model.framework.channelRounding))
    guard network.groups.indices.contains(target.block) else { return [] }
    let names = network.groups.map(\.name)
    var rows: [[(String, CellStyle)]] = [[("In the network: ", theme.dim)]]
    var used = "In the network: ".count
    for (index, name) in names.enumerated() {
      if used + name.count + 1 > width {
        rows.append([("  ", .plain)])
        used = 2
      }
      rows[rows.count - 1].append((name, index == target.block ? theme.selection : .plain))
      rows[rows.count - 1].append((" ", .plain))
      used += name.count + 1
    }
    let layer = target.layer.split(separator: ".").dropFirst().first.map { " (its \($0) layer)" } ?? ""
    rows.append([("the question is about \(names[target.block])\(layer)", theme.dim)])
    return rows
  }
}
