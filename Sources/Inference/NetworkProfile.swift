import Kernels
import MobileNetKit

/// A forward pass measured layer by layer, beside the counts every table of mnv2 shows.
///
/// Every time in it was measured on the machine that ran it; nothing is estimated. Bytes
/// moved follow one convention, stated wherever they are shown: float32, the layer's input
/// and output activations (for the whole batch) and its folded parameters (weights and
/// bias), each counted once, as if every cache were perfect (the least traffic the layer
/// can cause). A residual add's extra read of the shortcut is counted on the projection.
public struct NetworkProfile: Equatable, Sendable {
  public struct Row: Equatable, Sendable {
    /// The layer, or for a block row the block's first layer.
    public var name: String
    public var kind: String
    public var group: Int
    public var input: TensorShape
    public var output: TensorShape
    public var multiplyAdds: Int
    public var params: ParamBreakdown
    public var bytes: Int
    public var samples: Samples
    public var isDepthwise: Bool

    public var multiplyAddsPerByte: Double { bytes == 0 ? 0 : Double(multiplyAdds) / Double(bytes) }
    /// Multiply-adds per second at the median time.
    public var achieved: Double { Double(multiplyAdds) / (Double(max(samples.median, 1)) / 1e9) }

    public func isMemoryBound(_ calibration: MachineCalibration) -> Bool {
      multiplyAddsPerByte < calibration.ridge
    }
  }

  public var network: Network
  public var request: ProfileRequest
  public var calibration: MachineCalibration
  public var layers: [Row]
  public var blocks: [Row]
  /// The whole pass, timed around the same runs.
  public var total: Samples

  /// Multiply-adds of the profiled batch: the network's count × batch.
  public var multiplyAdds: Int { layers.reduce(0) { $0 + $1.multiplyAdds } }
  /// The layers' medians added up, to set beside the whole pass's median.
  public var sumOfLayerMedians: UInt64 { layers.reduce(0) { $0 + $1.samples.median } }

  public func timeShare(_ row: Row) -> Double {
    let sum = sumOfLayerMedians
    return sum == 0 ? 0 : Double(row.samples.median) / Double(sum)
  }

  public func multiplyAddShare(_ row: Row) -> Double {
    multiplyAdds == 0 ? 0 : Double(row.multiplyAdds) / Double(multiplyAdds)
  }

  /// The depthwise layers' share of MAdds and of the summed layer time.
  public var depthwiseShares: (multiplyAdds: Double, time: Double) {
    let rows = layers.filter(\.isDepthwise)
    let madds = Double(rows.reduce(0) { $0 + $1.multiplyAdds }) / Double(max(multiplyAdds, 1))
    let time = Double(rows.reduce(UInt64(0)) { $0 + $1.samples.median }) / Double(max(sumOfLayerMedians, 1))
    return (madds, time)
  }

  /// Checks the request against every bound, estimates the cost, and compiles the pass:
  /// everything that can fail fails here, before any measurement.
  public static func prepare(
    network: Network, weights: NetworkWeights, placement: PaddingPlacement, request: ProfileRequest
  )
    throws(ProfileError) -> ForwardPass
  {
    guard ProfileRequest.runsRange.contains(request.runs) else { throw .runs(request.runs) }
    guard ProfileRequest.warmupRange.contains(request.warmup) else { throw .warmup(request.warmup) }
    guard ProfileRequest.threadsRange.contains(request.threads) else { throw .threads(request.threads) }
    guard ProfileRequest.batchRange.contains(request.batch) else { throw .batch(request.batch) }
    let passes = request.runs + request.warmup
    let work = ForwardBudget.work(network.multiplyAdds, batch: request.batch, passes: passes)
    guard let work, work <= ProfileRequest.workLimit else { throw .work(multiplyAdds: work, passes: passes) }
    let budget = ForwardBudget(network: network, batch: request.batch, threads: request.threads)
    guard budget.bytes <= ProfileRequest.memoryLimit else { throw .memory(bytes: budget.bytes) }
    do {
      return try ForwardPass(network: network, weights: weights, placement: placement)
    } catch {
      throw .network(error)
    }
  }

  /// Runs the warm-up and the timed passes on `input` and gathers the rows.
  public static func measure(
    _ pass: ForwardPass, input: Tensor, request: ProfileRequest, calibration: MachineCalibration,
    clock: @escaping () -> UInt64
  ) -> NetworkProfile {
    for _ in 0..<request.warmup { _ = pass.run(input, threads: request.threads) }
    var perStep = [[UInt64]](repeating: [], count: pass.steps.count)
    var totals: [UInt64] = []
    for _ in 0..<request.runs {
      let run = pass.run(input, threads: request.threads, clock: clock)
      for (index, time) in run.stepNanoseconds.enumerated() { perStep[index].append(time) }
      totals.append(run.totalNanoseconds)
    }
    return assemble(pass, perStep: perStep, totals: totals, request: request, calibration: calibration)
  }

  /// The rows from timings gathered elsewhere (the explorer takes them a pass at a time):
  /// `perStep[i]` holds step i's time in each run, `totals` each whole pass.
  public static func assemble(
    _ pass: ForwardPass, perStep: [[UInt64]], totals: [UInt64], request: ProfileRequest,
    calibration: MachineCalibration
  ) -> NetworkProfile {
    precondition(perStep.count == pass.steps.count && perStep.allSatisfy { $0.count == totals.count })
    let runs = totals.count
    let network = pass.network, batch = request.batch
    let layers = zip(network.layers, pass.steps).map { layer, step in
      Row(
        name: layer.name, kind: layer.kind.rawValue, group: layer.group, input: layer.input,
        output: layer.output,
        multiplyAdds: layer.multiplyAdds * batch, params: layer.params,
        bytes: 4
          * (batch
            * (layer.input.elements + layer.output.elements + (step.addsShortcut ? layer.output.elements : 0))
            + step.parameterCount),
        samples: Samples(perStep[layer.index]), isDepthwise: layer.kind == .depthwise)
    }
    let blocks = network.groups.map { group in
      let members = Array(layers[group.layerRange])
      let sums = (0..<runs).map { run in group.layerRange.reduce(UInt64(0)) { $0 + perStep[$1][run] }
      }
      return Row(
        name: group.name, kind: group.op.rawValue, group: group.index, input: group.input,
        output: group.output,
        multiplyAdds: members.reduce(0) { $0 + $1.multiplyAdds }, params: group.params,
        bytes: members.reduce(0) { $0 + $1.bytes }, samples: Samples(sums), isDepthwise: false)
    }
    return NetworkProfile(
      network: network, request: request, calibration: calibration, layers: layers, blocks: blocks,
      total: Samples(totals))
  }
}
