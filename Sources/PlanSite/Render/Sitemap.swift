/// The sitemap (sitemaps.org, protocol 0.9): every page but the 404 pages, in path order, each with its
/// hreflang alternates. One sitemap file may hold 50,000 URLs and 50 MB uncompressed; a larger site gets
/// sitemap.xml as a sitemap index of sitemap-1.xml, sitemap-2.xml, …, so robots.txt and the search
/// engines keep the one address.
extension MachineFiles {
    /// The protocol's limits on one sitemap file: URLs, and bytes uncompressed (50 MiB).
    static let sitemapURLLimit = 50_000
    static let sitemapByteLimit = 52_428_800

    /// sitemap.xml alone while the pages fit in one file; else the index and its parts, which take the pages
    /// in path order, each as many as fit. The same pages in any order give the same files. (An index may
    /// itself list 50,000 parts, 2.5 billion pages: not checked.)
    func sitemaps(_ pages: [SitemapEntry], maximumURLs: Int = Self.sitemapURLLimit,
                  maximumBytes: Int = Self.sitemapByteLimit) -> [OutputFile] {
        precondition(maximumURLs > 0, "a sitemap file holds at least one URL")
        let listed = pages.filter(\.inSitemap).sorted(by: { $0.path < $1.path })
        let parts = urlsets(listed, maximumURLs: maximumURLs, maximumBytes: maximumBytes)
        if parts.count == 1 { return [OutputFile(path: SiteURLs.file(for: SiteURLs.sitemap), bytes: parts[0])] }
        return [sitemapIndex(partCount: parts.count)]
            + parts.enumerated().map { OutputFile(path: SiteURLs.file(for: Self.sitemapPart($0.offset + 1)), bytes: $0.element) }
    }

    /// The address of part `number` (from 1) of a split sitemap.
    static func sitemapPart(_ number: Int) -> String { "/sitemap-\(number).xml" }

    /// `listed` as the bytes of `<urlset>` files, in order: a file closes before the entry that would take it
    /// past `maximumURLs` entries or `maximumBytes` bytes (an entry too big for any file still gets one).
    /// Written as bytes: a large portal has tens of thousands of entries.
    func urlsets(_ listed: [SitemapEntry], maximumURLs: Int, maximumBytes: Int) -> [[UInt8]] {
        let head = Array(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n").utf8)
        let tail = Array("</urlset>\n".utf8)
        func opened(remaining: Int) -> [UInt8] {
            var bytes = head
            bytes.reserveCapacity(min(remaining, maximumURLs) * 400)
            return bytes
        }
        var parts: [[UInt8]] = []
        var part = opened(remaining: listed.count), count = 0
        var entry: [UInt8] = []
        for (position, page) in listed.enumerated() {
            entry.removeAll(keepingCapacity: true)
            writeURL(page, to: &entry)
            if count == maximumURLs || (count > 0 && part.count + entry.count + tail.count > maximumBytes) {
                part += tail
                parts.append(part)
                (part, count) = (opened(remaining: listed.count - position), 0)
            }
            part += entry
            count += 1
        }
        part += tail
        parts.append(part)
        return parts
    }

    /// One `<url>`: its address, then a line per language version and the x-default.
    func writeURL(_ page: SitemapEntry, to bytes: inout [UInt8]) {
        func line(_ parts: String...) {
            for part in parts { bytes += part.utf8 }
            bytes.append(10)
        }
        line("<url><loc>", Self.xml(urls.absolute(page.path)), "</loc>")
        for language in Language.allCases {
            guard let path = page.alternates[language] else { continue }
            line("<xhtml:link rel=\"alternate\" hreflang=\"", language.tag, "\" href=\"", Self.xml(urls.absolute(path)), "\"/>")
        }
        if let xDefault = page.xDefault {
            line("<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"", Self.xml(urls.absolute(xDefault)), "\"/>")
        }
        line("</url>")
    }

    /// The sitemap index at sitemap.xml: the absolute address of each of its `partCount` parts.
    func sitemapIndex(partCount: Int) -> OutputFile {
        var bytes = Array(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n").utf8)
        for number in 1...partCount {
            bytes += "<sitemap><loc>\(Self.xml(urls.absolute(Self.sitemapPart(number))))</loc></sitemap>\n".utf8
        }
        bytes += "</sitemapindex>\n".utf8
        return OutputFile(path: SiteURLs.file(for: SiteURLs.sitemap), bytes: bytes)
    }
}
