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

  public init(index: Int) { self.index = index }
}
