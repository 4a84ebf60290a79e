/// Where the class is in the lesson; the steps themselves are `ExplorerState.lessonSteps`.
public struct LessonSession: Equatable, Sendable {
  public var index: Int
  public var zoomed = false
  /// Digits typed so far towards "go to step N".
  public var pendingJump = ""

  public init(index: Int) { self.index = index }
}
