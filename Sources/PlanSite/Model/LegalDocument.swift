/// Text in both languages.
public struct Bilingual: Sendable, Hashable {
    public var vi: String
    public var en: String

    public subscript(language: Language) -> String {
        switch language {
        case .vi: vi
        case .en: en
        }
    }
}

/// One entry of the legal-document registry (`content/legal/documents.yml`).
public struct LegalDocument: Sendable {
    /// Số ký hiệu as officially written, e.g. `57-KL/TW`.
    public var symbol: String
    /// Document kind code (`ket-luan`, `nghi-dinh`, …); the catalogs name it.
    public var type: String
    public var date: PartialDate?
    public var issuer: Bilingual
    /// The trích yếu without kind and number ("về tiếp tục nâng cao …").
    public var title: Bilingual
    /// The official source, when known.
    public var source: String?
    public var status: String?
    /// Misprinted forms under which plans cite this document.
    public var aliases: [String]
    public var note: Bilingual?
    /// Symbols of the documents this one implements.
    public var basis: [String]
    public var location: SourceLocation

    /// URL slug: the folded symbol plus the year when the symbol does not contain it
    /// (`57-kl-tw-2023`, `09-2017-nd-cp`), so that documents sharing a symbol across terms get distinct pages.
    public var slug: String {
        let base = TextFolding.slug(symbol)
        guard let year = date?.year, !symbol.contains(String(year)) else { return base }
        return "\(base)-\(year)"
    }
}
