/// Mean and sample standard deviation of a metric over independent trials.
public struct MetricSummary: Equatable, Sendable {
  public var mean: Double
  /// Sample standard deviation (n − 1 in the denominator); 0 for a single trial.
  public var standardDeviation: Double

  public init(_ values: [Double]) {
    precondition(!values.isEmpty)
    let count = Double(values.count)
    mean = values.reduce(0, +) / count
    if values.count > 1 {
      let m = mean
      standardDeviation = (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (count - 1)).squareRoot()
    } else {
      standardDeviation = 0
    }
  }

  /// Standard error of the mean.
  public func standardError(trials: Int) -> Double { standardDeviation / Double(trials).squareRoot() }
}
