/// Where every page lives. URLs end in `/` and map to `…/index.html`; they never change once published.
public struct SiteURLs: Sendable {
    public var baseURL: String

    public init(baseURL: String) {
        self.baseURL = baseURL
    }

    public static let landing = "/"

    public static func home(_ language: Language) -> String { "/\(language.rawValue)/" }

    public static func plan(_ slug: String, _ language: Language) -> String { "/\(language.rawValue)/plans/\(slug)/" }

    /// A legal document's page, `/vi/documents/<slug>/`.
    public static func document(_ slug: String, _ language: Language) -> String { "/\(language.rawValue)/documents/\(slug)/" }

    /// A page of a document's "Cited by" list (`CitedByPages`): page 1 is the document's page, each further page
    /// is named by its first plan, `/vi/documents/<slug>/cited-by/<plan slug>/`.
    public static func citedBy(_ slug: String, _ language: Language, from plan: String?) -> String {
        plan.map { document(slug, language) + "cited-by/\($0)/" } ?? document(slug, language)
    }

    /// The whole "Implemented by" list of a document with more implementers than its page shows:
    /// `/vi/documents/<slug>/implemented-by/`, `…/implemented-by/page/2/` (`ImplementedByPages`).
    public static func implementedBy(_ slug: String, _ language: Language, page: Int = 1) -> String {
        let base = document(slug, language) + "implemented-by/"
        return page == 1 ? base : base + "page/\(page)/"
    }

    public static func documents(_ language: Language) -> String { "/\(language.rawValue)/documents/" }

    public static let stylesheet = "/assets/style.css"
    public static let script = "/assets/search.js"
    /// The default sharing image, shipped in templates/assets/.
    public static let shareImage = "/assets/share.png"
    public static let sitemap = "/sitemap.xml"
    public static let robots = "/robots.txt"
    public static let rootNotFound = "/404.html"

    public static func notFound(_ language: Language) -> String { "/\(language.rawValue)/404.html" }
    public static func feed(_ language: Language) -> String { "/\(language.rawValue)/feed.xml" }
    public static func search(_ language: Language) -> String { "/\(language.rawValue)/search/" }
    /// The search manifest: the index's shard keys and chunk size (`SearchIndex`).
    public static func searchIndex(_ language: Language) -> String { "/\(language.rawValue)/search-index.json" }
    /// The folders of the word shards and of the item chunks (`SearchIndex`), and one file of each.
    public static func searchWordsFolder(_ language: Language) -> String { "/\(language.rawValue)/search-index/w/" }
    public static func searchItemsFolder(_ language: Language) -> String { "/\(language.rawValue)/search-index/i/" }
    public static func searchWords(_ language: Language, _ fileName: String) -> String { searchWordsFolder(language) + fileName + ".json" }
    public static func searchItems(_ language: Language, _ number: Int) -> String { searchItemsFolder(language) + "\(number).json" }
    /// A page of a word's postings beyond its shard: `w/<word's file name>-<page name>.json` (`SearchIndex.Page`).
    public static func searchWordPage(_ language: Language, _ fileName: String, _ page: String) -> String {
        searchWordsFolder(language) + fileName + "-\(page).json"
    }

    /// A listing of plans by topic, issuer, place, year or type: `/vi/topics/`, `/vi/topics/<key>/`,
    /// `/vi/topics/<key>/page/2/`.
    public static func facet(_ facet: Facet, _ language: Language) -> String { "/\(language.rawValue)/\(facet.rawValue)/" }

    public static func facetValue(_ facet: Facet, _ key: String, _ language: Language, page: Int = 1) -> String {
        let base = "/\(language.rawValue)/\(facet.rawValue)/\(key)/"
        return page == 1 ? base : base + "page/\(page)/"
    }

    /// An image named in front matter (`image: images/x.jpg`, relative to content/), published under `/images/`.
    public static func contentImage(_ relative: String) -> String { "/" + relative }

    /// The absolute URL for canonical links, hreflang alternates and sharing previews.
    public func absolute(_ path: String) -> String { baseURL + path }

    /// The file in `public/` that serves `path`.
    public static func file(for path: String) -> String {
        let trimmed = path.hasPrefix("/") ? String(path.dropFirst()) : path
        return trimmed.isEmpty || trimmed.hasSuffix("/") ? trimmed + "index.html" : trimmed
    }
}
