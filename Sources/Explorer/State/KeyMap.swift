import TermCanvas

/// The one table of keys. The reducer, the help overlay and the key map in docs/explorer.md all come
/// from it, so they cannot drift apart.
public struct KeyBinding: Sendable {
  public var keys: [Key]
  public var action: ExplorerAction
  public var help: String
  public var mode: KeyMode

  init(keys: [Key], action: ExplorerAction, help: String, mode: KeyMode = .explorer) {
    self.keys = keys
    self.action = action
    self.help = help
    self.mode = mode
  }
}

/// Where a binding applies: the explorer's views, the lesson, or both; `prediction` is a
/// lesson step that asks the class a prediction, which takes a–d for votes for as long as
/// it is shown, before the reveal and after it; `quiz` is the open quiz, where every other
/// printable key types into the answer.
public enum KeyMode: Sendable {
  case explorer
  case lesson
  case both
  case prediction
  case quiz

  /// Whether a binding of this mode is live in `other`: a prediction step keeps every
  /// lesson key, with the votes on top.
  func includes(_ other: KeyMode) -> Bool {
    switch other {
    case .explorer: self == .explorer || self == .both
    case .lesson, .both: self == .lesson || self == .both
    case .prediction: self == .lesson || self == .both || self == .prediction
    case .quiz: self == .quiz
    }
  }
}

public enum KeyMap {
  public static let bindings: [KeyBinding] = [
    KeyBinding(keys: [.down, .character("j")], action: .next, help: "next row or block", mode: .both),
    KeyBinding(keys: [.up, .character("k")], action: .previous, help: "previous row or block", mode: .both),
    KeyBinding(keys: [.pageDown], action: .pageDown, help: "down one page"),
    KeyBinding(keys: [.pageUp], action: .pageUp, help: "up one page"),
    KeyBinding(keys: [.home, .character("g")], action: .first, help: "first row"),
    KeyBinding(keys: [.end, .character("G")], action: .last, help: "last row"),
    KeyBinding(keys: [.enter, .right, .character("l")], action: .open, help: "open the selected block"),
    KeyBinding(keys: [.escape, .left, .character("h"), .backspace], action: .back, help: "back"),
    KeyBinding(keys: [.tab], action: .cycleView, help: "next view"),
    KeyBinding(keys: [.character("1")], action: .show(.network), help: "Network view"),
    KeyBinding(keys: [.character("2")], action: .show(.block), help: "Block view"),
    KeyBinding(keys: [.character("3"), .character("m")], action: .show(.manifold), help: "Manifold view"),
    KeyBinding(
      keys: [.character("4")], action: .show(.ablation), help: "Ablation view (Figure 6 trained live)"),
    KeyBinding(
      keys: [.character("b")], action: .toggleBottleneck,
      help: "bottleneck linear↔ReLU6 (or Fig. 1, 6)"),
    KeyBinding(
      keys: [.character("t")], action: .toggleBottleneck,
      help: "bottleneck linear↔ReLU6 (or Fig. 1, 6)",
      mode: .lesson),
    KeyBinding(
      keys: [.character("b"), .character(".")], action: .blank,
      help: "blank the screen (. where b votes); any key returns",
      mode: .lesson),
    KeyBinding(
      keys: [.character("T")], action: .toggleTiming,
      help: "measured ms beside MAdds"),
    KeyBinding(keys: [.character("w")], action: .widthDown, help: "width down (0.35…1.4)", mode: .both),
    KeyBinding(keys: [.character("W")], action: .widthUp, help: "width up", mode: .both),
    KeyBinding(keys: [.character("r")], action: .resolutionDown, help: "resolution down 96…224", mode: .both),
    KeyBinding(keys: [.character("R")], action: .resolutionUp, help: "resolution up", mode: .both),
    KeyBinding(keys: [.character("s")], action: .newSeed, help: "new manifold seed", mode: .both),
    KeyBinding(
      keys: [.character("a"), .character("A")], action: .togglePlotStyle, help: "7-bit ASCII ↔ Unicode screen"
    ),
    // In the lesson a is a vote: ASCII has a key of its own there, and the status bar says when it is on.
    KeyBinding(
      keys: [.character("A")], action: .togglePlotStyle, help: "7-bit ASCII ↔ Unicode screen", mode: .lesson),
    KeyBinding(keys: [.character("?")], action: .toggleHelp, help: "this help", mode: .both),
    KeyBinding(keys: [.character("q"), .controlC], action: .quit, help: "quit", mode: .both),
    KeyBinding(keys: [.character("+")], action: .labKUp, help: "lab: manifold dim k up", mode: .both),
    KeyBinding(keys: [.character("-")], action: .labKDown, help: "lab: manifold dim k down", mode: .both),
    KeyBinding(
      keys: [.character("x")], action: .toggleLabShortcut, help: "lab: shortcut on/off", mode: .both),
    KeyBinding(
      keys: [.character("d")], action: .ablationWidthDown, help: "ablation: bottleneck width d down",
      mode: .both),
    KeyBinding(keys: [.character("D")], action: .ablationWidthUp, help: "ablation: width d up", mode: .both),
    KeyBinding(
      keys: [.character("Q")], action: .toggleQuiz, help: "quiz: exercises with worked solutions"),
    KeyBinding(keys: [.character("L")], action: .toggleLesson, help: "open or leave the lesson", mode: .both),
    KeyBinding(
      keys: [.pageDown, .character(" "), .right], action: .nextStep, help: "next step", mode: .lesson),
    KeyBinding(
      keys: [.pageUp, .backspace, .left], action: .previousStep, help: "previous step", mode: .lesson),
    KeyBinding(keys: [.home], action: .firstStep, help: "first step", mode: .lesson),
    KeyBinding(keys: [.end], action: .lastStep, help: "last step", mode: .lesson),
    KeyBinding(
      keys: (0...9).map { .character(Character(String($0))) } + [.enter], action: .confirmJump,
      help: "digits, Enter: go to step", mode: .lesson),
    KeyBinding(
      keys: [.character("v")], action: .reveal, help: "reveal the prediction",
      mode: .lesson),
    KeyBinding(keys: [.character("u")], action: .undoVote, help: "undo the last vote", mode: .lesson),
    KeyBinding(keys: [.character("z")], action: .zoom, help: "zoom the visual", mode: .lesson),
    KeyBinding(keys: [.escape], action: .lessonBack, help: "unzoom; twice: leave", mode: .lesson),
    // Last, so that on a prediction step the letters win over blank (b) and width (d).
    KeyBinding(
      keys: LessonPrediction.choiceLetters.map { .character($0) }, action: .vote(0),
      help: "vote; 12a: 12 votes at once (also after v: refused)", mode: .prediction),
    // The open quiz: `?` is free for the worked solution because no answer contains one.
    KeyBinding(keys: [.enter], action: .quiz(.submit), help: "check the answer", mode: .quiz),
    KeyBinding(keys: [.character("?")], action: .quiz(.solution), help: "the worked solution", mode: .quiz),
    KeyBinding(
      keys: [.backspace], action: .quiz(.deleteBackward), help: "delete the last character", mode: .quiz),
    KeyBinding(keys: [.tab], action: .quiz(.skip), help: "skip to the next question", mode: .quiz),
    KeyBinding(keys: [.pageUp], action: .quiz(.levelDown), help: "an easier level", mode: .quiz),
    KeyBinding(keys: [.pageDown], action: .quiz(.levelUp), help: "a harder level", mode: .quiz),
    KeyBinding(keys: [.escape], action: .quiz(.close), help: "back to where you were", mode: .quiz),
    KeyBinding(keys: [.controlC], action: .quit, help: "quit", mode: .quiz),
    // No keys of its own: every printable key no binding above takes (`action(for:mode:)`).
    KeyBinding(keys: [], action: .quiz(.type(" ")), help: "types into the answer", mode: .quiz),
  ]

  private static func table(_ mode: KeyMode) -> [Key: ExplorerAction] {
    var table: [Key: ExplorerAction] = [:]
    for binding in bindings where binding.mode.includes(mode) {
      for key in binding.keys {
        // A digit stands for itself in the "go to step" binding.
        if case .character(let c) = key, let digit = c.wholeNumberValue, binding.action == .confirmJump {
          table[key] = .digit(digit)
        } else if case .character(let c) = key, case .vote = binding.action,
          let choice = LessonPrediction.choiceLetters.firstIndex(of: c)
        {
          // Each letter votes for its own choice.
          table[key] = .vote(choice)
        } else {
          table[key] = binding.action
        }
      }
    }
    return table
  }

  private static let explorerTable = table(.explorer)
  private static let lessonTable = table(.lesson)
  private static let predictionTable = table(.prediction)
  private static let quizTable = table(.quiz)

  public static func action(for key: Key, mode: KeyMode = .explorer) -> ExplorerAction? {
    switch mode {
    case .explorer: explorerTable[key]
    case .lesson, .both: lessonTable[key]
    case .prediction: predictionTable[key]
    case .quiz:
      quizTable[key] ?? { if case .character(let c) = key { .quiz(.type(c)) } else { nil } }()
    }
  }

  /// The bindings shown in help: in the lesson, the vote keys too (they are live on the
  /// steps that ask a prediction).
  public static func bindings(inLesson: Bool) -> [KeyBinding] {
    bindings.filter { $0.mode.includes(inLesson ? .prediction : .explorer) }
  }

  /// "↓ / j" style labels for docs/explorer.md; `compact` gives "↓/j" for the help overlay.
  /// The ten digit keys of "go to step" are written 0-9.
  public static func label(_ binding: KeyBinding, compact: Bool = false) -> String {
    var keys = binding.keys.map { compact ? $0.shortLabel : $0.label }
    if binding.action == .confirmJump { keys = ["0-9", "Enter"] }
    if case .vote = binding.action { keys = ["a-d"] }
    if case .quiz(.type) = binding.action { keys = ["any other key"] }
    return keys.joined(separator: compact ? "/" : " / ")
  }
}
