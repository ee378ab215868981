import Foundation

/// The part above the document type: the national header or ĐẢNG CỘNG SẢN VIỆT NAM, the issuing body's
/// lines, the số ký hiệu and the place-and-date line. In a PDF these stand in two columns; each piece is
/// recognised by what it says, not where it stands, so any reading order works.
struct HeaderRecognizer {
    let lines: [SourceLine]
    var draft: DraftPlan

    /// Words that begin the name of an issuing body; a header line that begins otherwise continues the line
    /// before it ("HỘI LHPN THÀNH PHỐ HỒ CHÍ" / "MINH").
    static let bodyStarts = ["BAN ", "ỦY BAN", "UỶ BAN", "UBND", "ĐẢNG ỦY", "ĐẢNG UỶ", "ĐẢNG BỘ", "HỘI ", "HUYỆN ỦY", "TỈNH ỦY",
                             "THÀNH ỦY", "QUẬN ỦY", "THỊ ỦY", "SỞ ", "PHÒNG ", "BỘ ", "TRUNG ƯƠNG", "ĐOÀN ", "MẶT TRẬN",
                             "CÔNG ĐOÀN", "LIÊN ĐOÀN", "CHI BỘ", "THƯỜNG TRỰC", "VĂN PHÒNG", "HĐND", "HỘI ĐỒNG"]

    init(lines: [SourceLine], draft: DraftPlan) {
        self.lines = lines
        self.draft = draft
    }

    mutating func recognize() {
        var issuerLines: [(text: String, line: Int)] = []
        var pendingNationalName = false
        for line in lines {
            for segment in line.segments {
                let (text, removed) = ImportText.strippingLineMarkup(segment.text)
                for mark in removed {
                    draft.dropped.append(DroppedText(line: line.number, text: mark, reason: "Markdown marks of the extraction around the line"))
                }
                let folded = TextFolding.fold(text)
                if folded.hasPrefix("dang cong san viet nam") {
                    draft.system = "party"
                    drop(text, line, "the Party's header, which the page prints from `system: party`")
                } else if folded.hasPrefix("cong hoa xa hoi chu nghia") {
                    pendingNationalName = !folded.hasSuffix("viet nam")
                    drop(text, line, "the national name, which the page prints from `system`")
                } else if pendingNationalName, folded == "nam" || folded == "viet nam" {
                    pendingNationalName = false
                    drop(text, line, "the end of the national name, which the page prints from `system`")
                } else if folded.hasPrefix("doc lap") && folded.contains("tu do") {
                    drop(text, line, "the motto, which the page prints from `system`")
                } else if let number = Self.number(in: text) {
                    readNumber(number, printed: text, line: line.number)
                } else if let placeDate = PlaceDate(text) {
                    draft.place = placeDate.place
                    draft.date = placeDate.date
                    draft.dateNote = placeDate.note
                    drop(String(text.dropFirst(placeDate.place.count)), line, "the words of the place-and-date line, which the page prints from `date`")
                } else {
                    issuerLines.append((text, line.number))
                }
            }
        }
        assignIssuers(issuerLines)
    }

    private mutating func drop(_ text: String, _ line: SourceLine, _ reason: String) {
        draft.dropped.append(DroppedText(line: line.number, text: text, reason: reason))
    }

    /// The number of a "Số: 194/KH-BTV" / "Số 78 -KH/ĐU" / "Số: /KH-UBND" line.
    static func number(in text: String) -> String? {
        guard let match = text.wholeMatch(of: ImportPatterns.numberLine) else { return nil }
        let value = String(match.output.1).trimmingCharacters(in: .whitespaces)
        return value.isEmpty || value.contains("/") || value.contains("-") ? value : nil
    }

    private mutating func readNumber(_ value: String, printed: String, line: Int) {
        let number = ImportText.normalizedSymbol(value)
        draft.number = number
        let label = printed.hasSuffix(value) ? String(printed.dropLast(value.count)).trimmingCharacters(in: .whitespaces) : "Số"
        draft.dropped.append(DroppedText(line: line, text: label,
                                         reason: "the label “Số”, which the page prints before `number`"))
        if number.isEmpty || number.hasPrefix("/") {
            draft.status = "draft"
        } else if !ImportText.isSymbol(number) {
            draft.checks.append(FieldCheck(field: "number", reason: "“\(number)” is not a symbol the citation grammar reads"))
        }
    }

    /// The last two issuer lines are the parent body and the issuer; a line that does not begin a body's name
    /// is the second line of the one before it.
    private mutating func assignIssuers(_ pieces: [(text: String, line: Int)]) {
        var names: [String] = []
        for piece in pieces {
            let upper = piece.text.uppercased()
            if let last = names.last, !Self.bodyStarts.contains(where: { upper.hasPrefix($0) }), ImportText.isCapitals(last) == ImportText.isCapitals(piece.text) {
                names[names.count - 1] = last + " " + piece.text
            } else {
                names.append(piece.text)
            }
        }
        if names.count > 2 {
            // More than two bodies: the topmost ones are kept in the parent line, nothing is left out.
            names = [names.dropLast().joined(separator: " – "), names.last!]
        }
        if names.count == 2 { draft.parentIssuer = names[0] }
        draft.issuer = names.last ?? ""
    }
}

/// "Hóc Môn, ngày 08 tháng 11 năm 2023", or with the day or month left blank in a draft
/// ("Ba Đình, ngày   tháng 4 năm 2022").
struct PlaceDate {
    var place: String
    var date: PartialDate?
    var note: String?

    init?(_ text: String) {
        guard let match = text.wholeMatch(of: ImportPatterns.placeDate),
              let year = Int(match.output.4) else { return nil }
        place = String(match.output.1).trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: ",")))
        let month = match.output.3.flatMap { Int($0) }, day = match.output.2.flatMap { Int($0) }
        var candidate = PartialDate(year: year)
        if let month, (1...12).contains(month) {
            candidate.month = month
            if let day, (1...PartialDate.daysIn(month: month, year: year)).contains(day) { candidate.day = day }
        }
        date = candidate
        if candidate.day == nil {
            let printed = String(text.dropFirst(match.output.1.count)).trimmingCharacters(in: CharacterSet(charactersIn: ", "))
            note = candidate.month == nil
                ? "Văn bản để trống ngày và tháng ban hành (“\(printed)”), chỉ ghi năm."
                : "Văn bản để trống ngày ban hành (“\(printed)”), chỉ ghi tháng và năm."
        }
    }
}
