import BottleneckLab
import ManifoldKit
import MobileNetKit
import TermCanvas

/// Everything the explorer shows is a function of this value.
public struct ExplorerState: Equatable, Sendable {
  public var view: ExplorerView
  /// Index into `network.groups`: 0 is the stem, 1…17 the bottlenecks.
  public var selectedGroup: Int
  public var showHelp: Bool
  public var plotStyle: PlotStyle
  public var seed: UInt64
  public var quitRequested: Bool
  public var convention: ParamConvention
  /// The classroom lesson, when it is open; keys then follow the lesson's bindings.
  public var lesson: LessonSession?
  /// The steps `L` opens, bundled or from `--lessons DIR`.
  public var lessonSteps: [LessonStep]
  /// The bottleneck lab's settings; its result is computed by `labResults()` when drawn.
  public var labDimension = 2
  public var labShortcut = false

  /// The network at the current width, resolution and bottleneck activation.
  public private(set) var network: Network
  /// Figure 1 for the current seed and bottleneck activation.
  public private(set) var manifold: ManifoldResult

  public var config: NetworkConfig { network.config }

  /// Points per manifold panel: enough for smooth curves at 200 columns, computed in a few ms.
  public static let manifoldPoints = 2000

  public init(
    config: NetworkConfig = NetworkConfig(), view: ExplorerView = .network, selectedGroup: Int = 0,
    seed: UInt64 = 1, plotStyle: PlotStyle = .braille, convention: ParamConvention = .torchvision,
    lessonSteps: [LessonStep] = LessonParser.bundled
  ) {
    self.lessonSteps = lessonSteps
    self.view = view
    self.showHelp = false
    self.plotStyle = plotStyle
    self.seed = seed
    self.quitRequested = false
    self.convention = convention
    network = .mobileNetV2(config)
    manifold = Self.experiment(seed: seed, bottleneck: config.bottleneckActivation).run()
    self.selectedGroup = min(max(0, selectedGroup), network.groups.count - 1)
  }

  /// The manifold activation follows the bottleneck toggle: a linear bottleneck keeps the
  /// spiral, a ReLU6 bottleneck shows what the paper warns about.
  static func experiment(seed: UInt64, bottleneck: Activation) -> ManifoldExperiment {
    ManifoldExperiment(
      spiral: Spiral(points: manifoldPoints), dimensions: ManifoldExperiment.paperDimensions,
      activation: bottleneck == .linear ? .linear : .relu6, seed: seed)
  }

  mutating func rebuild(config: NetworkConfig) {
    let manifoldChanged = config.bottleneckActivation != network.config.bottleneckActivation
    network = .mobileNetV2(config)
    selectedGroup = min(selectedGroup, network.groups.count - 1)
    if manifoldChanged { rerunManifold() }
  }

  /// Opens the lesson at `index` (0-based) and applies that step's starting state.
  public mutating func openLesson(at index: Int = 0) {
    guard !lessonSteps.isEmpty else { return }
    lesson = LessonSession(steps: lessonSteps, index: index)
    applyLessonStep()
  }

  /// A step may set the block, width, resolution and activation it starts from.
  mutating func applyLessonStep() {
    guard let step = lesson?.step else { return }
    var config = network.config
    if let width = step.width { config.width = width }
    if let resolution = step.resolution { config.resolution = resolution }
    if let bottleneck = step.bottleneck { config.bottleneckActivation = bottleneck }
    if config != network.config { rebuild(config: config) }
    if let block = step.block { selectedGroup = min(block, network.groups.count - 1) }
  }

  /// Points per lab run on screen: fewer than `mnv2 lab`'s 2000, so a key updates it at once.
  public static let labPoints = 400

  /// What the lab's result depends on; it is recomputed only when this changes.
  struct LabKey: Equatable, Sendable {
    var shape: BottleneckShape
    var dimension: Int
    var shortcut: Bool
    var seed: UInt64
  }

  /// The lab for the selected block, with a linear and a ReLU6 projection; kept while the
  /// block, k, shortcut and seed stay the same, so redraws and unrelated keys cost nothing.
  public private(set) var lab: LabPair?
  private var labKey: LabKey?

  /// Whether anything on screen shows the lab now.
  var labVisible: Bool {
    if let lesson { return lesson.step.visual == .linearBottleneck }
    return view == .block
  }

  /// What the lab would be computed from now, or nil when no lab is on screen.
  var currentLabKey: LabKey? {
    let group = network.groups[selectedGroup]
    guard labVisible, group.op == .bottleneck else { return nil }
    let shape = BottleneckShape(
      inputChannels: group.input.channels, expansion: group.expansion, outputChannels: group.output.channels,
      hasShortcut: group.residualAdd)
    return LabKey(
      shape: shape, dimension: min(labDimension, shape.inputChannels), shortcut: labShortcut, seed: seed)
  }

  /// True when the lab on screen is out of date. The reducer never runs the lab itself: a
  /// wide block takes a few hundred milliseconds, so the terminal loop draws the new screen
  /// first (with "computing…") and then calls `refreshLab()` and draws again.
  public var labNeedsRefresh: Bool {
    guard let key = currentLabKey else { return false }
    return key != labKey
  }

  /// Brings `lab` up to date with the selection.
  public mutating func refreshLab() {
    guard let key = currentLabKey, key != labKey else { return }
    let results = BottleneckLab(
      shape: key.shape, manifoldDimension: key.dimension, shortcut: key.shortcut, points: Self.labPoints,
      seed: key.seed
    ).run(projections: [.linear, .relu6])
    lab = LabPair(linear: results[0], relu6: results[1])
    labKey = key
  }

  /// The lab's result for the selected block, or nil when it is not a bottleneck.
  public func labResults() -> LabPair? {
    guard let key = currentLabKey, key == labKey else { return nil }
    return lab
  }

  mutating func rerunManifold() {
    manifold = Self.experiment(seed: seed, bottleneck: network.config.bottleneckActivation).run()
  }
}

/// The lab run with each projection, for the panel's side-by-side plots.
public struct LabPair: Equatable, Sendable {
  public var linear: LabResult
  public var relu6: LabResult
}
