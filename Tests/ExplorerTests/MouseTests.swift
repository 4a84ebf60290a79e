import MobileNetKit
import TermCanvas
import Testing

@testable import Explorer

/// Clicks and the wheel, as a person uses them: find the words on the screen that was drawn,
/// click there, and read the next screen.
@Suite struct MouseTests {
  static let theme = Theme(colored: true, unicode: true)

  /// The cell where `text` first appears on the rendered screen.
  /// `onStatusBar` looks on the bottom line only.
  static func cell(
    of text: String, in state: ExplorerState, width: Int = 100, height: Int = 30, onStatusBar: Bool = false
  ) throws -> (x: Int, y: Int) {
    let canvas = ExplorerRenderer.render(state, width: width, height: height, theme: theme)
    let lines = canvas.plainText().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let rows = onStatusBar ? [height - 1] : Array(lines.indices)
    let row = try #require(rows.first { lines[$0].contains(text) }, "'\(text)' is not on screen")
    let line = lines[row]
    let column = line.unicodeScalars.count - line[line.range(of: text)!.lowerBound...].unicodeScalars.count
    return (column, row)
  }

  /// Clicks on the first cell of `text` as drawn for `state`.
  static func click(
    _ text: String, in state: inout ExplorerState, width: Int = 100, height: Int = 30,
    onStatusBar: Bool = false
  ) throws {
    let (x, y) = try cell(of: text, in: state, width: width, height: height, onStatusBar: onStatusBar)
    let canvas = ExplorerRenderer.render(state, width: width, height: height, theme: theme)
    _ = ExplorerReducer.reduce(&state, .click(ClickTarget.at(x: x, y: y, of: canvas)))
  }

  /// lazygit's and htop's way: a click selects a row, a click on the selected row opens it.
  @Test func aClickSelectsARowAndASecondOpensIt() throws {
    var state = ExplorerState()
    try Self.click("56×56×24 → 28×28×32", in: &state)
    #expect(state.selectedGroup == 4 && state.view == .network)
    try Self.click("56×56×24 → 28×28×32", in: &state)
    #expect(state.selectedGroup == 4 && state.view == .block)
  }

  /// The header row and the totals above it are not rows: a click there selects nothing.
  @Test func headersAreNotRows() throws {
    var state = ExplorerState(selectedGroup: 3)
    for text in ["Operator", "MAdds (conv+fc only)", "MobileNetV2 1.0"] {
      try Self.click(text, in: &state)
      #expect(state.selectedGroup == 3 && state.view == .network, "\(text)")
    }
  }

  /// Every tab on the status bar switches to its view, at 80 columns as at 120.
  @Test func aClickOnATabShowsItsView() throws {
    for width in [80, 120] {
      for view in ExplorerView.allCases {
        var state = ExplorerState(view: view == .network ? .block : .network)
        try Self.click(view.title, in: &state, width: width, height: width == 80 ? 24 : 40, onStatusBar: true)
        #expect(state.view == view, "\(view) at \(width)")
      }
    }
  }

  /// A click on a layer picks it: the row is highlighted and the line under the table works
  /// its multiply-adds out from the shapes; a second click lets it go.
  @Test func aClickOnALayerWorksOutItsCost() throws {
    var state = ExplorerState(view: .block, selectedGroup: 2)
    try Self.click("depthwise  112×112×96", in: &state)
    #expect(state.selectedLayer == 1)
    let canvas = ExplorerRenderer.render(state, width: 100, height: 30, theme: Self.theme)
    // b2's depthwise, by hand: 56·56 = 3,136 positions × 96 channels = 301,056 outputs, each
    // a 3×3 window on its own channel, 9 MAdds: 2,709,504.
    #expect(
      canvas.plainText().contains("depthwise 3×3 s2: 56·56·96 outputs × 3² (one channel) = 2,709,504 MAdds"))
    let (_, row) = try Self.cell(of: "depthwise  112×112×96", in: state)
    #expect(canvas[0, row].style.reverse && canvas[40, row].style.reverse)
    #expect(canvas.layoutViolations().isEmpty, "\(canvas.layoutViolations())")
    try Self.click("depthwise  112×112×96", in: &state)
    #expect(state.selectedLayer == nil)
    // Another block forgets the pick.
    try Self.click("expand     112×112×16", in: &state)
    #expect(state.selectedLayer == 0)
    _ = ExplorerReducer.reduce(&state, key: .character("j"))
    #expect(state.selectedLayer == nil)
  }

  /// The wheel moves the selection a row a notch in the Network and Block views, silently
  /// at the ends (a notice per notch would flicker), and does nothing where there are no rows.
  @Test func theWheelMovesThroughRows() {
    var state = ExplorerState()
    _ = ExplorerReducer.reduce(&state, .scroll(down: true))
    _ = ExplorerReducer.reduce(&state, .scroll(down: true))
    #expect(state.selectedGroup == 2)
    _ = ExplorerReducer.reduce(&state, .scroll(down: false))
    #expect(state.selectedGroup == 1)
    for _ in 0..<40 { _ = ExplorerReducer.reduce(&state, .scroll(down: true)) }
    #expect(state.selectedGroup == state.network.groups.count - 1 && state.notice == nil)
    var manifold = ExplorerState(view: .manifold)
    _ = ExplorerReducer.reduce(&manifold, .scroll(down: true))
    #expect(manifold.selectedGroup == 0 && manifold.notice == nil)
  }

  /// In a lesson a click on a choice is a vote, the digits typed before it a headcount, and
  /// after the reveal it is refused as the letter is.
  @Test func aClickOnAChoiceVotes() throws {
    var state = ExplorerState(lessonStep: 3)
    let prediction = try #require(state.lessonStep?.prediction)
    try Self.click(prediction.choices[1], in: &state)
    #expect(state.lesson?.tally(step: 3, choices: prediction.choices.count)[1] == 1)
    _ = ExplorerReducer.reduce(&state, key: .character("1"))
    _ = ExplorerReducer.reduce(&state, key: .character("2"))
    try Self.click(prediction.choices[0], in: &state)
    #expect(state.lesson?.tally(step: 3, choices: prediction.choices.count)[0] == 12)
    _ = ExplorerReducer.reduce(&state, key: .character("v"))
    // After the reveal the choices are no longer drawn as bars: a click where they were, or
    // the letter, changes nothing.
    let before = state.lesson?.votes
    _ = ExplorerReducer.reduce(&state, .click(.choice(1)))
    #expect(state.lesson?.votes == before)
    #expect(state.notice?.hasPrefix("b: votes closed at the reveal") == true)
  }

  /// A click is a key to a blank screen and to the help: it dismisses them and does
  /// nothing else, and behind the help nothing is clickable.
  @Test func aClickDismissesTheBlankScreenAndTheHelp() throws {
    var state = ExplorerState()
    _ = ExplorerReducer.reduce(&state, key: .character("?"))
    let canvas = ExplorerRenderer.render(state, width: 100, height: 30, theme: Self.theme)
    #expect(ClickTarget.at(x: 50, y: 15, of: canvas) == nil, "a row is clickable through the help")
    _ = ExplorerReducer.reduce(&state, .click(.group(5)))
    #expect(!state.showHelp && state.selectedGroup == 0)
    var lesson = ExplorerState(lessonStep: 0)
    _ = ExplorerReducer.reduce(&lesson, key: .character("b"))
    #expect(lesson.lesson?.blanked == true)
    _ = ExplorerReducer.reduce(&lesson, .click(nil))
    #expect(lesson.lesson?.blanked == false && lesson.lesson?.index == 0)
  }

  /// The quiz is typed: clicks and the wheel leave it alone.
  @Test func theQuizIgnoresTheMouse() {
    var state = ExplorerState()
    _ = ExplorerReducer.reduce(&state, key: .character("Q"))
    let before = state
    _ = ExplorerReducer.reduce(&state, .click(.view(.manifold)))
    _ = ExplorerReducer.reduce(&state, .scroll(down: true))
    #expect(state == before)
  }
}

/// With the mouse on, the help says how to select text anyway, in whole phrases.
@Suite struct MouseHelpTests {
  @Test(arguments: [(80, 24), (100, 30), (120, 40)])
  func theHelpSaysShiftDragSelectsText(width: Int, height: Int) {
    var theme = MouseTests.theme
    theme.mouse = true
    for lesson in [false, true] {
      var state = ExplorerState(lessonStep: lesson ? 0 : nil)
      _ = ExplorerReducer.reduce(&state, key: .character("?"))
      let canvas = ExplorerRenderer.render(state, width: width, height: height, theme: theme)
      #expect(canvas.plainText().contains("Shift+drag selects text to copy"), "\(width)×\(height)")
      #expect(canvas.layoutViolations().isEmpty, "\(canvas.layoutViolations())")
    }
    var state = ExplorerState()
    _ = ExplorerReducer.reduce(&state, key: .character("?"))
    let off = ExplorerRenderer.render(state, width: width, height: height, theme: MouseTests.theme)
    #expect(!off.plainText().contains("Shift+drag") && off.plainText().contains("any key closes this help"))
  }
}
