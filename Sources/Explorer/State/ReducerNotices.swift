import MobileNetKit

/// The notices of the reducer: a key that does nothing says why, in one line that names
/// what would work instead.
extension ExplorerReducer {
  /// Why a key does nothing where it was pressed, or nil when it does something: one
  /// function for each family of keys.
  static func notice(for action: ExplorerAction, in state: ExplorerState) -> String? {
    switch action {
    case .next, .previous, .pageDown, .pageUp, .first, .last: return movementNotice(action, in: state)
    case .widthDown, .widthUp, .resolutionDown, .resolutionUp: return sizeNotice(action, in: state)
    case .nextStep, .previousStep: return lessonStepNotice(action, in: state)
    case .reveal, .undoVote, .vote: return predictionNotice(action, in: state)
    case .labKUp, .labKDown, .toggleLabShortcut: return labNotice(action, in: state)
    case .ablationWidthDown, .ablationWidthUp: return ablationNotice(action, in: state)
    default: return nil
    }
  }

  /// Moving through the rows: at an end, or in a view without rows.
  static func movementNotice(_ action: ExplorerAction, in state: ExplorerState) -> String? {
    let group = state.network.groups[state.selectedGroup]
    if state.lesson == nil && state.view == .manifold {
      return "j/k: Figure 1 has no blocks to move through; 1 or 2 shows them."
    }
    if state.lesson == nil && state.view == .ablation {
      return "j/k: the ablation has no blocks to move through; d/D changes its width."
    }
    let last = state.network.groups.count - 1
    let forward = action == .next || action == .pageDown || action == .last
    if forward && state.selectedGroup == last { return "\(group.name) is the last row." }
    if !forward && state.selectedGroup == 0 { return "\(group.name) is the first row." }
    return nil
  }

  /// w/W and r/R past the widths and resolutions the paper trains.
  static func sizeNotice(_ action: ExplorerAction, in state: ExplorerState) -> String? {
    let up = action == .widthUp || action == .resolutionUp
    if action == .widthDown || action == .widthUp {
      let width = state.config.width
      guard step(width, through: NetworkConfig.standardWidths, up: up) == width else { return nil }
      return
        "\(up ? "W" : "w"): no width the paper trains is \(up ? "above" : "below") \(formatWidth(width)) "
        + "(--width takes 0.05 to 8)."
    }
    let resolution = Double(state.config.resolution)
    let resolutions = NetworkConfig.standardResolutions.map(Double.init)
    guard step(resolution, through: resolutions, up: up) == resolution else { return nil }
    return "\(up ? "R" : "r"): no resolution the paper trains is \(up ? "above" : "below") "
      + "\(state.config.resolution) (--resolution takes 32 to 2048)."
  }

  /// → and ← at either end of the lesson.
  static func lessonStepNotice(_ action: ExplorerAction, in state: ExplorerState) -> String? {
    guard let lesson = state.lesson else { return nil }
    if action == .nextStep && lesson.showsSummary {
      return "This is the end: the summary of the predictions. ← back, Home: the first step."
    }
    if action == .nextStep && lesson.index == state.lessonSteps.count - 1 && !state.lessonPredicts {
      return
        "This is the last step (\(state.lessonSteps.count) of \(state.lessonSteps.count)); Home goes to the first."
    }
    if action == .previousStep && lesson.index == 0 {
      return "This is the first step; End goes to the last."
    }
    return nil
  }

  /// A vote, undo or reveal where the step cannot take it.
  static func predictionNotice(_ action: ExplorerAction, in state: ExplorerState) -> String? {
    guard let lesson = state.lesson else { return nil }
    if lesson.showsSummary { return "The summary shows every answer; ← goes back to the last step." }
    guard let prediction = state.lessonStep?.prediction else {
      return "Step \(lesson.index + 1) asks no prediction; v and u work on steps that do."
    }
    if case .vote(let choice) = action {
      let letter = LessonPrediction.choiceLetters[choice]
      if prediction.choices.isEmpty {
        return "\(letter): this prediction is a number, so there is nothing to vote for; v reveals it."
      }
      if lesson.revealed.contains(lesson.index) {
        return "\(letter): votes closed at the reveal: the tally stands. v hides it to reopen."
      }
      if choice >= prediction.choices.count {
        let last = LessonPrediction.choiceLetters[prediction.choices.count - 1]
        return "\(letter): this question has choices a to \(last)."
      }
      if lesson.typedNumber.allSatisfy({ $0 == "0" }) && !lesson.typedNumber.isEmpty {
        return "\(lesson.typedNumber)\(letter) adds no votes: a headcount is 1 to 999, e.g. 12\(letter)."
      }
      return nil
    }
    if action == .undoVote && lesson.revealed.contains(lesson.index) {
      return "u: the tally closed at the reveal: it stands. v hides the answer to reopen."
    }
    if action == .undoVote && !lesson.votes.contains(where: { $0.step == lesson.index }) {
      return prediction.choices.isEmpty
        ? "This prediction is a number: there are no votes to undo."
        : "No votes on this step to undo: a to \(LessonPrediction.choiceLetters[prediction.choices.count - 1]) add one."
    }
    return nil
  }

  /// The lab's keys away from the lab, off a bottleneck, or past k's range.
  static func labNotice(_ action: ExplorerAction, in state: ExplorerState) -> String? {
    let group = state.network.groups[state.selectedGroup]
    let key = action == .toggleLabShortcut ? "x" : (action == .labKUp ? "+" : "-")
    guard state.labVisible else {
      guard state.lesson != nil else { return "\(key): the bottleneck lab is in the Block view (2)." }
      return elsewhere(key, shows: .linearBottleneck, what: "lab", in: state)
    }
    guard group.op == .bottleneck else {
      return "\(key): the lab runs on bottlenecks; \(group.name) is not one."
    }
    if action == .toggleLabShortcut && !group.residualAdd {
      let reason =
        group.stride != 1
        ? "stride \(group.stride) changes the size"
        : "\(group.input.channels) → \(group.output.channels) channels"
      return "x: \(group.name) has no shortcut to add (\(reason))."
    }
    let k = state.labRequest?.dimension ?? state.labDimension
    let most = min(labMaximumK, group.input.channels)
    if action == .labKUp && k >= most {
      return most == labMaximumK
        ? "+: k = \(k) is the most on screen; mnv2 lab --k goes further."
        : "+: k = \(k) is the most: \(group.name)'s input has \(most) channels."
    }
    if action == .labKDown && k <= 1 { return "-: k = 1 is the least: a manifold of one dimension." }
    return nil
  }

  /// d/D away from the ablation, on Figure 6b, or past the widths trained.
  static func ablationNotice(_ action: ExplorerAction, in state: ExplorerState) -> String? {
    let key = action == .ablationWidthUp ? "D" : "d"
    guard state.ablationVisible else {
      guard state.lesson != nil else { return "\(key): the trained ablation is in the Ablation view (4)." }
      return elsewhere(key, shows: .ablation, what: "ablation", in: state)
    }
    let board = state.ablation
    guard board.front == .activation else {
      let toggle = state.lesson == nil ? "b" : "t"
      return
        "\(key): Figure 6b is trained at d = \(board.shortcutWidth); \(toggle) brings back 6a, whose d changes."
    }
    if action == .ablationWidthUp && board.width == board.widths.last {
      return "D: d = \(board.width) is the widest here; mnv2 ablation --widths trains up to 64."
    }
    if action == .ablationWidthDown && board.width == board.widths.first {
      return "d: d = \(board.width) is the narrowest here; mnv2 ablation --widths 1 trains d = 1."
    }
    return nil
  }
}
