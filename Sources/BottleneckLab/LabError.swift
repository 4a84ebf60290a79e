import ManifoldKit

/// A lab parameter out of its range, with the value and the range; the caller words it.
public enum LabError: Error, Equatable {
  /// k must be from 1 to the block's input width d′.
  case manifoldDimension(Int, valid: ClosedRange<Int>)
  case trials(Int, valid: ClosedRange<Int>)
  case points(Int, valid: ClosedRange<Int>)
  /// The projection is linear or ReLU6.
  case projection(ManifoldActivation)
}
