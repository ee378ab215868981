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
        var files: [OutputFile] = []
        sitemaps([pages], maximumURLs: maximumURLs, maximumBytes: maximumBytes) { files.append($0) }
        // The index comes last from the stream; first here.
        return files.count == 1 ? files : [files.last!] + files.dropLast()
    }

    /// The same files handed to `emit` one at a time, each part as soon as it is full (so no more than two
    /// parts are ever held), the index last; the pages may come in several lists (the plan pages and the
    /// others), taken as one.
    func sitemaps(_ lists: [[SitemapEntry]], maximumURLs: Int = Self.sitemapURLLimit,
                  maximumBytes: Int = Self.sitemapByteLimit, emit: (OutputFile) -> Void) {
        precondition(maximumURLs > 0, "a sitemap file holds at least one URL")
        // The pages in path order as places in `lists` (8 bytes each), not as copies of the entries: a
        // national site has 700,000 pages.
        var order: [(list: Int32, index: Int32)] = []
        order.reserveCapacity(lists.reduce(0) { $0 + $1.count })
        for (list, pages) in lists.enumerated() {
            for (index, page) in pages.enumerated() where page.inSitemap { order.append((Int32(list), Int32(index))) }
        }
        order.sort { lists[Int($0.list)][Int($0.index)].path < lists[Int($1.list)][Int($1.index)].path }
        let listed = order.lazy.map { lists[Int($0.list)][Int($0.index)] }
        let head = Array(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n").utf8)
        let tail = Array("</urlset>\n".utf8)
        func opened(remaining: Int) -> [UInt8] {
            var bytes = head
            bytes.reserveCapacity(min(remaining, maximumURLs) * 400)
            return bytes
        }
        // A part is written as soon as it is full when the site is known to need several (more pages than a
        // file holds); otherwise a full part is kept until the next one shows there are two (the byte limit).
        let split = listed.count > maximumURLs
        var finished: [UInt8]?
        var partCount = 0
        func close(_ part: inout [UInt8]) {
            part += tail
            if split {
                partCount += 1
                emit(OutputFile(path: SiteURLs.file(for: Self.sitemapPart(partCount)), bytes: part))
                return
            }
            if let previous = finished {
                partCount += 1
                emit(OutputFile(path: SiteURLs.file(for: Self.sitemapPart(partCount)), bytes: previous))
            }
            finished = part
        }
        var part = opened(remaining: listed.count), count = 0
        var entry: [UInt8] = []
        for (position, page) in listed.enumerated() {
            entry.removeAll(keepingCapacity: true)
            writeURL(page, to: &entry)
            if count == maximumURLs || (count > 0 && part.count + entry.count + tail.count > maximumBytes) {
                close(&part)
                (part, count) = (opened(remaining: listed.count - position), 0)
            }
            part += entry
            count += 1
        }
        close(&part)
        if let finished {
            if partCount == 0 {
                emit(OutputFile(path: SiteURLs.file(for: SiteURLs.sitemap), bytes: finished))
                return
            }
            partCount += 1
            emit(OutputFile(path: SiteURLs.file(for: Self.sitemapPart(partCount)), bytes: finished))
        }
        emit(sitemapIndex(partCount: partCount))
    }

    /// The address of part `number` (from 1) of a split sitemap.
    static func sitemapPart(_ number: Int) -> String { "/sitemap-\(number).xml" }

    /// One `<url>`: its address, then a line per language version and the x-default.
    func writeURL(_ page: SitemapEntry, to bytes: inout [UInt8]) {
        func line(_ parts: String...) {
            for part in parts { bytes += part.utf8 }
            bytes.append(10)
        }
        line("<url><loc>", Self.xml(urls.absolute(page.path)), "</loc>")
        for language in Language.allCases {
            guard let path = page.alternate(language) else { continue }
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
