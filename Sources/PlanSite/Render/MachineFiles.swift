import Foundation

/// Files for machines: sitemap.xml with hreflang alternates (Sitemap.swift), an Atom feed and a search index
/// per language, robots.txt. Built from the same pages and plans as the HTML, so they cannot disagree with it.
struct MachineFiles {
    let urls: SiteURLs
    let catalogs: [Language: Catalog]

    static func xml(_ text: String) -> String {
        HTML.escape(text)
    }

    func robots() -> OutputFile {
        let text = "User-agent: *\nAllow: /\n\nSitemap: \(urls.absolute(SiteURLs.sitemap))\n"
        return OutputFile(path: "robots.txt", bytes: Array(text.utf8))
    }

    /// RFC 3339 time for a (possibly partial) date: the first day of what is known, at midnight UTC.
    static func timestamp(_ date: PartialDate) -> String {
        "\(date.year)-\(PartialDate.twoDigits(date.month ?? 1))-\(PartialDate.twoDigits(date.day ?? 1))T00:00:00Z"
    }

    /// An Atom feed of the plans in one language, newest first.
    func feed(language: Language, plans: [PlanSource]) -> OutputFile {
        let catalog = catalogs[language]!
        let sorted = plans.sorted(by: SiteRenderer.newestFirst)
        let newest = sorted.compactMap(\.date).max() ?? PartialDate(year: 2000)
        var lines = [
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(language.tag)\">",
            "<title>\(Self.xml(catalog["site_name"]))</title>",
            "<subtitle>\(Self.xml(catalog["site_tagline"]))</subtitle>",
            "<link rel=\"self\" type=\"application/atom+xml\" href=\"\(Self.xml(urls.absolute(SiteURLs.feed(language))))\"/>",
            "<link rel=\"alternate\" type=\"text/html\" href=\"\(Self.xml(urls.absolute(SiteURLs.home(language))))\"/>",
            "<id>\(Self.xml(urls.absolute(SiteURLs.home(language))))</id>",
            "<updated>\(Self.timestamp(newest))</updated>",
            "<author><name>\(Self.xml(catalog["site_name"]))</name></author>",
        ]
        for source in sorted {
            let link = urls.absolute(SiteURLs.plan(source.slug, language))
            let label = [catalog["kind_\(source.type)"], source.number].filter { !$0.isEmpty }.joined(separator: " ")
            lines += [
                "<entry>",
                "<title>\(Self.xml("\(label): \(source.title)"))</title>",
                "<link rel=\"alternate\" type=\"text/html\" href=\"\(Self.xml(link))\"/>",
                "<id>\(Self.xml(link))</id>",
                "<updated>\(Self.timestamp(source.date ?? newest))</updated>",
                "<author><name>\(Self.xml(source.issuer))</name></author>",
                "<summary>\(Self.xml(source.summary ?? source.title))</summary>",
                "</entry>",
            ]
        }
        lines.append("</feed>")
        return OutputFile(path: SiteURLs.file(for: SiteURLs.feed(language)), bytes: Array((lines.joined(separator: "\n") + "\n").utf8))
    }

    /// The search index of one language: plans (title, symbol, date, issuer, the folded words of the text
    /// with their counts, the opening of the text for the snippet) and registry documents. The browser folds the query, the
    /// titles and the snippets itself; the words come folded.
    /// The search index of a language: plans by slug, then documents, in shards of `searchShardSize` items.
    func searchIndex(language: Language, site: ResolvedSite, context: PageContext) -> [OutputFile] {
        searchIndex(language: language, items: searchItems(language: language, site: site, context: context))
    }

    func searchItems(language: Language, site: ResolvedSite, context: PageContext) -> [JSONValue] {
        var items: [JSONValue] = []
        for slug in site.plans.keys.sorted() {
            guard let linked = site.plans[slug]?[language] else { continue }
            items.append(searchItem(linked))
        }
        for position in site.index.registry.indices {
            items.append(searchItem(document: position, language: language, site: site, context: context))
        }
        return items
    }

    /// Items per shard. A browser fetches the shards in parallel; a one-plan edit rewrites one shard.
    static let searchShardSize = 100

    /// The opening of a plan's text kept for the result snippet, in characters (Unicode scalars). Matching
    /// uses the plan's folded words (`w`), which cover the whole text.
    static let searchSnippetLimit = 400

    func searchItem(_ linked: LinkedPlan) -> JSONValue {
        let source = linked.source
        let catalog = catalogs[source.language]!
        // Counted in Unicode scalars (NFC Vietnamese has one per letter): no grapheme breaking on every plan.
        return .object([
            "d": .string(source.date.map { catalog.format($0) } ?? ""), "i": .string(source.issuer),
            "k": .string(catalog["kind_\(source.type)"]), "s": .string(source.number), "t": .string(source.title),
            "u": .string(SiteURLs.plan(source.slug, source.language)),
            "w": .utf8(linked.searchWords.words), "n": .utf8(linked.searchWords.counts), "x": .string(linked.searchOpening),
        ])
    }

    /// The first `limit` Unicode scalars of the UTF-8 text `bytes`, counted on the bytes (a scalar starts at
    /// every byte that is not a continuation byte).
    static func prefix(utf8 bytes: [UInt8], scalars limit: Int) -> String {
        var seen = 0
        if bytes.count > limit {
            for (index, byte) in bytes.enumerated() where byte & 0xC0 != 0x80 {
                if seen == limit { return String(decoding: bytes[..<index], as: UTF8.self) }
                seen += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    func searchItem(document position: Int, language: Language, site: ResolvedSite, context: PageContext) -> JSONValue {
        let document = site.index.registry[position]
        let catalog = catalogs[language]!
        return .object([
            "d": .string(document.date.map { catalog.format($0) } ?? ""), "i": .string(document.issuer[language]),
            "k": .string(catalog["kind_\(document.type)"]), "s": .string(document.symbol),
            "t": .string(context.describe(.registry(index: position), language: language, site: site)),
            "u": .string(SiteURLs.document(document.slug, language)), "x": .string(""),
        ])
    }

    /// The manifest `{"shards":[…]}` and the shards `{"items":[…]}`, written by hand: Foundation's
    /// JSONSerialization is the slowest part of a large build.
    func searchIndex(language: Language, items: [JSONValue]) -> [OutputFile] {
        let shardCount = max(1, (items.count + Self.searchShardSize - 1) / Self.searchShardSize)
        return [searchManifest(language: language, shardCount: shardCount)]
            + (0..<shardCount).map { searchShard(language: language, number: $0, items: items) }
    }

    func searchManifest(language: Language, shardCount: Int) -> OutputFile {
        let shards = (0..<shardCount).map { "\"\(SiteURLs.searchShard(language, $0))\"" }.joined(separator: ",")
        return OutputFile(path: SiteURLs.file(for: SiteURLs.searchIndex(language)), bytes: Array("{\"shards\":[\(shards)]}".utf8))
    }

    /// Shard `number` of the index made of `items`.
    func searchShard(language: Language, number: Int, items: [JSONValue]) -> OutputFile {
        var bytes = Array("{\"items\":[".utf8)
        let range = number * Self.searchShardSize..<min(items.count, (number + 1) * Self.searchShardSize)
        for (position, item) in items[range].enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            item.write(to: &bytes)
        }
        bytes += Array("]}".utf8)
        return OutputFile(path: SiteURLs.file(for: SiteURLs.searchShard(language, number)), bytes: bytes)
    }
}
