/// Site-wide settings from `content/site.yml`.
public struct SiteConfig: Sendable {
    /// Absolute base URL without trailing slash, e.g. `https://plans.example.gov.vn`; used for canonical
    /// URLs, hreflang alternates, feeds and sharing previews.
    public var baseURL: String
    /// Allow raw HTML and unsafe URLs in Markdown. Only for trusted content; off by default.
    public var allowRawHTML: Bool
    /// Plans per listing page before a listing is split into pages.
    public var listingPageSize: Int
    /// Plans per part of the open data's plan files (`data/plans-0001.json` …) once the site has more plans
    /// than this; a smaller site has one file of each (`OpenDataParts`).
    public var dataPartPlans: Int

    public init(baseURL: String, allowRawHTML: Bool = false, listingPageSize: Int = 10, dataPartPlans: Int = 500) {
        self.baseURL = baseURL
        self.allowRawHTML = allowRawHTML
        self.listingPageSize = listingPageSize
        self.dataPartPlans = dataPartPlans
    }
}
