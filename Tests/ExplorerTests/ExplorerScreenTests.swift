import MobileNetKit
import SnapshotTesting
import TermCanvas
import Testing

@testable import Explorer

/// Whole screens at the two sizes the issue names, stored as text beside this file.
@Suite struct ExplorerScreenTests {
  static let theme = Theme(colored: true, unicode: true)

  static func screen(_ keys: [Key], width: Int, height: Int, theme: Theme = theme) -> Canvas {
    var state = ExplorerState()
    for key in keys { _ = ExplorerReducer.reduce(&state, key: key) }
    EffectRunner.settle(&state)  // as the run loop does after drawing
    return ExplorerRenderer.render(state, width: width, height: height, theme: theme)
  }

  static let cases: [(String, [Key])] = [
    ("network", []),
    ("network-scrolled", [.end]),
    ("block-b2", [.down, .down, .enter]),
    ("block-b3-relu6", [.down, .down, .down, .enter, .character("b")]),
    ("block-stem", [.enter]),
    ("manifold-linear", [.character("m")]),
    ("manifold-relu6", [.character("m"), .character("b")]),
    ("help", [.character("?")]),
  ]

  @Test(arguments: cases)
  func at80x24(name: String, keys: [Key]) {
    #expect(
      verifySnapshot(Self.screen(keys, width: 80, height: 24).plainText(), named: "\(name)-80x24") == nil)
  }

  @Test(arguments: cases)
  func at160x50(name: String, keys: [Key]) {
    #expect(
      verifySnapshot(Self.screen(keys, width: 160, height: 50).plainText(), named: "\(name)-160x50") == nil)
  }

  @Test func tooSmall() {
    #expect(
      verifySnapshot(Self.screen([], width: 60, height: 20).plainText(), named: "too-small-60x20") == nil)
  }

  @Test func asciiMonochromeHasNoUnicodeAndNoColour() {
    let theme = Theme(colored: false, unicode: false)
    let lessonKeys: [[Key]] = (0..<9).map { [.character("L")] + Array(repeating: .right, count: $0) }
    for keys in Self.cases.map(\.1) + lessonKeys {
      var state = ExplorerState(plotStyle: .ascii)
      for key in keys { _ = ExplorerReducer.reduce(&state, key: key) }
      EffectRunner.settle(&state)
      let canvas = ExplorerRenderer.render(state, width: 100, height: 30, theme: theme)
      #expect(canvas.cells.allSatisfy { $0.scalar.isASCII }, "\(keys)")
      // Every symbol has an ASCII spelling: no more "?" than the Unicode screen has.
      let unicodeScreen = ExplorerRenderer.render(
        state, width: 100, height: 30, theme: Theme(colored: false, unicode: true))
      let questionMarks = { (canvas: Canvas) in canvas.cells.filter { $0.scalar == "?" }.count }
      #expect(
        questionMarks(canvas) == questionMarks(unicodeScreen), "\(keys): symbols without an ASCII spelling")
      #expect(canvas.cells.allSatisfy { $0.style.foreground == nil && $0.style.background == nil })
    }
  }

  @Test func selectedRowIsHighlighted() {
    let canvas = Self.screen([.down, .down], width: 80, height: 24)
    let row = (0..<canvas.height).first {
      canvas.plainText().split(separator: "\n", omittingEmptySubsequences: false)[$0].hasPrefix(
        " 2 bottleneck")
    }!
    #expect(canvas[5, row].style.reverse)
    #expect(!canvas[5, row + 1].style.reverse)
  }

  @Test func projectionActivationIsHighlightedAndFollowsTheToggle() {
    for (keys, label) in [
      ([Key.down, .down, .enter], "linear"), ([.down, .down, .enter, .character("b")], "ReLU6"),
    ] {
      let canvas = Self.screen(keys, width: 80, height: 24)
      let lines = canvas.plainText().split(separator: "\n", omittingEmptySubsequences: false)
      let row = lines.firstIndex { $0.hasPrefix("project") }!
      let column = lines[row].distance(
        from: lines[row].startIndex, to: lines[row].range(of: label)!.lowerBound)
      #expect(canvas[column, row].style.underline, "\(label)")
    }
  }

  @Test func shortcutIsDrawnOnlyWhereItExists() {
    let withShortcut = Self.screen([.down, .down, .down, .enter], width: 80, height: 24).plainText()
    let without = Self.screen([.down, .down, .enter], width: 80, height: 24).plainText()
    #expect(withShortcut.contains("⊕ add"))
    #expect(!without.contains("⊕"))
  }

  @Test func statusBarAlwaysShowsTheBottleneck() {
    for (_, keys) in Self.cases where !keys.contains(.character("?")) {
      let lines = Self.screen(keys, width: 80, height: 24).plainText().split(separator: "\n")
      #expect(lines.last?.contains("bottleneck: ") == true, "\(keys)")
    }
  }
}
