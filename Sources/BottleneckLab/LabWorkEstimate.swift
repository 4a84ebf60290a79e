import ManifoldKit

extension BottleneckLab {
  /// Multiply-adds a lab command may plan: about two minutes on two cores here (measured:
  /// one b17 run at 20,000 points, 9.5e9 multiply-adds, in 1.0 s).
  public static let maximumOperations = 1e12

  /// This lab's cost with `projections` measured per trial, `workers` trials at once.
  public func workEstimate(projections: Int, workers: Int) -> WorkEstimate {
    let concurrent = trials == 1 ? min(projections, workers) : min(trials, workers)
    let perTrial = Self.operations(
      shape, k: manifoldDimension, points: points, projections: projections, neighbours: measuresNeighbours)
    return WorkEstimate(
      operations: Double(trials) * perTrial,
      bytes: WorkEstimate.programBytes + Double(concurrent)
        * Self.workingBytes(shape, k: manifoldDimension, points: points, projections: 1)
        + Self.retainedBytes(k: manifoldDimension, points: points, projections: projections))
  }

  /// One trial: the forward pass, N(k·h + h + h·d″ + k·d′), then per projection the
  /// decoder's Gram matrix and fit, N(d″² + d″k) + d″³, and the neighbour search of 200
  /// queries plus the 16-direction filter, N·216·d″, when neighbours are measured.
  static func operations(
    _ shape: BottleneckShape, k: Int, points: Int, projections: Int, neighbours: Bool
  ) -> Double {
    let n = Double(points), k = Double(k)
    let d1 = Double(shape.inputChannels), h = Double(shape.hiddenChannels), d2 = Double(shape.outputChannels)
    let forward = n * (k * h + h + h * d2 + k * d1)
    let measure = n * (d2 * d2 + d2 * k + (neighbours ? 216 * d2 : 0)) + d2 * d2 * d2
    return forward + Double(projections) * measure
  }

  /// What one pass holds while it runs: the hidden activations and the outputs in single
  /// precision, the decoder's double copy of the outputs, and its fit (measured: 187 MB peak
  /// for b17 at 20,000 points, of which about 30 MB is the program; this says 154 MB).
  static func workingBytes(_ shape: BottleneckShape, k: Int, points: Int, projections: Int) -> Double {
    let n = Double(points), h = Double(shape.hiddenChannels), d2 = Double(shape.outputChannels)
    return n * (4 * h + 4 * Double(projections) * d2 + 8 * d2 + 8 * Double(k))
  }

  /// What a result keeps: the manifold's points, and trial 0's decoded points per projection.
  static func retainedBytes(k: Int, points: Int, projections: Int) -> Double {
    Double(points) * Double(k) * (12 + 8 * Double(projections))
  }
}

extension LabSweep {
  /// The sweep's cost: every block × trial is one unit, `workers` at a time, each running
  /// every k with both projections (the working set is that of the largest k).
  public static func workEstimate(
    template: BottleneckLab, shapes: [BottleneckShape], dimensions: [Int], projections: Int, workers: Int
  ) -> WorkEstimate {
    let trials = Double(template.trials)
    var operations = 0.0
    var retained = 0.0
    var largestWorking = 0.0
    for shape in shapes {
      for k in dimensions {
        operations +=
          trials
          * BottleneckLab.operations(
            shape, k: k, points: template.points, projections: projections,
            neighbours: template.measuresNeighbours)
        retained += BottleneckLab.retainedBytes(k: k, points: template.points, projections: projections)
        largestWorking = max(
          largestWorking,
          BottleneckLab.workingBytes(shape, k: k, points: template.points, projections: projections))
      }
    }
    let concurrent = Double(min(shapes.count * template.trials, workers))
    return WorkEstimate(
      operations: operations, bytes: WorkEstimate.programBytes + concurrent * largestWorking + retained)
  }
}
