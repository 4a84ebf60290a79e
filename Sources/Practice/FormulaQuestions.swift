import ManifoldKit
import MobileNetKit

/// The paper's formulas: the separable saving, the block cost estimate, Theorem 1.
extension QuestionContext {
  static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? abs(a) : gcd(b, a % b) }

  static func reduced(_ numerator: Int, _ denominator: Int) -> (Int, Int) {
    let divisor = gcd(numerator, denominator)
    return (numerator / divisor, denominator / divisor)
  }

  mutating func separableQuestion() -> Question {
    let k = pick([3, 3, 5, 7])
    let layer = pick(network.layers.filter { $0.kind == .project })
    let d = layer.output.channels
    let (p, q) = Self.reduced(k * k * d, k * k + d)
    let h = layer.input.height, w = layer.input.width, di = layer.input.channels
    let standard = h * w * di * d * k * k, separable = h * w * di * (k * k + d)
    return Question(
      id: "", kind: .separable, model: model, target: QuestionTarget(layer: layer.name, block: layer.group),
      prompt:
        "A standard k×k conv from d_i to d_j channels on an h×w map costs h·w·d_i·d_j·k² multiply-adds; a "
        + "depthwise-separable one (k×k depthwise, then 1×1 pointwise) costs h·w·d_i·(k² + d_j). For k = \(k) and "
        + "d_j = \(d), the output channels of \(layer.name) in \(modelLabel), how many times cheaper is the "
        + "separable conv? Give the exact fraction or a decimal.",
      answer: .ratio(p, q), hint: "ratio = h·w·d_i·d_j·k² / (h·w·d_i·(k² + d_j)) = k²·d_j / (k² + d_j)",
      solution: [
        "ratio = h·w·d_i·d_j·k² / (h·w·d_i·(k² + d_j)) = k²·d_j / (k² + d_j)",
        "= \(k)²·\(d) / (\(k)² + \(d)) = \(k * k * d)/\(k * k + d)",
        "on \(layer.name)'s input (\(h)×\(w)×\(di)): \(Self.n(standard)) against \(Self.n(separable)) MAdds",
        "= \(ExpectedAnswer.ratio(p, q).formatted())",
      ])
  }

  mutating func blockFormulaQuestion() -> Question {
    let group = pick(network.bottlenecks)
    let h = group.input.height, w = group.input.width, d1 = group.input.channels
    let t = group.expansion, k = group.kernel, d2 = group.output.channels
    let estimate = group.paperEstimate!
    let layers = network.layers[group.layerRange]
    let exact = group.multiplyAdds
    let difference = estimate - exact
    var why: [String] = []
    if group.stride == 2 {
      why.append("stride 2: the formula counts the depthwise and projection at the input's size, 4× the real")
    }
    if t == 1 {
      why.append("t = 1: the formula counts an expansion conv (h·w·d′·d′) that no implementation builds")
    }
    if why.isEmpty { why.append("stride 1 and t > 1: expansion, depthwise and projection all run at h×w") }
    return Question(
      id: "", kind: .blockFormula, model: model,
      target: QuestionTarget(layer: group.name, block: group.index),
      prompt:
        "The paper counts a bottleneck's multiply-adds as h·w·d′·t·(d′ + k² + d″). In \(modelLabel), block "
        + "\(group.name) takes \(shape(group.input)) with t = \(t), k = \(k), stride \(group.stride) and "
        + "d″ = \(d2) output channels. What does the formula give?",
      answer: .count(estimate, unit: "MAdds"),
      hint: "h·w·d′·t·(d′ + k² + d″), with h, w, d′ the block's input",
      solution: [
        "h·w·d′·t·(d′ + k² + d″) = \(h)·\(w)·\(d1)·\(t)·(\(d1) + \(k)² + \(d2))",
        "= \(Self.n(estimate)) MAdds",
        "exact count, layer by layer: "
          + layers.map { "\($0.name) \(Self.n($0.multiplyAdds))" }.joined(separator: " + ")
          + " = \(Self.n(exact))",
        "the formula is \(difference == 0 ? "exact" : difference > 0 ? "above the exact count by \(Self.n(difference))" : "below the exact count by \(Self.n(-difference))")",
      ] + why + ["answer: the formula gives \(Self.n(estimate)) MAdds"])
  }

  /// Σ_{j=0}^{upTo} C(m, j), exactly.
  static func binomialSum(_ m: Int, upTo: Int) -> Int {
    var term = 1, sum = 0
    for j in 0...max(0, upTo) {
      sum += term
      term = term * (m - j) / (j + 1)
    }
    return sum
  }

  mutating func theorem1Question() -> Question {
    if random.next() % 2 == 0 {
      let n = pick([2, 3, 4, 5, 6, 8, 10])
      let (p, q) = Self.reduced(1 + n, 1 << n)
      return Question(
        id: "", kind: .theorem1, model: nil, target: nil,
        prompt:
          "A 2-D manifold (Figure 1's spiral) is sent to n dimensions by a random matrix and through ReLU. "
          + "Theorem 1 (Appendix A) gives the expected share that collapses, where fewer than 2 coordinates stay "
          + "positive, as (1+n)/2ⁿ. What is it for n = \(n)? Give the fraction, a decimal or a percentage.",
        answer: .ratio(p, q),
        hint: "(1 + n)/2ⁿ: each coordinate is positive with probability ½, independently",
        solution: [
          "collapsed = [C(n,0) + C(n,1)]/2ⁿ = (1 + n)/2ⁿ", "= (1 + \(n))/2^\(n) = \(1 + n)/\(1 << n)",
          "= \(ExpectedAnswer.ratio(p, q).formatted())",
        ])
    }
    let m = pick([4, 6, 8, 10, 12, 16]), k = pick([1, 2, 3])
    let preserved = Self.binomialSum(m, upTo: m - k)
    let (p, q) = Self.reduced(preserved, 1 << m)
    return Question(
      id: "", kind: .theorem1, model: nil, target: nil,
      prompt:
        "A bottleneck expands a \(k)-dimensional manifold into m = \(m) channels and applies ReLU. By Theorem 1 "
        + "a point keeps its information when at least k = \(k) of its m coordinates are positive, a share of "
        + "N_{m,k}/2^m with N_{m,k} = Σ_{j=0}^{m−k} C(m, j). What is that share? Give the fraction, a decimal or a percentage.",
      answer: .ratio(p, q), hint: "N_{m,k}/2^m = Σ_{j=0}^{m−k} C(m, j) / 2^m",
      solution: [
        "N_{\(m),\(k)} = Σ_{j=0}^{\(m - k)} C(\(m), j) = \(preserved)",
        p == preserved
          ? "N/2^m = \(ExpectedAnswer.ratio(p, q).formatted())"
          : "N/2^m = \(preserved)/\(1 << m) = \(ExpectedAnswer.ratio(p, q).formatted())",
        "(the paper calls N/2^m the \"fraction of collapsed space\"; by its own formula it is the share kept)",
      ])
  }
}
