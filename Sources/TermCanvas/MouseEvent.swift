/// A mouse report as the explorer sees it: a left click or a wheel notch at a cell. The
/// backend drops what the explorer has no use for (releases, other buttons, drags), so a
/// view never needs to tell a press from its release.
public struct MouseEvent: Hashable, Sendable {
  public enum Kind: Hashable, Sendable {
    case click
    case wheelUp
    case wheelDown
  }

  public var kind: Kind
  /// The cell, counted from 0 at the top-left (SGR reports count from 1).
  public var x: Int
  public var y: Int

  public init(_ kind: Kind, x: Int, y: Int) {
    self.kind = kind
    self.x = x
    self.y = y
  }
}
