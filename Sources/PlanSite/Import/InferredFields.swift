import Foundation

/// What the header did not print, taken from the rest of the document, each with a note that says so and a
/// check for the editor: the number, date and issuer of an appendix's "(Đính kèm Kế hoạch số … ngày … của …)"
/// line, the issuer named in the opening paragraph ("…, Ban Thường vụ Hội LHPN huyện xây dựng kế hoạch"), the
/// place from the issuer's name; then the system, the basis, and the list of fields to check.
enum InferredFields {
    static func fill(_ draft: inout DraftPlan, openingParagraphs: [String]) {
        fillFromAttachmentLine(&draft)
        if draft.issuer.isEmpty, let actor = openingParagraphs.lazy.compactMap(actor(in:)).first {
            draft.issuer = actor
            draft.checks.append(FieldCheck(field: "issuer", reason: "not printed in the header; taken from the opening paragraph (“\(actor)”)"))
            draft.issuerNote = "Phần đầu văn bản không in tên cơ quan ban hành; tên cơ quan lấy theo đoạn mở đầu của văn bản."
        }
        if draft.place.isEmpty, let place = ImportText.locality(of: draft.issuer) {
            draft.place = place
            draft.placeNote = "Văn bản không in dòng địa danh; địa danh lấy theo tên cơ quan ban hành (“\(draft.issuer)”)."
            draft.checks.append(FieldCheck(field: "place", reason: "not printed; taken from the issuer's name"))
        }
        // A plan file may leave these empty only with a note saying why; the editor's check list names them.
        if draft.issuer.isEmpty, draft.issuerNote == nil {
            draft.issuerNote = "Văn bản đã trích không có tên cơ quan ban hành; cần bổ sung theo bản gốc."
        }
        if draft.place.isEmpty, draft.placeNote == nil {
            draft.placeNote = "Văn bản đã trích không có dòng địa danh; cần bổ sung theo bản gốc."
        }
        draft.system = system(of: draft, openingParagraphs: openingParagraphs)
        draft.basis = basis(openingParagraphs, excluding: draft.number)
        addChecks(&draft)
    }

    /// "(Đính kèm Kế hoạch số 535/KH-UBND ngày 12 tháng 12 năm 2023 của Ủy ban nhân dân huyện Hóc Môn)".
    private static func fillFromAttachmentLine(_ draft: inout DraftPlan) {
        guard draft.number.isEmpty || draft.date == nil,
              let note = draft.appendices.map(\.note).first(where: { TextFolding.fold($0).contains("kem") }),
              let citation = CitationGrammar.scan(note).first else { return }
        let quoted = "“\(note.trimmingCharacters(in: CharacterSet(charactersIn: "()")))”"
        if draft.number.isEmpty {
            draft.number = ImportText.normalizedSymbol(citation.symbol)
            draft.numberNote = "Phần đầu văn bản không in số ký hiệu; số lấy theo dòng đính kèm của phụ lục: \(quoted)."
            draft.checks.append(FieldCheck(field: "number", reason: "not printed in the header; taken from the appendix's attachment line"))
        }
        if draft.date == nil, let date = citation.date {
            draft.date = date
            draft.dateNote = "Phần đầu văn bản không in ngày ban hành; ngày lấy theo dòng đính kèm của phụ lục: \(quoted)."
            draft.checks.append(FieldCheck(field: "date", reason: "not printed in the header; taken from the appendix's attachment line"))
        }
        if draft.issuer.isEmpty, let range = note.range(of: " của ") {
            let issuer = note[range.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: ") ."))
            if !issuer.isEmpty {
                draft.issuer = issuer
                draft.issuerNote = "Phần đầu văn bản không in tên cơ quan ban hành; tên cơ quan lấy theo dòng đính kèm của phụ lục: \(quoted)."
                draft.checks.append(FieldCheck(field: "issuer", reason: "not printed in the header; taken from the appendix's attachment line"))
            }
        }
    }

    /// The body that acts in the opening paragraph: the clause (between commas) that begins with a body's
    /// name, up to its first verb ("…, Ban Thường vụ Hội LHPN huyện xây dựng kế hoạch thực hiện như sau:").
    static func actor(in paragraph: String) -> String? {
        let verbs = [" xây dựng ", " ban hành ", " triển khai ", " hướng dẫn ", " đề ra ", " lập "]
        for clause in paragraph.split(separator: ",").reversed() {
            let clause = clause.trimmingCharacters(in: .whitespaces)
            let upper = clause.uppercased()
            guard HeaderRecognizer.bodyStarts.contains(where: { upper.hasPrefix($0) }),
                  let verb = verbs.compactMap({ clause.range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) else { continue }
            let actor = String(clause[..<verb.lowerBound])
            if actor.split(separator: " ").count <= 10 { return actor }
        }
        return nil
    }

    /// Party when its header, its symbol's form (57-KL/TW), a Party body named as issuer or actor, or a Bí thư's
    /// signature says so; a mass organisation when the issuer, the parent body or the acting body is one; else the State.
    static func system(of draft: DraftPlan, openingParagraphs: [String]) -> String {
        if !draft.system.isEmpty { return draft.system }  // the Party's header was printed
        if draft.number.wholeMatch(of: ImportPatterns.partySymbol) != nil { return "party" }
        let names = [draft.issuer, draft.parentIssuer] + openingParagraphs.compactMap(actor(in:))
        let partyBodies = ["đảng ủy", "đảng uỷ", "đảng bộ", "huyện ủy", "tỉnh ủy", "thành ủy", "quận ủy", "thị ủy", "chi bộ"]
        if names.contains(where: { name in partyBodies.contains { name.lowercased().contains($0) } })
            || draft.signatureLines.contains(where: { $0.contains("BÍ THƯ") }) {
            return "party"
        }
        let massOrganisations = ["hội lhpn", "hội liên hiệp phụ nữ", "hội phụ nữ", "đoàn tncs", "đoàn thanh niên", "hội nông dân",
                                 "hội cựu chiến binh", "mặt trận tổ quốc", "công đoàn", "liên đoàn lao động"]
        if names.contains(where: { name in massOrganisations.contains { name.lowercased().contains($0) } }) { return "mass-org" }
        return "state"
    }

    /// The symbols cited in the Căn cứ … / Thực hiện … paragraphs, in order, each once.
    static func basis(_ paragraphs: [String], excluding own: String) -> [String] {
        var symbols: [String] = []
        for paragraph in paragraphs {
            let folded = TextFolding.fold(paragraph)
            guard folded.hasPrefix("can cu") || folded.hasPrefix("thuc hien") else { continue }
            for citation in CitationGrammar.scan(paragraph) {
                let symbol = ImportText.normalizedSymbol(citation.symbol)
                if symbol != own, !symbols.contains(symbol) { symbols.append(symbol) }
            }
        }
        return symbols
    }

    private static func addChecks(_ draft: inout DraftPlan) {
        var checks = draft.checks
        func need(_ field: String, _ reason: String) {
            if !checks.contains(where: { $0.field == field }) { checks.append(FieldCheck(field: field, reason: reason)) }
        }
        if draft.number.isEmpty { need("number", "no số ký hiệu found; write it as printed, or leave it empty with a `number_note`") }
        if draft.status == "draft" { need("status", "the number has no figure (“\(draft.number)”): taken as a draft") }
        if draft.parentIssuer.isEmpty { need("parent_issuer", "no parent body found in the header") }
        if draft.issuer.isEmpty { need("issuer", "no issuing body found") }
        if ImportText.isCapitals(draft.issuer) || ImportText.isCapitals(draft.parentIssuer) {
            need("issuer", "printed in capitals; write the names as the registry does (“Ban Thường vụ Hội LHPN huyện Hóc Môn”)")
        }
        if draft.place.isEmpty { need("place", "no place-and-date line found") }
        if draft.date == nil { need("date", "no date found; write it, or explain its absence in `date_note`") }
        if draft.date?.day == nil, draft.date != nil { need("date", "only partly printed: \(draft.dateNote ?? "")") }
        need("system", "`\(draft.system)` was deduced from the header, the symbol or the issuer's name")
        if draft.basis.isEmpty { need("basis", "no document cited in a Căn cứ / Thực hiện paragraph") }
        if draft.signatureName.isEmpty { need("signature", "no signer's name found") }
        if draft.recipients.isEmpty { need("recipients", "no Nơi nhận list found") }
        need("topics", "choose the topics")
        need("summary", "write one or two sentences for listings and sharing previews")
        let order = ["number", "status", "system", "parent_issuer", "issuer", "place", "date", "title", "basis", "signature",
                     "recipients", "body", "topics", "summary"]
        draft.checks = checks.sorted { (order.firstIndex(of: $0.field) ?? 99) < (order.firstIndex(of: $1.field) ?? 99) }
    }
}
