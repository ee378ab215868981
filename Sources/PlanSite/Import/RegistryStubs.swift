import Foundation

/// Registry entries for the symbols an imported plan cites that `content/legal/documents.yml` lacks: the
/// symbol, the kind and the date the citation gives, and `stub: true`. The build accepts a stub and links
/// to it; `check --strict` reports it, at its line, as unfinished until an editor adds issuer and title.
struct RegistryStubs {
    /// The symbols the site knows: registry entries, their aliases, and published plans' numbers.
    let known: Set<String>

    struct Stub: Equatable {
        var symbol: String
        var type: String
        var date: PartialDate?
    }

    /// Kinds by the words before "số" ("Kết luận số 57-KL/TW") and by the kind code in the symbol.
    static let kindWords: [(words: String, type: String)] = [
        ("nghị quyết", "nghi-quyet"), ("kết luận", "ket-luan"), ("chỉ thị", "chi-thi"), ("quy định", "quy-dinh"),
        ("luật", "luat"), ("nghị định", "nghi-dinh"), ("thông tư", "thong-tu"), ("quyết định", "quyet-dinh"),
        ("kế hoạch", "ke-hoach"), ("hướng dẫn", "huong-dan"), ("chương trình", "chuong-trinh"), ("đề án", "de-an"),
        ("công văn", "cong-van"),
    ]
    static let kindCodes: [String: String] = ["NQ": "nghi-quyet", "KL": "ket-luan", "CT": "chi-thi", "QĐ": "quyet-dinh",
                                              "NĐ": "nghi-dinh", "TT": "thong-tu", "KH": "ke-hoach", "HD": "huong-dan",
                                              "QC": "quy-dinh", "QĐi": "quy-dinh", "CTr": "chuong-trinh", "ĐA": "de-an"]

    /// The stubs for the citations of `texts` (title, notes, body, footnotes, appendix), each symbol once, in
    /// the order they are first cited.
    func stubs(for texts: [String], appendixSymbols: [String], own: String) -> [Stub] {
        var stubs: [Stub] = []
        func add(_ stub: Stub) {
            guard stub.symbol != own, !known.contains(stub.symbol) else { return }
            if let index = stubs.firstIndex(where: { $0.symbol == stub.symbol }) {
                if stubs[index].date == nil { stubs[index].date = stub.date }
            } else {
                stubs.append(stub)
            }
        }
        for text in texts {
            let scalars = Array(text.unicodeScalars)
            for citation in CitationGrammar.scan(text) {
                let before = String(String.UnicodeScalarView(scalars[max(0, citation.range.lowerBound - 24)..<citation.range.lowerBound])).lowercased()
                let symbol = ImportText.normalizedSymbol(citation.symbol)
                add(Stub(symbol: symbol, type: Self.kind(before: before, symbol: symbol), date: citation.date))
            }
        }
        for symbol in appendixSymbols { add(Stub(symbol: symbol, type: Self.kind(before: "", symbol: symbol), date: nil)) }
        return stubs
    }

    static func kind(before: String, symbol: String) -> String {
        let words = before.trimmingCharacters(in: .whitespaces)
        if let match = kindWords.filter({ words.hasSuffix($0.words + " số") || words.hasSuffix($0.words) })
            .max(by: { $0.words.count < $1.words.count }) {
            return match.type
        }
        // The kind code: "57-KL/TW" → KL, "1762/KH-UBND" → KH, "09/2017/NĐ-CP" → NĐ.
        let code: Substring
        if let dash = symbol.firstIndex(of: "-"), symbol[..<dash].allSatisfy(\.isNumber) {
            code = symbol[symbol.index(after: dash)...].prefix { $0 != "/" }
        } else {
            code = symbol.split(separator: "/").last?.prefix { $0 != "-" } ?? ""
        }
        return kindCodes[String(code)] ?? "cong-van"
    }

    /// The YAML text appended to the registry for `stubs`.
    static func yaml(_ stubs: [Stub], source: String) -> String {
        guard !stubs.isEmpty else { return "" }
        var lines = ["", "# Added by `plansite import` from \(source): stubs to finish. Write each document's issuer and title",
                     "# in both languages from the signed document (`issuer: {vi: …, en: …}`, `title: {vi: …, en: …}`),",
                     "# check its type and date, then delete `stub: true`."]
        for stub in stubs {
            lines.append("")
            lines.append("- symbol: \(DraftWriter.quoted(stub.symbol))")
            lines.append("  type: \(stub.type)")
            if let date = stub.date { lines.append("  date: \(DraftWriter.quoted(date.description))") }
            lines.append("  stub: true")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
