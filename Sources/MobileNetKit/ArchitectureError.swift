/// A problem in an architecture file, with enough location to fix it by hand.
public struct ArchitectureError: Error, Equatable, CustomStringConvertible {
  /// The file name as the user gave it, or the bundled asset's name.
  public var source: String
  public var line: Int?
  /// A JSON path such as `stages[2].c`, empty for file-level problems.
  public var path: String
  public var message: String

  public init(source: String, line: Int?, path: String, message: String) {
    self.source = source
    self.line = line
    self.path = path
    self.message = message
  }

  public var description: String {
    var location = source
    if let line { location += ":\(line)" }
    let field = path.isEmpty ? "" : "\(path): "
    return "\(location): \(field)\(message)"
  }
}
