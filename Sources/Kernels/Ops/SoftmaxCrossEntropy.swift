/// Softmax over each image's logits, and the mean cross-entropy against integer labels: the
/// classifier's output and the loss it trains on.
///
/// Softmax subtracts the row's maximum first (so e^z never overflows), sums e^(z − max) in
/// class order, and uses the deterministic `exp` and `log`, in Double, so the same logits
/// give the same probabilities on every machine.
public enum SoftmaxCrossEntropy {
  /// Probabilities, one row of `classes` per image of a batch × 1 × 1 × classes tensor.
  public static func softmax(_ logits: Tensor) -> Tensor {
    let classes = logits.shape.channels, rows = logits.shape.pixels
    return Tensor(shape: logits.shape) { out in
      for r in 0..<rows {
        let row = Array(logits.values[r * classes..<(r + 1) * classes])
        let (exponentials, total) = shiftedExponentials(row)
        for k in 0..<classes { out[r * classes + k] = Float(exponentials[k] / total) }
      }
    }
  }

  /// The mean over images of −log p(label): log Σ e^(z − max) + max − z_label, per image.
  public static func loss(_ logits: Tensor, labels: [Int]) -> Float {
    let classes = logits.shape.channels, rows = logits.shape.pixels
    precondition(labels.count == rows, "\(labels.count) labels for \(rows) images")
    var total = 0.0
    for r in 0..<rows {
      precondition(labels[r] >= 0 && labels[r] < classes, "label \(labels[r]) of \(classes) classes")
      let row = Array(logits.values[r * classes..<(r + 1) * classes])
      let largest = Double(row.max() ?? 0)
      let (_, sum) = shiftedExponentials(row)
      total += DeterministicMath.log(sum) + largest - Double(row[labels[r]])
    }
    return Float(total / Double(rows))
  }

  /// The logits' gradient of the mean loss: (p − onehot(label)) / images.
  public static func backward(_ logits: Tensor, labels: [Int]) -> Tensor {
    let probabilities = softmax(logits)
    let classes = logits.shape.channels, rows = logits.shape.pixels
    return Tensor(shape: logits.shape) { out in
      for r in 0..<rows {
        for k in 0..<classes {
          let p = probabilities.values[r * classes + k] - (k == labels[r] ? 1 : 0)
          out[r * classes + k] = p / Float(rows)
        }
      }
    }
  }

  private static func shiftedExponentials(_ row: [Float]) -> ([Double], Double) {
    let largest = Double(row.max() ?? 0)
    var total = 0.0
    let exponentials = row.map { z -> Double in
      let e = DeterministicMath.exp(Double(z) - largest)
      total += e
      return e
    }
    return (exponentials, total)
  }
}
