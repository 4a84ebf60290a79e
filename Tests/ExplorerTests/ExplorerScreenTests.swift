import MobileNetKit
import SnapshotFiles
import TermCanvas
import Testing

@testable import Explorer

/// Whole screens at the two sizes the issue names, stored as text beside this file.
@Suite struct ExplorerScreenTests {
  static let theme = Theme(colored: true, unicode: true)

  /// The Ablation view's cases draw `FixedBoard`, so no snapshot depends on training bits.
  static func screen(_ keys: [Key], width: Int, height: Int, theme: Theme = theme) -> Canvas {
    var state = keys.first == .character("4") ? FixedBoard.state() : ExplorerState()
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
    ("manifold-relu", [.character("m")]),
    ("manifold-linear", [.character("m"), .character("b")]),
    ("manifold-relu6", [.character("m"), .character("b"), .character("b")]),
    ("help", [.character("?")]),
    ("ablation-6a", [.character("4")]),
    ("ablation-6a-d8", [.character("4"), .character("D"), .character("D"), .character("D")]),
    ("ablation-6b", [.character("4"), .character("b")]),
    // Seed 1's first question: b14.dw of MobileNetV2 1.0 at 224, 7·7·576 × 2 = 56,448 bytes.
    ("quiz-wrong", [.character("Q"), .character("1"), .enter]),
    ("quiz-solution", [.character("Q"), .character("1"), .enter, .character("?")]),
    ("quiz-right", [.character("Q")] + "56,448".map { .character($0) } + [.enter]),
    ("lesson-summary", [.character("L"), .right, .right, .character("b"), .character("v"), .end, .pageDown]),
  ]

  @Test(arguments: cases)
  func at80x24(name: String, keys: [Key]) {
    #expect(
      verifySnapshot(Self.screen(keys, width: 80, height: 24).styledSnapshot(), named: "\(name)-80x24") == nil
    )
  }

  @Test(arguments: cases)
  func at160x50(name: String, keys: [Key]) {
    #expect(
      verifySnapshot(Self.screen(keys, width: 160, height: 50).styledSnapshot(), named: "\(name)-160x50")
        == nil)
  }

  @Test func tooSmall() {
    #expect(
      verifySnapshot(Self.screen([], width: 60, height: 20).styledSnapshot(), named: "too-small-60x20") == nil
    )
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

  /// `a` makes the whole screen 7-bit, frames, arrows and T⁺ included, in a UTF-8 terminal:
  /// a figure can then be pasted into a plain-text document.
  @Test func theAKeyMakesEveryScreen7Bit() {
    for (name, keys) in LayoutRuleTests.screens {
      var state = ExplorerState()
      for key in keys { _ = ExplorerReducer.reduce(&state, key: key) }
      state.plotStyle = .ascii  // what `a` sets (ExplorerReducerTests.plotStyleAndHelp)
      EffectRunner.settle(&state)
      let canvas = ExplorerRenderer.render(state, width: 100, height: 30, theme: Self.theme)
      #expect(canvas.cells.allSatisfy { $0.scalar.isASCII }, "\(name)")
    }
  }

  /// Share bars are in proportion at every width: at width 0.35 and 96 px several blocks
  /// pass 10% of the MAdds, and each must still get its own length (the largest block full).
  @Test func shareBarsAreProportional() {
    var state = ExplorerState(config: NetworkConfig(width: 0.35, resolution: 96))
    EffectRunner.settle(&state)
    let canvas = ExplorerRenderer.render(state, width: 200, height: 60, theme: Self.theme)
    let eighths: [Unicode.Scalar: Int] = ["▏": 1, "▎": 2, "▍": 3, "▌": 4, "▋": 5, "▊": 6, "▉": 7, "█": 8]
    let groups = state.network.groups
    let total = Double(state.network.multiplyAdds)
    var lengths: [Int] = []
    for group in groups {
      let label = String(group.index).leftPadded(to: 2) + " "
      let row = (0..<canvas.height).first { y in
        String(String.UnicodeScalarView((0..<3).map { canvas[$0, y].scalar })) == label
      }!
      lengths.append((0..<canvas.width).reduce(0) { $0 + (eighths[canvas[$1, row].scalar] ?? 0) })
    }
    let longest = lengths.max()!
    let largest = groups.map(\.multiplyAdds).max()!
    #expect(groups.filter { Double($0.multiplyAdds) / total > 0.10 }.count >= 3)
    for (group, length) in zip(groups, lengths) {
      let expected = Double(group.multiplyAdds) / Double(largest) * Double(longest)
      #expect(abs(Double(length) - expected) <= 1, "\(group.name): \(length) eighths, expected \(expected)")
    }
  }

  /// b1 has t = 1: nothing is expanded, and the Block view says so.
  @Test func aBlockWithoutExpansionSaysInner() {
    let text = Self.screen([.down, .enter], width: 100, height: 30).plainText()
    #expect(text.contains("inner (t = 1)") && !text.contains("expanded 112×112×32"))
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

  /// The status bar names what the toggle key acts on: the bottleneck's activation, Figure 1's
  /// own in the Manifold view, or which half of Figure 6 is in front in the Ablation view.
  @Test func statusBarAlwaysNamesTheActivationShown() {
    // The quiz types every key into its answer, and the summary follows the lesson: neither
    // has a toggle to name.
    for (name, keys) in Self.cases
    where !keys.contains(.character("?")) && !name.hasPrefix("quiz") && !name.hasPrefix("lesson") {
      let lines = Self.screen(keys, width: 80, height: 24).plainText().split(separator: "\n")
      let expected =
        name.hasPrefix("manifold") ? "Figure 1: " : name.hasPrefix("ablation") ? "Figure 6" : "bottleneck: "
      #expect(lines.last?.contains(expected) == true, "\(keys)")
    }
    for (keys, label) in [
      ([Key.character("m")], "Figure 1: ReLU"), ([.character("m"), .character("b")], "Figure 1: linear"),
      ([.character("m"), .character("b"), .character("b")], "Figure 1: ReLU6"),
    ] {
      let screen = Self.screen(keys, width: 80, height: 24).plainText()
      #expect(screen.contains(label))
      #expect(screen.contains("Figure 1 · \(label.dropFirst("Figure 1: ".count))"))  // and in the title
    }
  }

  /// The paper's point, visible: thin spiral arms, not filled blocks (at most two ⣿ cells a
  /// panel), in Figure 1 where the issue looks (the Manifold view at 120×40, step 2 at 80×24).
  @Test func figureOnePanelsAreLinesNotBlocks() {
    let cases: [([Key], Int, Int)] = [
      ([.character("m")], 120, 40), ([.character("L"), .right, .character("v")], 80, 24),
      ([.character("m")], 80, 24),
    ]
    for (keys, width, height) in cases {
      for presses in 0..<3 {
        for seed in [1, 2, 3] as [UInt64] {
          var state = ExplorerState(seed: seed)
          for key in keys + Array(repeating: .character(keys.count == 1 ? "b" : "t"), count: presses) {
            _ = ExplorerReducer.reduce(&state, key: key)
          }
          EffectRunner.settle(&state)
          let canvas = ExplorerRenderer.render(state, width: width, height: height, theme: Self.theme)
          // The drawing factor on the frames is explained on the same screen.
          #expect(canvas.plainText().contains("×s: "), "\(keys) at \(width)×\(height): ×s unexplained")
          let panels = canvas.frames.map(\.rect)
          #expect(panels.count == 6, "\(keys) at \(width)×\(height)")
          // Seed 1 is what the class sees first: every panel. Other seeds: the panels where
          // the spiral survives (a collapsed one folds arms onto each other, truly).
          for (index, panel) in panels.enumerated() where seed == 1 || index >= 4 {
            var full = 0
            for y in panel.y + 1..<panel.maxY - 1 {
              for x in panel.x + 1..<panel.maxX - 1 where canvas[x, y].scalar == "⣿" { full += 1 }
            }
            #expect(
              full <= 2, "\(keys) +\(presses) seed \(seed) at \(width)×\(height): \(full) ⣿ in \(panel)")
          }
        }
      }
    }
  }
}
