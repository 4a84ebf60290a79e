import Foundation
import Testing

@testable import BottleneckLab
@testable import Kernels
@testable import ManifoldKit

/// The pieces the lab's speed rests on, each against an independent statement of what it
/// must compute.
@Suite struct LabEngineTests {
  static let b8 = BottleneckShape(inputChannels: 64, expansion: 6, outputChannels: 64, hasShortcut: true)

  @Test func sweepMatchesTheSingleBlockLabExactly() {
    let shapes = [BottleneckLabTests.b3, Self.b8]
    for trials in [1, 3] {
      let template = BottleneckLab(shape: shapes[0], points: 300, seed: 9, trials: trials)
      let swept = LabSweep.run(
        template: template, shapes: shapes, dimensions: [2, 5], projections: [.linear, .relu6])
      for (b, shape) in shapes.enumerated() {
        for (d, k) in [2, 5].enumerated() {
          var lab = template
          lab.shape = shape
          lab.manifoldDimension = k
          let single = lab.run(projections: [.linear, .relu6])
          #expect(swept[b][d] == single, "block \(b), k = \(k), trials = \(trials)")
        }
      }
    }
  }

  @Test func neighboursCanBeLeftOutWithoutChangingTheRest() {
    var lab = BottleneckLab(shape: Self.b8, manifoldDimension: 3, projection: .relu6, points: 300, trials: 2)
    let full = lab.run()
    lab.measuresNeighbours = false
    let lean = lab.run()
    #expect(full.neighbourPreservation != nil)
    #expect(lean.neighbourPreservation == nil)
    #expect(lean.collapsedFraction == full.collapsedFraction)
    #expect(lean.recoverability == full.recoverability)
    #expect(lean.decoded == full.decoded)
  }

  /// A negative depthwise tap after expand → ReLU6 can only output ≤ 0, which the second
  /// ReLU6 zeroes: such channels are skipped, and only those.
  @Test func onlyChannelsThatCanNeverFireAreSkipped() {
    let weights = LabWeights(shape: Self.b8, seed: 3, linearised: false)
    let hidden = Self.b8.hiddenChannels
    #expect(weights.live.count > hidden / 3 && weights.live.count < 2 * hidden / 3)
    #expect(weights.depthwise.allSatisfy { $0 > 0 })
    #expect(weights.projection.rows == weights.live.count)
    // Without an expansion (t = 1) or with every activation linear, nothing is dead.
    let first = BottleneckShape(inputChannels: 32, expansion: 1, outputChannels: 16, hasShortcut: false)
    #expect(LabWeights(shape: first, seed: 3, linearised: false).live.count == 32)
    #expect(LabWeights(shape: Self.b8, seed: 3, linearised: true).live.count == hidden)
    // Every tap of the trial, drawn again from its stream: the skipped ones are exactly the
    // non-positive ones, whose channel is ReLU6(tap · ReLU6(z)) = 0 for every z.
    var taps = PolarNormalGenerator(seed: SplitMix64.derivedSeed(3, stream: LabWeights.Stream.depthwise))
    let all = (0..<hidden).map { _ in taps.next() }
    #expect(weights.live == all.indices.filter { all[$0] > 0 })
    // Each live row is its own stream: row r is the same whatever else was drawn.
    var row = PolarNormalGenerator(
      seed: SplitMix64.derivedSeed(3, stream: LabWeights.Stream.projectionRow &+ UInt64(weights.live[5])))
    let deviation = (2 / Double(hidden)).squareRoot()
    #expect(Array(weights.projection.row(5)) == (0..<64).map { _ in Float(row.next() * deviation) })
  }

  /// W_e·E is drawn directly as rows N(0, (2/d′)·EᵀE): the sample covariance of many rows
  /// must approach it (and its scale must be He-normal's, not something else).
  @Test func expansionRowsHaveTheCovarianceOfWeTimesE() {
    let shape = BottleneckShape(inputChannels: 8, expansion: 2000, outputChannels: 4, hasShortcut: false)
    let weights = LabWeights(shape: shape, seed: 11, linearised: true)
    let k = 3
    let embedding = LabPass.Forward.embedding(weights: weights, k: k)
    let front = LabPass.Forward.front(weights: weights, embedding: embedding)
    #expect(front.rows == 16000)
    for a in 0..<k {
      for b in 0..<k {
        var expected = 0.0
        for i in 0..<8 { expected += Double(embedding[i, a]) * Double(embedding[i, b]) }
        expected *= 2.0 / 8
        var sample = 0.0
        for r in 0..<front.rows { sample += Double(front[r, a]) * Double(front[r, b]) }
        sample /= Double(front.rows)
        // 16000 rows: the standard error of a covariance entry is about 1% of the scale.
        #expect(
          abs(sample - expected) < 0.05 * (2.0 / 8) * 8 / Double(k), "(\(a), \(b)): \(sample) vs \(expected)")
      }
    }
  }

  @Test func polarNormalsHaveUnitMomentsAndRepeat() {
    var generator = PolarNormalGenerator(seed: 42)
    let count = 200_000
    var sum = 0.0, squares = 0.0, fourth = 0.0
    for _ in 0..<count {
      let x = generator.next()
      sum += x
      squares += x * x
      fourth += x * x * x * x
    }
    let mean = sum / Double(count), variance = squares / Double(count) - mean * mean
    #expect(abs(mean) < 0.01)
    #expect(abs(variance - 1) < 0.01)
    #expect(abs(fourth / Double(count) - 3) < 0.06)  // a normal's kurtosis
    var again = PolarNormalGenerator(seed: 42), first = PolarNormalGenerator(seed: 42)
    #expect((0..<100).map { _ in again.next() } == (0..<100).map { _ in first.next() })
  }

  @Test func polarLogarithmIsAccurate() {
    var source = SplitMix64(seed: 7)
    for _ in 0..<10_000 {
      let s = source.nextUnitInterval()
      let ours = PolarNormalGenerator.log(s), reference = Foundation.log(s)
      #expect(abs(ours - reference) <= 4 * reference.magnitude.ulp, "log(\(s))")
    }
  }
}

/// The principal-direction bounds change the neighbour search's speed, never its answer.
@Suite struct PrincipalFilterTests {
  @Test(arguments: [24, 77, 320])
  func filteredSearchEqualsTheUnfilteredOne(outputs: Int) throws {
    let shape = BottleneckShape(inputChannels: 16, expansion: 6, outputChannels: outputs, hasShortcut: false)
    let weights = LabWeights(shape: shape, seed: 5)
    let inputs = LabPass.Inputs(LabManifold.points(count: 500, dimension: 2, seed: 5))
    let forward = LabPass.Forward(weights: weights, k: 2, shortcut: false, inputs: inputs.single)
    let output = forward.output(.relu6).values
    let centred = output.converted(to: Double.self)
    var means = [Double](repeating: 0, count: outputs)
    for i in 0..<500 { for d in 0..<outputs { means[d] += centred[i, d] / 500 } }
    var x = centred
    for i in 0..<500 { for d in 0..<outputs { x[i, d] -= means[d] } }
    let filter = try #require(PrincipalFilter(points: output, gram: x.gram()))
    let queries = Array(stride(from: 0, to: 500, by: 3))
    #expect(
      NeighbourPreservation.neighbourSets(of: output, queries: queries, count: 10, filter: filter)
        == NeighbourPreservation.neighbourSets(of: output, queries: queries, count: 10))
  }
}

/// The lab's cost, counted by hand for block 17 of MobileNetV2 (d′ = 160, t = 6, d″ = 320)
/// at 20,000 points, k = 2, one projection, neighbours measured:
///   forward  N(k·h + h + h·d″ + k·d′) = 20000 · (1920 + 960 + 307200 + 320) = 6,208,000,000
///   measure  N(d″² + d″k + 216d″) + d″³ = 20000 · 172,160 + 32,768,000 = 3,475,968,000
/// (measured: 1.0 s for this run).
@Suite struct LabWorkEstimateTests {
  static let block17 = BottleneckShape(
    inputChannels: 160, expansion: 6, outputChannels: 320, hasShortcut: false)

  @Test func operationsByHand() {
    let lab = BottleneckLab(shape: Self.block17, manifoldDimension: 2, points: 20_000)
    let estimate = lab.workEstimate(projections: 1, workers: 2)
    let forward: Double = 6_208_000_000
    let measure: Double = 3_475_968_000
    #expect(estimate.operations == forward + measure)
    // Memory, buffer by buffer (the largest terms by hand): the hidden activations of the
    // live channels, N · live · 4; the block output and pre-activations, 2 · N · d″ · 4; the
    // decoder's centred copy and training half in double, 1.5 · N · d″ · 8; its three Gram
    // matrices, 3 · 8 · d″²; the weights, live · (d″ · 4 + 12); 30 MB for the program and
    // 3 · 32 MiB of allocator slack. The estimate is at least their sum.
    let live = Double(
      LabWeights.liveTaps(shape: Self.block17, seed: lab.trialSeed(0), linearised: false).live.count)
    #expect(live > 300 && live < 660, "about half of 960 channels live: \(live)")
    let n = 20_000.0, d2 = 320.0
    var largest = n * live * 4 + 2 * n * d2 * 4 + 1.5 * n * d2 * 8 + 3 * 8 * d2 * d2
    largest += live * (d2 * 4 + 12) + 30e6 + 3 * 33_554_432
    #expect(estimate.bytes >= largest)
    // And within 25% of it: the rest are the small buffers and the products' packed copies.
    #expect(estimate.bytes <= 1.25 * largest, "\(estimate.bytes) against \(largest)")
  }

  /// The reliability pass's day-long run: 10,000 trials at 100,000 points and k = 160.
  @Test func theDayLongRunIsOverTheLimit() {
    let lab = BottleneckLab(shape: Self.block17, manifoldDimension: 160, points: 100_000, trials: 10_000)
    #expect(lab.workEstimate(projections: 1, workers: 2).operations > 100 * BottleneckLab.maximumOperations)
  }

  /// More workers hold more working sets at once; the operations do not change.
  @Test func memoryGrowsWithWorkers() {
    let lab = BottleneckLab(shape: Self.block17, manifoldDimension: 2, points: 20_000, trials: 8)
    let two = lab.workEstimate(projections: 1, workers: 2),
      eight = lab.workEstimate(projections: 1, workers: 8)
    #expect(two.operations == eight.operations)
    // Six more trials at once hold six more hidden activations (N · live · 4 each, live ≥
    // 300 of 960), six more outputs and decoders, and six more threads' slack.
    let perTrial: Double = 20_000 * 300 * 4 + 20_000 * 320 * 16 + 33_554_432
    let growth: Double = eight.bytes - two.bytes
    #expect(growth >= 6 * perTrial)
  }
}
