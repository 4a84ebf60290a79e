import TermCanvas

/// Every key, generated from `KeyMap.bindings`, in a box over the current view.
enum HelpOverlay {
  /// One column when the screen is tall enough, two side by side otherwise.
  static func draw(theme: Theme, inLesson: Bool, into canvas: inout Canvas) {
    let bindings = KeyMap.bindings(inLesson: inLesson)
    let labels = bindings.map { KeyMap.label($0, compact: true).replacingUnicode(theme) }
    let labelWidth = labels.map(\.count).max() ?? 0
    let entries = zip(labels, bindings).map { label, binding in
      label.padding(to: labelWidth) + "  " + binding.help.replacingUnicode(theme)
    }
    let entryWidth = entries.map(\.count).max() ?? 0
    let columns = entries.count + 3 <= canvas.height - 2 ? 1 : 2
    let rowsPerColumn = (entries.count + columns - 1) / columns
    let width = min(canvas.width, columns * entryWidth + (columns - 1) * 2 + 4)
    let height = min(canvas.height - 2, rowsPerColumn + 3)
    let rect = Rect(
      x: (canvas.width - width) / 2, y: (canvas.height - height) / 2, width: width, height: height)
    canvas.fill(rect)
    canvas.box(rect, style: theme.box, title: "Keys")
    for (index, entry) in entries.enumerated() {
      let column = index / rowsPerColumn, row = index % rowsPerColumn
      canvas.write(
        entry, x: rect.x + 2 + column * (entryWidth + 2), y: rect.y + 1 + row, maxWidth: entryWidth)
    }
    canvas.write(
      "any key closes this help", x: rect.x + 2, y: rect.maxY - 2, style: theme.dim, maxWidth: width - 4)
  }
}

extension String {
  func padding(to width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
