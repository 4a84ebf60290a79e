/// A parsed JSON value that remembers the line it started on.
///
/// Foundation's decoders report a coding path but not a line, and a teacher editing an
/// architecture file by hand needs both to find a mistake, so `--arch` files go through
/// this small parser instead.
public indirect enum JSONValue: Equatable, Sendable {
  case null(line: Int)
  case bool(Bool, line: Int)
  case number(Double, literal: String, line: Int)
  case string(String, line: Int)
  case array([JSONValue], line: Int)
  /// Members keep their file order so that errors can be reported in reading order.
  case object([(key: String, value: JSONValue)], line: Int)

  public var line: Int {
    switch self {
    case .null(let line), .bool(_, let line), .number(_, _, let line), .string(_, let line),
      .array(_, let line), .object(_, let line):
      return line
    }
  }

  /// A short name for the kind of value, used in "expected X, got Y" messages.
  public var kindName: String {
    switch self {
    case .null: return "null"
    case .bool: return "a boolean"
    case .number: return "a number"
    case .string: return "a string"
    case .array: return "an array"
    case .object: return "an object"
    }
  }

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): return true
    case (.bool(let a, _), .bool(let b, _)): return a == b
    case (.number(let a, _, _), .number(let b, _, _)): return a == b
    case (.string(let a, _), .string(let b, _)): return a == b
    case (.array(let a, _), .array(let b, _)): return a == b
    case (.object(let a, _), .object(let b, _)):
      return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    default: return false
    }
  }
}
