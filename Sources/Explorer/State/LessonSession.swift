/// Where the class is in the lesson; the steps themselves are `ExplorerState.lessonSteps`.
public struct LessonSession: Equatable, Sendable {
  public var index: Int
  public var zoomed = false
  /// Digits typed so far: Enter goes to that step, a–d add that many votes (a headcount).
  public var typedNumber = ""
  /// Esc was pressed once: the next Esc leaves, any other key stays. A clicker sends Esc
  /// to start or stop a slide show, so one press must not end the lesson.
  public var confirmingLeave = false
  /// The clicker's "blank screen" (b or .): nothing is drawn until the next key.
  public var blanked = false

  /// Every vote in order, so that `u` takes back the last one (a headcount such as `12a` is
  /// one entry); the tallies are counted from it.
  public var votes: [Vote] = []
  /// Steps whose prediction has been revealed.
  public var revealed: Set<Int> = []
  /// The end-of-lesson screen of every prediction, its tally and its answer.
  public var showsSummary = false

  public struct Vote: Equatable, Sendable {
    public var step: Int
    public var choice: Int
    /// Hands counted at once: 1 for a single key, N for `Na`.
    public var count: Int

    public init(step: Int, choice: Int, count: Int = 1) {
      self.step = step
      self.choice = choice
      self.count = count
    }
  }

  public init(index: Int) { self.index = index }

  /// The tally of a step's prediction: a count per choice, zeros until the first vote.
  public func tally(step: Int, choices: Int) -> [Int] {
    var counts = Array(repeating: 0, count: choices)
    for vote in votes where vote.step == step && vote.choice < choices { counts[vote.choice] += vote.count }
    return counts
  }
}
