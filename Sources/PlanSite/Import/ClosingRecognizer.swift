import Foundation

/// The closing of a plan: "Nơi nhận:" with its list, and the signature block (the authority lines TM. /
/// KT. / Q. / T/M …, the position, the signer's name). A PDF lays the two side by side; each piece is taken
/// by what it is, so the reading order does not matter.
struct ClosingRecognizer {
    let lines: [SourceLine]
    private(set) var recipients: [String] = []
    private(set) var signatureLines: [String] = []
    private(set) var name = ""
    private(set) var dropped: [DroppedText] = []

    init(lines: [SourceLine]) { self.lines = lines }

    /// "Nơi nhận:", also as a scan misreads it ("Noi nhậm:"), and as an extraction marks it ("### Nơi nhận:").
    static func isRecipientsLabel(_ text: String) -> Bool {
        let folded = TextFolding.fold(ImportText.strippingLineMarkup(text).text)
        return folded.wholeMatch(of: ImportPatterns.recipientsLabel) != nil
    }

    /// A line that begins a signature block: on behalf of (TM., T/M), for (KT.), acting (Q.), by order (TL., TUQ.).
    static func isAuthorityLine(_ text: String) -> Bool {
        let stripped = ImportText.strippingLineMarkup(text).text
        return stripped.prefixMatch(of: ImportPatterns.authorityLine) != nil && ImportText.isCapitals(stripped)
    }

    mutating func recognize() {
        var inRecipients = false
        var lastWasRecipient = false
        var nameCandidates: [(text: String, line: Int)] = []
        let width = lines.map(\.text.count).max() ?? 80
        for line in lines {
            for segment in Self.pieces(of: line) {
                var (text, removed) = ImportText.strippingLineMarkup(segment.text)
                for mark in removed { drop(mark, line, "Markdown marks of the extraction around the line") }
                let (kept, initials) = ImportText.splittingInitials(text)
                if let initials { drop(initials, line, ImportText.initialsReason) }
                text = kept
                if Self.isRecipientsLabel(text) {
                    drop(text, line, "the label “Nơi nhận:”, which the page prints before `recipients`")
                    inRecipients = true
                    lastWasRecipient = false
                } else if inRecipients, let match = text.prefixMatch(of: ImportPatterns.recipientBullet) {
                    drop(String(match.output).trimmingCharacters(in: .whitespaces), line, "the bullet of a Nơi nhận line (the page lists them)")
                    recipients.append(recipientText(String(text[match.range.upperBound...]), line: line))
                    lastWasRecipient = true
                } else if inRecipients, lastWasRecipient, segment.column < width / 2, let first = text.first, first.isLowercase {
                    // The second line of a long recipient ("… 03 đơn vị trực" / "thuộc").
                    let previous = recipients.removeLast()
                    recipients.append(recipientText(ImportText.join([previous, text], vocabulary: []), line: line))
                } else if Self.isAuthorityLine(text) || ImportText.isCapitals(text) {
                    signatureLines.append(text)
                    lastWasRecipient = false
                } else {
                    nameCandidates.append((text, line.number))
                    lastWasRecipient = false
                }
            }
        }
        // The signer's name: the last piece that reads as a person's name; anything else is a stamp or noise.
        let nameIndex = nameCandidates.lastIndex { Self.isPersonalName($0.text) } ?? nameCandidates.indices.last
        for (index, candidate) in nameCandidates.enumerated() {
            if index == nameIndex {
                name = candidate.text
            } else {
                dropped.append(DroppedText(line: candidate.line, text: candidate.text,
                                           reason: "text in the signature block that is not the signer's name (a stamp, “Đã ký”, scan noise)"))
            }
        }
    }

    /// A line's pieces, a lone bullet joined to the piece after it (pandoc writes list items as "-   text").
    static func pieces(of line: SourceLine) -> [SourceLine.Segment] {
        var pieces: [SourceLine.Segment] = []
        for segment in line.segments {
            if let last = pieces.last, ["-", "–", "•", "+"].contains(last.text) {
                pieces[pieces.count - 1].text = last.text + " " + segment.text
            } else {
                pieces.append(segment)
            }
        }
        return pieces
    }

    /// A recipient without the `;` or `,` that separates the printed list; a final full stop is kept.
    private mutating func recipientText(_ text: String, line: SourceLine) -> String {
        var text = text.trimmingCharacters(in: .whitespaces)
        if let last = text.last, last == ";" || last == "," {
            text.removeLast()
            drop(String(last), line, "the separator at the end of a Nơi nhận line (the page lists them)")
        }
        return text
    }

    /// Two to six words, each capitalised, letters only: "Đặng Trần Trúc Dao".
    static func isPersonalName(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        return (2...6).contains(words.count) && words.allSatisfy { word in
            word.first?.isUppercase == true && word.allSatisfy(\.isLetter) && word.dropFirst().contains(where: \.isLowercase)
        }
    }

    private mutating func drop(_ text: String, _ line: SourceLine, _ reason: String) {
        dropped.append(DroppedText(line: line.number, text: text, reason: reason))
    }
}
