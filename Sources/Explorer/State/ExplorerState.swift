import AblationKit
import BottleneckLab
import Foundation
import Inference
import ManifoldKit
import MobileNetKit
import Practice
import TermCanvas

/// Everything the explorer shows is a function of this value.
///
/// It holds what the user chose and the results effects have delivered, nothing derived:
/// the network is computed from `spec` and `config` (memoised in `DerivedValues`), and the
/// manifold and lab are what the run loop computed for the requests the reducer made.
public struct ExplorerState: Equatable, Sendable {
  public var view: ExplorerView
  /// Index into `network.groups`: 0 is the stem, then the bottlenecks, then the head.
  public var selectedGroup: Int {
    didSet { if selectedGroup != oldValue { selectedLayer = nil } }
  }
  /// The layer of the selected block picked with a click in the Block view, highlighted
  /// with its cost worked out; another block forgets it.
  public internal(set) var selectedLayer: Int?
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
  /// The bottleneck lab's settings. k = 4 on an 8-channel bottleneck is where a ReLU6
  /// projection visibly loses what a linear one keeps (b1 at width 0.35: 27.8% against 0%).
  public var labDimension = 4
  public var labShortcut = false
  /// The activation Figure 1 passes the spiral through: the paper's ReLU unless the class
  /// asks for the linear case or the network's ReLU6 (`b` in the Manifold view).
  public var figureActivation: ManifoldActivation = .relu
  /// One line on the status bar saying why the last key did nothing; the next key clears it.
  public internal(set) var notice: String?
  /// The settings the program started with: each lesson step starts from these plus what
  /// the step sets, so a step looks the same whatever path led to it.
  var launchSettings = ExplorerSettings()
  /// The explorer's own settings while the lesson borrows the screen, restored on leaving.
  var explorerSettings: ExplorerSettings?
  /// Where the lesson was left, and how it looked, so `L` `L` comes back to the same place.
  var leftLesson: LeftLesson?

  /// Figure 1 as last computed, with the request it answers.
  public internal(set) var manifold: ManifoldResult?
  /// The lab as last computed, with the request it answers.
  public internal(set) var lab: ComputedLab?
  /// The live Figure 6: what is trained so far, and which comparison is in front. Its seed
  /// is the launch seed (`--seed`), whatever `s` or a lesson step does to Figure 1's: 100
  /// runs are too many to throw away on a key, and the class sees one Figure 6 all lesson.
  public internal(set) var ablation = AblationBoard(seed: 1)
  /// The exercises (`Q`, or `mnv2 quiz`): kept when closed, so `Q` `Q` comes back to the
  /// same question, score and streak.
  public internal(set) var quiz: QuizSession?
  /// Whether the quiz has the screen; its keys then type the answer.
  public internal(set) var quizOpen = false
  /// The quiz is the whole session (`mnv2 quiz` from the shell): Esc ends it rather than
  /// opening an explorer the user never asked for.
  public internal(set) var quizIsTheSession = false
  /// Whether the Network view shows the measured column (`T`).
  public internal(set) var showTiming = false
  /// Threads the measured column runs on: every core unless an edge says otherwise.
  public var timingThreads = ProcessInfo.processInfo.activeProcessorCount
  /// The memory one piece of work may plan: 2 GB unless an edge knows `ulimit -v` leaves less.
  public var workMemoryLimit = WorkEstimate.maximumBytes
  /// The last lab refused as too large, with the request it answers.
  public internal(set) var labRefusal: LabRefusal?
  /// The measured column as far as it has been measured, for the network it measures.
  public internal(set) var timing: TimingStatus?
  /// Requests handed to the run loop and not yet answered, so the reducer asks once.
  var pendingManifold: ManifoldRequest?
  var pendingLab: LabRequest?
  /// The job measuring `timing`, while it runs.
  var timingJob: JobID?
  /// Jobs whose work nothing needs any more, for the next effects to cancel.
  var abandonedJobs: [JobID] = []
  /// The last job id handed out: ids are never reused, so a stale job's report is never
  /// taken for a live one's.
  var lastJobID: UInt64 = 0

  /// A new id for a job about to start.
  mutating func newJobID() -> JobID {
    lastJobID += 1
    return JobID(lastJobID)
  }

  /// Points per manifold panel: enough for smooth curves at 200 columns, computed in a few ms.
  public static let manifoldPoints = 2000
  /// Points per lab run on screen: fewer than `mnv2 lab`'s 2000, so a key updates it at once.
  public static let labPoints = 400

  public init(
    spec: ArchitectureSpec = .mobileNetV2, config: NetworkConfig = NetworkConfig(),
    view: ExplorerView = .network, selectedGroup: Int = 0, seed: UInt64 = 1, plotStyle: PlotStyle = .braille,
    convention: ParamConvention = .torchvision, lessonSteps: [LessonStep] = LessonParser.bundled,
    lessonStep: Int? = nil, quiz: QuizSession? = nil
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
    // Every stored property is set before `clampedGroup`, a method, may run.
    self.selectedGroup = 0
    self.selectedGroup = clampedGroup(selectedGroup)
    self.ablation = AblationBoard(seed: seed)
    self.launchSettings = settings
    if let lessonStep { openLesson(at: lessonStep) }
    if let quiz {
      self.quiz = quiz
      quizOpen = true
      quizIsTheSession = true
    }
  }

  /// The network at the current architecture, width, resolution and activation.
  public var network: Network { DerivedValues.network(spec: spec, config: config) }

  /// What the screen needs measured: the network on screen while the Network view shows
  /// the measured column, on every core.
  var timingRequest: TimingRequest? {
    let lessonNeedsIt = lessonStep?.visual == .latency && lesson?.blanked == false
    guard lessonNeedsIt || (showTiming && lesson == nil && (view == .network || view == .block)) else {
      return nil
    }
    return TimingRequest(network: network, threads: timingThreads)
  }

  /// The measured column's figures for the network on screen, once every run is in.
  public var measuredProfile: NetworkProfile? {
    guard let timing, timing.request.network == network else { return nil }
    return timing.profile
  }

  /// The lesson as the class last saw it, open or left for the explorer (`--record`).
  public var lessonForRecord: LessonSession? { lesson ?? leftLesson?.session }

  /// The open lesson's step.
  public var lessonStep: LessonStep? { lesson.map { lessonSteps[$0.index] } }

  /// Whether any step asks a prediction: then the summary follows the last step.
  var lessonPredicts: Bool { lessonSteps.contains { $0.prediction != nil } }

  /// "3 / 9", as the step counter shows it.
  public var lessonCounter: String? { lesson.map { "\($0.index + 1) / \(lessonSteps.count)" } }

  func clampedGroup(_ group: Int) -> Int { min(max(0, group), network.groups.count - 1) }

  /// The settings a lesson step may change, as they are now.
  var settings: ExplorerSettings {
    get {
      ExplorerSettings(
        config: config, selectedGroup: selectedGroup, figureActivation: figureActivation,
        labDimension: labDimension, labShortcut: labShortcut, seed: seed)
    }
    set {
      config = newValue.config
      selectedGroup = newValue.selectedGroup
      figureActivation = newValue.figureActivation
      labDimension = newValue.labDimension
      labShortcut = newValue.labShortcut
      seed = newValue.seed
    }
  }

  /// Opens the lesson at `index` (0-based, clamped) and applies that step's starting state.
  mutating func openLesson(at index: Int = 0) {
    guard !lessonSteps.isEmpty else { return }
    explorerSettings = settings
    lesson = LessonSession(index: min(max(0, index), lessonSteps.count - 1))
    applyLessonStep()
  }

  /// Opens the lesson where it was left, as it was left; the first time, at step 1.
  mutating func reopenLesson() {
    guard let left = leftLesson, left.session.index < lessonSteps.count else { return openLesson() }
    explorerSettings = settings
    lesson = left.session
    settings = left.settings
  }

  /// Leaves the lesson and gives the explorer back its own settings.
  mutating func leaveLesson() {
    guard var session = lesson else { return }
    session.typedNumber = ""
    session.confirmingLeave = false
    session.blanked = false
    leftLesson = LeftLesson(session: session, settings: settings)
    lesson = nil
    if let saved = explorerSettings { settings = saved }
    explorerSettings = nil
  }

  /// A step's state: the launch settings, then the block, width, resolution and activation
  /// the step sets.
  mutating func applyLessonStep() {
    guard let step = lessonStep else { return }
    var next = launchSettings
    if let width = step.width { next.config.width = width }
    if let resolution = step.resolution { next.config.resolution = resolution }
    if let bottleneck = step.bottleneck { next.config.bottleneckActivation = bottleneck }
    if let block = step.block { next.selectedGroup = block }
    settings = next
    selectedGroup = clampedGroup(selectedGroup)
  }

  /// Whether Figure 1 itself is on screen, so `b` chooses its activation.
  var figureVisible: Bool {
    if let step = lessonStep { return step.visual == .manifold }
    return view == .manifold
  }

  /// The activation of the Figure 1 run on screen: the figure's own on Figure 1, and the
  /// bottleneck's where the lesson sets Figure 1's collapse beside Theorem 1.
  var manifoldActivation: ManifoldActivation {
    if lessonStep?.visual == .linearBottleneck {
      return config.bottleneckActivation == .linear ? .linear : .relu6
    }
    return figureActivation
  }

  /// Figure 1 for the current seed and activation.
  var manifoldRequest: ManifoldRequest { ManifoldRequest(seed: seed, activation: manifoldActivation) }

  /// Whether anything on screen shows the lab now.
  var labVisible: Bool {
    if let step = lessonStep { return step.visual == .linearBottleneck }
    return view == .block
  }

  /// Whether the Ablation view (or the lesson step showing it) is on screen.
  public var ablationVisible: Bool {
    if let step = lessonStep { return step.visual == .ablation }
    return view == .ablation
  }

  /// What the lab on screen must be computed from, or nil when no lab is on screen.
  var labRequest: LabRequest? {
    let group = network.groups[selectedGroup]
    guard labVisible, group.op == .bottleneck else { return nil }
    let shape = BottleneckShape(
      inputChannels: group.input.channels, expansion: group.expansion, outputChannels: group.output.channels,
      hasShortcut: group.residualAdd)
    return LabRequest(
      shape: shape, dimension: min(labDimension, shape.inputChannels), shortcut: labShortcut, seed: seed,
      memoryLimit: workMemoryLimit)
  }

  /// The lab's result for the selected block, or nil when it is not a bottleneck or is not
  /// computed yet.
  public var labResults: LabPair? {
    guard let request = labRequest, lab?.request == request else { return nil }
    return lab?.results
  }

  /// The refusal of the lab on screen, when it is too large to run here.
  public var currentLabRefusal: LabRefusal? {
    guard let request = labRequest, labRefusal?.request == request else { return nil }
    return labRefusal
  }

  /// Whether the lab on screen has its answer: results, or a refusal.
  var labAnswered: Bool { labResults != nil || currentLabRefusal != nil }

  /// True while the lab on screen is still being computed.
  public var labComputing: Bool { labRequest != nil && !labAnswered }

  /// Figure 1 for the current seed and activation, or nil while it is being computed.
  public var currentManifold: ManifoldResult? {
    manifold.flatMap { ManifoldRequest(result: $0) == manifoldRequest ? $0 : nil }
  }
}

/// What a lesson step may change, saved and restored as one.
struct ExplorerSettings: Equatable, Sendable {
  var config = NetworkConfig()
  var selectedGroup = 0
  var figureActivation = ManifoldActivation.relu
  var labDimension = 4
  var labShortcut = false
  var seed: UInt64 = 1
}

/// The lesson as it was left.
struct LeftLesson: Equatable, Sendable {
  var session: LessonSession
  var settings: ExplorerSettings
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

/// A lab that was not run, and why: its estimate against the limits.
public struct LabRefusal: Equatable, Sendable {
  public var request: LabRequest
  public var estimate: WorkEstimate
}
