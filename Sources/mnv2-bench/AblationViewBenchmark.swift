import AblationKit
import Explorer
import TermCanvas

/// The Ablation view as the run loop drives it, without a terminal: how long until the
/// first curves are on screen, how long a key can wait (the longest chunk), when the front
/// comparison has its verdict, and when every run is trained.
func benchmarkAblationView() {
  let clock = ContinuousClock()
  var state = ExplorerState(view: .ablation)
  let start = clock.now
  var queue = ExplorerReducer.reduce(&state, .refresh)
  var chunks: [Double] = []
  var firstCurves: Double?, verdict: Double?
  let front = state.ablation.variants(.activation)
  let theme = Theme(colored: true, unicode: true)
  var render = 0.0
  while !queue.isEmpty {
    let effect = queue.removeFirst()
    let began = clock.now
    let action = effect.perform()
    if case .trainAblation = effect { chunks.append(seconds(clock.now - began)) }
    queue += ExplorerReducer.reduce(&state, action)
    let drawn = clock.now
    _ = ExplorerRenderer.render(state, width: 80, height: 24, theme: theme)
    render = max(render, seconds(clock.now - drawn))
    let screen = ExplorerRenderer.render(state, width: 80, height: 24, theme: theme).plainText()
    if firstCurves == nil && screen.contains("linear")
      && !front.contains(where: { state.ablation.curveCount($0) == 0 })
    {
      firstCurves = seconds(clock.now - start)
    }
    if verdict == nil
      && front.allSatisfy({ state.ablation.result($0)?.runs.count == state.ablation.study.seeds })
    {
      verdict = seconds(clock.now - start)
    }
  }
  let total = seconds(clock.now - start)
  let sorted = chunks.sorted()
  print(
    "ablation view d=2  first curves \(format(firstCurves ?? .nan)) s  front verdict \(format(verdict ?? .nan)) s  "
      + "all \(state.ablation.runCount) runs \(format(total)) s")
  print(
    "ablation view chunks \(chunks.count)  median \(format(sorted[sorted.count / 2] * 1000)) ms  "
      + "longest \(format(sorted.last! * 1000)) ms (a key waits at most this)  longest 80x24 render \(format(render * 1000)) ms"
  )
}
