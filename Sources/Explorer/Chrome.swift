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
      canvas.write(" " + notice, x: 0, y: y, style: style, maxWidth: canvas.width)
      return
    }
    var x = 0
    if let counter = state.lessonCounter {
      x += canvas.write(" Lesson \(counter) ", x: x, y: y, style: CellStyle(bold: true))
    } else {
      // Each view padded when the line has room, else one space apart, so 80 columns keep
      // the toggle and the help key beside all four.
      let padded =
        ExplorerView.allCases.count * 2 + ExplorerView.allCases.map { "\($0.title) ".count + 2 }.reduce(0, +)
      let compact = padded + 45 > canvas.width
      for (index, view) in ExplorerView.allCases.enumerated() {
        let label =
          compact ? (index == 0 ? " " : "") + "\(index + 1) \(view.title) " : " \(index + 1) \(view.title) "
        var style = theme.statusBar
        if view == state.view {
          style.reverse = false
          style.bold = true
        }
        x += canvas.write(label, x: x, y: y, style: style)
      }
    }
    let toggleKey = state.lesson == nil ? "(b)" : "(t)"
    if state.ablationVisible {
      x += canvas.write(" │ ".replacingBar(theme), x: x, y: y, style: theme.statusBar)
      var style = theme.statusBar
      style.bold = true
      let board = state.ablation
      x += canvas.write(
        board.front == .activation
          ? "Figure 6a, d = \(board.width)" : "Figure 6b, d = \(board.shortcutWidth)", x: x,
        y: y, style: style)
    } else if state.figureVisible {
      x += canvas.write(" │ Figure 1: ".replacingBar(theme), x: x, y: y, style: theme.statusBar)
      var style = theme.statusBar
      style.bold = true
      x += canvas.write(state.figureActivation.label, x: x, y: y, style: style)
    } else {
      let linear = state.config.bottleneckActivation == .linear
      x += canvas.write(" │ bottleneck: ".replacingBar(theme), x: x, y: y, style: theme.statusBar)
      var toggle = theme.activation(linear: linear)
      toggle.reverse = false
      x += canvas.write(linear ? "linear" : "ReLU6", x: x, y: y, style: toggle)
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
