import Foundation

/// A phụ lục of legal documents: "PHỤ LỤC", its title, the "(Đính kèm …)" line, and a table whose columns
/// are STT, Số ký hiệu, Nội dung and Ghi chú. The columns come from tabs (text and Word) or from where the
/// header's words stand (pdftotext -layout); a row begins where the STT column holds a number.
struct AppendixRecognizer {
    let lines: [SourceLine]
    let vocabulary: Set<String>
    private(set) var appendix: DraftAppendix?
    private(set) var dropped: [DroppedText] = []
    /// Lines where OCR read a table rule as "|".
    private var bars: [Int] = []

    init(lines: [SourceLine], vocabulary: Set<String>) {
        self.lines = lines
        self.vocabulary = vocabulary
    }

    /// "PHỤ LỤC", "PHỤ LỤC I", "PHỤ LỤC SỐ 1", and the misprint "PHỤC LỤC".
    static func isHeading(_ text: String) -> Bool {
        TextFolding.fold(text).wholeMatch(of: ImportPatterns.appendixHeading) != nil
    }

    private struct Row {
        var cells: [[String]] = [[], [], [], []]
        var line: Int
    }

    mutating func recognize() {
        guard let first = lines.first else { return }
        drop(first.joined, first.number, "the heading “PHỤ LỤC”, which the page prints before each appendix")
        var table = DraftAppendix()
        var titleParts: [String] = [], noteParts: [String] = []
        var index = 1
        // Title and note, up to the table's header.
        while index < lines.count, !isTableHeader(lines[index]) {
            let text = ImportText.strippingLineMarkup(lines[index].joined).text
            if !lines[index].isBlank {
                if text.hasPrefix("(") || !noteParts.isEmpty { noteParts.append(text) } else { titleParts.append(text) }
            }
            index += 1
        }
        table.title = ImportText.join(titleParts, vocabulary: vocabulary)
        table.note = ImportText.join(noteParts, vocabulary: vocabulary)
        guard index < lines.count else {
            appendix = table
            return
        }
        let header = lines[index]
        drop(header.joined, header.number, "the table's column headings, which the page prints")
        let columns = header.text.contains("\t") ? nil : header.segments.map { $0.column + $0.text.count / 2 }
        var rows: [Row] = []
        index += 1
        // "Ghi chú" may wrap under the header ("Ghi" / "chú").
        if index < lines.count, lines[index].segments.count == 1, TextFolding.fold(lines[index].joined) == "chu" {
            drop(lines[index].joined, lines[index].number, "the end of a column heading")
            index += 1
        }
        for line in lines[index...] where !line.isBlank {
            let cells = self.cells(of: line, columns: columns)
            if let number = cells[0].first, number.wholeMatch(of: ImportPatterns.rowNumber) != nil {
                drop(number, line.number, "the row's number (STT), which the page counts")
                rows.append(Row(line: line.number))
                for column in 1..<4 { rows[rows.count - 1].cells[column] += cells[column] }
            } else if !rows.isEmpty {
                for column in 0..<4 { rows[rows.count - 1].cells[column] += cells[column] }
            } else {
                drop(line.joined, line.number, "text between the appendix's heading and its first row")
            }
        }
        for row in rows {
            var symbolCell = ImportText.join(row.cells[0] + row.cells[1], vocabulary: vocabulary)
            var printedCell = ImportText.join(row.cells[2], vocabulary: vocabulary)
            // OCR may run the symbol into the next cell: then it is the first symbol of the printed cell.
            if CitationGrammar.scan(symbolCell).isEmpty, let moved = CitationGrammar.scan(printedCell).first,
               printedCell.hasPrefix(moved.symbol) {
                symbolCell += (symbolCell.isEmpty ? "" : " ") + moved.symbol
                printedCell = printedCell.dropFirst(moved.symbol.count).trimmingCharacters(in: .whitespaces)
            }
            guard let citation = CitationGrammar.scan(symbolCell).first else {
                let all = [symbolCell, printedCell, ImportText.join(row.cells[3], vocabulary: vocabulary)].filter { !$0.isEmpty }
                drop(all.joined(separator: " "), row.line, "an appendix row without a document symbol (the table lists registry documents)")
                continue
            }
            let symbol = ImportText.normalizedSymbol(citation.symbol)
            let rest = symbolCell.replacingOccurrences(of: citation.symbol, with: "").trimmingCharacters(in: .whitespaces)
            if !rest.isEmpty { drop(rest, row.line, "the date under the symbol, which the page shows from the registry") }
            table.rows.append(DraftAppendix.Row(symbol: symbol, printed: printedCell,
                                                notes: ImportText.join(row.cells[3], vocabulary: vocabulary)))
        }
        for line in bars { drop("|", line, "a table rule read by OCR as a character") }
        appendix = table
    }

    private func isTableHeader(_ line: SourceLine) -> Bool {
        let folded = TextFolding.fold(line.joined)
        return folded.hasPrefix("stt") && folded.contains("so ky hieu")
    }

    /// A row line's four cells: split at tabs, or by where the pieces stand under the headings' centres.
    private mutating func cells(of line: SourceLine, columns: [Int]?) -> [[String]] {
        var cells: [[String]] = [[], [], [], []]
        guard let columns, columns.count >= 3 else {
            for (index, piece) in line.text.split(separator: "\t", omittingEmptySubsequences: false).enumerated() {
                let text = ImportLines.foldSpaces(String(piece))
                if !text.isEmpty { cells[min(index, 3)].append(text) }
            }
            return cells
        }
        // Headings are centred over their columns: a piece goes to the column whose heading's centre is
        // nearest its own; the STT column takes only row numbers.
        let centres = columns
        // OCR reads a table's rules as "|": a cell border, not text.
        var pieces: [SourceLine.Segment] = []
        for segment in line.segments {
            var column = segment.column
            for part in segment.text.split(separator: "|", omittingEmptySubsequences: false) {
                let text = part.trimmingCharacters(in: .whitespaces)
                if !text.isEmpty { pieces.append(SourceLine.Segment(column: column, text: text)) }
                column += part.count + 1
            }
            for _ in 0..<segment.text.filter({ $0 == "|" }).count { bars.append(line.number) }
        }
        for (index, segment) in pieces.enumerated() {
            if index == 0, segment.text.wholeMatch(of: ImportPatterns.rowNumber) != nil {
                cells[0].append(segment.text)
                continue
            }
            let centre = segment.column + segment.text.count / 2
            let column = (1..<min(4, centres.count)).min { abs(centres[$0] - centre) < abs(centres[$1] - centre) } ?? 1
            cells[column].append(segment.text)
        }
        return cells
    }

    private mutating func drop(_ text: String, _ line: Int, _ reason: String) {
        dropped.append(DroppedText(line: line, text: text, reason: reason))
    }
}
