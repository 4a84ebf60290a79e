/// The classroom lesson shipped with mnv2, `Assets/lessons/`, embedded in the binary by
/// SwiftPM (`embedInCode`; `Sources/Explorer/Lessons/Bundled` is a link to that folder), so
/// it runs from any directory with no resource bundle beside it.
///
/// SwiftPM names each file's bytes but does not list them, so the steps are listed here in
/// order; `LessonTests.theBundledLessonIsTheAssetsFolder` fails when a file is added to the
/// folder and not here. Its names replace a file name's first character when it cannot
/// start a Swift name, so `10-latency.lesson` is `_0_latency_lesson` (and a future
/// `00-latency.lesson` would collide with it: the build then fails, it cannot mix them up).
public enum BundledLessons {
  /// (file name, text) in step order.
  public static let files: [(String, String)] = [
    ("01-depthwise-separable.lesson", PackageResources._1_depthwise_separable_lesson),
    ("02-manifold-of-interest.lesson", PackageResources._2_manifold_of_interest_lesson),
    ("03-linear-bottlenecks.lesson", PackageResources._3_linear_bottlenecks_lesson),
    ("04-inverted-residuals.lesson", PackageResources._4_inverted_residuals_lesson),
    ("05-architecture.lesson", PackageResources._5_architecture_lesson),
    ("06-block-cost.lesson", PackageResources._6_block_cost_lesson),
    ("07-memory.lesson", PackageResources._7_memory_lesson),
    ("08-width-and-resolution.lesson", PackageResources._8_width_and_resolution_lesson),
    ("09-ablation.lesson", PackageResources._9_ablation_lesson),
    ("10-latency.lesson", PackageResources._0_latency_lesson),
  ].map { ($0.0, String(decoding: $0.1, as: UTF8.self)) }
}
