import TermCanvas

/// Text from user files as it may be printed: every control, C1 and bidi scalar spelled out
/// (`TerminalSafe.escape`), so a name cannot move the cursor, set a title or reorder a line.
public func terminalSafe(_ text: String) -> String { TerminalSafe.escape(text) }
