/// Rounds a channel count to the nearest multiple of `divisor`, never going more than
/// 10% below the requested value.
///
/// This is TF-slim's `_make_divisible`, which torchvision and Keras copy: every published
/// MobileNetV2 checkpoint has channel counts produced by it, so any other rounding would
/// give shapes that do not match the weights a student can download.
public func makeDivisible(_ value: Double, divisor: Int = 8, minimum: Int? = nil) -> Int {
  let floor = minimum ?? divisor
  // Python's int() truncates toward zero; for the positive values used here that is floor.
  let rounded = Int((value + Double(divisor) / 2).rounded(.down)) / divisor * divisor
  var result = max(floor, rounded)
  if Double(result) < 0.9 * value { result += divisor }
  return result
}
