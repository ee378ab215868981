import Foundation

/// One line of the extracted text: its number (1-based, as in the extracted text), its page, and its pieces
/// (`segments`): runs of text separated by three spaces or more, or a tab, as pdftotext lays out columns
/// (issuer | national name, recipients | signature, the columns of a table).
struct SourceLine: Sendable, Equatable {
    var number: Int
    var page: Int
    var text: String
    var segments: [Segment]

    struct Segment: Sendable, Equatable {
        /// Column of the first character, in characters from the line's start.
        var column: Int
        var text: String
    }

    var isBlank: Bool { segments.isEmpty }
    /// The line's text with its runs of spaces folded to one.
    var joined: String { segments.map(\.text).joined(separator: " ") }
}

/// Cuts the extracted text into lines and takes off what is not the document's text: page numbers, running
/// heads repeated at the top of pages, and lines of a scan that hold no letter or digit. Each goes into
/// `dropped` with why.
struct ImportLines {
    var lines: [SourceLine] = []
    var dropped: [DroppedText] = []

    init(_ extracted: ExtractedText) {
        // Line numbers are those of the extracted text; a form feed (pdftotext's page break) starts a page.
        var pages: [[SourceLine]] = [[]]
        for (index, raw) in extracted.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var raw = Substring(raw)
            while raw.first == "\u{0C}" {
                raw = raw.dropFirst()
                pages.append([])
            }
            let text = Self.cleaned(raw.replacingOccurrences(of: "\u{0C}", with: ""))
            pages[pages.count - 1].append(SourceLine(number: index + 1, page: pages.count, text: text, segments: Self.segments(of: text)))
        }
        removePageFurniture(&pages)
        lines = pages.flatMap { $0 }
        for index in lines.indices where !lines[index].isBlank && Self.isNoise(lines[index].joined, ocr: extracted.method == .pdfOCR) {
            dropped.append(DroppedText(line: lines[index].number, text: lines[index].joined,
                                       reason: "no letter or digit: a rule, a mark under the header or scan noise"))
            lines[index].segments = []
        }
    }

    /// Trailing spaces (a Markdown hard break of the extraction), zero-width spaces and soft hyphens off.
    static func cleaned(_ text: String) -> String {
        var text = text
        text.unicodeScalars.removeAll { $0 == "\u{200B}" || $0 == "\u{00AD}" || $0 == "\u{FEFF}" }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }

    /// Pieces of a line split at a tab or at three spaces or more.
    static func segments(of text: String) -> [SourceLine.Segment] {
        var segments: [SourceLine.Segment] = []
        var current = "", start = 0, spaces = 0, column = 0
        func flush() {
            let piece = current.trimmingCharacters(in: .whitespaces)
            if !piece.isEmpty { segments.append(SourceLine.Segment(column: start, text: Self.foldSpaces(piece))) }
            current = ""
        }
        for character in text {
            if character == "\t" {
                flush()
                spaces = 0
            } else if character == " " {
                spaces += 1
                if spaces == 3 { flush() }
                if !current.isEmpty { current.append(character) }
            } else {
                if current.isEmpty { start = column }
                spaces = 0
                current.append(character)
            }
            column += character == "\t" ? 8 - column % 8 : 1
        }
        flush()
        return segments
    }

    static func foldSpaces(_ text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    /// A line that cannot be text of the document: no letter and no digit ("*", "___", "|"), or, from OCR,
    /// mostly marks (the edge of a stamp, a signature's strokes).
    static func isNoise(_ text: String, ocr: Bool) -> Bool {
        let scalars = text.unicodeScalars.filter { $0 != " " }
        let alphanumeric = scalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }.count
        if alphanumeric == 0 { return true }
        guard ocr, scalars.count >= 3 else { return false }
        let marks = scalars.filter { !$0.properties.isAlphabetic && !("0"..."9").contains($0) && !",.;:()/-–\"“”'".unicodeScalars.contains($0) }.count
        return marks * 2 > scalars.count
    }

    /// Page numbers at the top or bottom of a page ("2", "- 2 -", "Trang 2", "2/5") and a running head, the
    /// same first line on two pages or more after the first.
    private mutating func removePageFurniture(_ pages: inout [[SourceLine]]) {
        guard pages.count > 1 else { return }
        for pageIndex in pages.indices {
            let filled = pages[pageIndex].indices.filter { !pages[pageIndex][$0].isBlank }
            for index in filled.prefix(1) + filled.suffix(1) where Self.isPageNumber(pages[pageIndex][index].joined) {
                dropped.append(DroppedText(line: pages[pageIndex][index].number, text: pages[pageIndex][index].joined, reason: "a page number"))
                pages[pageIndex][index].segments = []
            }
        }
        var firstLines: [String: [Int]] = [:]
        for pageIndex in pages.indices.dropFirst() {
            guard let first = pages[pageIndex].firstIndex(where: { !$0.isBlank }) else { continue }
            let key = pages[pageIndex][first].joined.filter { !$0.isNumber }
            firstLines[key, default: []].append(pageIndex)
        }
        for (key, pageIndexes) in firstLines where pageIndexes.count >= 2 && key.count >= 8 {
            for pageIndex in pageIndexes {
                guard let first = pages[pageIndex].firstIndex(where: { !$0.isBlank }) else { continue }
                dropped.append(DroppedText(line: pages[pageIndex][first].number, text: pages[pageIndex][first].joined,
                                           reason: "a running head repeated at the top of \(pageIndexes.count) pages"))
                pages[pageIndex][first].segments = []
            }
        }
    }

    static func isPageNumber(_ text: String) -> Bool {
        text.wholeMatch(of: ImportPatterns.pageNumber) != nil
    }
}
