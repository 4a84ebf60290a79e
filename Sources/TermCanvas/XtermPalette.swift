/// The xterm 256-colour palette as RGB, for exports (SVG, HTML) that must show the colours
/// a terminal would.
public enum XtermPalette {
  static let system: [(UInt8, UInt8, UInt8)] = [
    (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
    (229, 229, 229),
    (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255),
    (255, 255, 255),
  ]
  static let cubeLevels: [UInt8] = [0, 95, 135, 175, 215, 255]

  public static func rgb(_ color: TerminalColor) -> (UInt8, UInt8, UInt8) {
    let index = Int(color.index)
    if index < 16 { return system[index] }
    if index < 232 {
      let cube = index - 16
      return (cubeLevels[cube / 36], cubeLevels[(cube / 6) % 6], cubeLevels[cube % 6])
    }
    let gray = UInt8(8 + 10 * (index - 232))
    return (gray, gray, gray)
  }

  /// `#rrggbb`.
  public static func hex(_ color: TerminalColor) -> String {
    let (r, g, b) = rgb(color)
    return "#" + [r, g, b].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
  }
}
