import Testing

@testable import Explorer

/// The status bar's view tabs: at 80×24 every view keeps its name. Before the fix, one tab
/// lost its label while its neighbours kept theirs ("1 Network 2 Block 3 Manifold 4 │").
@Suite struct StatusBarTests {
  @Test(arguments: ExplorerView.allCases)
  func everyTabIsNamedAt80Columns(view: ExplorerView) {
    let state = ExplorerState(view: view)
    let screen = ExplorerRenderer.render(
      state, width: 80, height: 24, theme: Theme(colored: false, unicode: true))
    let bar = screen.plainText().components(separatedBy: "\n")[23]
    for (index, other) in ExplorerView.allCases.enumerated() {
      #expect(bar.contains("\(index + 1) \(other.title)"), "\(view): \(bar)")
    }
    #expect(bar.contains("?:help") && bar.contains("q:quit"), "\(bar)")
  }

  /// Where names cannot all fit, only the view shown keeps its name: never some and not others.
  @Test func tooNarrowNamesOnlyTheViewShown() {
    let labels = Chrome.viewLabels(ExplorerState(view: .block), room: 20).map(\.0).joined()
    #expect(labels == " 1 2 Block 3 4", "\(labels)")
  }
}
