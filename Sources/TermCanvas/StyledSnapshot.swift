/// A canvas as a reviewer reads it in a diff: the text, then a grid of the same size with
/// one letter per cell naming its style, then what each letter means. A lost highlight or
/// colour changes a letter, so it fails a snapshot as a changed word does.
extension Canvas {
  public func styledSnapshot() -> String {
    var letters: [CellStyle: Character] = [.plain: "."]
    var order: [CellStyle] = [.plain]
    let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    var grid: [String] = []
    for row in 0..<height {
      var line = ""
      for column in 0..<width {
        let style = self[column, row].style
        if letters[style] == nil {
          // Past 62 styles every further one shares "#": still a change, if a coarser one.
          letters[style] = order.count - 1 < alphabet.count ? alphabet[order.count - 1] : "#"
          order.append(style)
        }
        line.append(letters[style]!)
      }
      while line.hasSuffix(".") { line.removeLast() }
      grid.append(line)
    }
    let legend = order.map { "\(letters[$0]!) = \($0.snapshotDescription)" }
    return plainText() + "--- styles ---\n" + grid.joined(separator: "\n") + "\n--- legend ---\n"
      + legend.joined(separator: "\n") + "\n"
  }
}

extension CellStyle {
  /// "bold reverse fg 231 bg 24", or "plain".
  public var snapshotDescription: String {
    var parts: [String] = []
    if bold { parts.append("bold") }
    if dim { parts.append("dim") }
    if reverse { parts.append("reverse") }
    if underline { parts.append("underline") }
    if let foreground { parts.append("fg \(foreground.index)") }
    if let background { parts.append("bg \(background.index)") }
    return parts.isEmpty ? "plain" : parts.joined(separator: " ")
  }
}
