import TermCanvas

/// A lesson prediction on screen: before the reveal, the question and the class's votes as
/// bars in place of the figure; after it, the answer and the tally in a few lines.
enum PredictionPanel {
  static func render(_ prediction: LessonPrediction, tally: [Int], theme: Theme, width: Int, height: Int)
    -> Canvas
  {
    var canvas = Canvas(width: width, height: height)
    guard width > 10, height > 0 else { return canvas }
    var y = 0
    func put(_ text: String, style: CellStyle = .plain, x: Int = 0) {
      guard y < height else { return }
      canvas.write(text.replacingUnicode(theme), x: x, y: y, style: style, maxWidth: width - x)
      y += 1
    }
    put("Predict first:", style: theme.heading)
    for line in Canvas.wrap(prediction.question, width: width - 2) { put(line, style: theme.heading, x: 2) }
    y += 1
    if prediction.choices.isEmpty {
      put("Write your number down; v reveals it.", x: 2)
    } else {
      let label = prediction.choices.map(\.count).max() ?? 0
      let total = tally.reduce(0, +)
      // The figures keep their room whatever the counts ("200 100%" is nine columns, where
      // eight were kept): the bars share what is left, on one scale.
      let figuresWidth =
        tally.map { " \($0)" + (total == 0 ? "" : " \(percent($0, of: total))%") }.map(\.count).max() ?? 0
      let room = max(1, width - 2 - 4 - label - 2 - figuresWidth)
      let most = max(1, tally.max() ?? 0)
      for (index, choice) in prediction.choices.enumerated() {
        let count = tally[index]
        let bar = String(
          repeating: theme.unicode ? "█" : "#", count: count == 0 ? 0 : max(1, count * room / most))
        let share = total == 0 ? "" : " \(percent(count, of: total))%"
        let text =
          "(\(LessonPrediction.choiceLetters[index])) "
          + choice.padding(toLength: label, withPad: " ", startingAt: 0)
        canvas.mark(Rect(x: 0, y: y, width: width, height: 1), as: .choice(index))
        var x = 2 + canvas.write(text.replacingUnicode(theme), x: 2, y: y, style: .plain, maxWidth: width - 2)
        x += canvas.write("  ", x: x, y: y)
        x += canvas.write(bar, x: x, y: y, style: theme.bar, maxWidth: max(0, width - x - figuresWidth))
        canvas.write(" \(count)\(share)", x: x, y: y, maxWidth: max(0, width - x))
        y += 1
      }
      y += 1
      put(
        "\(total) vote\(total == 1 ? "" : "s"). The figure appears with the answer.", style: theme.dim, x: 2)
    }
    return canvas
  }

  /// A whole percentage, rounded half up: 2 of 3 is 67%.
  static func percent(_ count: Int, of total: Int) -> Int { (count * 200 + total) / (2 * total) }

  /// "Answer: (a) linear · class: a 12, b 5 (70% right)" and, with `withReason`, the reveal.
  static func revealLines(_ prediction: LessonPrediction, tally: [Int], theme: Theme, withReason: Bool)
    -> [String]
  {
    var first = "Answer: \(prediction.answerText)"
    if let correct = prediction.correctChoice {
      let total = tally.reduce(0, +)
      if total > 0 {
        let votes = tally.enumerated().map { "\(LessonPrediction.choiceLetters[$0.offset]) \($0.element)" }
        first +=
          " \(theme.dot) class: " + votes.joined(separator: ", ")
          + " (\(percent(tally[correct], of: total))% right)"
      } else {
        first += " \(theme.dot) no votes"
      }
    }
    return withReason ? [first, prediction.reveal] : [first]
  }
}
