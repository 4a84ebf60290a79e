/// The architecture files shipped with mnv2, `Assets/architectures/`, embedded in the binary
/// by SwiftPM (`embedInCode`; `Sources/MobileNetKit/Bundled` is a link to that folder), so it
/// runs from any directory with no resource bundle beside it.
public enum BundledArchitectures {
  /// The text of `Assets/architectures/mobilenet_v1.json`.
  public static let mobilenetV1 = String(decoding: PackageResources.mobilenet_v1_json, as: UTF8.self)
  /// The text of `Assets/architectures/mobilenet_v2.json`.
  public static let mobilenetV2 = String(decoding: PackageResources.mobilenet_v2_json, as: UTF8.self)
}
