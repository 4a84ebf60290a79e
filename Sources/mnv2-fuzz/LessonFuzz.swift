import Explorer
import TermCanvas

/// The lesson file parser, then whatever it accepts drawn on screen at 80×24.
enum LessonFuzz {
  static let source = "fuzz.lesson"

  static func run(_ bytes: [UInt8]) {
    guard let text = String(validating: bytes, as: UTF8.self) else { return }
    let step: LessonStep
    do {
      step = try LessonParser.parse(text, source: source)
    } catch {
      FuzzInvariant.checkError(error.description, source: source)
      return
    }
    FuzzInvariant.checkTerminalText(step.title, "the lesson title")
    FuzzInvariant.checkTerminalText(step.text, "the lesson text")
    let state = ExplorerState(lessonSteps: [step], lessonStep: 0)
    let canvas = ExplorerRenderer.render(state, width: 80, height: 24, theme: KeysFuzz.theme)
    KeysFuzz.checkCanvas(canvas)
  }
}
