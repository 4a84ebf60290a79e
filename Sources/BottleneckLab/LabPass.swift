import Kernels
import ManifoldKit

/// One trial of the lab: push every point through the block once, then measure the output
/// of each projection activation.
struct LabPass: Sendable {
  var collapsedFraction: Double
  var recoverability: Double
  var neighbourPreservation: Double
  /// What the best linear read-out recovers of each input point, points × k; kept for the
  /// first trial only (the one that is plotted), so a sweep does not hold thousands of them.
  var decoded: Matrix<Double>?

  /// The trial's input manifold and its neighbour sets, shared by every trial and
  /// projection.
  struct Inputs: Sendable {
    let points: Matrix<Double>
    let single: Matrix<Float>
    let queries: [Int]
    let neighbours: [[Int]]

    init(_ points: [[Double]]) {
      let k = points.first?.count ?? 0
      self.points = Matrix(rows: points.count, columns: k, values: points.flatMap { $0 })
      single = Matrix(rows: points.count, columns: k, values: self.points.values.map { Float($0) })
      queries = NeighbourPreservation.queryIndices(
        count: points.count, queries: BottleneckLab.neighbourQueries)
      neighbours = NeighbourPreservation.neighbourSets(
        of: single, queries: queries, count: BottleneckLab.neighbourCount)
    }
  }

  /// Every projection of one trial: the weights and everything up to the projection's
  /// pre-activation are shared, only the last step differs.
  static func run(
    weights: LabWeights, manifoldDimension k: Int, shortcut: Bool, inputs: Inputs,
    projections: [ManifoldActivation], neighbours: Bool = true, keepDecoded: Bool = true
  ) -> [LabPass] {
    let forward = Forward(weights: weights, k: k, shortcut: shortcut, inputs: inputs.single)
    return projections.map { projection in
      measure(forward.output(projection), inputs: inputs, neighbours: neighbours, keepDecoded: keepDecoded)
    }
  }

  /// The metrics of one block output; neighbour preservation is 0 when not measured.
  static func measure(
    _ output: Forward.Output, inputs: Inputs, neighbours: Bool = true, keepDecoded: Bool = true
  )
    -> LabPass
  {
    let fit = LinearDecoder.fit(features: output.values, targets: inputs.points)
    var preserved = 0.0
    if neighbours {
      let filter = fit.gram.flatMap { PrincipalFilter(points: output.values, gram: $0) }
      preserved = NeighbourPreservation.share(
        before: inputs.neighbours, outputs: output.values, queries: inputs.queries,
        neighbours: BottleneckLab.neighbourCount, filter: filter)
    }
    return LabPass(
      collapsedFraction: output.collapsedFraction, recoverability: fit.rSquared,
      neighbourPreservation: preserved, decoded: keepDecoded ? fit.fitted : nil)
  }

  /// The block applied to every point, up to the projection's activation.
  struct Forward {
    let weights: LabWeights
    let k: Int
    /// Projection pre-activations, points × d″.
    let preActivation: Matrix<Float>
    /// Per point, the live hidden channels in the linear part of both ReLU6s.
    let activeHidden: [Int]
    /// E·u for the shortcut, points × d′, when it is added.
    let shortcut: Matrix<Float>?

    init(weights: LabWeights, k: Int, shortcut addShortcut: Bool, inputs: Matrix<Float>) {
      self.weights = weights
      self.k = k
      let shape = weights.shape
      let inputChannels = shape.inputChannels
      let embedding = Self.embedding(weights: weights, k: k)
      let front = Self.front(weights: weights, embedding: embedding)
      // z₁ = (W_e·E)·u for every point and live channel at once.
      var hidden = inputs.times(front.transposed)
      var active = [Int](repeating: 0, count: inputs.rows)
      let clips = !weights.linearised
      // t = 1 blocks start with the depthwise conv: no ReLU6 before it.
      Self.hiddenStage(
        &hidden, taps: weights.depthwise, clipFirst: shape.hasExpansion && clips, clip: clips, active: &active
      )
      activeHidden = active
      preActivation = hidden.times(weights.projection)
      self.shortcut =
        addShortcut && shape.hasShortcut && inputChannels == shape.outputChannels
        ? inputs.times(embedding.transposed) : nil
    }

    /// E ∈ ℝ^{d′×k}, N(0, 1/k): the manifold's embedding into the block's input channels.
    static func embedding(weights: LabWeights, k: Int) -> Matrix<Float> {
      var normals = PolarNormalGenerator(
        seed: SplitMix64.derivedSeed(weights.seed, stream: LabWeights.Stream.embedding &+ UInt64(k)))
      let deviation = (1 / Double(k)).squareRoot()
      let count = weights.shape.inputChannels * k
      return Matrix(
        rows: weights.shape.inputChannels, columns: k,
        values: (0..<count).map { _ in Float(normals.next() * deviation) })
    }

    /// The map from the manifold to the live hidden channels' first pre-activation, live × k.
    ///
    /// With an expansion it is W_e·E for He-normal W_e ∈ ℝ^{td′×d′}. Each row is Eᵀw with
    /// w ~ N(0, (2/d′)·I), which is exactly N(0, (2/d′)·EᵀE); so rows are drawn as
    /// √(2/d′)·L·z with L Lᵀ = EᵀE and z standard normal, and the t·d′×d′ expansion matrix
    /// never has to be drawn. Without an expansion (t = 1) the hidden channels are E's rows.
    static func front(weights: LabWeights, embedding: Matrix<Float>) -> Matrix<Float> {
      let k = embedding.columns
      guard weights.shape.hasExpansion else {
        var rows = Matrix<Float>(rows: weights.live.count, columns: k)
        for (r, channel) in weights.live.enumerated() {
          for j in 0..<k { rows[r, j] = embedding[channel, j] }
        }
        return rows
      }
      // EᵀE in double precision, then its Cholesky factor. EᵀE is singular only when k > d′,
      // which validation rules out; the identity keeps the function total.
      let gram = embedding.converted(to: Double.self).gram()
      let factor = gram.choleskyFactor() ?? .identity(k)
      var normals = PolarNormalGenerator(
        seed: SplitMix64.derivedSeed(weights.seed, stream: LabWeights.Stream.expansion &+ UInt64(k)))
      let deviation = (2 / Double(weights.shape.inputChannels)).squareRoot()
      var rows = Matrix<Float>(rows: weights.live.count, columns: k)
      var z = [Double](repeating: 0, count: k)
      for r in 0..<weights.live.count {
        for j in 0..<k { z[j] = normals.next() }
        for a in 0..<k {
          var sum = 0.0
          for b in 0...a { sum += factor[a, b] * z[b] }
          rows[r, a] = Float(deviation * sum)
        }
      }
      return rows
    }

    /// h = ReLU6(tap · ReLU6(z)) in place, each ReLU6 optional; `active[i]` counts row i's
    /// channels in the linear part of every ReLU6 applied (zero derivative elsewhere).
    static func hiddenStage(
      _ z: inout Matrix<Float>, taps: [Float], clipFirst: Bool, clip: Bool, active: inout [Int]
    ) {
      let live = z.columns
      let first: Nonlinearity = clipFirst ? .relu6 : .linear, second: Nonlinearity = clip ? .relu6 : .linear
      z.values.withUnsafeMutableBufferPointer { z in
        for i in active.indices {
          var count = 0
          for c in 0..<live {
            let z1 = z[i * live + c]
            let z2 = taps[c] * first.apply(z1)
            z[i * live + c] = second.apply(z2)
            if first.passes(z1) && second.passes(z2) { count += 1 }
          }
          active[i] = count
        }
      }
    }

    /// The projection's activation in place, then the shortcut added to the first columns;
    /// `active[i]` counts row i's outputs with non-zero derivative.
    static func outputStage(
      _ y: inout Matrix<Float>, activation: ManifoldActivation, shortcut: Matrix<Float>?, active: inout [Int]
    ) {
      let m = y.columns, shortcutColumns = shortcut?.columns ?? 0
      let added = shortcut?.values ?? []
      let f = activation.nonlinearity
      y.values.withUnsafeMutableBufferPointer { y in
        for i in active.indices {
          var count = 0
          for o in 0..<m {
            let z = y[i * m + o]
            y[i * m + o] = f.apply(z)
            if f.passes(z) { count += 1 }
          }
          for o in 0..<shortcutColumns { y[i * m + o] += added[i * shortcutColumns + o] }
          active[i] = count
        }
      }
    }

    struct Output {
      var values: Matrix<Float>
      var collapsedFraction: Double
    }

    /// The block output with the given projection activation, and the share of points
    /// where its Jacobian on the manifold has rank < k.
    func output(_ projection: ManifoldActivation) -> Output {
      let outer: ManifoldActivation = weights.linearised ? .linear : projection
      var values = preActivation
      var activeOutputs = [Int](repeating: 0, count: values.rows)
      Self.outputStage(&values, activation: outer, shortcut: shortcut, active: &activeOutputs)
      var collapsed = 0
      for point in 0..<values.rows {
        // Rank of the Jacobian on the manifold, for weights in general position (probability
        // 1 here). Without a shortcut it is D₃·W_p·D_h·W_e·E, of rank min(k, active hidden,
        // active outputs). With one it is D₃·W_p·D_h·W_e·E + E = (I + D₃·K)·E, and I + D₃·K is
        // singular only on a set of measure zero, so the rank is k under any projection.
        let rank: Int
        if weights.linearised || shortcut != nil {
          rank = k
        } else {
          rank = min(k, activeHidden[point], activeOutputs[point])
        }
        if rank < k { collapsed += 1 }
      }
      return Output(values: values, collapsedFraction: Double(collapsed) / Double(max(values.rows, 1)))
    }
  }
}
