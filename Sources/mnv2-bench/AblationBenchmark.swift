import AblationKit

/// One training step of the miniature at each width (the figure to set beside PyTorch's on
/// the same net), then the default Figure 6a study and the Figure 6b study at d = 3, whole.
func benchmarkAblation(runs: Int) {
  let data = TwoSpirals(seed: 1)
  let training = data.training
  let x = Array(training.x.prefix(TrainingRun.defaultBatchSize))
  let y = Array(training.y.prefix(TrainingRun.defaultBatchSize))
  let labels = Array(training.labels.prefix(TrainingRun.defaultBatchSize))
  for d in AblationStudy.defaultActivationWidths {
    var net = InvertedResidualNet(spec: MiniNetSpec(width: d), seed: 1)
    var adam = Adam(parameterCount: net.parameterCount, learningRate: 0.01)
    var pass = InvertedResidualNet.Pass(for: net, batch: x.count)
    let step = measure(runs: runs) {
      for _ in 0..<100 {
        net.forward(&pass, x: x, y: y, training: true)
        let loss = CrossEntropy.evaluate(pass, labels: labels)
        net.backward(&pass, logitGradient: loss.gradient)
        adam.update(&net.parameters, gradient: pass.parameterGradient)
      }
    }
    print(
      "ablation step  d=\(d) batch=128  median \(format(step * 10_000)) µs per step (forward, backward, Adam)"
    )
  }
  let clock = ContinuousClock()
  for study in [AblationStudy(), AblationStudy(comparison: .shortcut)] {
    let elapsed = seconds(clock.measure { _ = study.run() })
    print(
      "ablation study  --compare \(study.comparison.rawValue)  \(study.runs.count) networks × \(study.steps) steps  \(format(elapsed)) s"
    )
  }
}

/// Where one d = 8 step goes: forward, loss, backward and Adam timed apart.
func benchmarkAblationParts(runs: Int) {
  let training = TwoSpirals(seed: 1).training
  let x = Array(training.x.prefix(128)), y = Array(training.y.prefix(128))
  let labels = Array(training.labels.prefix(128))
  var net = InvertedResidualNet(spec: MiniNetSpec(width: 8), seed: 1)
  var adam = Adam(parameterCount: net.parameterCount, learningRate: 0.01)
  var pass = InvertedResidualNet.Pass(for: net, batch: 128)
  net.forward(&pass, x: x, y: y, training: true)
  let loss = CrossEntropy.evaluate(pass, labels: labels, withLoss: false)
  let forward = measure(runs: runs) { for _ in 0..<100 { net.forward(&pass, x: x, y: y, training: true) } }
  let entropy = measure(runs: runs) {
    for _ in 0..<100 { _ = CrossEntropy.evaluate(pass, labels: labels, withLoss: false) }
  }
  let backward = measure(runs: runs) {
    for _ in 0..<100 { net.backward(&pass, logitGradient: loss.gradient) }
  }
  let update = measure(runs: runs) {
    for _ in 0..<100 { adam.update(&net.parameters, gradient: pass.parameterGradient) }
  }
  print(
    "ablation parts d=8  forward \(format(forward * 10_000)) µs  loss \(format(entropy * 10_000)) µs  "
      + "backward \(format(backward * 10_000)) µs  Adam \(format(update * 10_000)) µs")
}
