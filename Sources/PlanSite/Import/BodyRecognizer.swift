import Foundation

/// The body between the trích yếu and Nơi nhận: wrapped lines joined into paragraphs, paragraphs split by a
/// page break joined again, and each paragraph given its kind by the rules of the editor's guide:
/// roman sections `I.` / `I -` become `##`, numbered titles `1.` `###`, `1.1` `####`; a numbered paragraph
/// (one that ends a sentence) keeps its number as `1\.`; `-` and `+` are bullets; `a)` stays text;
/// a paragraph that starts with a superscript number is a footnote, written at the end after `---`.
struct BodyRecognizer {
    let lines: [SourceLine]
    let method: ExtractionMethod
    let vocabulary: Set<String>
    private(set) var blocks: [DraftBlock] = []
    private(set) var footnotes: [String] = []
    private(set) var dropped: [DroppedText] = []
    /// What the editor must check in the body (numbers OCR misread).
    private(set) var checks: [FieldCheck] = []
    /// The paragraphs before the first heading (Căn cứ…, Thực hiện…), as plain text.
    private(set) var openingParagraphs: [String] = []

    init(lines: [SourceLine], method: ExtractionMethod, vocabulary: Set<String>) {
        self.lines = lines
        self.method = method
        self.vocabulary = vocabulary
    }

    /// A paragraph as read: its lines and where it starts.
    private struct Paragraph {
        var lines: [String]
        var line: Int
        var text = ""
        /// Where its first line and its second line start (columns of the layout).
        var column = 0
        var continuationColumn: Int?
        /// The longest of its lines as extracted: a line well short of it ends the paragraph.
        var widest = 0
    }

    /// The marker a paragraph starts with, which decides its kind.
    enum Marker: Equatable {
        case roman(String, separator: String), numbered(String), subNumbered(String), bullet(Character), footnote, letter, none
    }

    /// Whether a line starts the body rather than continuing the title: "Căn cứ …" and "Thực hiện …" in
    /// capitals (a title's own line may go on "thực hiện …"), or a marker.
    static func startsBody(_ text: String) -> Bool {
        text.hasPrefix("Căn cứ ") || text.hasPrefix("Thực hiện ") || marker(of: text) != .none
    }

    mutating func recognize() {
        let paragraphs = joinedAcrossPages(assemble())
        var seenHeading = false
        var previousRoman = 0
        // Where the text of the last bullet stands: OCR loses some dashes, and a paragraph that starts there,
        // right after a bullet, is the next bullet.
        var itemTextColumn: Int?
        var restoredDashes: [Int] = []
        for paragraph in paragraphs {
            var text = paragraph.text
            var marker = Self.marker(of: text)
            if method == .pdfOCR, marker == .none, let column = itemTextColumn, abs(paragraph.column - column) <= 1,
               text.first?.isUppercase == true {
                text = "- " + text
                marker = .bullet("-")
                restoredDashes.append(paragraph.line)
            }
            if case .bullet = marker {
                itemTextColumn = paragraph.continuationColumn ?? paragraph.column + 2
            } else {
                itemTextColumn = nil
            }
            switch marker {
            case .roman(var numeral, let separator):
                seenHeading = true
                let rest = Self.afterMarker(text)
                // OCR drops strokes of roman numerals (III read as II): sections run in order, so one that does
                // not follow the one before is given the next number, and the editor is asked to check it.
                let expected = previousRoman + 1
                if method == .pdfOCR, Self.romanValue(numeral) != expected, let fixed = Self.roman(expected) {
                    checks.append(FieldCheck(field: "body", reason: "OCR read section “\(numeral)” at line \(paragraph.line); written “\(fixed)”, the next in order"))
                    dropped.append(DroppedText(line: paragraph.line, text: numeral, reason: "a section number misread by OCR, written as “\(fixed)”"))
                    numeral = fixed
                }
                previousRoman = Self.romanValue(numeral)
                blocks.append(DraftBlock(kind: .heading(level: 2), markdown: "## \(numeral)\(separator) \(escaped(rest))", line: paragraph.line))
            case .subNumbered(let number):
                seenHeading = true
                let rest = Self.afterMarker(text)
                if Self.isTitle(rest, longest: 200) || !ImportText.endsClause(rest) {
                    let level = min(6, 3 + number.filter { $0 == "." }.count - (number.hasSuffix(".") ? 1 : 0))
                    blocks.append(DraftBlock(kind: .heading(level: level), markdown: String(repeating: "#", count: level) + " \(number) \(escaped(rest))",
                                             line: paragraph.line))
                } else {
                    blocks.append(DraftBlock(kind: .paragraph, markdown: "\(number) \(escaped(rest))", line: paragraph.line))
                }
            case .numbered(let number):
                seenHeading = true
                let rest = Self.afterMarker(text)
                if Self.isTitle(rest, longest: 250) {
                    blocks.append(DraftBlock(kind: .heading(level: 3), markdown: "### \(number) \(escaped(rest))", line: paragraph.line))
                } else {
                    blocks.append(DraftBlock(kind: .paragraph, markdown: "\(number.dropLast())\\. \(escaped(rest))", line: paragraph.line))
                }
            case .bullet(let printed):
                let marker: Character = printed == "+" ? "+" : "-"
                if printed != "-" && printed != "+" {
                    dropped.append(DroppedText(line: paragraph.line, text: String(printed), reason: "a bullet mark, written as “-”"))
                }
                blocks.append(DraftBlock(kind: .item(marker: marker), markdown: "\(marker) \(escaped(Self.afterMarker(text)))", line: paragraph.line))
            case .footnote:
                footnotes.append(escaped(text))
            case .letter, .none:
                if !seenHeading { openingParagraphs.append(text) }
                blocks.append(DraftBlock(kind: .paragraph, markdown: escaped(text, atStart: true), line: paragraph.line))
            }
        }
        if !restoredDashes.isEmpty {
            checks.append(FieldCheck(field: "body", reason: "OCR lost the dash of \(restoredDashes.count) bullets (\(DraftPlan.describe(lines: restoredDashes))); they are written as bullets because they stand where the bullets' text stands"))
        }
    }

    static let romanNumerals = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]
    static func romanValue(_ numeral: String) -> Int { (romanNumerals.firstIndex(of: numeral) ?? -1) + 1 }
    static func roman(_ value: Int) -> String? { (1...romanNumerals.count).contains(value) ? romanNumerals[value - 1] : nil }

    /// A numbered line is a title when it does not end a sentence (a paragraph ends with "." or ";").
    private static func isTitle(_ text: String, longest: Int) -> Bool {
        guard let last = text.trimmingCharacters(in: CharacterSet(charactersIn: "*_ ")).last else { return false }
        return !".;!?…".contains(last) && text.count <= longest
    }

    static func marker(of text: String) -> Marker {
        if let match = text.prefixMatch(of: ImportPatterns.romanMarker) {
            return .roman(String(match.output.1), separator: match.output.2 == "." ? "." : " -")
        }
        if let match = text.prefixMatch(of: ImportPatterns.subNumberMarker) {
            return .subNumbered(ImportLines.foldSpaces(String(match.output.1)))
        }
        if let match = text.prefixMatch(of: ImportPatterns.numberMarker) { return .numbered(String(match.output.1)) }
        if let match = text.prefixMatch(of: ImportPatterns.bulletMarker) { return .bullet(match.output.1.first!) }
        if text.prefixMatch(of: ImportPatterns.footnoteMarker) != nil { return .footnote }
        if text.prefixMatch(of: ImportPatterns.letterMarker) != nil { return .letter }
        return .none
    }

    /// The text after a paragraph's marker.
    static func afterMarker(_ text: String) -> String {
        guard let match = text.prefixMatch(of: ImportPatterns.anyMarker) else {
            return text
        }
        return String(text[match.range.upperBound...])
    }

    // MARK: Paragraphs

    /// Lines into paragraphs. Where the text separates paragraphs with blank lines (pdftotext -layout, OCR,
    /// Word, most pasted text) those decide; else a line that ends a sentence well before the right margin
    /// ends its paragraph. A line with a marker always starts one.
    private mutating func assemble() -> [Paragraph] {
        let filled = lines.filter { !$0.isBlank }
        let blanks = lines.count - filled.count
        let blankSeparated = blanks * 6 >= filled.count
        let width = filled.map(\.joined.count).sorted().dropFirst(filled.count * 3 / 4).first ?? 80  // most lines are full: the upper quartile
        // The measure a line is short against: its paragraph's widest line, or the text's when it has one line.
        func lineWidth(_ paragraph: Paragraph) -> Int { paragraph.lines.count > 1 ? paragraph.widest : width }
        var paragraphs: [Paragraph] = []
        var current: Paragraph?
        var previousLength = 0
        for line in lines {
            guard !line.isBlank else {
                if let done = current { paragraphs.append(done) }
                current = nil
                continue
            }
            var text = line.joined
            if Self.marker(of: text) == .none {
                let (stripped, removed) = ImportText.strippingLineMarkup(text)
                for mark in removed { dropped.append(DroppedText(line: line.number, text: mark, reason: "Markdown marks of the extraction around the line")) }
                text = stripped
            }
            text = removingInitials(text, line: line.number)
            // "- xã hội" after "chính trị" is the dash of "chính trị - xã hội" wrapped, not a bullet: a bullet
            // starts in capitals, after a line that ends its clause.
            let wrappedDash = current != nil && !ImportText.endsClause(current!.lines.last ?? "")
                && text.prefixMatch(of: ImportPatterns.bulletMarker) != nil && text.dropFirst(2).first?.isLowercase == true
            // A line that ends a sentence short of the margin ends its paragraph when the next begins in capitals:
            // the rule where the text has no blank lines, and a safeguard where the extraction dropped one.
            let startsNew = (Self.marker(of: text) != .none && !wrappedDash)
                || (current != nil && ImportText.endsClause(current!.lines.last ?? "") && previousLength < lineWidth(current!) * 85 / 100
                    && (text.first?.isUppercase ?? false || !blankSeparated))
            if startsNew, let done = current {
                paragraphs.append(done)
                current = nil
            }
            if current == nil { current = Paragraph(lines: [], line: line.number, column: line.segments.first?.column ?? 0) }
            if current!.lines.count == 1 { current!.continuationColumn = line.segments.first?.column }
            current!.lines.append(text)
            current!.widest = max(current!.widest, line.joined.count)
            previousLength = line.joined.count
            // A numbered title whose line stops short of the margin without ending a sentence is complete, also
            // when no blank line follows it (a heading printed right above its paragraph).
            if let first = current!.lines.first, Self.isHeadingMarker(Self.marker(of: first)), previousLength < width * 85 / 100,
               !ImportText.endsClause(text) {
                paragraphs.append(current!)
                current = nil
            }
        }
        if let done = current { paragraphs.append(done) }
        return paragraphs.map { paragraph in
            var paragraph = paragraph
            paragraph.text = ImportText.join(paragraph.lines, vocabulary: vocabulary)
            let (text, removed) = ImportText.strippingLineMarkup(paragraph.text)
            if !removed.isEmpty, Self.marker(of: paragraph.text) == .none {
                for mark in removed { dropped.append(DroppedText(line: paragraph.line, text: mark, reason: "Markdown marks of the extraction around the paragraph")) }
                paragraph.text = text
            }
            return paragraph
        }
    }

    /// A paragraph cut by a page break (it does not end a clause, and the next starts in lower case) is one.
    private func joinedAcrossPages(_ paragraphs: [Paragraph]) -> [Paragraph] {
        var result: [Paragraph] = []
        for paragraph in paragraphs {
            if var last = result.last, Self.marker(of: paragraph.text) == .none || Self.marker(of: paragraph.text) == .letter,
               let first = paragraph.text.first(where: { $0.isLetter || $0.isNumber }), first.isLowercase || first.isNumber,
               !ImportText.endsClause(last.text),
               !Self.isHeadingMarker(Self.marker(of: last.text)) {
                last.text = ImportText.join([last.text, paragraph.text], vocabulary: vocabulary)
                result[result.count - 1] = last
            } else {
                result.append(paragraph)
            }
        }
        return result
    }

    private static func isHeadingMarker(_ marker: Marker) -> Bool {
        switch marker {
        case .roman, .numbered, .subNumbered: true
        default: false
        }
    }

    private mutating func removingInitials(_ text: String, line: Int) -> String {
        let (kept, initials) = ImportText.splittingInitials(text)
        if let initials { dropped.append(DroppedText(line: line, text: initials, reason: ImportText.initialsReason)) }
        return kept
    }

    // MARK: Markdown

    /// The text as Markdown that renders to the same words: characters that would start a block are
    /// escaped at the start, `<` and `\` everywhere (raw HTML is dropped by the renderer); from a PDF or Word
    /// file, where no one wrote Markdown, `*`, `_`, `` ` ``, `[` and `]` too.
    func escaped(_ text: String, atStart: Bool = false) -> String {
        var result = ""
        let inline: Set<Character> = method.keepsInlineMarkup ? ["\\", "<"] : ["\\", "<", "*", "_", "`", "[", "]"]
        for character in text {
            if inline.contains(character) { result.append("\\") }
            result.append(character)
        }
        guard atStart, let first = result.first else { return result }
        if "#>=|".contains(first) || (("-+*".contains(first)) && result.dropFirst().first == " ") {
            return "\\" + result
        }
        if let match = result.prefixMatch(of: ImportPatterns.orderedListStart) {
            return String(match.output.1) + "\\" + result.dropFirst(match.output.1.count)
        }
        return result
    }
}
