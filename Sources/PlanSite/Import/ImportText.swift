import Foundation

/// Text operations of the import: markup left by an extraction, joining wrapped lines, capitals.
enum ImportText {
    /// Takes off what an extraction to Markdown wraps a whole line in: heading marks (`## `) and emphasis
    /// around the whole line (`**…**`, `*…*`), also when a bold run spans lines (`**TM. BAN THƯỜNG VỤ` …
    /// `CHỦ TỊCH**`). Returns the text and the marks taken off.
    static func strippingLineMarkup(_ text: String) -> (text: String, removed: [String]) {
        var text = text.trimmingCharacters(in: .whitespaces)
        var removed: [String] = []
        if let match = text.prefixMatch(of: ImportPatterns.headingMarks) {
            removed.append(String(match.output).trimmingCharacters(in: .whitespaces))
            text = String(text[match.range.upperBound...])
        }
        for mark in ["**", "*", "__", "_"] {
            let opens = text.hasPrefix(mark), closes = text.hasSuffix(mark) && text.count > mark.count
            let inner = text.dropFirst(opens ? mark.count : 0).dropLast(closes ? mark.count : 0)
            // A mark is taken off only when the rest holds no other: `*đính kèm* phụ lục` keeps its emphasis.
            guard opens || closes, !inner.contains(mark.first!), opens == closes || !inner.isEmpty else { continue }
            if opens { removed.append(mark) }
            if closes { removed.append(mark) }
            text = String(inner).trimmingCharacters(in: .whitespaces)
            break
        }
        return (text, removed)
    }

    /// Whether the text is written in capitals (at least two letters, none lower case).
    static func isCapitals(_ text: String) -> Bool {
        let letters = text.filter(\.isLetter)
        return letters.count >= 2 && !letters.contains(where: \.isLowercase)
    }

    /// The words of the text, for telling whether a hyphenated join is a word the document uses.
    static func vocabulary(_ lines: [String]) -> Set<String> {
        var words: Set<String> = []
        for line in lines {
            for token in line.split(whereSeparator: { $0.isWhitespace }) {
                words.insert(token.trimmingCharacters(in: .punctuationCharacters).lowercased())
            }
        }
        return words
    }

    /// Joins the lines of one paragraph with spaces. A line that ends in a hyphen right after a letter or
    /// digit ("57-", "Covid-") is joined to the next without a space when the joined token is a document
    /// symbol ("57-KL/TW") or a word the document uses elsewhere ("Covid-19"); otherwise the hyphen stays a
    /// dash before a space. The hyphen itself is always kept: the joined text has every character of the lines.
    static func join(_ lines: [String], vocabulary: Set<String>) -> String {
        var result = ""
        for line in lines.map({ $0.trimmingCharacters(in: .whitespaces) }) where !line.isEmpty {
            guard !result.isEmpty else { result = line; continue }
            if result.hasSuffix("-"), let before = result.dropLast().last, before.isLetter || before.isNumber {
                let head = result.split(separator: " ").last.map(String.init) ?? ""
                let joined = head + (line.split(separator: " ").first.map(String.init) ?? "")
                if isSymbol(joined) || vocabulary.contains(joined.trimmingCharacters(in: .punctuationCharacters).lowercased()) {
                    result += line
                    continue
                }
            }
            result += " " + line
        }
        return result
    }

    /// Whether `token` (punctuation around it aside) is one document symbol of the citation grammar.
    static func isSymbol(_ token: String) -> Bool {
        let trimmed = token.trimmingCharacters(in: CharacterSet(charactersIn: ".,;:()“”\""))
        return CitationGrammar.scan(trimmed).map(\.symbol) == [trimmed]
    }

    /// A symbol as it is written in the registry: no space around its hyphens and slashes ("78 -KH/ĐU" →
    /// "78-KH/ĐU").
    static func normalizedSymbol(_ symbol: String) -> String {
        var text = symbol.trimmingCharacters(in: .whitespaces)
        for separator in ["-", "/"] {
            while text.contains(" \(separator)") { text = text.replacingOccurrences(of: " \(separator)", with: separator) }
            while text.contains("\(separator) ") { text = text.replacingOccurrences(of: "\(separator) ", with: separator) }
        }
        return text
    }

    /// The first letter in capitals ("thực hiện Kết luận …" → "Thực hiện Kết luận …").
    static func capitalizingFirst(_ text: String) -> String {
        guard let first = text.first, first.isLowercase else { return text }
        return first.uppercased() + text.dropFirst()
    }

    /// Text that ends a sentence or a clause: a paragraph that ends otherwise goes on after a page break.
    static func endsClause(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: CharacterSet(charactersIn: "”\")* "))
        guard let last = trimmed.last else { return true }
        return ".:;!?…".contains(last)
    }

    /// The place of an issuing body's name: the words after its last administrative unit
    /// ("Ủy ban nhân dân huyện Hóc Môn" → "Hóc Môn", "UBND quận Ba Đình" → "Ba Đình").
    static func locality(of body: String) -> String? {
        let units = ["thành phố", "thị xã", "thị trấn", "huyện", "quận", "tỉnh", "phường", "xã"]
        let lowered = body.lowercased()
        var best: Range<String.Index>?
        for unit in units {
            for range in lowered.ranges(of: unit + " ") where best.map({ range.lowerBound > $0.lowerBound }) ?? true {
                best = range
            }
        }
        guard let best else { return nil }
        let offset = lowered.distance(from: lowered.startIndex, to: best.upperBound)
        let place = String(body.dropFirst(offset)).trimmingCharacters(in: .whitespaces.union(.punctuationCharacters))
        guard let first = place.first, first.isUppercase else { return nil }
        return place
    }

    static let initialsReason = "hand-written initials read as italic letters (scan noise)"

    /// Hand-written initials at the end of a line, read as italic letters ("… Kế hoạch này. *hpc*"):
    /// the text before them and the initials.
    static func splittingInitials(_ text: String) -> (text: String, initials: String?) {
        guard let match = text.firstMatch(of: ImportPatterns.initials), match.range.lowerBound > text.startIndex else { return (text, nil) }
        return (String(text[..<match.range.lowerBound]), String(match.output).trimmingCharacters(in: .whitespaces))
    }
}
