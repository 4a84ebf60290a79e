/// What a profile is asked to measure, with the bounds every entry point checks before any
/// work starts (bad values are errors, never traps).
public struct ProfileRequest: Equatable, Sendable {
  public var runs: Int
  public var warmup: Int
  public var threads: Int
  public var batch: Int

  public static let runsRange = 1...10_000
  public static let warmupRange = 0...1_000
  public static let threadsRange = 1...256
  /// 64 images: MobileNetV2 1.0 at 224 then holds about 1 GB of activations at once.
  public static let batchRange = 1...64
  /// The whole profile's multiply-adds, (warm-up + runs) × batch × the network's: 5·10¹¹,
  /// about a minute at 10 GMAC/s.
  public static let workLimit = 500_000_000_000
  /// The bytes a pass may hold at once (`ForwardBudget`).
  public static let memoryLimit = 4 << 30

  public init(runs: Int = 20, warmup: Int = 3, threads: Int, batch: Int = 1) {
    self.runs = runs
    self.warmup = warmup
    self.threads = threads
    self.batch = batch
  }
}
