/// Where every page lives. URLs end in `/` and map to `…/index.html`; they never change once published.
public struct SiteURLs: Sendable {
    public var baseURL: String

    public init(baseURL: String) {
        self.baseURL = baseURL
    }

    public static let landing = "/"

    public static func home(_ language: Language) -> String { "/\(language.rawValue)/" }

    public static func plan(_ slug: String, _ language: Language) -> String { "/\(language.rawValue)/plans/\(slug)/" }

    /// A legal document's page, `/vi/documents/<slug>/`, and the further pages of its "Cited by" list,
    /// `/vi/documents/<slug>/page/2/`, as the facet listings page (`facetValue`).
    public static func document(_ slug: String, _ language: Language, page: Int = 1) -> String {
        let base = "/\(language.rawValue)/documents/\(slug)/"
        return page == 1 ? base : base + "page/\(page)/"
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
