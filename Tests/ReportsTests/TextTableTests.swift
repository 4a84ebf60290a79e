import Testing

@testable import Reports

@Suite struct TextTableTests {
  let table = TextTable(
    columns: [.init("Name"), .init("Value", .right)], rows: [["a", "1"], ["long, name", "22"]],
    footerRows: [["Total", "23"]])

  @Test func alignsColumns() {
    #expect(
      table.renderText(rule: "-") == """
        Name        Value
        -----------------
        a               1
        long, name     22
        -----------------
        Total          23

        """)
  }

  @Test func csvQuotesAndOmitsFooter() {
    #expect(table.renderCSV() == "Name,Value\na,1\n\"long, name\",22\n")
  }

  @Test func markdownAlignsNumbersRight() {
    #expect(table.renderMarkdown().hasPrefix("| Name | Value |\n|---|---:|\n"))
  }
}
