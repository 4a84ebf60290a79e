import TermCanvas
import Testing

@testable import Explorer

/// `mnv2 lesson --record`: the class's votes, a row per choice, the answer and the reveal.
@Suite struct LessonRecordTests {
  @Test func votesHeadcountsAndTheRevealAreRecorded() throws {
    var state = ExplorerState(lessonStep: 1)
    for key in [Key.character("1"), .character("2"), .character("c"), .character("a"), .character("v")] {
      _ = ExplorerReducer.reduce(&state, key: key)
    }
    let lesson = try #require(state.lessonForRecord)
    let rows = LessonRecord.csv(lesson, steps: state.lessonSteps).split(separator: "\n").map(String.init)
    #expect(rows.first == "step,title,question,choice,text,votes,is_answer,revealed")
    // Step 2 has four choices, n = 3, 5, 15 and 30; (c) 15 is the answer.
    let step2 = rows.filter { $0.hasPrefix("2,") }
    #expect(step2.count == 4)
    #expect(step2[0].hasSuffix(",a,3,1,no,yes"), "\(step2[0])")
    #expect(step2[2].hasSuffix(",c,15,12,yes,yes"), "\(step2[2])")
    // Every predicting step is in the record, voted on or not; steps 3–6 and 10 unrevealed.
    #expect(rows.filter { $0.hasPrefix("3,") }.allSatisfy { $0.hasSuffix(",no") })
    #expect(Set(rows.dropFirst().map { $0.prefix(3) }) == ["2,T", "3,L", "4,I", "5,T", "6,T", "10,"])
  }
}
