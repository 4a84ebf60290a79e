import CNCurses
import Explorer
import TermCanvas
import TerminalBackend

/// Bytes as the backend reads them: ncurses' bytes through the UTF-8 key decoder, with two
/// escape bytes for what ncurses itself decodes (0xFE then a function key, 0xFD then a
/// resize to two size bytes). Then key translation and the reducer, with the screen drawn
/// after each key: no trap, nothing unsafe on screen, and at 80×24 or more no clipped text or
/// broken frame.
enum KeysFuzz {
  static let functionKeys: [Int32] = [
    KEY_UP, KEY_DOWN, KEY_LEFT, KEY_RIGHT, KEY_ENTER, KEY_BACKSPACE, KEY_NPAGE, KEY_PPAGE, KEY_HOME, KEY_END,
    KEY_RESIZE, KEY_F0 + 1, KEY_DC, KEY_IC, KEY_MOUSE, 0o777,
  ]

  static let theme = Theme(colored: true, unicode: true)

  static func run(_ bytes: [UInt8]) {
    var state = ExplorerState()
    var width = 80, height = 24
    var index = 0
    func next() -> UInt8? {
      guard index < bytes.count else { return nil }
      defer { index += 1 }
      return bytes[index]
    }
    var keys = 0
    var decoder = UTF8KeyDecoder()
    while let byte = next(), keys < 200 {
      let code: CursesKeyCode
      switch byte {
      case 0xFD:
        // A resize: the next two bytes give the size, 1×1 to 256×256.
        width = Int(next() ?? 79) + 1
        height = Int(next() ?? 23) + 1
        checkCanvas(ExplorerRenderer.render(state, width: width, height: height, theme: theme))
        continue
      case 0xFE:
        guard let which = next() else { return }
        code = .function(functionKeys[Int(which) % functionKeys.count])
      default:
        guard let scalar = decoder.feed(byte) else { continue }
        code = .character(scalar)
      }
      keys += 1
      guard let key = code.key else { continue }
      _ = ExplorerReducer.reduce(&state, key: key)
      if state.quitRequested { return }
      checkCanvas(ExplorerRenderer.render(state, width: width, height: height, theme: theme))
    }
  }

  static func checkCanvas(_ canvas: Canvas) {
    for y in 0..<canvas.height {
      for x in 0..<canvas.width {
        let scalar = canvas[x, y].scalar
        if TerminalSafe.isUnsafe(scalar) {
          FuzzInvariant.fail("U+\(String(scalar.value, radix: 16)) on screen at \(x),\(y)")
        }
      }
    }
    if canvas.width >= ExplorerRenderer.minimumWidth && canvas.height >= ExplorerRenderer.minimumHeight {
      let violations = canvas.layoutViolations()
      FuzzInvariant.check(violations.isEmpty, "layout at \(canvas.width)×\(canvas.height): \(violations)")
    }
  }
}
