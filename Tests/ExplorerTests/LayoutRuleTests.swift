import MobileNetKit
import TermCanvas
import Testing

@testable import Explorer

/// The layout rule, checked everywhere a class can look: every view, every block, every
/// lesson step and the help, at the sizes a classroom uses. A clipped token or a frame drawn
/// over fails, wherever it happens.
@Suite struct LayoutRuleTests {
  static let sizes = [(80, 24), (81, 25), (100, 30), (120, 40), (200, 60)]

  /// Each screen as a name and the keys that reach it from a fresh start.
  static var screens: [(String, [Key])] {
    let groups = Network.mobileNetV2().groups.count
    var screens: [(String, [Key])] = [("network", []), ("network-end", [.end]), ("help", [.character("?")])]
    for group in 0..<groups {
      screens.append(("block \(group)", Array(repeating: .down, count: group) + [.enter]))
      screens.append(
        ("block \(group) ReLU6", Array(repeating: .down, count: group) + [.enter, .character("b")]))
    }
    screens.append(("block 2 k=8", [.down, .down, .enter] + Array(repeating: .character("+"), count: 6)))
    screens.append(("block 4 shortcut", Array(repeating: .down, count: 4) + [.enter, .character("x")]))
    for presses in 0..<3 {
      screens.append(
        ("manifold \(presses)", [.character("m")] + Array(repeating: .character("b"), count: presses)))
    }
    screens.append(("manifold ascii", [.character("m"), .character("a")]))
    screens.append(("manifold notice", [.character("m"), .character("j")]))
    screens.append(("lab notice", [.character("x")]))
    screens.append(("ablation", [.character("4")]))
    screens.append(("ablation d=4", [.character("4"), .character("D"), .character("D")]))
    screens.append(("ablation 6b", [.character("4"), .character("b")]))
    screens.append(("ablation notice", [.character("4"), .character("b"), .character("d")]))
    screens.append(("ablation ascii", [.character("4"), .character("a")]))
    for step in 0..<LessonParser.bundled.count {
      let keys = [Key.character("L")] + Array(repeating: .right, count: step)
      screens.append(("lesson \(step + 1)", keys))
      screens.append(("lesson \(step + 1) toggled", keys + [.character("t")]))
      screens.append(("lesson \(step + 1) zoomed", keys + [.character("z")]))
      if LessonParser.bundled[step].prediction != nil {
        let revealed = keys + [.character("a"), .character("b"), .character("b"), .character("v")]
        screens.append(("lesson \(step + 1) revealed", revealed))
        screens.append(("lesson \(step + 1) revealed zoomed", revealed + [.character("z")]))
      }
    }
    screens.append(("lesson summary", [.character("L"), .end, .pageDown]))
    // The quiz: every kind at level 3 (Tab skips), open, answered wrong, and with its solution.
    let level3 = [Key.character("Q"), .pageDown, .pageDown]
    for skips in 0..<12 {
      let keys = level3 + Array(repeating: .tab, count: skips)
      screens.append(("quiz \(skips + 1)", keys))
      screens.append(("quiz \(skips + 1) wrong", keys + [.character("1"), .enter]))
      screens.append(("quiz \(skips + 1) solution", keys + [.character("1"), .enter, .character("?")]))
    }
    screens.append(("quiz junk", [.character("Q")] + Array(repeating: .character("x"), count: 60) + [.enter]))
    screens.append(("lesson help", [.character("L"), .character("?")]))
    screens.append(("lesson jump", [.character("L"), .character("4")]))
    screens.append(("lesson bad jump", [.character("L"), .character("4"), .character("2"), .enter]))
    screens.append(("lesson leave?", [.character("L"), .escape]))
    return screens
  }

  @Test func noScreenClipsATokenOrBreaksAFrame() {
    for theme in [Theme(colored: true, unicode: true), Theme(colored: false, unicode: false)] {
      for (name, keys) in Self.screens {
        var state = ExplorerState()
        for key in keys { _ = ExplorerReducer.reduce(&state, key: key) }
        EffectRunner.settle(&state)
        for (width, height) in Self.sizes {
          let canvas = ExplorerRenderer.render(state, width: width, height: height, theme: theme)
          let violations = canvas.layoutViolations()
          #expect(
            violations.isEmpty, "\(name) at \(width)×\(height), unicode \(theme.unicode): \(violations)")
        }
      }
    }
  }

  /// MobileNetV1 (`--arch mobilenet-v1`): its own labels and notes, and Keras's rounding.
  @Test func mobileNetV1AndKerasScreensKeepTheRule() {
    let screens: [[Key]] = [[], [.enter], [.down, .enter], [.end], [.character("?")], [.character("m")]]
    for config in [NetworkConfig(), NetworkConfig(width: 0.6, channelRounding: .keras)] {
      for keys in screens {
        var state = ExplorerState(spec: .mobileNetV1, config: config)
        for key in keys { _ = ExplorerReducer.reduce(&state, key: key) }
        EffectRunner.settle(&state)
        for (width, height) in Self.sizes {
          let canvas = ExplorerRenderer.render(
            state, width: width, height: height, theme: Theme(colored: true, unicode: true))
          #expect(
            canvas.layoutViolations().isEmpty,
            "V1 \(keys) at \(width)×\(height): \(canvas.layoutViolations())")
        }
      }
    }
  }

  /// Found by the lesson fuzzer: a width such as 1.6666666666666667, or an architecture's
  /// 80-character name, made the title bar longer than 80 columns. It drops whole parts
  /// instead, and shortens only the name, with "…".
  @Test func aLongTitleDropsPartsRatherThanClip() {
    var spec = ArchitectureSpec.mobileNetV2
    spec.name = String(repeating: "VeryLongName", count: 7)  // 84 characters, over the 80 allowed
    for (spec, width) in [(ArchitectureSpec.mobileNetV2, 1.6666666666666667), (spec, 1.0)] {
      let state = ExplorerState(spec: spec, config: NetworkConfig(width: width))
      for (columns, rows) in Self.sizes {
        let canvas = ExplorerRenderer.render(
          state, width: columns, height: rows, theme: Theme(colored: true, unicode: true))
        #expect(canvas.layoutViolations().isEmpty, "\(columns)×\(rows): \(canvas.layoutViolations())")
        let title = canvas.plainText().split(separator: "\n").first.map(String.init) ?? ""
        #expect(title.contains(formatWidth(width)), "the width is never dropped: \(title)")
      }
    }
  }

  @Test func theLedgerSeesACutAndADrawnOverFrame() {
    var canvas = Canvas(width: 10, height: 4)
    canvas.write("hello world", x: 0, y: 0)
    #expect(canvas.layoutViolations().count == 1)
    var framed = Canvas(width: 10, height: 4)
    framed.box(Rect(x: 0, y: 0, width: 10, height: 4), style: .unicode)
    #expect(framed.layoutViolations().isEmpty)
    framed.write("x", x: 9, y: 2)
    #expect(framed.layoutViolations() == ["frame \(Rect(x: 0, y: 0, width: 10, height: 4)) drawn over"])
    var spaces = Canvas(width: 4, height: 1)
    spaces.write("ab      ", x: 0, y: 0)
    #expect(spaces.layoutViolations().isEmpty, "trailing spaces are not a token")
  }
}
