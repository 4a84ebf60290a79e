import TermCanvas

/// What a click can land on. A view marks each place on its canvas as it draws it (so the
/// places are always where the eye sees them), and the run loop turns a click's cell back
/// into one of these through the frame it last drew.
public enum ClickTarget: Hashable, Sendable {
  /// A row of the Network view: an index into `network.groups`.
  case group(Int)
  /// A row of the Block view's layer table: an index into the block's layers.
  case layer(Int)
  /// A choice of a lesson prediction (a, b, …).
  case choice(Int)
  /// A view's tab on the status bar.
  case view(ExplorerView)

  /// The name the canvas keeps it under.
  public var name: String {
    switch self {
    case .group(let index): return "group:\(index)"
    case .layer(let index): return "layer:\(index)"
    case .choice(let index): return "choice:\(index)"
    case .view(let view): return "view:\(view.rawValue)"
    }
  }

  public init?(name: String) {
    let parts = name.split(separator: ":", maxSplits: 1).map(String.init)
    guard parts.count == 2 else { return nil }
    if parts[0] == "view" {
      guard let view = ExplorerView(rawValue: parts[1]) else { return nil }
      self = .view(view)
      return
    }
    guard let index = Int(parts[1]), index >= 0 else { return nil }
    switch parts[0] {
    case "group": self = .group(index)
    case "layer": self = .layer(index)
    case "choice": self = .choice(index)
    default: return nil
    }
  }

  /// What was drawn clickable at (x, y) of `canvas`, or nil.
  public static func at(x: Int, y: Int, of canvas: Canvas) -> ClickTarget? {
    canvas.hotspot(x: x, y: y).flatMap(ClickTarget.init(name:))
  }
}

extension Canvas {
  mutating func mark(_ rect: Rect, as target: ClickTarget) { mark(rect, as: target.name) }
}
