import Foundation
import Yams

/// Reads `content/plans/<slug>.<lang>.md` files into `PlanSource` values, reporting every problem.
struct PlanLoader {
    /// The content folder, to check that images named in front matter exist.
    let contentDirectory: String
    /// Document type codes the catalogs know; others are an error with the list in the hint.
    let knownTypes: Set<String>

    static let requiredHint = "see docs or run `plansite new plan` for a complete front matter"

    /// Parses one file. Returns nil (with diagnostics) when it cannot be used.
    func load(path: String, bytes: [UInt8], log: inout DiagnosticLog) -> PlanSource? {
        let fileName = (path as NSString).lastPathComponent
        guard let (slug, language) = Self.slugAndLanguage(fileName: fileName) else {
            log.report(.error(path, "file name must be `<slug>.vi.md` or `<slug>.en.md`",
                              hint: "rename it, e.g. `194-kh-btv-2023.vi.md` (slug: lowercase ASCII letters, digits and hyphens)"))
            return nil
        }
        guard TextFolding.isSlug(slug) else {
            log.report(.error(path, "`\(slug)` is not a valid slug",
                              hint: "use lowercase ASCII letters, digits and single hyphens, e.g. `\(TextFolding.slug(slug))`"))
            return nil
        }
        let text: String
        switch SourceText.decode(bytes) {
        case .success(let decoded): text = decoded
        case .failure(.invalidUTF8(let line, let column)):
            log.report(.error(path, line: line, column: column, "the file is not valid UTF-8",
                              hint: "save the file as UTF-8 in your editor (Save with Encoding → UTF-8)"))
            return nil
        }
        let split: FrontMatterFile
        switch FrontMatterFile.split(text) {
        case .success(let file): split = file
        case .failure(.empty):
            log.report(.error(path, line: 1, "the file is empty",
                              hint: "add front matter between `---` lines and the text of the plan, or delete the file"))
            return nil
        case .failure(.noOpeningFence):
            log.report(.error(path, line: 1, column: 1, "the file must start with front matter: a line `---`",
                              hint: "put `---` on the first line, the fields, then `---` before the text"))
            return nil
        case .failure(.noClosingFence):
            log.report(.error(path, line: 1, column: 1, "the front matter is not closed",
                              hint: "add a line `---` after the last field and before the text"))
            return nil
        }
        let node: Node
        switch YAMLFields.compose(split.yaml, file: path, lineOffset: split.yamlFirstLine) {
        case .success(let composed): node = composed
        case .failure(let diagnostic):
            log.report(diagnostic)
            return nil
        }
        var fields = YAMLFields(file: path, lineOffset: split.yamlFirstLine, node: node, context: "the front matter")
        let plan = read(&fields, slug: slug, language: language, path: path, split: split)
        log.report(contentsOf: fields.log.diagnostics)
        return fields.log.hasErrors ? nil : plan
    }

    /// The body of a source loaded without it, read again from its file; a diagnostic when the file cannot be
    /// read or changed since it was loaded.
    static func body(of source: PlanSource) -> Result<String, Diagnostic> {
        let changed = Diagnostic.error(source.path, "the file changed while the site was being built",
                                       hint: "build again once the file is saved")
        guard let data = FileManager.default.contents(atPath: source.path) else {
            return .failure(.error(source.path, "cannot read the file", hint: "check its permissions"))
        }
        guard case .success(let text) = SourceText.decode([UInt8](data)), text.utf8.count == source.textLength else {
            return .failure(changed)
        }
        let utf8 = text.utf8
        return .success(String(text[utf8.index(utf8.startIndex, offsetBy: source.bodyOffset)...]))
    }

    static func slugAndLanguage(fileName: String) -> (String, Language)? {
        for language in Language.allCases {
            let suffix = ".\(language.rawValue).md"
            if fileName.hasSuffix(suffix), fileName.count > suffix.count {
                return (String(fileName.dropLast(suffix.count)), language)
            }
        }
        return nil
    }

    private func read(_ fields: inout YAMLFields, slug: String, language: Language, path: String,
                      split: FrontMatterFile) -> PlanSource? {
        let known = Set(FieldLines.names)
        for (key, keyNode) in fields.keys where !known.contains(key) {
            fields.error(keyNode, "unknown field `\(key)`",
                         hint: "check the spelling; known fields: \(known.sorted().joined(separator: ", "))")
        }
        let type = fields.string("type", required: true, hint: "e.g. `type: ke-hoach` (\(knownTypes.sorted().joined(separator: ", ")))")
        if let type, !knownTypes.contains(type), let node = fields.value("type") {
            fields.error(node, "unknown document type `\(type)`",
                         hint: "use one of \(knownTypes.sorted().joined(separator: ", ")), or add it to the catalogs in templates/i18n/")
        }
        let number = fields.string("number", required: false, hint: "e.g. `number: 194/KH-BTV`") ?? ""
        let numberNote = fields.string("number_note", required: false, hint: "a sentence on how the number is known")
        let status = fields.string("status", required: false, hint: "`issued` or `draft`") ?? "issued"
        if !["issued", "draft"].contains(status), let node = fields.value("status") {
            fields.error(node, "unknown status `\(status)`", hint: "use `issued` or `draft`")
        }
        var system: IssuingSystem?
        if let value = fields.string("system", required: true, hint: "`system: party`, `state` or `mass-org`") {
            system = IssuingSystem(rawValue: value)
            if system == nil, let node = fields.value("system") {
                fields.error(node, "unknown system `\(value)`",
                             hint: "use `party` (Party bodies), `state` (People's Committees, ministries) or `mass-org` (e.g. the Women's Union)")
            }
        }
        let parentIssuer = fields.string("parent_issuer", required: false, hint: "the body above the issuer, e.g. `Hội LHPN Thành phố Hồ Chí Minh`")
        // The issuer and the place may be left empty only when their note says why (a header lost in a scan).
        let issuerNote = fields.string("issuer_note", required: false, hint: "a sentence on how the issuing body is known")
        let issuer = fields.string("issuer", required: issuerNote == nil, hint: "the issuing body, e.g. `issuer: Ủy ban nhân dân huyện Hóc Môn`")
            ?? (issuerNote == nil ? nil : "")
        let placeNote = fields.string("place_note", required: false, hint: "a sentence on how the place is known")
        let place = fields.string("place", required: placeNote == nil, hint: "the place of the place-and-date line, e.g. `place: Hóc Môn`")
            ?? (placeNote == nil ? nil : "")
        var date: PartialDate?
        if let text = fields.string("date", required: false, hint: "`date: 2023-11-08` (or `2022-04`, `2026` when only partly known)"),
           let node = fields.value("date") {
            switch PartialDate.parse(text) {
            case .success(let parsed): date = parsed
            case .failure(.malformed):
                fields.error(node, "`\(text)` is not a date",
                             hint: "write `YYYY-MM-DD` (e.g. 2023-11-08), or `YYYY-MM` / `YYYY` when the day or month is not known")
            case .failure(.monthOutOfRange(let month)):
                fields.error(node, "`\(text)` is not a real date: there is no month \(month)", hint: "months run from 01 to 12")
            case .failure(.dayOutOfRange(let day, let days)):
                fields.error(node, "`\(text)` is not a real date: that month has \(days) days, not \(day)",
                             hint: "check the date on the signed document")
            }
        }
        let dateNote = fields.string("date_note", required: false, hint: "a sentence on how the date is known")
        let title = fields.string("title", required: true, hint: "the trích yếu, e.g. `title: Triển khai thực hiện …`")
        let basis = fields.strings("basis", required: false, hint: "a list of document symbols, e.g. `basis: [257/KH-BTV, 57-KL/TW]`")
        var signature = Signature(lines: [], name: "")
        if var nested = fields.mapping("signature", required: true,
                                       hint: "`signature: {lines: [TM. BAN THƯỜNG VỤ, CHỦ TỊCH], name: Đặng Trần Trúc Dao}`") {
            signature.lines = nested.strings("lines", required: false, hint: "a list, e.g. `lines: [KT. CHỦ TỊCH, PHÓ CHỦ TỊCH]`")
            // An imported scan may have no legible name: the draft builds, and `--strict` holds it back.
            if let name = nested.string("name", required: false, hint: "the signer's name, e.g. `name: Huỳnh Thị Xuân Mai`") {
                signature.name = name
            } else if let node = fields.value("signature") {
                nested.warning(node, "the signature has no signer's name",
                               hint: "write `name:` as printed under the signature, e.g. `name: Huỳnh Thị Xuân Mai`")
            }
            fields.absorb(nested)
        }
        let recipients = fields.strings("recipients", required: false, hint: "a list of the Nơi nhận lines")
        let topics = fields.strings("topics", required: false, hint: "a list of topic slugs, e.g. `[thong-tin-doi-ngoai]`")
        for (index, topic) in topics.enumerated() where !TextFolding.isSlug(topic) {
            let node = fields.value("topics")?.sequence?[index] ?? fields.node
            fields.error(node, "topic `\(topic)` is not a slug", hint: "use lowercase ASCII with hyphens, e.g. `\(TextFolding.slug(topic))`")
        }
        let summary = fields.string("summary", required: false, hint: "one or two sentences")
        let image = fields.string("image", required: false, hint: "a path under content/images/, e.g. `images/hoc-mon.jpg`")
        if let image, let node = fields.value("image") {
            let valid = image.hasPrefix("images/") && !image.split(separator: "/").contains("..")
            let exists = FileManager.default.fileExists(atPath: ((contentDirectory as NSString).appendingPathComponent(image)))
            if !valid {
                fields.error(node, "`image` must be a path under images/", hint: "put the file in content/images/ and write `image: images/<file>`")
            } else if !exists {
                fields.error(node, "image `\(image)` does not exist", hint: "add content/\(image) or correct the path")
            }
        }
        let translatedFrom = fields.string("translated_from", required: false,
                                           hint: "written by `plansite translations --mark <slug>`; do not edit by hand")
        var appendices: [Appendix] = []
        for var entry in fields.mappings("appendix", hint: "a list of appendices, each with `title` and `documents`") {
            let appendixTitle = entry.string("title", required: true, hint: "the appendix title") ?? ""
            let note = entry.string("note", required: false, hint: "e.g. `(Đính kèm Kế hoạch số …)`")
            appendices.append(Appendix(title: appendixTitle, note: note, entries: appendixEntries(&entry)))
            fields.absorb(entry)
        }
        guard let type, let system, let issuer, let place, let title else { return nil }
        return PlanSource(
            slug: slug, language: language, path: path, type: type, number: number, numberNote: numberNote,
            status: status, system: system, parentIssuer: parentIssuer, issuer: issuer, issuerNote: issuerNote, place: place,
            placeNote: placeNote, date: date, dateNote: dateNote, title: title, basis: basis, signature: signature, recipients: recipients,
            topics: topics, summary: summary, image: image, translatedFrom: translatedFrom, appendices: appendices, body: split.body,
            bodyStartLine: split.bodyFirstLine, bodyOffset: split.textLength - split.body.utf8.count, textLength: split.textLength,
            fieldLines: FieldLines(Dictionary(fields.keys.map { ($0.0, fields.line(of: $0.1)) }, uniquingKeysWith: { first, _ in first }))
        )
    }

    /// `documents:` items are symbols (`- 57-KL/TW`) or mappings with a note and, when the plan prints the row's
    /// Nội dung otherwise than the registry, that cell as printed (`- {symbol: 57-KL/TW, notes: …, printed: …}`).
    private func appendixEntries(_ appendix: inout YAMLFields) -> [AppendixEntry] {
        let hint = "list registry symbols: `documents: [57-KL/TW, 72/2015/NĐ-CP]`, or `- {symbol: …, notes: …}`"
        guard let node = appendix.value("documents") else {
            appendix.missing("documents", hint: hint)
            return []
        }
        guard let items = node.sequence else {
            appendix.error(node, "`documents` must be a list, not \(YAMLFields.shape(of: node))", hint: hint)
            return []
        }
        var entries: [AppendixEntry] = []
        for item in items {
            if let scalar = item.scalar {
                entries.append(AppendixEntry(symbol: scalar.string, notes: "", line: appendix.line(of: item)))
            } else if item.mapping != nil {
                var row = YAMLFields(file: appendix.file, lineOffset: appendix.lineOffset, node: item, context: "an appendix entry")
                let symbol = row.string("symbol", required: true, hint: hint)
                let notes = row.string("notes", required: false, hint: "the Ghi chú column") ?? ""
                let printed = row.string("printed", required: false,
                                         hint: "the Nội dung cell as printed, when it differs from the registry")
                appendix.absorb(row)
                if let symbol {
                    entries.append(AppendixEntry(symbol: symbol, notes: notes, printed: printed, line: appendix.line(of: item)))
                }
            } else {
                appendix.error(item, "an appendix entry must be a symbol or a `{symbol, notes}` mapping", hint: hint)
            }
        }
        return entries
    }
}
