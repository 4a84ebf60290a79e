import ManifoldKit
import MobileNetKit
import Reports
import TermCanvas

/// The paper's Figure 1, live: ReLU as in the paper, and `b` steps to linear and ReLU6.
enum ManifoldScreen {
  static func draw(_ state: ExplorerState, theme: Theme, area: Rect, into canvas: inout Canvas) {
    guard let manifold = state.currentManifold else {
      canvas.write("Figure 1: computing…".replacingUnicode(theme), x: area.x, y: area.y, style: theme.dim)
      return
    }
    var y = area.y
    for (line, style) in headerLines(
      manifold, state: state, theme: theme, width: area.width, height: area.height)
    {
      canvas.write(line.replacingUnicode(theme), x: area.x, y: y, style: style)
      y += 1
    }
    var figure = ManifoldFigure(
      result: manifold, plotStyle: state.plotStyle, colored: theme.colored, unicode: theme.unicode)
    let body = Rect(x: area.x, y: y, width: area.width, height: area.maxY - y)
    // Two metric lines when the plots keep their size for it, or when one line is too
    // narrow for the collapse and its prediction together.
    figure.metricLines = 1
    let one = figure.fittedLayout(
      width: body.width, height: body.height, minimumPanelWidth: minimumPanel.width)
    figure.metricLines = 2
    let two = figure.fittedLayout(
      width: body.width, height: body.height, minimumPanelWidth: minimumPanel.width)
    var layout = one
    if let two, let one {
      let narrow = one.panelWidth < "coll 45.6% thy 18.8%".count
      if two.plotRows >= one.plotRows || (narrow && two.plotRows >= 4) { layout = two }
    } else if one == nil {
      layout = two
    }
    figure.metricLines = layout?.metricLines ?? 1
    guard let layout else {
      canvas.noteDropped("Figure 1 has no room for its panels")
      return
    }
    // Smaller panels cannot show the collapse by its shape: the layout check hears of it,
    // so the lesson gives the figure more room (its compact text) instead.
    let frameHeight = layout.plotRows + 2
    if layout.panelWidth < minimumPanel.width || frameHeight < minimumPanel.height {
      canvas.noteDropped(
        "Figure 1's panels are \(layout.panelWidth)×\(frameHeight) cells, fewer than \(minimumPanel.width)×\(minimumPanel.height)"
      )
    }
    figure.draw(into: &canvas, origin: (body.x, body.y), layout: layout)
  }

  /// The smallest framed panel in which a spiral's collapse reads by its shape.
  static let minimumPanel = (width: 14, height: 6)

  /// The title (naming the activation shown), the spiral chosen and the legend of the
  /// metrics and of the ×s drawing factor, each line shortened as whole tokens.
  static func headerLines(
    _ manifold: ManifoldResult, state: ExplorerState, theme: Theme, width: Int, height: Int
  )
    -> [(String, CellStyle)]
  {
    let experiment = manifold.experiment
    let activation = experiment.activation
    let arrow = theme.arrow
    let verdict: String
    switch activation {
    case .relu: verdict = "low n collapses, n = 15 and 30 recover"
    case .linear: verdict = "linear keeps the spiral at every n"
    case .relu6: verdict = "ReLU6, as in the network: clips at 6 too"
    }
    let key = state.lesson == nil ? "b" : "t"
    let choice =
      state.figureVisible ? theme.hint("\(theme.dot) \(key): \(nextLabel(after: activation))") : ""
    let spiral = experiment.spiral
    let turns = "\(NumberFormatting.fixed(spiral.turns, decimals: 0)) turns"
    // On a short area the spiral's choice joins the title, so the plots keep their rows.
    let compact = height < 24
    var titleTokens: [(String, Int)] = [
      ("Figure 1 \(theme.dot) \(activation.label)", 9),
      ("\(theme.dot) spiral \(arrow) T (n dims) \(arrow) \(activation.label) \(arrow) T⁺", 3),
      ("\(theme.dot) \(verdict)", 5),
    ]
    if !choice.isEmpty { titleTokens.append((choice, 7)) }
    if compact { titleTokens.append(("\(theme.dot) \(turns), \(spiral.points) pts", 6)) }
    var lines: [(String, CellStyle)] = [(theme.fit(titleTokens, width: width), theme.heading)]
    if !compact {
      let chosen = theme.fit(
        [
          ("\(turns), \(spiral.points) points, joined as a line", 4), ("(sized for small panels)", 1),
          ("= mnv2 manifold --activation \(activation.rawValue) --seed \(experiment.seed)", 3),
        ], width: width)
      lines.append((chosen, theme.dim))
    }
    // Every metric the panels can show, on two lines where one is too narrow for them all.
    let legend = ManifoldFigure.pack(
      [
        "coll: share with < 2 active coords", "thy: ReLU prediction (1+n)/2ⁿ",
        "err: misfit after best affine map", "zeroed: coords set to 0", "±: half-width all panels share",
      ].map { $0.replacingUnicode(theme) }, lines: height < 16 ? 1 : 2, width: width,
      separator: " \(theme.dot) "
    ).joined(separator: "\n")
    let scale =
      activation == .linear
      ? theme.fit([("×s: the drawing factor; 1 here, since T⁺ undoes T exactly", 3)], width: width)
      : theme.fit(
        [
          ("×s: drawn s times larger; T⁺ returns ReLU's output at about half size", 3),
          ("(E[TᵀDT] = (n/2)·I)", 1),
        ],
        width: width)
    lines += legend.split(separator: "\n").map { (String($0), theme.dim) } + [(scale, theme.dim)]
    return lines.filter { !$0.0.isEmpty }
  }

  static func nextLabel(after activation: ManifoldActivation) -> String {
    ExplorerReducer.nextFigureActivation(after: activation).label
  }
}
