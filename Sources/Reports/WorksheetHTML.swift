import TermCanvas

/// The worksheet as one self-contained HTML page that prints on A4 and on Letter: each
/// question is kept whole on a page, and the answer key starts on a page of its own.
struct WorksheetHTML {
  let sheet: Worksheet
  let answers: Bool

  static func escape(_ text: String) -> String { MarkupRenderer.escape(text) }

  static let style = """
    @page { margin: 16mm 15mm; }
    body { font-family: "DejaVu Serif", Georgia, serif; font-size: 11pt; line-height: 1.4; max-width: 44em; margin: 1.5em auto; color: #111; }
    h1 { font-size: 17pt; margin: 0 0 0.2em; }
    h2 { font-size: 13pt; margin: 1.4em 0 0.6em; border-bottom: 1px solid #999; }
    .meta { color: #444; margin: 0; }
    code { font-family: "DejaVu Sans Mono", monospace; font-size: 9.5pt; }
    ul.conventions { font-size: 10pt; color: #333; padding-left: 1.2em; }
    ol.questions, ol.key { padding-left: 0; list-style: none; }
    li.question, li.answer { break-inside: avoid; page-break-inside: avoid; margin: 0 0 1.1em; padding: 0.5em 0.7em; border: 1px solid #ccc; border-radius: 4px; }
    .kind { font-weight: bold; }
    .id { color: #666; font-family: "DejaVu Sans Mono", monospace; font-size: 9pt; }
    .blank { margin: 0.6em 0 0.2em; }
    ol.options { list-style: lower-alpha; margin: 0.3em 0; }
    ol.steps { margin: 0.3em 0 0; font-family: "DejaVu Sans Mono", monospace; font-size: 9.5pt; }
    section.key { break-before: page; page-break-before: always; }
    @media screen { section.key { border-top: 3px double #999; margin-top: 2em; } }
    """

  func document() -> String {
    let e = Self.escape
    var out = [
      "<!DOCTYPE html>", "<html lang=\"en\">", "<head>", "<meta charset=\"utf-8\">",
      "<title>MobileNetV2 worksheet\(sheet.regenerable ? ", seed \(sheet.generator.seed)" : "")</title>",
      "<style>",
      Self.style, "</style>",
      "</head>", "<body>", "<header>",
      "<h1>MobileNetV2 worksheet\(answers ? " with answer key" : "")</h1>",
      "<p class=\"meta\">\(e(sheet.subtitle))</p>",
      sheet.regenerable ? "<p class=\"meta\">Regenerate: <code>\(e(sheet.command))</code></p>" : "",
      "<p class=\"meta\">Name: ______________________________</p>",
      "<ul class=\"conventions\">",
    ]
    out += Worksheet.conventions.map { "<li>\(e($0))</li>" }
    out += ["</ul>", "</header>", "<main>", "<h2>Questions</h2>", "<ol class=\"questions\">"]
    for (index, question) in sheet.questions.enumerated() {
      out.append("<li class=\"question\" id=\"q\(index + 1)\">")
      out.append(
        "<p><span class=\"kind\">\(index + 1). \(e(question.kind.title))</span> \(sheet.regenerable ? "<span class=\"id\">\(e(question.id))</span>" : "")</p>"
      )
      out.append("<p>\(e(question.prompt))</p>")
      if case .choice(let options, _) = question.answer {
        out.append("<ol class=\"options\">" + options.map { "<li>\(e($0))</li>" }.joined() + "</ol>")
      }
      out.append("<p class=\"blank\">\(e(Worksheet.blank(question)))</p>")
      out.append("</li>")
    }
    out.append("</ol>")
    if answers {
      out += ["<section class=\"key\">", "<h2>Answer key</h2>", "<ol class=\"key\">"]
      for (index, question) in sheet.questions.enumerated() {
        out.append("<li class=\"answer\" id=\"a\(index + 1)\">")
        out.append("<p><span class=\"kind\">\(index + 1). \(e(question.answer.formatted()))</span></p>")
        out.append("<p>Hint: \(e(question.hint))</p>")
        out.append("<ol class=\"steps\">" + question.solution.map { "<li>\(e($0))</li>" }.joined() + "</ol>")
        out.append("</li>")
      }
      out += ["</ol>", "</section>"]
    }
    out += ["</main>", "</body>", "</html>"]
    return out.joined(separator: "\n") + "\n"
  }
}
