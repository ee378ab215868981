import Foundation

/// Links and images in Markdown that point into the site must lead to a page or file the build writes.
struct LinkCheck {
    /// Whether the build writes a file at this path (relative to the output folder).
    let isOutput: (String) -> Bool

    /// Checks the plans of `site`, or only those named in `slugs`.
    func run(_ site: ResolvedSite, slugs: Set<String>? = nil, log: inout DiagnosticLog) {
        for slug in (slugs.map(Array.init) ?? Array(site.plans.keys)).sorted() where site.plans[slug] != nil {
            for (language, linked) in site.plans[slug]!.sorted(by: { $0.key < $1.key }) {
                let page = SiteURLs.plan(slug, language)
                for link in linked.links {
                    guard let path = Self.internalPath(link.url, from: page), !exists(path) else { continue }
                    let (line, column) = (link.line, link.column)
                    if link.isImage {
                        log.report(.error(linked.source.path, line: line, column: column,
                                          "image `\(link.url)` does not exist",
                                          hint: "put the file in content/images/ and write `/images/<file>`"))
                    } else {
                        log.report(.error(linked.source.path, line: line, column: column,
                                          "link to `\(link.url)`: there is no such page on this site",
                                          hint: "check the address; plans are /vi/plans/<slug>/, documents /vi/documents/<slug>/"))
                    }
                }
            }
        }
    }

    /// The site path a link leads to, or nil for external links, e-mail and in-page fragments.
    static func internalPath(_ url: String, from page: String) -> String? {
        if url.isEmpty || url.hasPrefix("#") || url.hasPrefix("//") { return nil }
        if let colon = url.firstIndex(of: ":"), !url[..<colon].contains("/") { return nil }
        var path = String(url.prefix { $0 != "?" && $0 != "#" })
        if !path.hasPrefix("/") {
            path = (URL(string: path, relativeTo: URL(string: "https://site.invalid" + page))?.path) ?? path
        }
        return path.removingPercentEncoding ?? path
    }

    private func exists(_ path: String) -> Bool {
        let file = SiteURLs.file(for: path)
        return isOutput(file) || isOutput(file + "/index.html")
    }
}
