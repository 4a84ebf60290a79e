import Testing

/// The shape every refusal must have: the given exit status, exactly one line on stderr
/// starting "mnv2: error: " and naming the problem, and nothing on stdout.
func expectOneLineError(_ arguments: [String], status: Int32, mentioning fragment: String) throws {
  let result = try BinaryRunner.run(arguments)
  #expect(result.status == status, "\(arguments): status \(result.status), stderr \(result.stderr)")
  let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
  #expect(lines.count == 1, "\(arguments): \(result.stderr)")
  #expect(result.stderr.hasPrefix("mnv2: error: "), "\(arguments): \(result.stderr)")
  #expect(result.stderr.contains(fragment), "\(arguments): \(result.stderr)")
  #expect(result.stdout.isEmpty, "\(arguments): \(result.stdout)")
}
