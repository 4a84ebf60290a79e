/// One trial of the lab: draw the weights, push every point through the block, measure.
struct LabPass {
  var outputs: [[Double]]
  var collapsedFraction: Double
  var recoverability: Double
  var neighbourPreservation: Double
  /// What the best linear read-out recovers of each input point.
  var decoded: [[Double]]

  /// `inputNeighbours` are the query points' neighbour sets on the manifold, shared by
  /// every trial; computed here when not given.
  init(lab: BottleneckLab, inputs: [[Double]], seed: UInt64, inputNeighbours: [[Int]]? = nil) {
    self =
      Self.run(
        lab: lab, inputs: inputs, seed: seed, inputNeighbours: inputNeighbours, projections: [lab.projection])[
        0]
  }

  private init(
    outputs: [[Double]], collapsedFraction: Double, recoverability: Double, neighbourPreservation: Double,
    decoded: [[Double]]
  ) {
    self.outputs = outputs
    self.collapsedFraction = collapsedFraction
    self.recoverability = recoverability
    self.neighbourPreservation = neighbourPreservation
    self.decoded = decoded
  }

  /// One trial for several projection activations at once: the weights and everything up
  /// to the projection's pre-activation are shared, only the last step differs.
  static func run(
    lab: BottleneckLab, inputs: [[Double]], seed: UInt64, inputNeighbours: [[Int]]?,
    projections: [ManifoldActivation]
  ) -> [LabPass] {
    let shape = lab.shape
    let k = lab.manifoldDimension, d1 = shape.inputChannels, h = shape.hiddenChannels,
      d2 = shape.outputChannels
    var generator = SplitMix64(seed: seed)
    func normals(_ count: Int, variance: Double) -> [Double] {
      let sd = variance.squareRoot()
      return (0..<count).map { _ in generator.nextNormal() * sd }
    }
    let embedding = normals(d1 * k, variance: 1 / Double(k))  // row-major d′ × k
    let expand = shape.hasExpansion ? normals(h * d1, variance: 2 / Double(d1)) : []  // h × d′
    let depthwise = normals(h, variance: 2.0 / 9)
    // Projection stored column by column (h columns of d″), so a hidden channel adds a
    // contiguous column: skipping the channels ReLU6 zeroed is then free.
    let project = normals(d2 * h, variance: 2 / Double(h))
    // The input-side map M = W_e·E (h × k), so z1 = M u costs h·k per point.
    var front = [Double](repeating: 0, count: h * k)
    for c in 0..<h {
      for j in 0..<k {
        var sum = 0.0
        if shape.hasExpansion {
          for i in 0..<d1 { sum += expand[c * d1 + i] * embedding[i * k + j] }
        } else {
          sum = embedding[c * k + j]
        }
        front[c * k + j] = sum
      }
    }
    let inner: ManifoldActivation = lab.allLinear ? .linear : .relu6
    let outers: [ManifoldActivation] = projections.map { lab.allLinear ? .linear : $0 }
    let addShortcut = lab.shortcut && shape.hasShortcut
    var outputs = [[[Double]]](repeating: [], count: outers.count)
    for index in outputs.indices { outputs[index].reserveCapacity(inputs.count) }
    var collapsed = [Int](repeating: 0, count: outers.count)
    var hidden = [Double](repeating: 0, count: h)
    var z3 = [Double](repeating: 0, count: d2)
    for u in inputs {
      var activeHidden = 0
      for c in 0..<h {
        var z1 = 0.0
        for j in 0..<k { z1 += front[c * k + j] * u[j] }
        // t = 1 blocks start with the depthwise conv: no ReLU6 before it.
        let first = shape.hasExpansion ? inner.apply(z1) : z1
        let firstActive = shape.hasExpansion ? inner.isActive(z1) : true
        let z2 = depthwise[c] * first
        hidden[c] = inner.apply(z2)
        if firstActive && inner.isActive(z2) && depthwise[c] != 0 { activeHidden += 1 }
      }
      for o in 0..<d2 { z3[o] = 0 }
      project.withUnsafeBufferPointer { columns in
        z3.withUnsafeMutableBufferPointer { z3 in
          for c in 0..<h where hidden[c] != 0 {
            let value = hidden[c]
            let base = c * d2
            for o in 0..<d2 { z3[o] += columns[base + o] * value }
          }
        }
      }
      var x = [Double](repeating: 0, count: addShortcut ? d1 : 0)
      if addShortcut {
        for i in 0..<d1 {
          for j in 0..<k { x[i] += embedding[i * k + j] * u[j] }
        }
      }
      for (index, outer) in outers.enumerated() {
        var activeOutputs = 0
        var y = [Double](repeating: 0, count: d2)
        for o in 0..<d2 {
          y[o] = outer.apply(z3[o])
          if outer.isActive(z3[o]) { activeOutputs += 1 }
        }
        if addShortcut {
          for i in 0..<d1 { y[i] += x[i] }
        }
        // Rank of the Jacobian D3·W_p·D_h·W_e·E (+ E with a shortcut) on the manifold: for
        // weights in general position (probability 1 here) it is min(k, active hidden,
        // active outputs); a linear projection plus the shortcut keeps the full rank k.
        let rank: Int
        if lab.allLinear {
          rank = k
        } else if addShortcut && outer == .linear {
          rank = k
        } else if addShortcut {
          rank = min(k, activeOutputs)
        } else {
          rank = min(k, activeHidden, activeOutputs)
        }
        if rank < k { collapsed[index] += 1 }
        outputs[index].append(y)
      }
    }
    let queries = NeighbourPreservation.queryIndices(
      count: inputs.count, queries: BottleneckLab.neighbourQueries)
    let before =
      inputNeighbours
      ?? NeighbourPreservation.neighbourSets(
        of: inputs, queries: queries, count: BottleneckLab.neighbourCount)
    return outers.indices.map { index in
      let fit = LinearDecoder.fit(features: outputs[index], targets: inputs)
      return LabPass(
        outputs: outputs[index], collapsedFraction: Double(collapsed[index]) / Double(inputs.count),
        recoverability: fit.rSquared,
        neighbourPreservation: NeighbourPreservation.share(
          before: before, outputs: outputs[index], queries: queries, neighbours: BottleneckLab.neighbourCount),
        decoded: fit.fitted)
    }
  }
}
