import Explorer
import TermCanvas
import TerminalBackend
import Testing

@testable import ExplorerApp

/// The real run loop on the in-memory backend: keys in, frames out, no tmux.
@Suite struct ExplorerRunLoopTests {
  static let theme = Theme(colored: true, unicode: true)

  /// Runs the loop over a script, counting the effects it performed.
  func run(
    _ script: [TestBackend.Step], state: ExplorerState = ExplorerState(), width: Int = 100, height: Int = 30,
    keysArriveWhileBusy: Bool = false, runner: any JobRunner = SteppedJobRunner()
  ) -> (backend: TestBackend, state: ExplorerState, performed: [ExplorerEffect]) {
    let backend = TestBackend(
      width: width, height: height, script: script, keysArriveWhileBusy: keysArriveWhileBusy)
    nonisolated(unsafe) var performed: [ExplorerEffect] = []
    var loop = ExplorerRunLoop(state: state, theme: Self.theme, runner: runner) { effect in
      performed.append(effect)
      return effect.perform()
    }
    let final = loop.run(on: backend)
    return (backend, final, performed)
  }

  @Test func quitEndsTheLoopAfterDrawingTheScreen() {
    let (backend, state, performed) = run([.key(.character("q"))])
    #expect(state.quitRequested)
    #expect(performed.count == 1)  // Figure 1, asked for at start
    let text = backend.screen?.plainText() ?? ""
    #expect(text.contains("MobileNetV2 1.0"))
    #expect(text.contains("conv2d 3×3"))
  }

  /// A click means what the frame on screen drew under it: row 5 of the Network view at
  /// 100×30 is block 2 (title, totals and header come first), and clicking it again opens
  /// it. Behind "terminal too small" a click changes nothing.
  @Test func clicksMeanWhatTheLastFrameShowed() throws {
    let (backend, state, _) = run([
      .mouse(MouseEvent(.click, x: 10, y: 5)), .mouse(MouseEvent(.click, x: 10, y: 5)),
      .mouse(MouseEvent(.wheelDown, x: 10, y: 5)),
    ])
    #expect(state.view == .block && state.selectedGroup == 3)
    #expect(backend.frames[1].plainText().split(separator: "\n")[5].contains("112×112×16 → 56×56×24"))
    let small = run([.resize(width: 60, height: 20), .mouse(MouseEvent(.click, x: 10, y: 5))]).state
    #expect(small.selectedGroup == 0 && small.view == .network)
  }

  @Test func endOfInputQuitsToo() {
    let (_, state, _) = run([.key(.down)])
    #expect(state.quitRequested)
    #expect(state.selectedGroup == 1)
  }

  /// Opening a bottleneck: the block screen with "computing…" is drawn first, then the
  /// same screen with the lab filled in.
  @Test func theScreenIsDrawnBeforeTheLabRuns() throws {
    let (backend, _, performed) = run(
      [.key(.down), .key(.down), .key(.down), .key(.enter), .key(.character("q"))], height: 40)
    #expect(performed.filter { if case .runLab = $0 { true } else { false } }.count == 1)
    let texts = backend.frames.map { $0.plainText() }
    let computing = try #require(texts.firstIndex { $0.contains("Bottleneck lab: computing…") })
    let filled = try #require(texts.firstIndex { $0.contains("projection linear") })
    #expect(computing < filled)
    #expect(filled == computing + 1)
  }

  @Test func plusOnB17RunsTheLabOnce() {
    let start = ExplorerState(view: .block, selectedGroup: 17)
    let (_, state, performed) = run([.key(.character("+")), .key(.character("q"))], state: start, height: 40)
    let labs = performed.compactMap { effect -> LabRequest? in
      if case .runLab(let request) = effect { request } else { nil }
    }
    #expect(labs.map(\.dimension) == [4, 5])
    #expect(state.labResults?.linear.lab.manifoldDimension == 5)
  }

  /// Keys typed while work is queued are handled first, and the work they make stale is
  /// never done: three + in a row (k 4 → 7) compute only k = 7, once the keys pause; a q
  /// typed while work is still queued quits without doing it.
  @Test func keysTypedWhileBusySkipStaleWork() {
    let start = ExplorerState(view: .block, selectedGroup: 8)
    func labs(_ script: [TestBackend.Step]) -> (dimensions: [Int], state: ExplorerState) {
      let (_, state, performed) = run(script, state: start, height: 40, keysArriveWhileBusy: true)
      let dimensions = performed.compactMap { effect -> Int? in
        if case .runLab(let request) = effect { request.dimension } else { nil }
      }
      return (dimensions, state)
    }
    let plus = TestBackend.Step.key(.character("+")), quit = TestBackend.Step.key(.character("q"))
    // Two pauses: the first lets Figure 1 (queued at start, ahead of the lab) run, the second the lab.
    let paused = labs([plus, plus, plus, .nothing, .nothing, quit])
    #expect(paused.dimensions == [7])
    #expect(paused.state.labResults?.linear.lab.manifoldDimension == 7 && paused.state.quitRequested)
    let hurried = labs([plus, plus, plus, quit])
    #expect(hurried.dimensions.isEmpty && hurried.state.quitRequested)
  }

  /// The Ablation view's training is the runner's: on a runner without threads, each turn
  /// of the loop is one step of every job, and the screen is drawn after each. Curves appear
  /// after the first steps, and a key typed during training is handled at once while the
  /// training goes on; quitting cancels what is left.
  @Test func ablationTrainsBetweenKeys() throws {
    let script: [TestBackend.Step] = [
      .key(.character("4")), .nothing, .nothing, .nothing, .key(.character("b")), .nothing,
      .key(.character("q")),
    ]
    let runner = SteppedJobRunner()
    let (backend, state, _) = run(script, width: 80, height: 24, keysArriveWhileBusy: true, runner: runner)
    #expect(state.ablation.front == .shortcut && !state.ablation.isComplete)
    #expect(runner.stepsTaken > 0 && !runner.hasJobs, "trained, then cancelled on quit")
    let texts = backend.frames.map { $0.plainText() }
    let waiting = try #require(texts.firstIndex { $0.contains("Training: 0 of 100 runs") })
    let curves = try #require(
      texts.firstIndex {
        $0.contains("linear") && $0.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }
      })
    #expect(waiting < curves)
    #expect(texts.last!.contains("Figure 6b in miniature"))
  }

  @Test func resizeRedrawsAtTheNewSize() {
    let (backend, _, _) = run([
      .resize(width: 120, height: 40), .resize(width: 60, height: 20), .key(.character("q")),
    ])
    let sizes = backend.frames.map { "\($0.width)x\($0.height)" }
    #expect(sizes.contains("120x40"))
    #expect(sizes.last == "60x20")
    #expect(backend.screen?.plainText().contains("80×24") == true)  // "too small" names the minimum
  }

  /// Behind "terminal too small", j j b must not move the cursor or toggle the bottleneck
  /// unseen; q still quits.
  @Test func keysDoNothingWhileTheTerminalIsTooSmall() {
    let (backend, state, _) = run([
      .resize(width: 60, height: 20), .key(.character("j")), .key(.character("j")), .key(.character("b")),
      .resize(width: 100, height: 30), .key(.character("q")),
    ])
    #expect(state.selectedGroup == 0)
    #expect(state.config.bottleneckActivation == .linear)
    #expect(state.quitRequested)
    #expect(backend.frames.contains { $0.plainText().contains("Terminal too small: 60×20") })
    let small = run([.resize(width: 60, height: 20), .key(.character("q"))])
    #expect(small.state.quitRequested)
  }

  /// A resume (after Ctrl-Z and fg) re-applies the terminal's modes and draws exactly one
  /// more frame than the same session without it, the same screen again.
  @Test func resumeReappliesTheTerminalAndRedraws() {
    let (resumed, _, _) = run([.resume, .key(.character("q"))])
    let (plain, _, _) = run([.key(.character("q"))])
    #expect(resumed.resumeCount == 1 && plain.resumeCount == 0)
    #expect(resumed.frames.count == plain.frames.count + 1)
    #expect(resumed.frames.last?.plainText() == plain.frames.last?.plainText())
  }

  @Test func idleLoopDrawsOncePerEvent() {
    // With nothing to compute after Figure 1, each key is one frame (q quits, undrawn).
    let (backend, _, _) = run([.key(.down), .key(.down), .key(.character("q"))])
    #expect(backend.frames.count == 2 + 2)  // first frame, Figure 1 computed, then one per move
  }
}

/// Whole sessions on the test backend, as a teacher would drive them; each screen is
/// checked for what the class must see.
@Suite struct ExplorerSessionTests {
  static let theme = Theme(colored: true, unicode: true)

  /// Plays `steps`, checking after each the texts the last frame must contain.
  func play(_ start: ExplorerState, width: Int, height: Int, _ steps: [(TestBackend.Step?, [String])]) {
    for count in steps.indices {
      let script = steps[...count].compactMap(\.0)
      let backend = TestBackend(width: width, height: height, script: script)
      var loop = ExplorerRunLoop(state: start, theme: Self.theme)
      loop.run(on: backend)
      let screen = backend.screen?.plainText() ?? ""
      for text in steps[count].1 {
        #expect(screen.contains(text), "after \(script): '\(text)' missing from\n\(screen)")
      }
    }
  }

  /// The Block view's lab panel on a wide block: it fills in after the screen, and +, - and
  /// x rerun it.
  @Test func labPanelFollowsKAndTheShortcut() {
    play(
      ExplorerState(view: .block, selectedGroup: 16), width: 110, height: 46,
      [
        (
          nil,
          [
            "b16 · bottleneck", "Bottleneck lab · 160→960→160 channels", "a k = 4-dim manifold (+/-, x)",
            "─ projection ReLU6 ─", "ReLU prediction", "first 2 of 4 coords",
          ]
        ),
        (.key(.character("+")), ["a k = 5-dim manifold (+/-, x)", "first 2 of 5 coords"]),
        (.key(.character("x")), ["a k = 5-dim manifold + shortcut (+/-, x)"]),
        (.key(.character("-")), ["a k = 4-dim manifold + shortcut (+/-, x)", "R² "]),
      ])
  }

  @Test func classroomLesson() {
    play(
      ExplorerState(lessonStep: 0), width: 100, height: 30,
      [
        (nil, ["Step 1 / 10 · Depthwise separable convolutions", "b2: d_i = 16 → d_j = 24 at 56×56, k = 3"]),
        (.key(.character(" ")), ["Step 2 / 10"]),
        (.key(.pageDown), ["Step 3 / 10 · Linear bottlenecks", "Predict first:", "Lesson 3 / 10"]),
        (.key(.character("b")), ["1 vote."]),
        (.key(.character("v")), ["Bottleneck ReLU6 (t)", "Answer: (d) three quarters"]),
        (
          .key(.character("t")),
          ["Bottleneck linear (t)", "Linear: every point is recovered", "bottleneck: linear"]
        ),
        (.key(.right), ["Step 4 / 10 · Inverted residuals"]),
        (.key(.character("7")), ["7_ · Enter: step 7"]),
        (.key(.enter), ["Step 7 / 10 · Memory-efficient inference", "Inference memory is"]),
        (.key(.character("z")), ["V1 ours"]),
      ])
    // Zoomed, the text gives the whole screen to the visual.
    let backend = TestBackend(
      width: 100, height: 30, script: [.key(.character("7")), .key(.enter), .key(.character("z"))])
    var loop = ExplorerRunLoop(state: ExplorerState(lessonStep: 0), theme: Self.theme)
    loop.run(on: backend)
    #expect(backend.screen?.plainText().contains("Inference memory is") == false)
  }
}
