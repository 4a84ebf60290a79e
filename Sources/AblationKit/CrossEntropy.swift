import ManifoldKit

/// Softmax cross-entropy over the two classes, averaged over the batch, computed in double
/// precision with our own exp and log so the loss and its gradient are the same bits
/// everywhere.
public enum CrossEntropy {
  /// The mean loss, its gradient with respect to the logits (channel-major, 2 × batch) and
  /// the number of points whose larger logit is their class.
  /// Training needs only the gradient: `withLoss: false` skips the logarithms.
  public static func evaluate(_ pass: InvertedResidualNet.Pass, labels: [Int], withLoss: Bool = true) -> (
    loss: Double, gradient: [Float], correct: Int
  ) {
    let batch = pass.batch
    var gradient = [Float](repeating: 0, count: 2 * batch)
    var loss = 0.0
    var correct = 0
    for n in 0..<batch {
      let (z0, z1) = pass.logits(n)
      // p1 = softmax(z)₁ = 1 / (1 + e^{z0 − z1}).
      let difference = Double(z0) - Double(z1)
      let p1 = 1 / (1 + DeterministicMath.exp(difference))
      let label = labels[n]
      // −log p_label = log(1 + e^{±(z0 − z1)}), written so the exponent is never large.
      let margin = label == 1 ? difference : -difference
      loss +=
        margin > 0
        ? margin + DeterministicMath.log(1 + DeterministicMath.exp(-margin))
        : DeterministicMath.log(1 + DeterministicMath.exp(margin))
      gradient[n] = Float(((1 - p1) - (label == 0 ? 1 : 0)) / Double(batch))
      gradient[batch + n] = Float((p1 - (label == 1 ? 1 : 0)) / Double(batch))
      if (z1 > z0 ? 1 : 0) == label { correct += 1 }
    }
    return (loss / Double(batch), gradient, correct)
  }
}
