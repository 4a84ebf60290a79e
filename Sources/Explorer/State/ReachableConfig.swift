import MobileNetKit

extension ExplorerState {
  /// The widest and largest config the explorer can reach from `launch`: its keys step
  /// through the paper's widths and resolutions, and lesson steps set their own.
  ///
  /// Every count grows with width and resolution (make_divisible, Keras's truncation and the
  /// last-layer rule are all monotone), so a network that fits here fits everywhere the
  /// explorer goes, and the launch need only build this one to rule out the count limit.
  /// `keys: false` is for a run no key can widen (a handout, an export without W or R):
  /// only the launch and the steps count.
  public static func largestReachableConfig(launch: NetworkConfig, steps: [LessonStep], keys: Bool = true)
    -> NetworkConfig
  {
    var largest = launch
    largest.width =
      ([launch.width] + (keys ? NetworkConfig.standardWidths : []) + steps.compactMap(\.width)).max()!
    largest.resolution =
      ([launch.resolution] + (keys ? NetworkConfig.standardResolutions : []) + steps.compactMap(\.resolution))
      .max()!
    return largest
  }
}
