/// The one table of keys. The reducer, the help overlay and the README's key map all come
/// from it, so they cannot drift apart.
public struct KeyBinding: Sendable {
  public var keys: [Key]
  public var action: ExplorerAction
  public var help: String
}

public enum KeyMap {
  public static let bindings: [KeyBinding] = [
    KeyBinding(keys: [.down, .character("j")], action: .next, help: "next row or block"),
    KeyBinding(keys: [.up, .character("k")], action: .previous, help: "previous row or block"),
    KeyBinding(keys: [.pageDown], action: .pageDown, help: "down one page"),
    KeyBinding(keys: [.pageUp], action: .pageUp, help: "up one page"),
    KeyBinding(keys: [.home, .character("g")], action: .first, help: "first row"),
    KeyBinding(keys: [.end, .character("G")], action: .last, help: "last row"),
    KeyBinding(keys: [.enter, .right, .character("l")], action: .open, help: "open the selected block"),
    KeyBinding(keys: [.escape, .left, .character("h"), .backspace], action: .back, help: "back"),
    KeyBinding(keys: [.tab], action: .cycleView, help: "next view"),
    KeyBinding(keys: [.character("1")], action: .show(.network), help: "Network view"),
    KeyBinding(keys: [.character("2")], action: .show(.block), help: "Block view"),
    KeyBinding(keys: [.character("3"), .character("m")], action: .show(.manifold), help: "Manifold view"),
    KeyBinding(
      keys: [.character("b")], action: .toggleBottleneck, help: "bottleneck linear↔ReLU6"),
    KeyBinding(keys: [.character("w")], action: .widthDown, help: "width down (0.35…1.4)"),
    KeyBinding(keys: [.character("W")], action: .widthUp, help: "width up"),
    KeyBinding(keys: [.character("r")], action: .resolutionDown, help: "resolution down 96…224"),
    KeyBinding(keys: [.character("R")], action: .resolutionUp, help: "resolution up"),
    KeyBinding(keys: [.character("s")], action: .newSeed, help: "new manifold seed"),
    KeyBinding(keys: [.character("a")], action: .togglePlotStyle, help: "ASCII ↔ Braille plots"),
    KeyBinding(keys: [.character("?")], action: .toggleHelp, help: "this help"),
    KeyBinding(keys: [.character("q"), .controlC], action: .quit, help: "quit"),
  ]

  private static let table: [Key: ExplorerAction] = {
    var table: [Key: ExplorerAction] = [:]
    for binding in bindings {
      for key in binding.keys { table[key] = binding.action }
    }
    return table
  }()

  public static func action(for key: Key) -> ExplorerAction? { table[key] }

  /// "↓ / j" style labels for the README; `compact` gives "↓/j" for the help overlay.
  public static func label(_ binding: KeyBinding, compact: Bool = false) -> String {
    compact
      ? binding.keys.map(\.shortLabel).joined(separator: "/")
      : binding.keys.map(\.label).joined(separator: " / ")
  }
}
