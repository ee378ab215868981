import Foundation

/// Turns the lines of an extracted plan into a `DraftPlan`, by the rules of the editor's guide.
///
/// The document is cut into its parts first: the header (up to the KẾ HOẠCH / HƯỚNG DẪN line), the trích
/// yếu, the body, the closing (Nơi nhận and the signature) and the phụ lục. Each part has its recogniser;
/// this type finds the parts and then fills in what the header did not print, from the rest of the text.
struct PlanRecognizer {
    let path: String
    let method: ExtractionMethod
    /// The extracted text's lines, page furniture and noise taken off.
    var lines: [SourceLine]
    var draft = DraftPlan()

    /// The document types a plan can be, as printed above the trích yếu.
    static let types: [(printed: String, code: String)] = [("KẾ HOẠCH", "ke-hoach"), ("HƯỚNG DẪN", "huong-dan")]

    init(path: String, method: ExtractionMethod, lines: ImportLines) {
        self.path = path
        self.method = method
        self.lines = lines.lines
        draft.dropped = lines.dropped
    }

    mutating func recognize() throws(Diagnostic) -> DraftPlan {
        guard let typeIndex = findTypeLine() else {
            throw .error(path, "this does not look like a plan: no KẾ HOẠCH or HƯỚNG DẪN heading in its first \(Self.headerWindow) lines",
                         hint: "plansite import reads Kế hoạch and Hướng dẫn; check that the file is the plan, or add the plan by hand with `plansite new plan`")
        }
        let appendixIndex = findAppendix(after: typeIndex)
        let closingIndex = findClosing(after: typeIndex, before: appendixIndex ?? lines.count)
        let vocabulary = ImportText.vocabulary(lines.map(\.joined))
        var header = HeaderRecognizer(lines: Array(lines[..<typeIndex]), draft: draft)
        header.recognize()
        draft = header.draft
        let titleEnd = readTitle(typeIndex: typeIndex, vocabulary: vocabulary)
        guard !draft.title.isEmpty else {
            throw .error(path, line: lines[typeIndex].number, "no trích yếu follows the \(draft.type == "huong-dan" ? "HƯỚNG DẪN" : "KẾ HOẠCH") line",
                         hint: "check the extraction: the line after the document type must be its title")
        }
        var body = BodyRecognizer(lines: Array(lines[titleEnd..<(closingIndex ?? appendixIndex ?? lines.count)]), method: method,
                                  vocabulary: vocabulary)
        body.recognize()
        draft.blocks = body.blocks
        draft.footnotes = body.footnotes
        draft.dropped += body.dropped
        draft.checks += body.checks
        if let closingIndex {
            var closing = ClosingRecognizer(lines: Array(lines[closingIndex..<(appendixIndex ?? lines.count)]))
            closing.recognize()
            draft.recipients = closing.recipients
            draft.signatureLines = closing.signatureLines
            draft.signatureName = closing.name
            draft.dropped += closing.dropped
        }
        if let appendixIndex {
            var appendix = AppendixRecognizer(lines: Array(lines[appendixIndex...]), vocabulary: vocabulary)
            appendix.recognize()
            if let table = appendix.appendix { draft.appendices = [table] }
            draft.dropped += appendix.dropped
        }
        InferredFields.fill(&draft, openingParagraphs: body.openingParagraphs)
        draft.dropped.sort { ($0.line, $0.text) < ($1.line, $1.text) }
        return draft
    }

    /// How far into the document the type line is looked for.
    static let headerWindow = 80

    /// The first line (of the first 80 with text) that is, or starts with, a document type in capitals.
    private mutating func findTypeLine() -> Int? {
        var seen = 0
        for index in lines.indices where !lines[index].isBlank {
            seen += 1
            if seen > Self.headerWindow { return nil }
            for segment in lines[index].segments {
                let text = ImportText.strippingLineMarkup(segment.text).text
                for type in Self.types where text == type.printed || text.hasPrefix(type.printed + " ") {
                    draft.type = type.code
                    return index
                }
            }
        }
        return nil
    }

    /// The trích yếu: the rest of the type line and the lines after it, up to a blank line or the first
    /// line of the body (Căn cứ…, Thực hiện…, a numbered section). Returns the index after it.
    private mutating func readTitle(typeIndex: Int, vocabulary: Set<String>) -> Int {
        let typeLine = lines[typeIndex]
        var parts: [String] = []
        for segment in typeLine.segments {
            let (text, removed) = ImportText.strippingLineMarkup(segment.text)
            record(removed, line: typeLine.number)
            let printed = Self.types.first { $0.code == draft.type }!.printed
            if text.hasPrefix(printed) {
                draft.dropped.append(DroppedText(line: typeLine.number, text: printed,
                                                 reason: "the document type, which the page prints from `type: \(draft.type)`"))
                let rest = text.dropFirst(printed.count).trimmingCharacters(in: .whitespaces)
                if !rest.isEmpty { parts.append(rest) }
            } else {
                parts.append(text)
            }
        }
        var index = typeIndex + 1
        while index < lines.count, lines[index].isBlank, parts.isEmpty { index += 1 }
        while index < lines.count, !lines[index].isBlank, parts.count < 8 {
            let (text, removed) = ImportText.strippingLineMarkup(lines[index].joined)
            if BodyRecognizer.startsBody(text) && !parts.isEmpty { break }
            record(removed, line: lines[index].number)
            parts.append(text)
            index += 1
        }
        draft.title = ImportText.capitalizingFirst(ImportText.join(parts, vocabulary: vocabulary))
        return index
    }

    private mutating func record(_ marks: [String], line: Int) {
        for mark in marks {
            draft.dropped.append(DroppedText(line: line, text: mark, reason: "Markdown marks of the extraction around the line"))
        }
    }

    /// The Nơi nhận line (also misread as "Noi nhậm"), or else the signature block's first line near the end.
    private func findClosing(after typeIndex: Int, before end: Int) -> Int? {
        for index in (typeIndex + 1)..<end where lines[index].segments.contains(where: { ClosingRecognizer.isRecipientsLabel($0.text) }) {
            return index
        }
        let lastLines = (typeIndex + 1..<end).filter { !lines[$0].isBlank }.suffix(12)
        return lastLines.first { lines[$0].segments.contains { ClosingRecognizer.isAuthorityLine($0.text) } }
    }

    /// The PHỤ LỤC line (also misprinted "PHỤC LỤC") after the body.
    private func findAppendix(after typeIndex: Int) -> Int? {
        lines.indices.dropFirst(typeIndex + 1).first { index in
            lines[index].segments.count == 1 && AppendixRecognizer.isHeading(ImportText.strippingLineMarkup(lines[index].segments[0].text).text)
        }
    }
}
