import Foundation
import MobileNetKit
import SnapshotFiles
import TermCanvas
import Testing

@testable import Explorer

@Suite struct LessonTests {
  static let theme = Theme(colored: true, unicode: true)
  static let steps = LessonParser.bundled

  func lessonState(step: Int) -> ExplorerState {
    var state = ExplorerState()
    state.openLesson(at: step)
    EffectRunner.settle(&state)
    return state
  }

  /// Files as people's editors write them: CRLF line endings (Windows Notepad) and a UTF-8
  /// byte-order mark read the same as LF. Before, "\r\n" being one Character left a CRLF file
  /// one line long: "missing the '---' line".
  @Test func crlfAndAByteOrderMarkReadAsLF() throws {
    for (name, text) in BundledLessons.files {
      let lf = try LessonParser.parse(text, source: name)
      let crlf = text.unicodeScalars.reduce(into: "") { result, scalar in
        if scalar == "\n" { result += "\r\n" } else { result.unicodeScalars.append(scalar) }
      }
      #expect(crlf.utf8.count == text.utf8.count + text.filter { $0 == "\n" }.count)
      #expect(try LessonParser.parse(crlf, source: name) == lf, "\(name) with CRLF")
      #expect(try LessonParser.parse("\u{FEFF}" + crlf, source: name) == lf, "\(name) with a BOM and CRLF")
      #expect(try LessonParser.parse("\u{FEFF}" + text, source: name) == lf, "\(name) with a BOM")
    }
  }

  @Test func bundledLessonHasTheTenSteps() {
    #expect(Self.steps.count == 10)
    #expect(
      Self.steps.map(\.visual) == [
        .separableCost, .manifold, .linearBottleneck, .invertedResidual, .architecture, .blockCost, .memory,
        .variants,
        .ablation, .latency,
      ])
  }

  static let sizes: [(Int, Int)] = [(80, 24), (160, 50)]

  /// Every step at both sizes: the whole explanation is on screen, each wrapped line intact
  /// (no word cut, nothing spilling past its panel), and the screen matches its snapshot.
  @Test(arguments: 0..<9)
  func everyStepFitsAtBothSizes(step: Int) {
    for (width, height) in Self.sizes {
      let state = lessonState(step: step)
      let canvas = ExplorerRenderer.render(state, width: width, height: height, theme: Self.theme)
      let body = Rect(x: 0, y: 2, width: width, height: height - 4)
      let layout = LessonScreen.layout(
        text: Self.steps[step].text, body: body, zoomed: false, visual: Self.steps[step].visual)
      let textRect = layout.text!
      let lines = Canvas.wrap(Self.steps[step].text, width: textRect.width)
      #expect(
        lines.count <= textRect.height,
        "step \(step + 1) at \(width)×\(height): text needs \(lines.count) lines")
      #expect(
        layout.visual.height >= 8,
        "step \(step + 1) at \(width)×\(height): visual gets \(layout.visual.height) rows")
      let screen = canvas.plainText().split(separator: "\n", omittingEmptySubsequences: false).map(
        String.init)
      for (offset, line) in lines.enumerated() {
        let row = screen[textRect.y + offset]
        let start = row.index(row.startIndex, offsetBy: min(row.count, textRect.x))
        #expect(
          row[start...].hasPrefix(line), "step \(step + 1) at \(width)×\(height), line \(offset): \(row)")
        #expect(line.count <= textRect.width)
      }
      #expect(canvas.plainText().contains("Step \(step + 1) / \(Self.steps.count)"))
      #expect(verifySnapshot(canvas.styledSnapshot(), named: "lesson-\(step + 1)-\(width)x\(height)") == nil)
      // A step that predicts hides its figure until v: the revealed screen is checked too,
      // after two votes for a and one for b.
      guard Self.steps[step].prediction != nil else { continue }
      var revealed = state
      for key in [Key.character("a"), .character("a"), .character("b"), .character("v")] {
        _ = ExplorerReducer.reduce(&revealed, key: key)
      }
      EffectRunner.settle(&revealed)
      let shown = ExplorerRenderer.render(revealed, width: width, height: height, theme: Self.theme)
      #expect(shown.layoutViolations() == [], "step \(step + 1) revealed at \(width)×\(height)")
      #expect(shown.plainText().contains("Answer: "), "step \(step + 1) at \(width)×\(height)")
      #expect(!shown.plainText().contains("press z to see it"), "step \(step + 1): the figure lost its room")
      #expect(
        verifySnapshot(shown.styledSnapshot(), named: "lesson-\(step + 1)-revealed-\(width)x\(height)") == nil
      )
    }
  }

  @Test func navigationStopsAtTheEnds() {
    var state = lessonState(step: 0)
    _ = ExplorerReducer.reduce(&state, key: .left)
    #expect(state.lesson?.index == 0)
    for key in [Key.pageDown, .character(" "), .right] { _ = ExplorerReducer.reduce(&state, key: key) }
    #expect(state.lesson?.index == 3)
    _ = ExplorerReducer.reduce(&state, key: .end)
    // Past the last step, the summary of the predictions; back returns to the last step.
    _ = ExplorerReducer.reduce(&state, key: .pageDown)
    #expect(state.lesson?.index == 9 && state.lesson?.showsSummary == true)
    _ = ExplorerReducer.reduce(&state, key: .pageDown)
    #expect(state.lesson?.showsSummary == true && state.notice?.contains("summary") == true)
    _ = ExplorerReducer.reduce(&state, key: .backspace)
    #expect(state.lesson?.index == 9 && state.lesson?.showsSummary == false)
    _ = ExplorerReducer.reduce(&state, key: .backspace)
    #expect(state.lesson?.index == 8)
    _ = ExplorerReducer.reduce(&state, key: .home)
    #expect(state.lesson?.index == 0)
  }

  @Test func digitsAndEnterJump() {
    var state = lessonState(step: 0)
    _ = ExplorerReducer.reduce(&state, key: .character("7"))
    #expect(state.lesson?.typedNumber == "7")
    #expect(state.lesson?.index == 0)
    _ = ExplorerReducer.reduce(&state, key: .enter)
    #expect(state.lesson?.index == 6)
    // Out of range: ignored. Enter with nothing typed: next step.
    _ = ExplorerReducer.reduce(&state, key: .character("4"))
    _ = ExplorerReducer.reduce(&state, key: .character("2"))
    _ = ExplorerReducer.reduce(&state, key: .enter)
    #expect(state.lesson?.index == 6)
    _ = ExplorerReducer.reduce(&state, key: .enter)
    #expect(state.lesson?.index == 7)
    // Esc clears a half-typed number before it leaves the lesson.
    _ = ExplorerReducer.reduce(&state, key: .character("3"))
    _ = ExplorerReducer.reduce(&state, key: .escape)
    #expect(state.lesson?.typedNumber == "" && state.lesson?.index == 7)
  }

  @Test func stepsApplyTheirStartingState() {
    var state = lessonState(step: 2)
    #expect(state.config.bottleneckActivation == .relu6)  // step 3 starts with ReLU6
    _ = ExplorerReducer.reduce(&state, key: .character("t"))  // the class toggles it back
    #expect(state.config.bottleneckActivation == .linear)
    #expect(state.lesson?.index == 2)
    _ = ExplorerReducer.reduce(&state, key: .right)  // step 4 starts on block 3, linear
    #expect(state.selectedGroup == 3)
    #expect(state.config.bottleneckActivation == .linear)
  }

  /// A step's state is the launch settings plus what the step sets, whatever came before.
  @Test func aStepLooksTheSameWhicheverWayItIsReached() {
    let direct = lessonState(step: 5)
    var wandered = lessonState(step: 0)
    for key in [Key.character("w"), .character("j"), .right, .character("t"), .right, .right] {
      _ = ExplorerReducer.reduce(&wandered, key: key)
    }
    for key in [Key.right, .right, .character("W"), .right, .left, .left] {
      _ = ExplorerReducer.reduce(&wandered, key: key)
    }
    #expect(wandered.lesson?.index == 4)
    _ = ExplorerReducer.reduce(&wandered, key: .character("6"))
    _ = ExplorerReducer.reduce(&wandered, key: .enter)
    #expect(wandered.lesson?.index == 5)
    #expect(wandered.settings == direct.settings)
  }

  @Test func leavingAndComingBackKeepsTheStepAndTheExplorersOwnSettings() {
    var state = ExplorerState(config: NetworkConfig(width: 0.5))
    _ = ExplorerReducer.reduce(&state, key: .character("j"))
    let explorer = state.settings
    _ = ExplorerReducer.reduce(&state, key: .character("L"))
    for key in [Key.right, .right, .character("t"), .character("+")] {
      _ = ExplorerReducer.reduce(&state, key: key)
    }
    let inLesson = state.settings
    #expect(state.config.width == 0.35)  // step 3's own width
    _ = ExplorerReducer.reduce(&state, key: .character("L"))
    #expect(state.lesson == nil)
    #expect(state.settings == explorer)  // nothing leaked out of the lesson
    _ = ExplorerReducer.reduce(&state, key: .character("L"))
    #expect(state.lesson?.index == 2)
    #expect(state.settings == inLesson)  // the class sees what it left
  }

  /// Found by the lesson fuzzer: a teacher's text near the length limit leaves the memory
  /// figure too few rows at 80×24. The text then shortens to its first line and the figure
  /// shows whole (it used to give way to "press z"); z shows the whole text.
  @Test func aLongTextShortensSoTheFigureShows() throws {
    let text = String(repeating: "A long explanation of memory, written by a teacher. ", count: 22)
    let step = try LessonParser.parse("title: Memory\nvisual: memory\n---\n\(text)\n", source: "t.lesson")
    var state = ExplorerState(lessonSteps: [step], lessonStep: 0)
    let canvas = ExplorerRenderer.render(state, width: 80, height: 24, theme: Self.theme)
    #expect(canvas.layoutViolations().isEmpty, "\(canvas.layoutViolations())")
    let screen = canvas.plainText()
    let lines = screen.components(separatedBy: "\n")
    #expect(lines[2].hasPrefix("A long explanation of memory"))
    #expect(lines[2].hasSuffix("(z: the whole text)"))
    #expect(screen.contains("Table 3"))
    #expect(!screen.contains("needs more room"))
    _ = ExplorerReducer.reduce(&state, key: .character("z"))
    let zoomed = ExplorerRenderer.render(state, width: 80, height: 24, theme: Self.theme)
    #expect(zoomed.layoutViolations().isEmpty, "\(zoomed.layoutViolations())")
    let zoomedText = zoomed.plainText()
    #expect(zoomedText.contains("the whole text (z: figure back)"))
    #expect(!zoomedText.contains("Table 3"))
  }

  /// Found by the lesson fuzzer: the block-cost figure trapped when a long text left it two
  /// rows. Every figure now draws (or gives way to the zoom note) in any area at all.
  @Test(arguments: LessonVisual.allCases)
  func everyFigureDrawsInAnyArea(visual: LessonVisual) {
    let state = ExplorerState()
    for width in [0, 1, 2, 10, 40, 79, 80] {
      for height in 0...25 {
        let canvas = LessonVisuals.render(
          visual, state: state, theme: Self.theme, width: width, height: height)
        #expect(canvas.width == width && canvas.height == height)
      }
    }
  }

  @Test func aJumpToAStepThatDoesNotExistSaysSo() {
    var state = lessonState(step: 3)
    for key in [Key.character("4"), .character("2"), .enter] { _ = ExplorerReducer.reduce(&state, key: key) }
    #expect(state.lesson?.index == 3)
    #expect(state.notice == "No step 42: this lesson has steps 1 to 10.")
    let screen = ExplorerRenderer.render(state, width: 80, height: 24, theme: Self.theme).plainText()
    #expect(screen.contains("No step 42"))
    _ = ExplorerReducer.reduce(&state, key: .right)
    #expect(state.notice == nil)
  }

  /// Presenter clickers send b (blank screen), "." and Esc (start or stop the show).
  @Test func clickerKeysAreSafe() {
    var state = lessonState(step: 6)
    let model = state.settings
    _ = ExplorerReducer.reduce(&state, key: .character("b"))
    #expect(state.lesson?.blanked == true)
    #expect(state.settings == model)  // the model did not change
    let blank = ExplorerRenderer.render(state, width: 80, height: 24, theme: Self.theme)
    #expect(blank.cells.allSatisfy { $0 == .blank })
    _ = ExplorerReducer.reduce(&state, key: .right)  // any key brings it back, and only that
    #expect(state.lesson?.blanked == false && state.lesson?.index == 6)
    _ = ExplorerReducer.reduce(&state, key: .character("."))
    #expect(state.lesson?.blanked == true)
    _ = ExplorerReducer.reduce(&state, key: .character("."))
    #expect(state.lesson?.blanked == false)
    // One Esc asks; a second leaves; anything between cancels.
    _ = ExplorerReducer.reduce(&state, key: .escape)
    #expect(state.lesson != nil && state.notice?.contains("Esc again") == true)
    _ = ExplorerReducer.reduce(&state, key: .right)
    _ = ExplorerReducer.reduce(&state, key: .escape)
    #expect(state.lesson?.index == 7)
    _ = ExplorerReducer.reduce(&state, key: .escape)
    #expect(state.lesson == nil)
  }

  /// While a prediction waits, b is a vote for choice b; "." still blanks the screen.
  @Test func theBlankKeyStillBlanksDuringAPrediction() {
    var state = lessonState(step: 2)
    _ = ExplorerReducer.reduce(&state, key: .character("."))
    #expect(state.lesson?.blanked == true && state.lesson?.votes == [])
    _ = ExplorerReducer.reduce(&state, key: .character("."))
    _ = ExplorerReducer.reduce(&state, key: .character("b"))
    #expect(state.lesson?.blanked == false && state.lesson?.tally(step: 2, choices: 4) == [0, 1, 0, 0])
  }

  @Test func explorerKeysActOnTheVisual() {
    var state = lessonState(step: 4)  // the architecture; v reveals its prediction first
    for key in [
      Key.character("v"), .character("w"), .character("r"), .character("j"), .character("A"), .character("s"),
    ] {
      _ = ExplorerReducer.reduce(&state, key: key)
    }
    #expect(state.config.width == 0.75)
    #expect(state.config.resolution == 192)
    #expect(state.selectedGroup == 3)
    #expect(state.plotStyle == .ascii)
    #expect(state.seed != 1)
    #expect(state.lesson?.index == 4)
  }

  @Test func zoomAndLeave() {
    var state = lessonState(step: 1)
    _ = ExplorerReducer.reduce(&state, key: .character("z"))
    #expect(state.lesson?.zoomed == true)
    let zoomed = ExplorerRenderer.render(state, width: 80, height: 24, theme: Self.theme).plainText()
    #expect(!zoomed.contains("non-zero volume"))  // the text gives way to the visual
    _ = ExplorerReducer.reduce(&state, key: .escape)
    #expect(state.lesson?.zoomed == false)
    _ = ExplorerReducer.reduce(&state, key: .escape)
    _ = ExplorerReducer.reduce(&state, key: .escape)
    #expect(state.lesson == nil)
    _ = ExplorerReducer.reduce(&state, key: .character("L"))
    #expect(state.lesson?.index == 1)  // back where the class left
    _ = ExplorerReducer.reduce(&state, key: .character("L"))
    #expect(state.lesson == nil)
  }

  @Test func helpInALessonListsTheClickerKeys() {
    var state = lessonState(step: 0)
    _ = ExplorerReducer.reduce(&state, key: .character("?"))
    let screen = ExplorerRenderer.render(state, width: 160, height: 50, theme: Self.theme).plainText()
    #expect(screen.contains("next step"))
    #expect(screen.contains("zoom the visual"))
    #expect(!screen.contains("Network view"))
  }
}

@Suite struct LessonParserTests {
  func error(_ text: String) -> LessonError? {
    do {
      _ = try LessonParser.parse(text, source: "x.lesson")
      return nil
    } catch {
      return error
    }
  }

  @Test func parsesTheFormat() throws {
    let step = try LessonParser.parse(
      "# a comment\ntitle: T\nvisual: memory\nblock: 3\nwidth: 0.5\nbottleneck: relu6\n---\nLine one\nstill one.\n\nTwo.\n",
      source: "x.lesson")
    #expect(step.title == "T")
    #expect(step.visual == .memory)
    #expect(step.block == 3 && step.width == 0.5 && step.bottleneck == .relu6)
    #expect(step.text == "Line one still one.\nTwo.")
  }

  @Test func errorsNameTheLine() {
    #expect(
      error("title: T\nvisual: chart\n---\ntext")?.description
        == "x.lesson:2: unknown visual \"chart\"; one of separable-cost, manifold, linear-bottleneck, inverted-residual, architecture, block-cost, memory, variants, ablation, latency"
    )
    #expect(error("title: T\ncolour: red\n---\ntext")?.line == 2)
    #expect(error("title: T\nvisual: memory\nblock: 99\n---\ntext")?.line == 3)
    #expect(error("title: T\nvisual: memory\ntext without a separator")?.line == 3)
    #expect(error("title: T\nvisual: memory\n---\n")?.message.contains("empty") == true)
    #expect(error("visual: memory\n---\ntext")?.message.contains("title") == true)
    #expect(error("title: T\ntitle: U\nvisual: memory\n---\nx")?.line == 2)
  }

  /// Every file of Assets/lessons is a step of the bundled lesson, in name order, with the
  /// file's bytes (embedded by SwiftPM through the link Sources/Explorer/Lessons/Bundled).
  @Test func theBundledLessonIsTheAssetsFolder() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let directory = root.appendingPathComponent("Assets/lessons")
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
      $0.hasSuffix(".lesson")
    }.sorted()
    #expect(names == BundledLessons.files.map(\.0), "list every Assets/lessons file in BundledLessons.swift")
    for (name, embedded) in BundledLessons.files {
      let onDisk = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
      #expect(onDisk == embedded, "\(name) is not what the binary carries")
    }
  }
}
