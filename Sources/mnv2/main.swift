import ArgumentParser
import AtomicFile
import CEndingSignals
import Foundation
import TermCanvas

/// Every failure leaves as one line on stderr and a sysexits code: 64 for a bad command
/// line, 65 for bad data in a file. ArgumentParser's own multi-line usage dump is kept
/// for `--help`, where it is asked for.
// Ctrl-\ (SIGQUIT) ends any command at once with 128 + 3, as the terminal means it to, not
// after Swift's backtracer has spent half a minute writing a crash report.
// A parent may also have left it blocked (test runners' threads do), which would hold it off.
// A parent that ignores it is obeyed (docs/reference.md): the runtime keeps an inherited
// SIG_IGN, so the disposition seen here is still the parent's.
if mnv2_signal_is_ignored(SIGQUIT) == 0 { signal(SIGQUIT, SIG_DFL) }
var quitOnly = sigset_t()
sigemptyset(&quitOnly)
sigaddset(&quitOnly, SIGQUIT)
sigprocmask(SIG_UNBLOCK, &quitOnly, nil)

// `mnv2 help nosuch` would print the root help and exit 0; a typo is an error.
let commandNames = MNV2.configuration.subcommands.compactMap { $0.configuration.commandName }
if CommandLine.arguments.count >= 3, CommandLine.arguments[1] == "help",
  !commandNames.contains(CommandLine.arguments[2])
{
  let asked = TerminalSafe.escape(CommandLine.arguments[2])
  FileHandle.standardError.write(
    Data("mnv2: error: no command '\(asked)'; one of \(commandNames.joined(separator: ", "))\n".utf8))
  exit(64)
}

do {
  // The arguments with any bytes that are not UTF-8 kept, so a path names its own file.
  var command = try MNV2.parseAsRoot(Array(PathBytes.arguments.dropFirst()))
  try command.run()
} catch let error as UnavailableError {
  FileHandle.standardError.write(
    Data("mnv2: \(TerminalSafe.escape(PathBytes.spelled(error.message)))\n".utf8))
  exit(69)
} catch let error as CannotCreateError {
  FileHandle.standardError.write(
    Data("mnv2: error: \(TerminalSafe.escape(PathBytes.spelled(error.message)))\n".utf8))
  exit(73)
} catch let error as DataError {
  FileHandle.standardError.write(
    Data("mnv2: error: \(TerminalSafe.escape(PathBytes.spelled(error.message)))\n".utf8))
  exit(65)
} catch {
  let code = MNV2.exitCode(for: error)
  if code == .success || error is CleanExit {
    MNV2.exit(withError: error)
  }
  let message =
    MNV2.message(for: error)
    .split(separator: "\n").first.map(String.init) ?? "unknown error"
  let usageCode: Int32 = code == .validationFailure || error is ValidationError ? 64 : code.rawValue
  let subcommands = MNV2.configuration.subcommands.compactMap { $0.configuration.commandName }
  let arguments = CommandLine.arguments.dropFirst()
  let helpCommand =
    arguments.first.flatMap { subcommands.contains($0) ? "mnv2 \($0) --help" : nil } ?? "mnv2 --help"
  FileHandle.standardError.write(
    Data("mnv2: error: \(TerminalSafe.escape(PathBytes.spelled(message))) (see '\(helpCommand)')\n".utf8))
  exit(usageCode)
}
