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

    /// The search index of a language (see `SearchIndex`): plans by slug, then registry documents.
    func searchIndex(language: Language, site: ResolvedSite, context: PageContext) -> [OutputFile] {
        SearchIndex(entries: searchEntries(language: language, site: site, context: context)).files(language: language)
    }

    func searchEntries(language: Language, site: ResolvedSite, context: PageContext) -> [SearchIndex.Entry] {
        var entries: [SearchIndex.Entry] = []
        for slug in site.plans.keys.sorted() {
            guard let linked = site.plans[slug]?[language] else { continue }
            entries.append(searchEntry(linked))
        }
        for position in site.index.registry.indices {
            entries.append(searchEntry(document: position, language: language, site: site, context: context))
        }
        return entries
    }

    /// The opening of a plan's text kept for the result snippet, in characters (Unicode scalars). Matching
    /// uses the plan's folded words, which cover the whole text.
    static let searchSnippetLimit = 400

    func searchEntry(_ linked: LinkedPlan) -> SearchIndex.Entry { searchItem(linked).entry }

    /// A plan version's search item: its text's folded words (`LinkedPlan.searchWords`) weighted by how often
    /// it uses them, and the words of its symbol, title and issuer weighted more (`addFieldWeights`).
    func searchItem(_ linked: LinkedPlan) -> SearchItem {
        let source = linked.source
        let catalog = catalogs[source.language]!
        let meta = JSONValue.members([
            ("d", .string(source.date.map { catalog.format($0) } ?? "")), ("i", .string(source.issuer)),
            ("k", .string(catalog["kind_\(source.type)"])), ("s", .string(source.number)), ("t", .string(source.title)),
            ("u", .string(SiteURLs.plan(source.slug, source.language))), ("x", .string(linked.searchOpening)),
        ])
        return SearchItem(meta: meta, text: linked.searchWords, symbol: source.number, title: source.title, issuer: source.issuer)
    }

    func searchEntry(document position: Int, language: Language, site: ResolvedSite, context: PageContext) -> SearchIndex.Entry {
        let document = site.index.registry[position]
        let catalog = catalogs[language]!
        let title = context.describe(.registry(index: position), language: language, index: site.index)
        let meta = JSONValue.object([
            "d": .string(document.date.map { catalog.format($0) } ?? ""), "i": .string(document.issuer[language]),
            "k": .string(catalog["kind_\(document.type)"]), "s": .string(document.symbol),
            "t": .string(title), "u": .string(SiteURLs.document(document.slug, language)), "x": .string(""),
        ])
        var weights: [String: Int] = [:]
        Self.addFieldWeights(&weights, symbol: document.symbol, title: title, issuer: document.issuer[language])
        return SearchIndex.Entry(meta: meta, weights: weights)
    }

    /// A word of the symbol weighs 50 more, of the title 10, of the issuer 5 (`SearchItem` weighs a plan's
    /// words the same way, on bytes).
    static func addFieldWeights(_ weights: inout [String: Int], symbol: String, title: String, issuer: String) {
        for (text, bonus) in [(symbol, 50), (title, 10), (issuer, 5)] {
            for word in Set(searchTokens(text)) { weights[word, default: 0] += bonus }
        }
    }

    /// The words of a text as the browser cuts a query: folded, split at white space, with the punctuation
    /// around each word taken off ("(57-KL/TW)," is "57-kl/tw").
    static func searchTokens(_ text: String) -> [String] {
        TextFolding.fold(text).split(whereSeparator: \.isWhitespace).compactMap { token in
            let word = token.drop { !$0.isLetter && !$0.isNumber }.reversed().drop { !$0.isLetter && !$0.isNumber }.reversed()
            return word.isEmpty ? nil : String(word)
        }
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
}
