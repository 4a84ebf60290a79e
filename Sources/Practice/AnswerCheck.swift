import MobileNetKit

/// What a typed answer is: right (perhaps with a note on how it was read), wrong, or not
/// in a form that can be read, with one line saying what form is expected. Never a trap,
/// and never a guess: an answer that could mean two things is not taken.
public enum AnswerCheck: Equatable, Sendable {
  case correct(note: String?)
  case wrong
  /// One line, with nothing of the input in it (so no byte of it reaches the terminal).
  case unreadable(String)
}

/// Reads what people type: `10838016`, `10,838,016`, `10_838_016`; `56x56x24`, `56×56×24`,
/// `24×56×56`, `[1, 24, 56, 56]`; `72/11`, `6.55`, `18.75%`; an option, its letter or number.
public enum AnswerParser {
  public static let maximumLength = 200

  public static func check(_ input: String, against expected: ExpectedAnswer) -> AnswerCheck {
    let text = input.trimmingWhitespace
    guard !text.isEmpty else { return .unreadable("Type an answer first: \(form(of: expected)).") }
    guard text.count <= maximumLength,
      text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F })
    else { return .unreadable("Expected \(form(of: expected)).") }
    switch expected {
    case .count(let value, let unit): return checkCount(text, value: value, unit: unit)
    case .shape(let shape): return checkShape(text, shape: shape)
    case .ratio(let numerator, let denominator): return checkRatio(text, numerator, denominator)
    case .choice(let options, let correct): return checkChoice(text, options: options, correct: correct)
    }
  }

  /// The form an answer takes, for the one-line message.
  public static func form(of expected: ExpectedAnswer) -> String {
    switch expected {
    case .count: return "a whole number such as 10838016, 10,838,016 or 10_838_016"
    case .shape: return "a shape such as 56x56x24, 56×56×24 (H×W×C) or [1, 24, 56, 56] (N, C, H, W)"
    case .ratio:
      return
        "a fraction such as 72/11, a decimal with at least 2 significant digits such as 6.55 or 0.011, or a percentage such as 18.75%"
    case .choice(let options, _):
      let listed = options.enumerated().map { "(\(letters[$0.offset])) \($0.element)" }.joined(
        separator: ", ")
      return "one of \(listed), or its letter"
    }
  }

  public static let letters: [Character] = ["a", "b", "c", "d", "e", "f"]

  /// A whole number, optionally grouped by `,` or `_` in threes, optionally followed by its unit.
  public static func wholeNumber(_ text: String, unit: String? = nil) -> Int? {
    var body = Substring(text)
    if let unit {
      let lower = text.lowercased()
      for word in unitWords(unit) where lower.hasSuffix(word) {
        body = body.dropLast(word.count)
        break
      }
      body = Substring(String(body).trimmingWhitespace)
    }
    guard let first = body.first, first.isASCII, first.isNumber else { return nil }
    let separators: Set<Character> = [",", "_", " "]
    let used = Set(body.filter { separators.contains($0) })
    guard used.count <= 1 else { return nil }
    if let separator = used.first {
      let groups = body.split(separator: separator, omittingEmptySubsequences: false)
      guard let head = groups.first, (1...3).contains(head.count),
        groups.dropFirst().allSatisfy({ $0.count == 3 })
      else { return nil }
    }
    let digits = body.filter { !separators.contains($0) }
    guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
      return nil
    }
    return Int(digits)
  }

  static func unitWords(_ unit: String) -> [String] {
    switch unit {
    case "MAdds": return ["madds", "madd", "mac", "macs"]
    case "params": return ["parameters", "params"]
    case "bytes": return ["bytes", "byte", "b"]
    case "channels": return ["channels"]
    default: return [unit.lowercased()]
    }
  }

  static func checkCount(_ text: String, value: Int, unit: String) -> AnswerCheck {
    guard let number = wholeNumber(text, unit: unit) else {
      return .unreadable("Expected \(form(of: .count(0, unit: unit))).")
    }
    return number == value ? .correct(note: nil) : .wrong
  }

  /// The numbers of a shape: `56x56x24`, `56 × 56 × 24`, `56*56*24`, `[1, 24, 56, 56]`, `(56, 56, 24)`.
  static func shapeNumbers(_ text: String) -> (numbers: [Int], bracketed: Bool)? {
    var body = Substring(text)
    var bracketed = false
    if let first = body.first, let last = body.last,
      (first == "[" && last == "]") || (first == "(" && last == ")")
    {
      body = body.dropFirst().dropLast()
      bracketed = true
    }
    let commas = !bracketed && body.contains(",") && !body.contains { "xX×*".contains($0) }
    let separators: Set<Character> = bracketed || commas ? [","] : ["x", "X", "×", "*"]
    let parts = body.split(omittingEmptySubsequences: false) { separators.contains($0) }
    let numbers = parts.map { String($0).trimmingWhitespace }.map { part -> Int? in
      guard !part.isEmpty, part.count <= 9, part.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
      return Int(part)
    }
    guard numbers.allSatisfy({ $0 != nil }) else { return nil }
    return (numbers.map { $0! }, bracketed)
  }

  static func checkShape(_ text: String, shape: TensorShape) -> AnswerCheck {
    let message = AnswerCheck.unreadable("Expected \(form(of: .shape(shape))).")
    guard let parsed = shapeNumbers(text) else { return message }
    var numbers = parsed.numbers
    if numbers.count == 4 {
      guard numbers[0] == 1 else {
        return .unreadable("A 4-number shape is [N, C, H, W] for one image, so N = 1, as in [1, 24, 56, 56].")
      }
      numbers.removeFirst()
    }
    guard numbers.count == 3 else { return message }
    let (a, b, c) = (numbers[0], numbers[1], numbers[2])
    // Feature maps here are square, so H = W says where the channels are: last (H×W×C, the
    // paper's order) or first (C×H×W, PyTorch's).
    if a == b {
      return TensorShape(a, b, c) == shape ? .correct(note: nil) : .wrong
    }
    if b == c {
      return TensorShape(b, c, a) == shape
        ? .correct(note: "read as C×H×W (PyTorch's order); the paper writes H×W×C") : .wrong
    }
    return .wrong
  }

  static func checkRatio(_ text: String, _ p: Int, _ q: Int) -> AnswerCheck {
    let message = AnswerCheck.unreadable("Expected \(form(of: .ratio(p, q))).")
    let exact = Double(p) / Double(q)
    if text.contains("/") {
      let parts = text.split(separator: "/", omittingEmptySubsequences: false).map {
        String($0).trimmingWhitespace
      }
      guard parts.count == 2, let a = wholeNumber(parts[0]), let b = wholeNumber(parts[1]), b > 0 else {
        return message
      }
      let (x, y) = (a.multipliedReportingOverflow(by: q), b.multipliedReportingOverflow(by: p))
      guard !x.overflow, !y.overflow else { return message }
      return x.partialValue == y.partialValue ? .correct(note: nil) : .wrong
    }
    var body = text
    var percent = false
    if body.hasSuffix("%") {
      body = String(body.dropLast()).trimmingWhitespace
      percent = true
    }
    guard let (value, decimals, significant) = decimal(body) else { return message }
    let target = percent ? exact * 100 : exact
    let rounded = NumberFormatting.fixed(target, decimals: decimals)
    if Double(rounded) == value {
      guard value == target || significant >= 2 else { return message2(p, q) }
      // 1.00 for 1023/1024, or 100% for 99.9%: the rounding hides the very difference asked.
      guard value == target || value != value.rounded() || [0, 1, 100].allSatisfy({ value != $0 }) else {
        return .unreadable(
          "That rounds to a whole number the answer is not: give more decimal places, or the exact fraction.")
      }
      return .correct(note: nil)
    }
    return significant >= 2 || decimals >= 2 ? .wrong : message2(p, q)
  }

  static func message2(_ p: Int, _ q: Int) -> AnswerCheck {
    .unreadable("Give at least 2 significant digits (6.5 or 6.55, not 7), or the exact fraction.")
  }

  /// A plain decimal: its value, its number of places and of significant digits.
  static func decimal(_ text: String) -> (Double, Int, Int)? {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count), parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
      !(parts[0].isEmpty && (parts.count == 1 || parts[1].isEmpty)), text.count <= 20,
      let value = Double(text)
    else { return nil }
    let decimals = parts.count == 2 ? parts[1].count : 0
    let significant = String(text.filter { $0 != "." }.drop { $0 == "0" }).count
    return (value, decimals, significant)
  }

  static func checkChoice(_ text: String, options: [String], correct: Int) -> AnswerCheck {
    var lower = text.lowercased()
    // "(a)", as the options are printed.
    if lower.count == 3, lower.first == "(", lower.last == ")" {
      lower = String(lower.dropFirst().dropLast())
    }
    var chosen: Int?
    if let index = options.firstIndex(where: { $0.lowercased() == lower }) {
      chosen = index
    } else if lower.count == 1, let letter = lower.first, let index = letters.firstIndex(of: letter),
      index < options.count
    {
      chosen = index
    } else if let number = Int(lower), (1...options.count).contains(number) {
      chosen = number - 1
    } else if options == ["yes", "no"], ["y", "n"].contains(lower) {
      chosen = lower == "y" ? 0 : 1
    }
    guard let chosen else { return .unreadable("Expected \(form(of: .choice(options, correct: correct))).") }
    return chosen == correct ? .correct(note: nil) : .wrong
  }
}

extension String {
  var trimmingWhitespace: String {
    String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
  }
}
