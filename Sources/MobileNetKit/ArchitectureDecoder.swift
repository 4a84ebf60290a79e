/// Turns architecture JSON into an `ArchitectureSpec`, rejecting anything it does not
/// understand rather than guessing.
///
/// Unknown keys are errors because a misspelt `"stirde"` would otherwise be ignored and
/// the student would study a network that is not the one they wrote.
public enum ArchitectureDecoder {
  /// The schema identifier accepted in the optional `"schema"` key.
  public static let schemaIdentifier = "mnv2-architecture/1"

  /// Limits that keep a typo such as `"n": 1000000` from building a network too big to show.
  public static let maximumRepeats = 64
  public static let maximumStages = 256
  public static let maximumChannels = 65_536
  public static let maximumExpansion = 64
  public static let maximumStride = 8
  public static let maximumKernel = 15
  public static let maximumNameLength = 80

  public static func decode(_ text: String, source: String) throws(ArchitectureError) -> ArchitectureSpec {
    let root: JSONValue
    do {
      root = try JSONParser.parse(text)
    } catch {
      throw ArchitectureError(
        source: source, line: error.line, path: "", message: "not valid JSON: \(error.message)")
    }
    let reader = Reader(source: source)
    let members = try reader.object(root, path: "")
    try reader.rejectUnknownKeys(
      members, allowed: ["schema", "name", "reference", "input_channels", "stages"], path: "", line: root.line
    )
    if let schema = members.first(where: { $0.key == "schema" })?.value {
      let value = try reader.string(schema, path: "schema")
      guard value == schemaIdentifier else {
        throw reader.error(
          schema, "schema", "unsupported schema \"\(value)\", expected \"\(schemaIdentifier)\"")
      }
    }
    let name = try reader.string(
      try reader.required("name", in: members, path: "", line: root.line), path: "name")
    guard !name.isEmpty, name.count <= maximumNameLength else {
      throw reader.error(root, "name", "must be 1 to \(maximumNameLength) characters")
    }
    var reference: String?
    if let member = members.first(where: { $0.key == "reference" }) {
      reference = try reader.string(member.value, path: "reference")
    }
    let inputChannels = try reader.integer(
      try reader.required("input_channels", in: members, path: "", line: root.line), path: "input_channels",
      range: 1...maximumChannels)
    let stagesValue = try reader.required("stages", in: members, path: "", line: root.line)
    guard case .array(let elements, _) = stagesValue else {
      throw reader.error(stagesValue, "stages", "expected an array of rows, got \(stagesValue.kindName)")
    }
    guard !elements.isEmpty else { throw reader.error(stagesValue, "stages", "must list at least one row") }
    guard elements.count <= maximumStages else {
      throw reader.error(
        stagesValue, "stages", "has \(elements.count) rows; at most \(maximumStages) are allowed")
    }
    var stages: [ArchitectureSpec.Stage] = []
    for (index, element) in elements.enumerated() {
      stages.append(try reader.stage(element, path: "stages[\(index)]"))
    }
    try validateOrder(stages, source: source)
    return ArchitectureSpec(
      name: name, reference: reference ?? "user file \(source)", inputChannels: inputChannels, stages: stages)
  }

  /// Pooling collapses the feature map to 1×1, so only the classifier may follow it,
  /// and the classifier must be the final row.
  private static func validateOrder(_ stages: [ArchitectureSpec.Stage], source: String)
    throws(ArchitectureError)
  {
    var pooled = false
    for (index, stage) in stages.enumerated() {
      let path = "stages[\(index)].op"
      switch stage.op {
      case .avgpool:
        if pooled {
          throw ArchitectureError(source: source, line: stage.line, path: path, message: "a second avgpool")
        }
        pooled = true
      case .classifier:
        guard index == stages.count - 1 else {
          throw ArchitectureError(
            source: source, line: stage.line, path: path, message: "the classifier must be the last row")
        }
      default:
        if pooled {
          throw ArchitectureError(
            source: source, line: stage.line, path: path,
            message: "\(stage.op.rawValue) after avgpool; only a classifier may follow pooling")
        }
      }
    }
    let lastConvs = stages.filter(\.isLastConv)
    if lastConvs.count > 1 {
      throw ArchitectureError(
        source: source, line: lastConvs[1].line, path: "", message: "only one row may set \"last\": true")
    }
  }
}

/// Reads typed fields out of `JSONValue`s and produces located errors.
private struct Reader {
  let source: String

  func error(_ value: JSONValue, _ path: String, _ message: String) -> ArchitectureError {
    ArchitectureError(source: source, line: value.line, path: path, message: message)
  }

  func object(_ value: JSONValue, path: String) throws(ArchitectureError) -> [(key: String, value: JSONValue)]
  {
    guard case .object(let members, _) = value else {
      throw error(value, path, "expected an object, got \(value.kindName)")
    }
    return members
  }

  func required(
    _ key: String, in members: [(key: String, value: JSONValue)], path: String, line: Int
  ) throws(ArchitectureError) -> JSONValue {
    guard let member = members.first(where: { $0.key == key }) else {
      let full = path.isEmpty ? key : "\(path).\(key)"
      throw ArchitectureError(source: source, line: line, path: full, message: "missing required field")
    }
    return member.value
  }

  func rejectUnknownKeys(
    _ members: [(key: String, value: JSONValue)], allowed: [String], path: String, line: Int
  ) throws(ArchitectureError) {
    for member in members where !allowed.contains(member.key) {
      let full = path.isEmpty ? member.key : "\(path).\(member.key)"
      throw ArchitectureError(
        source: source, line: member.value.line, path: full,
        message: "unknown field; allowed here: \(allowed.joined(separator: ", "))")
    }
  }

  func string(_ value: JSONValue, path: String) throws(ArchitectureError) -> String {
    guard case .string(let text, _) = value else {
      throw error(value, path, "expected a string, got \(value.kindName)")
    }
    return text
  }

  func bool(_ value: JSONValue, path: String) throws(ArchitectureError) -> Bool {
    guard case .bool(let flag, _) = value else {
      throw error(value, path, "expected true or false, got \(value.kindName)")
    }
    return flag
  }

  func integer(_ value: JSONValue, path: String, range: ClosedRange<Int>) throws(ArchitectureError) -> Int {
    guard case .number(let number, let literal, _) = value else {
      throw error(value, path, "expected an integer, got \(value.kindName)")
    }
    guard number.rounded() == number, abs(number) < 1e15 else {
      throw error(value, path, "expected an integer, got \(literal)")
    }
    let integer = Int(number)
    guard range.contains(integer) else {
      throw error(value, path, "must be between \(range.lowerBound) and \(range.upperBound), got \(literal)")
    }
    return integer
  }

  func stage(_ value: JSONValue, path: String) throws(ArchitectureError) -> ArchitectureSpec.Stage {
    let members = try object(value, path: path)
    let opValue = try required("op", in: members, path: path, line: value.line)
    let opName = try string(opValue, path: "\(path).op")
    guard let op = StageOperator(rawValue: opName) else {
      let known = StageOperator.allCases.map(\.rawValue).joined(separator: ", ")
      throw error(opValue, "\(path).op", "unknown operator \"\(opName)\"; expected one of \(known)")
    }
    let allowed: [String]
    switch op {
    case .conv2d: allowed = ["op", "kernel", "c", "n", "s", "last"]
    case .bottleneck: allowed = ["op", "kernel", "t", "c", "n", "s"]
    case .separable: allowed = ["op", "kernel", "c", "n", "s"]
    case .avgpool, .classifier: allowed = ["op"]
    }
    try rejectUnknownKeys(members, allowed: allowed, path: path, line: value.line)

    func int(_ key: String, default fallback: Int?, range: ClosedRange<Int>) throws(ArchitectureError) -> Int
    {
      if let member = members.first(where: { $0.key == key }) {
        return try integer(member.value, path: "\(path).\(key)", range: range)
      }
      if let fallback { return fallback }
      throw ArchitectureError(
        source: source, line: value.line, path: "\(path).\(key)", message: "missing required field")
    }

    var stage = ArchitectureSpec.Stage(op: op, line: value.line)
    switch op {
    case .conv2d, .bottleneck, .separable:
      stage.kernel = try int("kernel", default: 3, range: 1...ArchitectureDecoder.maximumKernel)
      stage.channels = try int("c", default: nil, range: 1...ArchitectureDecoder.maximumChannels)
      stage.repeats = try int("n", default: 1, range: 1...ArchitectureDecoder.maximumRepeats)
      stage.stride = try int("s", default: 1, range: 1...ArchitectureDecoder.maximumStride)
      if op == .bottleneck {
        stage.expansion = try int("t", default: nil, range: 1...ArchitectureDecoder.maximumExpansion)
      }
      if op == .conv2d, let last = members.first(where: { $0.key == "last" }) {
        stage.isLastConv = try bool(last.value, path: "\(path).last")
      }
    case .avgpool, .classifier:
      break
    }
    return stage
  }
}
