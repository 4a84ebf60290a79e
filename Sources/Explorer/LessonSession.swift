/// Where the class is in the lesson; the steps themselves are `ExplorerState.lessonSteps`.
public struct LessonSession: Equatable, Sendable {
  public var index: Int
  public var zoomed = false
  /// Digits typed so far towards "go to step N".
  public var pendingJump = ""
  /// Esc was pressed once: the next Esc leaves, any other key stays. A clicker sends Esc
  /// to start or stop a slide show, so one press must not end the lesson.
  public var confirmingLeave = false
  /// The clicker's "blank screen" (b or .): nothing is drawn until the next key.
  public var blanked = false

  /// Every vote in order, so that `u` takes back the last one; the tallies are counted from it.
  public var votes: [Vote] = []
  /// Steps whose prediction has been revealed.
  public var revealed: Set<Int> = []
  /// The end-of-lesson screen of every prediction, its tally and its answer.
  public var showsSummary = false

  public struct Vote: Equatable, Sendable {
    public var step: Int
    public var choice: Int
  }

  public init(index: Int) { self.index = index }

  /// The tally of a step's prediction: a count per choice, zeros until the first vote.
  public func tally(step: Int, choices: Int) -> [Int] {
    var counts = Array(repeating: 0, count: choices)
    for vote in votes where vote.step == step && vote.choice < choices { counts[vote.choice] += 1 }
    return counts
  }
}
