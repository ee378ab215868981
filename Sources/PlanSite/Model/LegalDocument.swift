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
    public let symbol: String
    /// Document kind code (`ket-luan`, `nghi-dinh`, …); the catalogs name it.
    public var type: String
    public let date: PartialDate?
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
    /// Made once: every link to the document needs it.
    public let slug: String

    public init(symbol: String, type: String, date: PartialDate?, issuer: Bilingual, title: Bilingual, source: String?,
                status: String?, aliases: [String], note: Bilingual?, basis: [String], location: SourceLocation) {
        self.symbol = symbol
        self.type = type
        self.date = date
        self.issuer = issuer
        self.title = title
        self.source = source
        self.status = status
        self.aliases = aliases
        self.note = note
        self.basis = basis
        self.location = location
        let base = TextFolding.slug(symbol)
        if let year = date?.year, !symbol.contains(String(year)) {
            slug = "\(base)-\(year)"
        } else {
            slug = base
        }
    }
}
