import Testing

@testable import MobileNetKit

/// The grammar of RFC 8259, one rule at a time, with the line each error names.
@Suite struct JSONParserTests {
  func string(_ json: String) throws -> String {
    guard case .string(let value, _) = try JSONParser.parse(json) else { throw Unexpected() }
    return value
  }

  func number(_ json: String) throws -> Double {
    guard case .number(let value, _, _) = try JSONParser.parse(json) else { throw Unexpected() }
    return value
  }

  func error(_ json: String) -> JSONSyntaxError? {
    do {
      _ = try JSONParser.parse(json)
      return nil
    } catch {
      return error
    }
  }

  struct Unexpected: Error {}

  @Test func everySimpleEscape() throws {
    #expect(try string(#""\" \\ \/ \b \f \n \r \t""#) == "\" \\ / \u{08} \u{0C} \n \r \t")
  }

  @Test func unicodeEscapesIncludingSurrogatePairs() throws {
    #expect(try string(#""\u0041\u00e9\u2192""#) == "Aé→")
    #expect(try string(#""\uD83D\uDE00""#) == "😀")  // U+1F600 as a UTF-16 pair
    #expect(try string(#""\ud834\udd1e""#) == "𝄞")  // lower-case hex
    #expect(try string("\"naïve ✓\"") == "naïve ✓")  // raw UTF-8 passes through
  }

  @Test func badEscapesAndSurrogatesAreErrors() {
    #expect(error(#""\uD83D""#)?.message == "unpaired surrogate in \\u escape")
    #expect(error(#""\uD83Dx""#)?.message == "unpaired surrogate in \\u escape")
    #expect(error(#""\uD83D\u0041""#)?.message == "unpaired surrogate in \\u escape")
    #expect(error(#""\uDE00""#)?.message == "invalid \\u escape")  // a lone low surrogate
    #expect(error(#""\u12G4""#)?.message == "invalid hex digit in \\u escape")
    #expect(error(#""\u12"#)?.message == "truncated \\u escape")
    #expect(error(#""\x41""#)?.message == "invalid escape '\\x' in string")
    #expect(error("\"tab\there\"")?.message == "raw control character in string; escape it as \\u00XX")
    #expect(error("\"open")?.message == "unterminated string")
    #expect(error("\"line\nbreak\"")?.message == "unterminated string (raw newline inside quotes)")
  }

  @Test func numbersFollowTheGrammar() throws {
    #expect(try number("0") == 0)
    #expect(try number("-0") == 0)
    #expect(try number("12.5") == 12.5)
    #expect(try number("1e3") == 1000)
    #expect(try number("1E+3") == 1000)
    #expect(try number("-2.5e-2") == -0.025)
    for bad in ["01", "-", "1.", ".5", "1e", "1e+", "+1", "0x10"] {
      #expect(error(bad) != nil, "\(bad) must be rejected")
    }
    #expect(error("01")?.message == "numbers must not have leading zeros")
    #expect(error("1e400")?.message == "number 1e400 is out of range")
  }

  @Test func duplicateKeysAreErrorsWithTheirLine() {
    let json = "{\n  \"a\": 1,\n  \"b\": 2,\n  \"a\": 3\n}"
    #expect(error(json) == JSONSyntaxError(line: 4, message: "duplicate key \"a\""))
    // The same key in different objects is fine.
    #expect(error(#"{"a": {"a": 1}, "b": [{"a": 2}, {"a": 3}]}"#) == nil)
  }

  @Test func structureErrorsNameTheirLine() {
    #expect(error("[1,\n2,\n]") == JSONSyntaxError(line: 3, message: "trailing comma before ']'"))
    #expect(error("{\"a\": 1,}")?.message == "trailing comma before '}'")
    #expect(error("// hi\n{}")?.message == "comments are not allowed in JSON")
    #expect(error("{'a': 1}")?.message == "unexpected ''', expected a quoted key")
    #expect(error("['a']")?.message == "strings must use double quotes")
    #expect(error("{} {}")?.message == "unexpected '{' after the top-level value")
    #expect(error("")?.message == "unexpected end of file, expected a value")
    #expect(error(String(repeating: "[", count: 65) + String(repeating: "]", count: 65)) != nil)
    #expect(error(String(repeating: "[", count: 63) + String(repeating: "]", count: 63)) == nil)
  }

  @Test func valuesKeepTheirLinesAndOrder() throws {
    let value = try JSONParser.parse("{\n\"z\": true,\n\"a\": [null,\n false]\n}")
    guard case .object(let members, let line) = value else { throw Unexpected() }
    #expect(line == 1)
    #expect(members.map(\.key) == ["z", "a"])
    #expect(members[0].value == .bool(true, line: 2) && members[0].value.line == 2)
    guard case .array(let items, _) = members[1].value else { throw Unexpected() }
    #expect(items.map(\.line) == [3, 4])
  }
}
