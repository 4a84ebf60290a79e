import AblationKit
import ManifoldKit
import MobileNetKit
import Practice
import TermCanvas

/// The only place state changes: a pure function of the state and an action, returning the
/// effects the run loop and its job runner must perform. It never runs the lab, Figure 1
/// or a long job itself.
public enum ExplorerReducer {
  /// Rows moved by PgUp/PgDn.
  public static let pageSize = 10

  public static func reduce(_ state: inout ExplorerState, _ action: ExplorerAction) -> [ExplorerEffect] {
    apply(&state, action)
    return effects(for: &state)
  }

  /// Several actions in order (a job's reports): the effects they ask for, in order.
  public static func reduce(_ state: inout ExplorerState, _ actions: [ExplorerAction]) -> [ExplorerEffect] {
    actions.flatMap { reduce(&state, $0) }
  }

  /// A key on a screen that may be too small: behind "terminal too small" nothing can be
  /// seen changing, so only the live table's quit (q, Ctrl-C) works there.
  public static func reduce(_ state: inout ExplorerState, key: Key, screenFits: Bool) -> [ExplorerEffect] {
    if screenFits { return reduce(&state, key: key) }
    // The quiz's q is a letter of an answer; behind "too small" no answer is being typed.
    let mode = keyMode(state) == .quiz ? KeyMode.explorer : keyMode(state)
    return KeyMap.action(for: key, mode: mode) == .quit ? reduce(&state, .quit) : []
  }

  public static func reduce(_ state: inout ExplorerState, key: Key) -> [ExplorerEffect] {
    guard let action = KeyMap.action(for: key, mode: keyMode(state)) else { return [] }
    return reduce(&state, action)
  }

  /// Which key table is live: a lesson step that asks a prediction owns a–d for as long as
  /// it is shown, before and after the reveal, so a late hand never reaches blank or ASCII.
  static func keyMode(_ state: ExplorerState) -> KeyMode {
    guard let lesson = state.lesson else { return state.quizOpen && !state.showHelp ? .quiz : .explorer }
    if !state.showHelp, !lesson.blanked, !lesson.showsSummary, state.lessonStep?.prediction != nil {
      return .prediction
    }
    return .lesson
  }

  /// The effects the screen now needs: a request is made once, until it is answered,
  /// replaced by another, or no longer needed (then it is forgotten, so a later return to
  /// it asks again).
  static func effects(for state: inout ExplorerState) -> [ExplorerEffect] {
    var effects: [ExplorerEffect] = []
    let manifold = state.manifoldRequest
    if state.currentManifold != nil {
      state.pendingManifold = nil
    } else if state.pendingManifold != manifold {
      state.pendingManifold = manifold
      effects.append(.runManifold(manifold))
    }
    if let lab = state.labRequest, !state.labAnswered {
      if state.pendingLab != lab {
        state.pendingLab = lab
        effects.append(.runLab(lab))
      }
    } else {
      state.pendingLab = nil
    }
    effects += timingEffects(&state)
    // The ablation trains once shown, then on in the background, one job a run, a run a core.
    if state.ablationVisible || state.ablation.started {
      for key in state.ablation.runsToStart() {
        let id = state.newJobID()
        state.ablation.running[id] = key
        effects.append(.startJob(id, .training(TrainingJob(study: state.ablation.study, key: key))))
      }
    }
    effects = state.abandonedJobs.map(ExplorerEffect.cancelJob) + effects
    state.abandonedJobs = []
    return effects
  }

  /// The measured column, for the network on screen while it is shown: a job that starts
  /// when it is asked for, and is cancelled when the network changes or the column closes
  /// (a measurement stopped part-way starts again from its first pass).
  static func timingEffects(_ state: inout ExplorerState) -> [ExplorerEffect] {
    var effects: [ExplorerEffect] = []
    let request = state.timingRequest
    if let id = state.timingJob, state.timing?.request != request {
      effects.append(.cancelJob(id))
      state.timingJob = nil
    }
    guard let request else { return effects }
    if state.timing?.request != request || (state.timingJob == nil && state.timing?.isComplete == false) {
      // Another width is another network, not another machine: the calibration carries over.
      let calibration = state.timing?.request.threads == request.threads ? state.timing?.calibration : nil
      state.timing = TimingStatus(request: request, calibration: calibration)
    }
    if state.timingJob == nil, let timing = state.timing, !timing.isComplete {
      let id = state.newJobID()
      state.timingJob = id
      effects.append(.startJob(id, .timing(NetworkTiming(request: request, calibration: timing.calibration))))
    }
    return effects
  }

  /// Whether an effect still answers what the screen needs now: the run loop skips one that
  /// a later key has made stale (another block, another k, back to what is already shown).
  public static func isWanted(_ effect: ExplorerEffect, by state: ExplorerState) -> Bool {
    switch effect {
    case .runManifold(let request): return state.manifoldRequest == request && state.currentManifold == nil
    case .runLab(let request): return state.labRequest == request && !state.labAnswered
    // A runner takes jobs at once; the reducer cancels the ones it no longer needs.
    case .startJob, .cancelJob: return true
    }
  }

  /// One action into the state: a result from an effect, else a key, which a modal screen
  /// (blank, leave-confirm, help) may swallow, and which either says why it does nothing or
  /// moves, changes a setting, or opens and closes a mode.
  static func apply(_ state: inout ExplorerState, _ action: ExplorerAction) {
    if applyResult(&state, action) { return }
    state.notice = nil
    // Digits typed towards a step or a headcount last until the next other key.
    defer { if case .digit = action {} else { state.lesson?.typedNumber = "" } }
    if closeModal(&state, action) { return }
    switch action {
    case .click(let target): return click(&state, on: target)
    case .scroll(let down): return scroll(&state, down: down)
    default: break
    }
    if let notice = notice(for: action, in: state) {
      state.notice = notice
      return
    }
    if move(&state, action) || change(&state, action) { return }
    switchMode(&state, action)
  }

  /// What an effect delivered, or a refresh; false for any other action.
  static func applyResult(_ state: inout ExplorerState, _ action: ExplorerAction) -> Bool {
    switch action {
    case .refresh:
      // Requests nobody is performing (the caller starts afresh): ask again.
      state.pendingManifold = nil
      state.pendingLab = nil
      state.timingJob = nil
      state.ablation.forgetLostWork()
    case .jobReported(let id, .timingProgressed(let status)):
      guard state.timingJob == id else { return true }
      state.timing = status
      if status.isComplete { state.timingJob = nil }
    case .jobReported(let id, let report): state.ablation.record(report, from: id)
    case .manifoldComputed(let result):
      state.manifold = result
      if state.pendingManifold == ManifoldRequest(result: result) { state.pendingManifold = nil }
    case .labComputed(let computed):
      state.lab = computed
      if state.pendingLab == computed.request { state.pendingLab = nil }
    case .labRefused(let refusal):
      state.labRefusal = refusal
      if state.pendingLab == refusal.request { state.pendingLab = nil }
    case .ablationRestored(let study, let runs):
      state.abandonedJobs += state.ablation.restore(runs, for: study)
    default: return false
    }
    return true
  }

  /// A blank lesson screen or the leave question gives way to any key, and a key on a blank
  /// screen only brings it back; the help overlay is modal, any key closes it. True when
  /// the key was used up so (Ctrl-C and q still quit).
  static func closeModal(_ state: inout ExplorerState, _ action: ExplorerAction) -> Bool {
    if var lesson = state.lesson, lesson.blanked || lesson.confirmingLeave {
      let wasBlank = lesson.blanked
      lesson.blanked = false
      if action != .lessonBack { lesson.confirmingLeave = false }
      state.lesson = lesson
      if wasBlank && action != .quit { return true }
    }
    guard state.showHelp else { return false }
    if action == .quit { state.quitRequested = true }
    state.showHelp = false
    return true
  }

  /// The selection and the view: rows, pages, ends, open, back, the Tab cycle, a view's key.
  static func move(_ state: inout ExplorerState, _ action: ExplorerAction) -> Bool {
    let lastGroup = state.network.groups.count - 1
    switch action {
    case .next: state.selectedGroup = min(lastGroup, state.selectedGroup + 1)
    case .previous: state.selectedGroup = max(0, state.selectedGroup - 1)
    case .pageDown: state.selectedGroup = min(lastGroup, state.selectedGroup + pageSize)
    case .pageUp: state.selectedGroup = max(0, state.selectedGroup - pageSize)
    case .first: state.selectedGroup = 0
    case .last: state.selectedGroup = lastGroup
    case .open: if state.view == .network { state.view = .block }
    case .back: if state.view != .network { state.view = .network }
    case .cycleView:
      let views = ExplorerView.allCases
      state.view = views[(views.firstIndex(of: state.view)! + 1) % views.count]
    case .show(let view): state.view = view
    default: return false
    }
    return true
  }

  /// What is shown: the bottleneck's activation (or Figure 1's, or Figure 6's front
  /// comparison), width, resolution, seed, plot style, the lab's k and shortcut, the
  /// measured column, Figure 6's width.
  static func change(_ state: inout ExplorerState, _ action: ExplorerAction) -> Bool {
    switch action {
    case .toggleBottleneck:
      if state.ablationVisible {
        state.ablation.front = state.ablation.front == .activation ? .shortcut : .activation
      } else if state.figureVisible {
        state.figureActivation = nextFigureActivation(after: state.figureActivation)
      } else {
        state.config.bottleneckActivation = state.config.bottleneckActivation == .linear ? .relu6 : .linear
      }
    case .widthDown, .widthUp:
      state.config.width = step(
        state.config.width, through: NetworkConfig.standardWidths, up: action == .widthUp)
      state.selectedGroup = state.clampedGroup(state.selectedGroup)
    case .resolutionDown, .resolutionUp:
      let resolutions = NetworkConfig.standardResolutions.map(Double.init)
      state.config.resolution = Int(
        step(Double(state.config.resolution), through: resolutions, up: action == .resolutionUp))
    case .newSeed: state.seed = nextSeed(after: state.seed)
    case .togglePlotStyle: state.plotStyle = state.plotStyle == .braille ? .ascii : .braille
    case .labKUp: state.labDimension = min(labMaximumK, state.labDimension + 1)
    case .labKDown: state.labDimension = max(1, state.labDimension - 1)
    case .toggleLabShortcut: state.labShortcut.toggle()
    case .toggleTiming: state.showTiming.toggle()
    case .ablationWidthDown, .ablationWidthUp:
      let widths = state.ablation.widths.map(Double.init)
      state.ablation.width = Int(
        step(Double(state.ablation.width), through: widths, up: action == .ablationWidthUp))
    default: return false
    }
    return true
  }

  /// Help, quit, the blank screen, the lesson and its keys, the quiz, predictions.
  static func switchMode(_ state: inout ExplorerState, _ action: ExplorerAction) {
    switch action {
    case .blank: state.lesson?.blanked = true
    case .toggleHelp: state.showHelp = true
    case .quit: state.quitRequested = true
    case .toggleLesson:
      if state.lesson == nil { state.reopenLesson() } else { state.leaveLesson() }
    case .nextStep, .previousStep, .firstStep, .lastStep, .digit, .confirmJump, .zoom, .lessonBack:
      reduceLesson(&state, action)
    case .toggleQuiz:
      if state.quiz == nil { state.quiz = QuizSession(seed: state.seed) }
      state.quizOpen.toggle()
    case .quiz(let input): reduceQuiz(&state, input)
    case .vote, .undoVote, .reveal: reducePrediction(&state, action)
    // Listed, not `default`, so a new action fails to compile until it has a home.
    case .next, .previous, .pageDown, .pageUp, .first, .last, .open, .back, .cycleView, .show,
      .toggleBottleneck, .widthDown, .widthUp, .resolutionDown, .resolutionUp, .newSeed, .togglePlotStyle,
      .labKUp, .labKDown, .toggleLabShortcut, .toggleTiming, .ablationWidthDown, .ablationWidthUp, .click,
      .scroll,
      .refresh, .manifoldComputed, .labComputed, .labRefused, .jobReported, .ablationRestored:
      break
    }
  }

  /// A click does what the key for the same thing does: a tab shows its view, a choice is
  /// one vote (or the digits typed before it), a row is selected, and a click on the row
  /// already selected opens it, as Enter would. A click picks a layer to see how its cost
  /// is counted, and a second click on it lets it go.
  static func click(_ state: inout ExplorerState, on target: ClickTarget?) {
    guard let target, !(state.quizOpen && state.lesson == nil) else { return }
    switch target {
    case .view(let view) where state.lesson == nil: apply(&state, .show(view))
    case .choice(let choice) where state.lesson != nil: apply(&state, .vote(choice))
    case .group(let index) where state.lesson == nil && state.view == .network:
      guard state.network.groups.indices.contains(index) else { return }
      if index == state.selectedGroup { apply(&state, .open) } else { state.selectedGroup = index }
    case .layer(let index) where state.lesson == nil && state.view == .block:
      let group = state.network.groups[state.selectedGroup]
      guard group.layerRange.count > index else { return }
      state.selectedLayer = state.selectedLayer == index ? nil : index
    default: return
    }
  }

  /// The wheel moves the selection a row a notch where there are rows to move through, and
  /// is silent at the ends and elsewhere: a notice per notch would flicker.
  static func scroll(_ state: inout ExplorerState, down: Bool) {
    guard state.lesson == nil, !state.quizOpen, state.view == .network || state.view == .block else { return }
    let last = state.network.groups.count - 1
    state.selectedGroup = down ? min(last, state.selectedGroup + 1) : max(0, state.selectedGroup - 1)
  }

  static func reducePrediction(_ state: inout ExplorerState, _ action: ExplorerAction) {
    guard var lesson = state.lesson, let prediction = state.lessonStep?.prediction else { return }
    let step = lesson.index
    switch action {
    case .vote(let choice):
      guard !lesson.revealed.contains(step), prediction.choices.indices.contains(choice) else { return }
      let count = Int(lesson.typedNumber) ?? 1
      guard count > 0 else { return }
      lesson.votes.append(.init(step: step, choice: choice, count: count))
    case .undoVote:
      guard !lesson.revealed.contains(step), let last = lesson.votes.lastIndex(where: { $0.step == step })
      else { return }
      lesson.votes.remove(at: last)
    case .reveal:
      if lesson.revealed.contains(step) { lesson.revealed.remove(step) } else { lesson.revealed.insert(step) }
    default: return
    }
    state.lesson = lesson
  }

  static func reduceQuiz(_ state: inout ExplorerState, _ input: QuizInput) {
    guard var quiz = state.quiz, state.quizOpen else { return }
    switch input {
    case .type(let character): quiz.type(character)
    case .deleteBackward: quiz.deleteBackward()
    case .submit: quiz.submit()
    case .solution: quiz.revealSolution()
    case .skip: quiz.skip()
    case .levelDown, .levelUp:
      let next = quiz.level.rawValue + (input == .levelUp ? 1 : -1)
      if let level = QuestionGenerator.Level(rawValue: next) {
        quiz.setLevel(level)
      } else {
        state.notice =
          input == .levelUp ? "Level 3 is the last: every kind, any width" : "Level 1 is the first"
      }
    case .close:
      state.quizOpen = false
      if state.quizIsTheSession { state.quitRequested = true }
    }
    state.quiz = quiz
  }

  static func reduceLesson(_ state: inout ExplorerState, _ action: ExplorerAction) {
    guard var lesson = state.lesson else { return }
    let count = state.lessonSteps.count
    let last = count - 1
    var target = lesson.index
    if lesson.showsSummary {
      // The summary follows the last step: any move comes back into the lesson.
      lesson.showsSummary = false
      lesson.typedNumber = ""
      state.lesson = lesson
      if action == .previousStep || action == .lessonBack || action == .nextStep { return }
    }
    switch action {
    case .nextStep where lesson.index == last && state.lessonPredicts:
      lesson.showsSummary = true
      state.lesson = lesson
      return
    case .nextStep: target = min(last, lesson.index + 1)
    case .previousStep: target = max(0, lesson.index - 1)
    case .firstStep: target = 0
    case .lastStep: target = last
    case .digit(let digit):
      // Three digits at most: a headcount up to 999 (a lecture hall); no lesson has 100 steps.
      lesson.typedNumber = String((lesson.typedNumber + String(digit)).suffix(3))
      state.lesson = lesson
      return
    case .confirmJump:
      if lesson.typedNumber.isEmpty {
        target = min(last, lesson.index + 1)
      } else if let number = Int(lesson.typedNumber), (1...count).contains(number) {
        target = number - 1
      } else {
        state.notice = "No step \(lesson.typedNumber): this lesson has steps 1 to \(count)."
      }
      lesson.typedNumber = ""
    case .zoom:
      lesson.zoomed.toggle()
      state.lesson = lesson
      return
    case .lessonBack:
      if !lesson.typedNumber.isEmpty {
        lesson.typedNumber = ""
      } else if lesson.zoomed {
        lesson.zoomed = false
      } else if lesson.confirmingLeave {
        state.leaveLesson()
        return
      } else {
        lesson.confirmingLeave = true
        state.notice = "Esc again leaves the lesson; any other key stays."
      }
      state.lesson = lesson
      return
    default:
      return
    }
    lesson.typedNumber = ""
    let moved = target != lesson.index
    lesson.index = target
    state.lesson = lesson
    if moved { state.applyLessonStep() }
  }

  /// The seed `s` draws: four digits, short enough to read out to a class and type into
  /// `mnv2 manifold --seed`, and a function of the current one, so a session replays. Within
  /// 1000…9999 it steps a full-period linear congruential sequence (a − 1 = 2340 is divisible
  /// by 2, 3, 5 and 4, and c = 4813 is coprime to 9000), so every four-digit seed comes round
  /// once in 9000 presses; a seed from outside the range is first mapped into it.
  static func nextSeed(after seed: UInt64) -> UInt64 {
    guard (1000...9999).contains(seed) else {
      return 1000 + SplitMix64.derivedSeed(seed, stream: 0x5EED) % 9000
    }
    return 1000 + ((seed - 1000) * 2341 + 4813) % 9000
  }

  /// The lab's largest k on screen: enough to show collapse growing with k, computed at once.
  static let labMaximumK = 8

  /// Figure 1's activations in the order `b` steps through them: the paper's ReLU, the
  /// linear case that keeps every panel, and the ReLU6 the network uses.
  static func nextFigureActivation(after activation: ManifoldActivation) -> ManifoldActivation {
    switch activation {
    case .relu: return .linear
    case .linear: return .relu6
    case .relu6: return .relu
    }
  }

  /// "x: this step shows no lab; step 3 does.", naming the steps whose visual is `visual`.
  static func elsewhere(_ key: String, shows visual: LessonVisual, what: String, in state: ExplorerState)
    -> String
  {
    let steps = state.lessonSteps.indices.filter { state.lessonSteps[$0].visual == visual }.map {
      String($0 + 1)
    }
    return steps.isEmpty
      ? "\(key): this lesson shows no \(what)."
      : steps.count == 1
        ? "\(key): this step shows no \(what); step \(steps[0]) does."
        : "\(key): this step shows no \(what); steps \(steps.joined(separator: " and ")) do."
  }

  /// The next value of `steps` above (or below) `value`, staying put at the ends, so a
  /// width of 0.6 given on the command line moves to 0.75 or 0.5.
  static func step(_ value: Double, through steps: [Double], up: Bool) -> Double {
    if up { return steps.first { $0 > value + 1e-9 } ?? value }
    return steps.last { $0 < value - 1e-9 } ?? value
  }
}
