import Foundation
import Yams

/// Reads `content/legal/documents.yml`: one bilingual entry per legal document.
struct RegistryLoader {
    let knownTypes: Set<String>

    static let relativePath = "legal/documents.yml"

    func load(contentDirectory: String, log: inout DiagnosticLog) -> [LegalDocument]? {
        let path = (contentDirectory as NSString).appendingPathComponent(Self.relativePath)
        guard FileManager.default.fileExists(atPath: path) else {
            log.report(.warning(path, "there is no legal-document registry; citations will not be linked",
                                hint: "create \(path) with one entry per cited document"))
            return []
        }
        guard let node = YAMLFields.loadFile(path, missing: ("cannot read the registry", "check its permissions"), log: &log) else {
            return nil
        }
        guard let sequence = node.sequence else {
            log.report(.error(path, line: 1, "the registry must be a list of documents (lines starting with `- symbol:`)",
                              hint: "see the first entries of the file for the format"))
            return nil
        }
        var documents: [LegalDocument] = []
        var failed = false
        for item in sequence {
            var fields = YAMLFields(file: path, lineOffset: 1, node: item, context: "each document")
            if let document = read(&fields, path: path) { documents.append(document) }
            log.report(contentsOf: fields.log.diagnostics)
            failed = failed || fields.log.hasErrors
        }
        return failed ? nil : documents
    }

    private func read(_ fields: inout YAMLFields, path: String) -> LegalDocument? {
        let known: Set<String> = ["symbol", "type", "date", "issuer", "title", "source", "status", "aliases", "note", "basis", "stub"]
        for (key, keyNode) in fields.keys where !known.contains(key) {
            fields.error(keyNode, "unknown field `\(key)`", hint: "known fields: \(known.sorted().joined(separator: ", "))")
        }
        let symbol = fields.string("symbol", required: true, hint: "e.g. `symbol: 57-KL/TW`")
        if let symbol, let node = fields.value("symbol"), CitationGrammar.scan(symbol).map(\.symbol) != [symbol] {
            fields.error(node, "`\(symbol)` is not a document symbol the citation scanner recognises",
                         hint: "write it as printed, e.g. `57-KL/TW`, `09/2017/NĐ-CP`, `1762/KH-UBND`")
        }
        let type = fields.string("type", required: true, hint: "e.g. `type: ket-luan`")
        if let type, !knownTypes.contains(type), let node = fields.value("type") {
            fields.error(node, "unknown document type `\(type)`",
                         hint: "use one of \(knownTypes.sorted().joined(separator: ", ")) or add `kind_\(type)` to the catalogs")
        }
        var date: PartialDate?
        if let text = fields.string("date", required: false, hint: "`date: 2023-06-15`"), let node = fields.value("date") {
            if case .success(let parsed) = PartialDate.parse(text) { date = parsed } else {
                fields.error(node, "`\(text)` is not a real date", hint: "write `YYYY-MM-DD`, or `YYYY-MM` / `YYYY`")
            }
        }
        // A stub (written by `plansite import`) may lack issuer and title; it is linked, and reported unfinished.
        let stub = fields.bool("stub", default: false)
        if stub, let node = fields.value("stub") {
            fields.warning(node, "registry entry `\(symbol ?? "")` is an unfinished stub added by plansite import",
                           hint: "write its issuer and title in both languages from the signed document, check type and date, then delete `stub: true`")
        }
        let issuer = bilingual(&fields, "issuer", required: !stub) ?? (stub ? Bilingual(vi: "", en: "") : nil)
        let title = bilingual(&fields, "title", required: !stub) ?? (stub ? Bilingual(vi: "", en: "") : nil)
        let note = bilingual(&fields, "note", required: false)
        let source = fields.string("source", required: false, hint: "the official URL")
        if let source, !source.hasPrefix("https://"), !source.hasPrefix("http://"), let node = fields.value("source") {
            fields.error(node, "`source` must be an http(s) URL", hint: "copy the address of the official page")
        }
        let status = fields.string("status", required: false, hint: "in-force, expired or replaced")
        let aliases = fields.strings("aliases", required: false, hint: "a list of misprinted symbols")
        let basis = fields.strings("basis", required: false, hint: "a list of symbols this document implements")
        guard let symbol, let type, let issuer, let title else { return nil }
        return LegalDocument(symbol: symbol, type: type, date: date, issuer: issuer, title: title, source: source,
                             status: status, aliases: aliases, note: note, basis: basis,
                             location: SourceLocation(file: path, line: fields.mappingLine))
    }

    private func bilingual(_ fields: inout YAMLFields, _ key: String, required: Bool) -> Bilingual? {
        guard var nested = fields.mapping(key, required: required, hint: "`\(key): {vi: …, en: …}`") else { return nil }
        let vi = nested.string("vi", required: true, hint: "the Vietnamese text")
        let en = nested.string("en", required: true, hint: "the English text")
        fields.absorb(nested)
        guard let vi, let en else { return nil }
        return Bilingual(vi: vi, en: en)
    }
}
