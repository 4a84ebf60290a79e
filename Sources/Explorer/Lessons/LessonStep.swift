import MobileNetKit

/// One step of the classroom lesson: a short explanation beside a live visual.
public struct LessonStep: Equatable, Sendable {
  public var title: String
  public var text: String
  public var visual: LessonVisual
  /// State applied when the step opens; nil keeps what the class has now.
  public var block: Int?
  public var width: Double?
  public var resolution: Int?
  public var bottleneck: Activation?
  /// What to try on screen ("Press t: …"): shown under the text, left out of print.
  public var live: String?
  /// A question for the class before the answer is shown; the visual waits for the reveal.
  public var prediction: LessonPrediction?
  /// The file it came from, for error messages and `--print`.
  public var source: String

  public init(
    title: String, text: String, visual: LessonVisual, block: Int? = nil, width: Double? = nil,
    resolution: Int? = nil, bottleneck: Activation? = nil, source: String
  ) {
    self.title = title
    self.text = text
    self.visual = visual
    self.block = block
    self.width = width
    self.resolution = resolution
    self.bottleneck = bottleneck
    self.source = source
  }
}
