import MobileNetKit
import Reports
import TermCanvas

/// The title bar, the status bar, and the screen for a terminal that is too small.
enum Chrome {
  static let minimumWidth = 80
  static let minimumHeight = 24

  static func drawTitle(_ state: ExplorerState, theme: Theme, into canvas: inout Canvas) {
    let config = state.config
    let row = Rect(x: 0, y: 0, width: canvas.width, height: 1)
    canvas.fill(row, with: Cell(" ", style: theme.titleBar))
    // The quiz's questions are about networks of their own: the explorer's would mislead.
    if state.quizOpen, let quiz = state.quiz {
      let text = theme.fit(
        [
          ("mnv2 quiz", 9), ("seed \(quiz.seed)", 8), ("question \(quiz.number)", 7),
          ("exact answers, tested against torchvision", 3),
        ], separator: " \(theme.dot) ", width: canvas.width - 1)
      canvas.write(" " + text, x: 0, y: 0, style: theme.titleBar, maxWidth: canvas.width)
      return
    }
    let framework = Framework.label(rounding: config.channelRounding, convention: state.convention)
    // The framework is named on every screen: where the full title leaves no room for it,
    // "bottleneck linear" shortens to "linear" (the status bar spells the bottleneck out).
    func title(bottleneckWord: Bool) -> String {
      " \(TerminalSafe.escape(state.network.spec.name)) \(formatWidth(config.width)) "
        + "\(theme.dot) \(config.resolution)\(theme.times)\(config.resolution) \(theme.dot) "
        + (state.network.bottlenecks.isEmpty
          ? "" : (bottleneckWord ? "bottleneck " : "") + "\(config.bottleneckActivation.label) \(theme.dot) ")
        + "\(NumberFormatting.scaled(state.network.multiplyAdds)) MAdds \(theme.dot) "
        + "\(NumberFormatting.scaled(state.network.params(state.convention), decimals: 2)) params"
    }
    let tail = " \(theme.dot) \(framework)".replacingUnicode(theme)
    let full = title(bottleneckWord: true).replacingUnicode(theme)
    let short = title(bottleneckWord: false).replacingUnicode(theme)
    // Beside Figure 1, whose status bar names the figure's activation, a bare "linear" would
    // read as the figure's: there the bottleneck keeps its word and the framework waits for room.
    var text =
      full.count + tail.count <= canvas.width
      ? full + tail
      : (!state.figureVisible && short.count + tail.count <= canvas.width ? short + tail : full)
    if text.count > canvas.width {
      text = fittedTitle(state, framework: framework, theme: theme, width: canvas.width)
    }
    canvas.write(text, x: 0, y: 0, style: theme.titleBar, maxWidth: canvas.width)
  }

  /// A title too long even in its short form (an architecture's 80-character name, a width
  /// such as 1.6666666666666667): whole parts are dropped, least needed first, and a name
  /// that alone is too long ends in "…".
  static func fittedTitle(_ state: ExplorerState, framework: String, theme: Theme, width: Int) -> String {
    let config = state.config
    let widthText = formatWidth(config.width)
    var name = TerminalSafe.escape(state.network.spec.name)
    let room = width - 2 - widthText.count - 1
    if name.count > room { name = String(name.prefix(max(1, room - 1))) + (theme.unicode ? "…" : "~") }
    var tokens: [(String, Int)] = [
      ("\(name) \(widthText)", 9), ("\(config.resolution)\(theme.times)\(config.resolution)", 7),
    ]
    if !state.network.bottlenecks.isEmpty {
      tokens.append(("bottleneck \(config.bottleneckActivation.label)", 8))
    }
    tokens += [
      ("\(NumberFormatting.scaled(state.network.multiplyAdds)) MAdds", 6),
      ("\(NumberFormatting.scaled(state.network.params(state.convention), decimals: 2)) params", 5),
      (framework, 4),
    ]
    return " " + theme.fit(tokens.map { ($0.0, $0.1) }, separator: " \(theme.dot) ", width: width - 1)
  }

  /// The bottom line: views, the bottleneck toggle (always visible) and the main keys.
  static func drawStatus(_ state: ExplorerState, theme: Theme, into canvas: inout Canvas) {
    let y = canvas.height - 1
    canvas.fill(Rect(x: 0, y: y, width: canvas.width, height: 1), with: Cell(" ", style: theme.statusBar))
    if let notice = state.notice {
      // Why the last key did nothing takes the whole line until the next key.
      var style = theme.selection
      style.bold = true
      canvas.write((" " + notice).replacingUnicode(theme), x: 0, y: y, style: style, maxWidth: canvas.width)
      return
    }
    var x = 0
    let toggleKey = state.lesson == nil ? "(b)" : state.lesson?.showsSummary == true ? "" : "(t)"
    if let counter = state.lessonCounter {
      x += canvas.write(" Lesson \(counter) ", x: x, y: y, style: CellStyle(bold: true))
    } else {
      let middle = 3 + statusState(state).reduce(0) { $0 + $1.0.count }
      // The views keep their names before "L:lesson" keeps its place (the hints below drop
      // it first): room is measured against the hints that always stay.
      let hints = " \(toggleKey) ?:help q:quit".count + 1
      let lesson = " L:lesson".count + 2  // with its bar
      for (label, view) in viewLabels(
        state, room: canvas.width - middle - hints, paddedRoom: canvas.width - middle - hints - lesson)
      {
        var style = theme.statusBar
        if view == state.view {
          style.reverse = false
          style.bold = true
        }
        let written = canvas.write(label, x: x, y: y, style: style)
        canvas.mark(Rect(x: x, y: y, width: written, height: 1), as: .view(view))
        x += written
      }
    }
    x += canvas.write(" │ ".replacingBar(theme), x: x, y: y, style: theme.statusBar)
    for (text, style) in statusState(state, theme: theme) {
      x += canvas.write(text, x: x, y: y, style: style)
    }
    if state.plotStyle == .ascii {
      // The 7-bit screen is a mode: it says so, and how to leave it.
      var bold = theme.statusBar
      bold.bold = true
      x += canvas.write(" | ASCII (\(state.lesson == nil ? "a" : "A"))", x: x, y: y, style: bold)
    }
    // Whole hints only: the bar goes first, then "L:lesson", the toggle key and "?:help";
    // "q:quit" stays.
    let hints = theme.fit(
      [
        (toggleKey, 3), ("│".replacingBar(theme), 1), ("?:help", 4),
        (state.lesson == nil ? "L:lesson" : "L:explorer", 2), ("q:quit", 5),
      ], width: canvas.width - x - 1)
    canvas.write(" " + hints, x: x, y: y, style: theme.statusBar, maxWidth: canvas.width - x)
  }

  /// The quiz's bottom line: the score and streak, then its keys (typing owns the rest).
  static func drawQuizStatus(_ state: ExplorerState, theme: Theme, into canvas: inout Canvas) {
    let y = canvas.height - 1
    canvas.fill(Rect(x: 0, y: y, width: canvas.width, height: 1), with: Cell(" ", style: theme.statusBar))
    guard let quiz = state.quiz else { return }
    if let notice = state.notice {
      var style = theme.selection
      style.bold = true
      canvas.write((" " + notice).replacingUnicode(theme), x: 0, y: y, style: style, maxWidth: canvas.width)
      return
    }
    var bold = theme.statusBar
    bold.bold = true
    var x = canvas.write(" Quiz ", x: 0, y: y, style: bold)
    x += canvas.write("│ ".replacingBar(theme), x: x, y: y, style: theme.statusBar)
    let score =
      "level \(quiz.level.rawValue) \(theme.dot) first try \(quiz.correct)/\(quiz.asked) \(theme.dot) streak \(quiz.streak)"
    x += canvas.write(score, x: x, y: y, style: bold)
    let hints = theme.fit(
      [
        ("│".replacingBar(theme), 10), (quiz.isFinished ? "Enter:next" : "Enter:check", 6), ("?:solution", 5),
        ("Tab:skip", 3),
        ("PgUp/PgDn:level", 2), (state.quizIsTheSession ? "Esc:quit" : "Esc:back", 4),
      ], width: canvas.width - x - 2)
    canvas.write(" " + hints, x: x, y: y, style: theme.statusBar, maxWidth: canvas.width - x)
  }

  /// What the toggle key acts on now, in words: Figure 6's half and width in the Ablation
  /// view, Figure 1's activation beside Figure 1, else the network's bottleneck.
  static func statusState(_ state: ExplorerState, theme: Theme = Theme(colored: false, unicode: true))
    -> [(String, CellStyle)]
  {
    var bold = theme.statusBar
    bold.bold = true
    if state.lesson?.showsSummary == true { return [("summary of the predictions", bold)] }
    if state.ablationVisible {
      let board = state.ablation
      return [
        (
          board.front == .activation
            ? "Figure 6a, d = \(board.width)" : "Figure 6b, d = \(board.shortcutWidth)",
          bold
        )
      ]
    }
    if state.figureVisible { return [("Figure 1: ", theme.statusBar), (state.figureActivation.label, bold)] }
    let linear = state.config.bottleneckActivation == .linear
    var toggle = theme.activation(linear: linear)
    toggle.reverse = false
    return [("bottleneck: ", theme.statusBar), (linear ? "linear" : "ReLU6", toggle)]
  }

  /// The views on the status bar: padded where the line has room, else one space apart, and
  /// where even that leaves too little room for the keys, every view but the one shown loses
  /// its name at once (numbers stay; ? lists them), so no tab is named while its neighbour
  /// is not for want of a few columns.
  /// Padding is used only where it costs no hint (`paddedRoom` leaves "L:lesson" its place).
  static func viewLabels(_ state: ExplorerState, room: Int, paddedRoom: Int? = nil) -> [(
    String, ExplorerView
  )] {
    let views = ExplorerView.allCases
    let padded = views.enumerated().map { (" \($0.offset + 1) \($0.element.title) ", $0.element) }
    if padded.reduce(0, { $0 + $1.0.count }) <= (paddedRoom ?? room) { return padded }
    func compact(naming named: (ExplorerView) -> Bool) -> [(String, ExplorerView)] {
      views.enumerated().map { index, view in
        let gap = index == views.count - 1 ? "" : " "
        return ((index == 0 ? " " : "") + "\(index + 1)" + (named(view) ? " \(view.title)" : "") + gap, view)
      }
    }
    let all = compact { _ in true }
    if all.reduce(0, { $0 + $1.0.count }) <= room { return all }
    return compact { $0 == state.view }
  }

  static func drawTooSmall(width: Int, height: Int, theme: Theme, into canvas: inout Canvas) {
    let lines = [
      "Terminal too small: \(width)\(theme.times)\(height).",
      "mnv2 needs at least \(minimumWidth)\(theme.times)\(minimumHeight).",
      "Enlarge the window, or press q to quit.",
    ]
    let top = max(0, (height - lines.count) / 2)
    for (offset, line) in lines.enumerated() {
      let x = max(0, (width - line.count) / 2)
      canvas.write(line, x: x, y: top + offset, style: offset == 0 ? theme.heading : .plain)
    }
  }
}

extension String {
  /// The status bar's separators in ASCII where Unicode is off.
  func replacingBar(_ theme: Theme) -> String {
    theme.unicode ? self : String(self.map { $0 == "│" ? "|" : $0 })
  }
}
