import Foundation

/// Writes a `DraftPlan` as a plan file in the project's own form (the fields of `plansite new plan`), with
/// the import's report in YAML comments at the top of the front matter: where the text came from, the
/// fields an editor must check, and what was left out.
enum DraftWriter {
    /// How many left-out pieces the report lists; all of them are printed as warnings by the command.
    static let droppedListed = 40

    static func text(of draft: DraftPlan, source: String, method: ExtractionMethod, pages: Int) -> String {
        var lines = ["---"]
        lines.append("# plansite import: bản nháp từ `\(source)` (\(pages) trang), đọc bằng \(methodName(method)).")
        if method == .pdfOCR {
            lines.append("# Văn bản được nhận dạng ký tự (OCR) từ ảnh quét: đối chiếu từng câu với bản gốc trước khi đăng.")
        }
        lines.append("# Biên tập viên cần kiểm tra \(draft.checks.count) trường, rồi xóa các dòng chú thích này:")
        for check in draft.checks { lines.append("#   - \(check.field): \(check.reason)") }
        let groups = draft.droppedGroups
        if !groups.isEmpty {
            lines.append("# Phần không đưa vào bản nháp (\(groups.count)), theo dòng của văn bản đã trích:")
            for group in groups.prefix(droppedListed) {
                let where_ = DraftPlan.describe(lines: group.lines, word: ("dòng", "dòng"))
                lines.append("#   - \(where_): “\(oneLine(group.text))”: \(group.reason)")
            }
            if groups.count > droppedListed { lines.append("#   - … và \(groups.count - droppedListed) phần khác (xem cảnh báo của lệnh)") }
        }
        lines.append("type: \(draft.type)")
        lines.append("number: \(quoted(draft.number))")
        if let note = draft.numberNote { lines.append("number_note: \(quoted(note))") }
        lines.append("status: \(draft.status)")
        lines.append("system: \(draft.system)")
        lines.append("parent_issuer: \(quoted(draft.parentIssuer))")
        lines.append("issuer: \(quoted(draft.issuer))")
        if let note = draft.issuerNote { lines.append("issuer_note: \(quoted(note))") }
        lines.append("place: \(quoted(draft.place))")
        if let note = draft.placeNote { lines.append("place_note: \(quoted(note))") }
        lines.append("date: \(quoted(draft.date?.description ?? ""))")
        if let note = draft.dateNote { lines.append("date_note: \(quoted(note))") }
        lines.append("title: \(quoted(draft.title))")
        lines.append(list("basis", draft.basis))
        lines.append("signature:")
        lines.append("  lines: [\(draft.signatureLines.map(quoted).joined(separator: ", "))]")
        lines.append("  name: \(quoted(draft.signatureName))")
        lines.append(list("recipients", draft.recipients))
        lines.append("topics: []")
        lines.append("summary: \"\"")
        if !draft.appendices.isEmpty {
            lines.append("appendix:")
            for appendix in draft.appendices {
                lines.append("  - title: \(quoted(appendix.title))")
                if !appendix.note.isEmpty { lines.append("    note: \(quoted(appendix.note))") }
                lines.append("    documents:")
                for row in appendix.rows {
                    lines.append("      - symbol: \(quoted(row.symbol))")
                    if !row.printed.isEmpty { lines.append("        printed: \(quoted(row.printed))") }
                    if !row.notes.isEmpty { lines.append("        notes: \(quoted(row.notes))") }
                }
            }
        }
        lines.append("---")
        lines.append("")
        var body = draft.blocks.map(\.markdown)
        if !draft.footnotes.isEmpty { body += ["---"] + draft.footnotes }
        return lines.joined(separator: "\n") + "\n" + body.joined(separator: "\n\n") + "\n"
    }

    private static func methodName(_ method: ExtractionMethod) -> String {
        switch method {
        case .text: "văn bản thuần"
        case .markdown: "Markdown"
        case .pdfText: "lớp chữ của PDF (pdftotext)"
        case .pdfOCR: "OCR ảnh trang PDF (pdftoppm + Tesseract, tiếng Việt)"
        case .docx: "tệp Word (pandoc)"
        }
    }

    private static func list(_ key: String, _ values: [String]) -> String {
        values.isEmpty ? "\(key): []" : "\(key):\n" + values.map { "  - \(quoted($0))" }.joined(separator: "\n")
    }

    private static func oneLine(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.count > 80 ? String(flat.prefix(77)) + "…" : flat
    }

    /// A YAML double-quoted scalar.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 { result += String(format: "\\x%02X", scalar.value) } else { result.unicodeScalars.append(scalar) }
            }
        }
        return result + "\""
    }
}
