import Kernels
import ManifoldKit

/// The lab over many blocks and manifold dimensions at once, as `mnv2 lab --sweep` and its
/// benchmark run it.
///
/// The unit of work is one (block, trial): its weights are drawn once and reused for every
/// k and both projections, and units run on all cores. Each unit is deterministic, so the
/// results do not depend on scheduling.
public enum LabSweep {
  /// Results indexed [block][k][projection], for `template`'s points, seed, trials and
  /// shortcut setting.
  public static func run(
    template: BottleneckLab, shapes: [BottleneckShape], dimensions: [Int], projections: [ManifoldActivation],
    progress: (@Sendable () -> Void)? = nil
  ) -> [[[LabResult]]] {
    // [k][trial]: past k = 2 each trial draws its own extra coordinates (LabManifold).
    let inputs = dimensions.map {
      LabManifold.inputsPerTrial(
        count: template.points, dimension: $0, seed: template.seed, trials: template.trials)
    }
    let units = shapes.indices.flatMap { block in (0..<template.trials).map { Unit(block: block, trial: $0) }
    }
    // Largest blocks first, so no core is left with a big one at the end.
    .sorted {
      shapes[$0.block].hiddenChannels * shapes[$0.block].outputChannels
        > shapes[$1.block].hiddenChannels * shapes[$1.block].outputChannels
    }
    let passes = units.concurrentMap { unit in
      var lab = template
      lab.shape = shapes[unit.block]
      let weights = lab.weights(trial: unit.trial)
      return dimensions.indices.map { index in
        defer { progress?() }
        return LabPass.run(
          weights: weights, manifoldDimension: dimensions[index], shortcut: template.shortcut,
          inputs: inputs[index][unit.trial], projections: projections,
          neighbours: template.measuresNeighbours,
          keepDecoded: unit.trial == 0)
      }
    }
    var byBlock = [[[[LabPass]]]](
      repeating: [[[LabPass]]](repeating: [], count: template.trials), count: shapes.count)
    for (unit, pass) in zip(units, passes) { byBlock[unit.block][unit.trial] = pass }
    return shapes.indices.map { block in
      dimensions.indices.map { d in
        projections.indices.map { p in
          var lab = template
          lab.shape = shapes[block]
          lab.manifoldDimension = dimensions[d]
          lab.projection = projections[p]
          return LabResult(lab: lab, inputs: inputs[d][0], trials: byBlock[block].map { $0[d][p] })
        }
      }
    }
  }

  private struct Unit: Sendable {
    var block: Int
    var trial: Int
  }
}
