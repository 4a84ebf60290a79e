import BottleneckLab
import ManifoldKit
import MobileNetKit
import TermCanvas

/// Everything the explorer shows is a function of this value.
///
/// It holds what the user chose and the results effects have delivered, nothing derived:
/// the network is computed from `spec` and `config` (memoised in `DerivedValues`), and the
/// manifold and lab are what the run loop computed for the requests the reducer made.
public struct ExplorerState: Equatable, Sendable {
  public var view: ExplorerView
  /// Index into `network.groups`: 0 is the stem, then the bottlenecks, then the head.
  public var selectedGroup: Int
  public var showHelp: Bool
  public var plotStyle: PlotStyle
  public var seed: UInt64
  public var quitRequested: Bool
  public var convention: ParamConvention
  /// The architecture being explored: bundled MobileNetV2 or V1, or the user's file.
  public var spec: ArchitectureSpec
  /// Width, resolution, classes and bottleneck activation.
  public var config: NetworkConfig
  /// Where the class is in the lesson, when it is open; keys then follow its bindings.
  public var lesson: LessonSession?
  /// The steps `L` opens, bundled or from `--lessons DIR`; the only copy.
  public let lessonSteps: [LessonStep]
  /// The bottleneck lab's settings.
  public var labDimension = 2
  public var labShortcut = false

  /// Figure 1 as last computed, with the request it answers.
  public internal(set) var manifold: ManifoldResult?
  /// The lab as last computed, with the request it answers.
  public internal(set) var lab: ComputedLab?
  /// Requests handed to the run loop and not yet answered, so the reducer asks once.
  var pendingManifold: ManifoldRequest?
  var pendingLab: LabRequest?

  /// Points per manifold panel: enough for smooth curves at 200 columns, computed in a few ms.
  public static let manifoldPoints = 2000
  /// Points per lab run on screen: fewer than `mnv2 lab`'s 2000, so a key updates it at once.
  public static let labPoints = 400

  public init(
    spec: ArchitectureSpec = .mobileNetV2, config: NetworkConfig = NetworkConfig(),
    view: ExplorerView = .network, selectedGroup: Int = 0, seed: UInt64 = 1, plotStyle: PlotStyle = .braille,
    convention: ParamConvention = .torchvision, lessonSteps: [LessonStep] = LessonParser.bundled,
    lessonStep: Int? = nil
  ) {
    self.spec = spec
    self.config = config
    self.lessonSteps = lessonSteps
    self.view = view
    self.showHelp = false
    self.plotStyle = plotStyle
    self.seed = seed
    self.quitRequested = false
    self.convention = convention
    self.selectedGroup = 0
    self.selectedGroup = clampedGroup(selectedGroup)
    if let lessonStep { openLesson(at: lessonStep) }
  }

  /// The network at the current architecture, width, resolution and activation.
  public var network: Network { DerivedValues.network(spec: spec, config: config) }

  /// The open lesson's step.
  public var lessonStep: LessonStep? { lesson.map { lessonSteps[$0.index] } }

  /// "3 / 9", as the step counter shows it.
  public var lessonCounter: String? { lesson.map { "\($0.index + 1) / \(lessonSteps.count)" } }

  func clampedGroup(_ group: Int) -> Int { min(max(0, group), network.groups.count - 1) }

  /// Opens the lesson at `index` (0-based, clamped) and applies that step's starting state.
  mutating func openLesson(at index: Int = 0) {
    guard !lessonSteps.isEmpty else { return }
    lesson = LessonSession(index: min(max(0, index), lessonSteps.count - 1))
    applyLessonStep()
  }

  /// A step may set the block, width, resolution and activation it starts from.
  mutating func applyLessonStep() {
    guard let step = lessonStep else { return }
    if let width = step.width { config.width = width }
    if let resolution = step.resolution { config.resolution = resolution }
    if let bottleneck = step.bottleneck { config.bottleneckActivation = bottleneck }
    selectedGroup = clampedGroup(step.block ?? selectedGroup)
  }

  /// Figure 1 for the current seed and bottleneck activation.
  var manifoldRequest: ManifoldRequest {
    ManifoldRequest(seed: seed, activation: config.bottleneckActivation == .linear ? .linear : .relu6)
  }

  /// Whether anything on screen shows the lab now.
  var labVisible: Bool {
    if let step = lessonStep { return step.visual == .linearBottleneck }
    return view == .block
  }

  /// What the lab on screen must be computed from, or nil when no lab is on screen.
  var labRequest: LabRequest? {
    let group = network.groups[selectedGroup]
    guard labVisible, group.op == .bottleneck else { return nil }
    let shape = BottleneckShape(
      inputChannels: group.input.channels, expansion: group.expansion, outputChannels: group.output.channels,
      hasShortcut: group.residualAdd)
    return LabRequest(
      shape: shape, dimension: min(labDimension, shape.inputChannels), shortcut: labShortcut, seed: seed)
  }

  /// The lab's result for the selected block, or nil when it is not a bottleneck or is not
  /// computed yet.
  public var labResults: LabPair? {
    guard let request = labRequest, lab?.request == request else { return nil }
    return lab?.results
  }

  /// True while the lab on screen is still being computed.
  public var labComputing: Bool { labRequest != nil && labResults == nil }

  /// Figure 1 for the current seed and activation, or nil while it is being computed.
  public var currentManifold: ManifoldResult? {
    manifold.flatMap { ManifoldRequest(result: $0) == manifoldRequest ? $0 : nil }
  }
}

/// The lab run with each projection, for the panel's side-by-side plots.
public struct LabPair: Equatable, Sendable {
  public var linear: LabResult
  public var relu6: LabResult
}

/// A lab result and the request it answers.
public struct ComputedLab: Equatable, Sendable {
  public var request: LabRequest
  public var results: LabPair
}
