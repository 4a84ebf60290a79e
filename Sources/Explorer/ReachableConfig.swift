import MobileNetKit

extension ExplorerState {
  /// The widest and largest config the explorer can reach from `launch`: its keys step
  /// through the paper's widths and resolutions, and lesson steps set their own.
  ///
  /// Every count grows with width and resolution (make_divisible, Keras's truncation and the
  /// last-layer rule are all monotone), so a network that fits here fits everywhere the
  /// explorer goes, and the launch need only build this one to rule out the count limit.
  public static func largestReachableConfig(launch: NetworkConfig, steps: [LessonStep]) -> NetworkConfig {
    var largest = launch
    largest.width = ([launch.width] + NetworkConfig.standardWidths + steps.compactMap(\.width)).max()!
    largest.resolution =
      ([launch.resolution] + NetworkConfig.standardResolutions + steps.compactMap(\.resolution)).max()!
    return largest
  }
}
