/// Where the class is in the lesson.
public struct LessonSession: Equatable, Sendable {
  public var steps: [LessonStep]
  public var index: Int
  public var zoomed: Bool
  /// Digits typed so far towards "go to step N".
  public var pendingJump: String

  public init(steps: [LessonStep], index: Int = 0) {
    precondition(!steps.isEmpty)
    self.steps = steps
    self.index = min(max(0, index), steps.count - 1)
    zoomed = false
    pendingJump = ""
  }

  public var step: LessonStep { steps[index] }
  /// "3 / 9", as the step counter shows it.
  public var counter: String { "\(index + 1) / \(steps.count)" }
}
