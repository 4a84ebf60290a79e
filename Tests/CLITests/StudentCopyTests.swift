import Foundation
import Testing

/// Copies to hand to students: a lesson handout that asks each prediction without printing
/// the figure or the answer that gives it away, and worksheets without the line that
/// regenerates their key. Before, the only handout followed each question with its answer.
@Suite struct StudentCopyTests {
  @Test(arguments: ["text", "markdown"])
  func theStudentsHandoutAsksAndDoesNotTell(format: String) throws {
    let students = try BinaryRunner.run(["lesson", "--print", "--for", "students", "--format", format])
    let teachers = try BinaryRunner.run(["lesson", "--print", "--format", format])
    #expect(students.status == 0 && teachers.status == 0, "\(students.stderr)")
    // The six bundled predictions, each with room to answer; no answers anywhere.
    #expect(students.stdout.components(separatedBy: "Your choice: ( )").count - 1 == 6)
    #expect(students.stdout.components(separatedBy: "Why: ").count - 1 == 6)
    #expect(!students.stdout.contains("Answers to the predictions"))
    #expect(teachers.stdout.contains("Answers to the predictions"))
    // Step 2's Figure 1 answers its question (n = 15 recovers): the students' copy leaves it out.
    #expect(teachers.stdout.contains("coll 45.6%") && !students.stdout.contains("coll 45.6%"))
    #expect(students.stdout.contains("The figure that answers this is shown in class"))
    // Steps without a prediction keep their figures (step 1's costs, step 9's Figure 6).
    #expect(
      students.stdout.contains("10,838,016 MAdds") && students.stdout.contains("Figure 6a in miniature"))
  }

  @Test(arguments: ["text", "markdown", "html"])
  func aStudentWorksheetCannotBeRegenerated(format: String) throws {
    let sheet = try BinaryRunner.run([
      "quiz", "--print", "--count", "5", "--seed", "2018", "--format", format, "--no-regenerate-line",
    ])
    #expect(sheet.status == 0, "\(sheet.stderr)")
    #expect(
      !sheet.stdout.contains("Regenerate") && !sheet.stdout.contains("2018"), "\(sheet.stdout.prefix(400))")
    let usual = try BinaryRunner.run([
      "quiz", "--print", "--count", "5", "--seed", "2018", "--format", format,
    ])
    #expect(usual.stdout.contains("Regenerate") && usual.stdout.contains("seed 2018"))
  }

  @Test(arguments: [
    (["lesson", "--for", "students"], "--format, --columns and --for go with --print"),
    (["lesson", "--print", "--for", "parents"], "--for"),
    (["quiz", "--no-regenerate-line"], "--no-regenerate-line go with --print"),
  ])
  func misplacedFlagsSayWhere(arguments: [String], fragment: String) throws {
    let run = try BinaryRunner.run(arguments)
    #expect(run.status == 64, "\(arguments): \(run.stderr)")
    #expect(run.stderr.contains(fragment) && run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
  }
}
