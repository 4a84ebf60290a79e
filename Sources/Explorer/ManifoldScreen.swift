import ManifoldKit
import Reports
import TermCanvas

/// The paper's Figure 1, live: the activation follows the bottleneck toggle.
enum ManifoldScreen {
  static func draw(_ state: ExplorerState, theme: Theme, area: Rect, into canvas: inout Canvas) {
    guard let manifold = state.currentManifold else {
      canvas.write("Figure 1: computing…".replacingUnicode(theme), x: area.x, y: area.y, style: theme.dim)
      return
    }
    let linear = state.config.bottleneckActivation == .linear
    let activation = manifold.experiment.activation.rawValue
    let explanation = linear ? "linear keeps the spiral at every n" : "ReLU6 collapses low n"
    let heading =
      "Figure 1: spiral \(theme.arrow) T (n dims) \(theme.arrow) \(activation) \(theme.arrow) T⁺ \(theme.dot) "
      + "\(explanation) \(theme.dot) seed \(state.seed)"
    canvas.write(
      heading.replacingUnicode(theme), x: area.x, y: area.y, style: theme.heading, maxWidth: area.width)
    var figure = ManifoldFigure(
      result: manifold, plotStyle: state.plotStyle, colored: theme.colored, unicode: theme.unicode)
    figure.metricLines = 1
    let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
    guard let layout = figure.fittedLayout(width: body.width, height: body.height) else { return }
    figure.draw(into: &canvas, origin: (body.x, body.y), layout: layout)
  }
}
