/// Identifiers in the style of the European Legislation Identifier (ELI), minted on the site's base URL:
///
/// - a plan published here (the work): `{base}/eli/vn/{type}/{year}/{slug}`, e.g.
///   `https://…/eli/vn/ke-hoach/2023/194-kh-btv-2023`;
/// - a registry document, which the site describes but does not publish: `{base}/eli/vn/ref/{type}/{year}/{slug}`
///   (`ref` keeps them apart from the plans: no document type is called `ref`);
/// - a language version (the expression): the work followed by `/vie` or `/eng` (ISO 639-2).
///
/// `{type}` is the type code (`ke-hoach`, `nghi-quyet`, …), `{year}` the year of the document's date or `nd`
/// (no date) when it has none, `{slug}` the plan's file name or the registry document's page slug. Every part
/// comes from the document itself, never from other documents or the build order, so an identifier does
/// not change when the corpus grows; plan slugs are unique file names and registry slugs are unique pages.
struct ELI {
    let baseURL: String

    init(baseURL: String) {
        self.baseURL = baseURL
    }

    /// The work of a plan, from its Vietnamese version (the fields that `type` and `date` keep in both languages).
    func plan(_ plan: Plan) -> String {
        let source = plan.version(.vi) ?? plan.versions.values.min { $0.language < $1.language }!
        return Self.work(baseURL, type: source.type, date: source.date, slug: plan.slug)
    }

    func document(_ document: LegalDocument) -> String {
        Self.work(baseURL + "/eli/vn/ref", type: document.type, date: document.date, slug: document.slug, prefixed: true)
    }

    /// The work of a citation's target.
    func target(_ target: DocumentTarget, index: DocumentIndex) -> String {
        switch target {
        case .plan(let slug): index.plans[slug].map(plan) ?? baseURL + "/eli/vn/plan/nd/" + slug
        case .registry(let position): document(index.registry[position])
        }
    }

    /// The language expression of a work.
    static func expression(_ work: String, _ language: Language) -> String { work + "/" + language.iso639_2 }

    private static func work(_ base: String, type: String, date: PartialDate?, slug: String, prefixed: Bool = false) -> String {
        let year = date.map { String($0.year) } ?? "nd"
        return (prefixed ? base : base + "/eli/vn") + "/\(type)/\(year)/\(slug)"
    }
}

extension Language {
    /// ISO 639-2 code, for ELI expressions and Akoma Ntoso's FRBRlanguage.
    var iso639_2: String {
        switch self {
        case .vi: "vie"
        case .en: "eng"
        }
    }

    /// The EU Publications Office authority URI of the language, for DCAT's `dct:language`.
    var euAuthority: String { "http://publications.europa.eu/resource/authority/language/\(iso639_2.uppercased())" }
}
