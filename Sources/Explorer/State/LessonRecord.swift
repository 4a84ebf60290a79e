import Practice

/// The class's votes as `mnv2 lesson --record` writes them: a row per choice of each step
/// that asks a prediction, with its tally, whether it is the answer, and whether the answer
/// was revealed; a numeric prediction gets one row with its answer and no votes.
public enum LessonRecord {
  public static func csv(_ lesson: LessonSession, steps: [LessonStep]) -> String {
    var lines = ["step,title,question,choice,text,votes,is_answer,revealed"]
    for (index, step) in steps.enumerated() {
      guard let prediction = step.prediction else { continue }
      let revealed = lesson.revealed.contains(index) ? "yes" : "no"
      let common = [String(index + 1), step.title, prediction.question]
      if prediction.choices.isEmpty {
        lines.append(row(common + ["", prediction.answerText, "", "yes", revealed]))
        continue
      }
      let tally = lesson.tally(step: index, choices: prediction.choices.count)
      for (choice, text) in prediction.choices.enumerated() {
        let letter = String(LessonPrediction.choiceLetters[choice])
        let answer = prediction.correctChoice == choice ? "yes" : "no"
        lines.append(row(common + [letter, text, String(tally[choice]), answer, revealed]))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func row(_ fields: [String]) -> String { fields.map(CSVField.escape).joined(separator: ",") }
}
