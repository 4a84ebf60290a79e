import Kernels
import ManifoldKit

extension BottleneckLab {
  /// Multiply-adds a lab command may plan: about two minutes on two cores here (measured:
  /// one b17 run at 20,000 points, 9.5e9 multiply-adds, in 1.0 s).
  public static let maximumOperations = 1e12

  /// This lab's cost with `projections` measured per trial, `workers` trials at once.
  ///
  /// Memory is counted buffer by buffer, from what the code allocates: the trial's weights
  /// (`LabWeights`, the live × d″ projection), the forward pass's matrices, and per projection
  /// measured at once the block output and the decoder's copies and Gram matrices. A single
  /// trial shares its weights and forward pass between the projections, which run at once;
  /// several trials each hold their own, `workers` at a time. The old estimate left out the
  /// weights and the Gram matrices: a wide file estimated at 42 MB peaked at 2.15 GB.
  public func workEstimate(projections: Int, workers: Int) -> WorkEstimate {
    let perTrial = Self.operations(
      shape, k: manifoldDimension, points: points, projections: projections, neighbours: measuresNeighbours)
    let live = liveCounts(trials: trials)
    let forward = Self.forwardBytes(
      shape, k: manifoldDimension, points: points, live: live.max() ?? 0, threads: workers)
    let measure = Self.measureBytes(shape, k: manifoldDimension, points: points, threads: workers)
    let running = min(trials, workers)
    let weights = live.sorted(by: >).prefix(running).reduce(0) { $0 + LabWeights.bytes(shape, live: $1) }
    let working =
      trials == 1
      ? weights + forward + Double(min(projections, workers)) * measure
      : weights + Double(running) * (forward + measure)
    return WorkEstimate(
      operations: Double(trials) * perTrial,
      bytes: WorkEstimate.programBytes + working + Self.allocatorSlack(workers: workers)
        + Self.retainedBytes(k: manifoldDimension, points: points, projections: projections))
  }

  /// Each trial's live hidden channels, from the same draw that makes its weights (the
  /// taps, cheap beside the projection): the weights of the trials running at once, and the
  /// forward pass, are counted exactly.
  func liveCounts(trials: Int) -> [Int] {
    (0..<trials).map {
      LabWeights.liveTaps(shape: shape, seed: trialSeed($0), linearised: linearised).live.count
    }
  }

  /// The forward pass's buffers (`LabPass.Forward`) for `live` live hidden channels: the
  /// embedding E (d′ × k) and its Gram factor, the map to the live channels and its transpose
  /// (live × k each), the hidden activations (N × live), the projection's pre-activations
  /// (N × d″), the shortcut E·u (N × d′) and the per-point counts; and the copy each product
  /// packs of its right-hand matrix (`ProductKernel.packPanels`): the transposed map, and the
  /// whole projection (live × d″), the largest of all for a wide block.
  /// `threads` is how many cores a product's chunks run on, each with its own scratch.
  static func forwardBytes(_ shape: BottleneckShape, k: Int, points: Int, live: Int, threads: Int) -> Double {
    let n = Double(points), kk = Double(k), liveCount = Double(live)
    let d1 = shape.inputChannels, d2 = shape.outputChannels
    let packed =
      Matrix<Float>.packedBytes(inner: k, columns: live) + Matrix<Float>.packedBytes(inner: live, columns: d2)
      + Matrix<Float>.packedBytes(inner: k, columns: d1)
    let scratch = threads * Matrix<Float>.productScratchBytes(inner: max(k, live))
    return 4 * Double(d1) * kk + 16 * kk * kk + 8 * liveCount * kk + 4 * n * liveCount + 4 * n * Double(d2)
      + 4 * n * Double(d1) + 8 * n + Double(packed + scratch)
  }

  /// One projection measured (`LabPass.measure`): its output (N × d″, single) and counts, and
  /// the decoder's (`LinearDecoder.fit`): the centred features (N × d″) and the training
  /// half (N/2 × d″) in double, the Gram matrix, its regularised copy and its Cholesky
  /// factor (d″ × d″ each), the right-hand sides and solution (d″ × k), the fit (N × k), and
  /// the neighbour filter's projection of every point onto its directions (N × 16).
  static func measureBytes(_ shape: BottleneckShape, k: Int, points: Int, threads: Int) -> Double {
    let n = Double(points), kk = Double(k), p = Double(shape.outputChannels)
    let output = 4 * n * p + 8 * n
    // The Gram product packs its operand, the training half, once more, and each thread
    // packs a chunk of its rows.
    let half = (points + 1) / 2
    let products =
      Matrix<Double>.packedBytes(inner: half, columns: shape.outputChannels)
      + threads * Matrix<Double>.productScratchBytes(inner: max(half, shape.outputChannels))
    let decoder = 8 * n * p + 8 * Double(half) * p + 3 * 8 * p * p + 2 * 8 * p * kk + 8 * n * kk
    return output + decoder + Double(products) + 8 * n * 16
  }

  /// What the allocator may keep resident of freed memory: at most 32 MiB an arena (glibc's
  /// mmap threshold rises to no more), one for each worker thread and the main one.
  static func allocatorSlack(workers: Int) -> Double { Double((workers + 1) * (32 << 20)) }

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
        // A unit holds its weights, one forward pass and one projection's measurement at a time;
        // the weights are bounded by every hidden channel live.
        largestWorking = max(
          largestWorking,
          LabWeights.bytes(shape, live: shape.hiddenChannels)
            + BottleneckLab.forwardBytes(
              shape, k: k, points: template.points, live: shape.hiddenChannels, threads: workers)
            + BottleneckLab.measureBytes(shape, k: k, points: template.points, threads: workers))
      }
    }
    let concurrent = Double(min(shapes.count * template.trials, workers))
    return WorkEstimate(
      operations: operations,
      bytes: WorkEstimate.programBytes + concurrent * largestWorking + retained
        + BottleneckLab.allocatorSlack(workers: workers))
  }
}
