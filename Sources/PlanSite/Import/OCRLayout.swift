import Foundation

/// Tesseract's words (its TSV output: each word with its box) laid out as pdftotext -layout lays out a
/// PDF: the pieces of a printed line that stand apart (issuer | national name, recipients | signature) on
/// one line with three spaces or more between them, and a blank line where the page leaves a gap, so the
/// recognisers read a scan as they read a text PDF. Tesseract's own text output runs two columns together.
enum OCRLayout {
    private struct Word {
        var block: Int, paragraph: Int, line: Int
        var left: Int, top: Int, width: Int, height: Int
        var text: String
    }

    /// A run of words Tesseract read as one line of one column.
    private struct Run {
        var left: Int, top: Int, bottom: Int
        var paragraph: String
        var text: String
    }

    static func text(fromTSV tsv: String) -> String {
        var words: [Word] = []
        for row in tsv.split(separator: "\n").dropFirst() {
            let fields = row.split(separator: "\t", maxSplits: 11, omittingEmptySubsequences: false)
            guard fields.count == 12, fields[0] == "5" else { continue }
            let text = fields[11].trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty, let block = Int(fields[2]), let paragraph = Int(fields[3]), let line = Int(fields[4]),
                  let left = Int(fields[6]), let top = Int(fields[7]), let width = Int(fields[8]), let height = Int(fields[9]) else { continue }
            words.append(Word(block: block, paragraph: paragraph, line: line, left: left, top: top, width: width, height: height, text: text))
        }
        guard !words.isEmpty else { return "" }
        let characterWidth = max(1, Double(words.map(\.width).reduce(0, +)) / Double(max(1, words.map(\.text.count).reduce(0, +))))
        // Tesseract's lines, in its reading order, cut where a gap of more than three characters parts two
        // columns that Tesseract read as one line.
        var runs: [Run] = []
        var current: (key: [Int], run: Run, end: Int)?
        for word in words {
            let key = [word.block, word.paragraph, word.line]
            if current?.key == key, Double(word.left - current!.end) <= 3 * characterWidth {
                current!.run.text += " " + word.text
                current!.run.top = min(current!.run.top, word.top)
                current!.run.bottom = max(current!.run.bottom, word.top + word.height)
                current!.end = word.left + word.width
            } else {
                if let done = current { runs.append(done.run) }
                current = (key, Run(left: word.left, top: word.top, bottom: word.top + word.height,
                                    paragraph: "\(word.block).\(word.paragraph)", text: word.text), word.left + word.width)
            }
        }
        if let done = current { runs.append(done.run) }
        // Runs whose middles fall within each other's height stand on one printed line.
        var rows: [[Run]] = []
        for run in runs.sorted(by: { ($0.top, $0.left) < ($1.top, $1.left) }) {
            let middle = (run.top + run.bottom) / 2
            if let index = rows.indices.last, let first = rows[index].first,
               (first.top...max(first.top, first.bottom)).contains(middle) || (run.top...max(run.top, run.bottom)).contains((first.top + first.bottom) / 2) {
                rows[index].append(run)
            } else {
                rows.append([run])
            }
        }
        let heights = rows.map { row in row.map { $0.bottom - $0.top }.max() ?? 0 }.sorted()
        let lineHeight = heights.isEmpty ? 0 : heights[heights.count / 2]
        var lines: [String] = []
        var previousBottom: Int?
        var previousParagraph: String?
        for row in rows {
            let sorted = row.sorted { $0.left < $1.left }
            let top = sorted.map(\.top).min()!, bottom = sorted.map(\.bottom).max()!
            // A gap of nearly a line's height (the lines of a paragraph stand about half of one apart), or a new
            // paragraph of Tesseract's on a line of one piece, is a blank line.
            if let previousBottom, top - previousBottom > lineHeight * 9 / 10
                || (sorted.count == 1 && previousParagraph != nil && sorted[0].paragraph != previousParagraph) {
                lines.append("")
            }
            var line = ""
            for (index, run) in sorted.enumerated() {
                let column = Int(Double(run.left) / characterWidth)
                let spaces = index == 0 ? max(0, column - line.count) : max(3, column - line.count)
                line += String(repeating: " ", count: spaces) + run.text
            }
            lines.append(line)
            previousBottom = bottom
            previousParagraph = sorted.count == 1 ? sorted[0].paragraph : nil
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A capital letter between two small ones inside a word is a misread small one ("quán triỆt",
    /// "đỐi ngoại"): Tesseract confuses the cases of letters with tone marks.
    static func repairingCase(_ text: String) -> String {
        var characters = Array(text)
        guard characters.count >= 3 else { return text }
        for index in 1..<(characters.count - 1)
        where characters[index].isUppercase && characters[index - 1].isLowercase && characters[index + 1].isLowercase {
            characters[index] = Character(characters[index].lowercased())
        }
        return String(characters)
    }
}
