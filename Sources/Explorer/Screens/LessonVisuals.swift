import ManifoldKit
import MobileNetKit
import Reports
import TermCanvas

/// The live visual of each lesson step. Each draws into its own canvas the size of its
/// panel, which is then copied in, so no visual can spill over the text beside it.
enum LessonVisuals {
  static func render(_ visual: LessonVisual, state: ExplorerState, theme: Theme, width: Int, height: Int)
    -> Canvas
  {
    var canvas = Canvas(width: width, height: height)
    let area = canvas.bounds
    switch visual {
    case .separableCost: SeparableCostVisual.draw(state, theme: theme, area: area, into: &canvas)
    case .manifold: ManifoldScreen.draw(state, theme: theme, area: area, into: &canvas)
    case .linearBottleneck: LinearBottleneckVisual.draw(state, theme: theme, area: area, into: &canvas)
    case .invertedResidual: InvertedResidualVisual.draw(state, theme: theme, area: area, into: &canvas)
    case .architecture: NetworkScreen.draw(state, theme: theme, area: area, into: &canvas)
    case .blockCost: BlockCostVisual.draw(state, theme: theme, area: area, into: &canvas)
    case .memory: MemoryVisual.draw(state, theme: theme, area: area, into: &canvas)
    case .variants: VariantsVisual.draw(state, theme: theme, area: area, into: &canvas)
    case .ablation: AblationScreen.draw(state, theme: theme, area: area, into: &canvas)
    case .latency: LatencyVisual.draw(state, theme: theme, area: area, into: &canvas)
    }
    return canvas
  }
}

/// Writes lines top to bottom in a rect, dropping what does not fit.
struct LineWriter {
  var area: Rect
  var y: Int
  let theme: Theme

  init(_ area: Rect, theme: Theme) {
    self.area = area
    self.y = area.y
    self.theme = theme
  }

  var remaining: Int { area.maxY - y }

  mutating func line(_ text: String, style: CellStyle = .plain, into canvas: inout Canvas) {
    guard y < area.maxY else { return canvas.noteDropped(text) }
    canvas.write(text.replacingUnicode(theme), x: area.x, y: y, style: style, maxWidth: area.width)
    y += 1
  }

  mutating func skip(_ count: Int = 1) { y += count }

  /// A sentence, wrapped at words over as many lines as it needs: prose is never shortened
  /// into a fragment (what falls below the area reaches the layout ledger).
  mutating func wrapped(_ text: String, style: CellStyle = .plain, into canvas: inout Canvas) {
    for part in Canvas.wrap(text.replacingUnicode(theme), width: area.width) {
      line(part, style: style, into: &canvas)
    }
  }
}
