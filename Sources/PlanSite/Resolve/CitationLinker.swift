import Foundation

/// One citation of a document by a plan. (The strings come first: a national corpus holds millions of
/// citations, and in this order one takes 56 bytes, not 64.)
public struct Citation: Sendable {
    public var planSlug: String
    /// The sentence around the symbol, for "Cited by"; empty for a plan version's later citations of the same
    /// document, which "Cited by" does not quote.
    public var excerpt: String
    public var target: DocumentTarget
    public var language: Language

    public init(target: DocumentTarget, planSlug: String, language: Language, excerpt: String) {
        self.planSlug = planSlug
        self.excerpt = excerpt
        self.target = target
        self.language = language
    }
}

/// A plan version with its citations turned into links.
struct LinkedPlan {
    var source: PlanSource
    /// The body as HTML, UTF-8 bytes as cmark wrote them.
    var bodyHTML: [UInt8]
    var titleHTML: String
    var notesHTML: [String]
    /// What the search index keeps of the body's plain text, made here on all cores: its folded distinct
    /// words with how often each occurs, and its opening for the result snippet (the whole text is not kept).
    var searchWords: (words: [UInt8], counts: [UInt8])
    var searchOpening: String
    var citations: [Citation]
    /// Links and images written in the Markdown, for the check that they lead somewhere.
    var links: [MarkdownLink]
    /// When `citations` keeps only the first citation of each document (`kept`), how many times the version
    /// cites each, in the same order; empty when `citations` has them all.
    var repeats: [Int32] = []

    /// Each document the version cites, in the order of its first citation, with how many times it cites it.
    func citedDocuments() -> [(target: DocumentTarget, count: Int)] {
        if !repeats.isEmpty { return zip(citations, repeats).map { ($0.target, Int($1)) } }
        var counts: [DocumentTarget: Int] = [:]
        var order: [DocumentTarget] = []
        for citation in citations {
            if counts[citation.target] == nil { order.append(citation.target) }
            counts[citation.target, default: 0] += 1
        }
        return order.map { ($0, counts[$0]!) }
    }
}

/// A link or image destination written in a plan's Markdown, with where it is written: for a link into the
/// site, the file line and column of the URL (found when the plan is linked, while its body is at hand); for
/// others, the line of its block.
struct MarkdownLink {
    var url: String
    var isImage: Bool
    var line: Int
    var column: Int
}

/// Finds document symbols in a plan's title, notes and Markdown text nodes, links each to its document page
/// in the same language, and reports unknown or ambiguous symbols where they are written.
struct CitationLinker {
    let index: DocumentIndex
    let markdownOptions: MarkdownOptions

    func link(_ source: PlanSource, log: inout DiagnosticLog) -> LinkedPlan {
        var spots: PlanBody.Spots?
        return link(source, log: &log, spots: &spots).linked
    }

    /// `link`, and the version's `PlanBody` for its data files, made from the same parse and the same links
    /// (not parsing and linking the body a second time).
    func linkWithBody(_ source: PlanSource, log: inout DiagnosticLog) -> (LinkedPlan, PlanBody) {
        var spots: PlanBody.Spots? = PlanBody.Spots(source)
        let (linked, document, titlePieces, bodyCount) = link(source, log: &log, spots: &spots)
        let body = PlanBody(source, document: document, spots: spots!, titlePieces: titlePieces,
                            titleCitations: linked.citations[bodyCount...])
        return (linked, body)
    }

    /// Links the version; when `spots` is given, notes where each body citation is written in it. Returns
    /// the linked tree, the title's pieces and how many of the citations are the body's.
    private func link(_ source: PlanSource, log: inout DiagnosticLog, spots: inout PlanBody.Spots?)
        -> (linked: LinkedPlan, document: MarkdownDocument, titlePieces: [InlinePiece]?, bodyCount: Int) {
        var citations: [Citation] = []
        var locator = SourceLocator(body: source.body, firstLine: source.bodyStartLine)
        let document = MarkdownDocument(parsing: source.body, options: markdownOptions)
        let links = Self.links(in: document, source: source)
        // Most text nodes cannot hold a symbol: they are passed over on their bytes.
        document.rewriteText(where: CitationGrammar.mayContainSymbol(bytes:)) { text, blockLine in
            let before = citations.count
            let result = pieces(for: text, in: source, citations: &citations, log: &log) { symbol in
                locator.locate(symbol, fromLine: blockLine)
            }
            if let result { spots?.add(result, citations: citations, from: before, blockLine: blockLine) }
            return result
        }
        let bodyCount = citations.count
        let fieldLocation: (String) -> (String) -> (Int, Int) = { field in
            { _ in (source.fieldLines[field] ?? 1, 1) }
        }
        let linkedTitle = pieces(for: source.title, in: source, citations: &citations, log: &log,
                                 locate: fieldLocation("title"))
        let titlePieces = linkedTitle ?? [.text(source.title)]
        var notes: [String] = []
        // In the order of the header: issuing body, number, place, date.
        for (field, value) in [("issuer_note", source.issuerNote), ("number_note", source.numberNote),
                               ("place_note", source.placeNote), ("date_note", source.dateNote)] {
            guard let value else { continue }
            var ignored: [Citation] = []
            let notePieces = pieces(for: value, in: source, citations: &ignored, log: &log, locate: fieldLocation(field))
            notes.append(HTML.render(notePieces ?? [.text(value)]))
        }
        let plainText = document.plainTextBytes
        let linked = LinkedPlan(source: source, bodyHTML: Self.markExternalLinks(document.renderHTMLBytes()), titleHTML: HTML.render(titlePieces),
                                notesHTML: notes, searchWords: SearchWords.index(utf8: plainText),
                                searchOpening: MachineFiles.prefix(utf8: plainText, scalars: MachineFiles.searchSnippetLimit),
                                citations: citations, links: links)
        return (linked, document, linkedTitle, bodyCount)
    }

    /// External links open without giving the other site a handle on this page: `rel="noopener noreferrer"`.
    /// cmark writes every link as `<a href="…"`, so the attribute is added at that exact spot. Works on bytes:
    /// a body is searched once, without Foundation's string search.
    static func markExternalLinks(_ html: [UInt8]) -> [UInt8] {
        let opening = Array("<a href=\"http".utf8), rel = Array("rel=\"noopener noreferrer\" ".utf8)
        var result: [UInt8] = []
        var copied = 0, position = 0
        while let found = Self.firstIndex(of: opening, in: html, from: position) {
            let rest = found + opening.count
            let isExternal = html[rest...].starts(with: "s://".utf8) || html[rest...].starts(with: "://".utf8)
            if isExternal {
                if result.isEmpty { result.reserveCapacity(html.count + 256) }
                result += html[copied..<found + 3]  // `<a `
                result += rel
                copied = found + 3
            }
            position = rest
        }
        guard copied > 0 else { return html }
        result += html[copied...]
        return result
    }

    /// The first occurrence of `needle` in `bytes` at or after `start`: the C library's `memchr` finds each
    /// candidate first byte with vector loads, `memcmp` checks the rest (a body is 20 KB, and most hold no
    /// external link).
    static func firstIndex(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, start >= 0, bytes.count - start >= needle.count else { return nil }
        return bytes.withUnsafeBytes { haystack in
            needle.withUnsafeBytes { needle in
                let base = haystack.baseAddress!
                var position = start
                let last = haystack.count - needle.count
                while position <= last, let found = memchr(base + position, Int32(first), last - position + 1) {
                    let index = UnsafeRawPointer(found) - base
                    if memcmp(found, needle.baseAddress!, needle.count) == 0 { return index }
                    position = index + 1
                }
                return nil
            }
        }
    }

    static func links(in document: MarkdownDocument, source: PlanSource) -> [MarkdownLink] {
        let page = SiteURLs.plan(source.slug, source.language)
        var locator = SourceLocator(body: source.body, firstLine: source.bodyStartLine)
        return document.linkDestinations().map { link in
            let (line, column) = LinkCheck.internalPath(link.url, from: page) == nil
                ? (source.bodyStartLine + link.blockLine - 1, 1) : locator.locate(link.url, fromLine: link.blockLine)
            return MarkdownLink(url: link.url, isImage: link.isImage, line: line, column: column)
        }
    }

    /// The text split into plain runs and links, or nil when it cites nothing. Each link is a citation,
    /// appended to `citations` in the same order (the per-plan data files rely on it).
    func pieces(for text: String, in source: PlanSource, citations: inout [Citation], log: inout DiagnosticLog,
                        locate: (String) -> (Int, Int)) -> [InlinePiece]? {
        guard CitationGrammar.mayContainSymbol(text) else { return nil }
        let text = ScalarText(text)
        let matches = CitationGrammar.scan(text.scalars)
        guard !matches.isEmpty else { return nil }
        let slice = text.slice
        var result: [InlinePiece] = []
        var cursor = 0
        for match in matches {
            switch index.resolve(match.symbol, textDate: match.date, citingDate: source.date) {
            case .resolved(.plan(let slug)) where slug == source.slug:
                continue  // a plan naming itself ("Kế hoạch này", the appendix note) is not a citation
            case .resolved(let target):
                result.append(.text(slice(cursor..<match.range.lowerBound)))
                result.append(.link(url: index.path(of: target, source.language),
                                    title: index.title(of: target, source.language), text: match.symbol))
                cursor = match.range.upperBound
                // Only a version's first citation of a document is quoted ("Cited by"): later ones keep no excerpt.
                let isFirst = !citations.contains { $0.target == target }
                citations.append(Citation(target: target, planSlug: source.slug, language: source.language,
                                          excerpt: isFirst ? Self.excerpt(text, around: match.range) : ""))
            case .unknown:
                let (line, column) = locate(match.symbol)
                log.report(.warning(source.path, line: line, column: column,
                                    "`\(match.symbol)` is not in the legal-document registry; it is left as plain text",
                                    hint: "add `\(CitationGrammar.normalized(match.symbol))` to content/\(RegistryLoader.relativePath) (symbol, type, date, issuer, title in vi and en)"))
            case .ambiguous(let targets):
                let (line, column) = locate(match.symbol)
                let dates = targets.map { index.date(of: $0)?.description ?? "undated" }.sorted().joined(separator: ", ")
                log.report(.warning(source.path, line: line, column: column,
                                    "`\(match.symbol)` matches \(targets.count) documents (dated \(dates)); it is left as plain text",
                                    hint: "write the date after the symbol (\"ngày 15 tháng 6 năm 2023\" / \"dated 15 June 2023\")"))
            }
        }
        result.append(.text(slice(cursor..<text.scalars.count)))
        return result
    }

    /// The sentence around `range`, at most about 240 characters: up to 120 scalars on each side, cut with
    /// "…" where the sentence goes on. Only those 120 scalars are looked at.
    static func excerpt(_ text: ScalarText, around range: Range<Int>) -> String {
        let scalars = text.scalars
        let limit = 120
        func isStop(_ scalar: Unicode.Scalar) -> Bool { scalar == "." || scalar == ";" || scalar == "!" || scalar == "?" }
        /// A sentence starts at `index` when a stop and a space come right before and at it.
        func opens(_ index: Int) -> Bool { isStop(scalars[index - 1]) && index < scalars.count && scalars[index] == " " }
        /// A sentence ends at `index` when a stop is there, followed by a space or the end.
        func closes(_ index: Int) -> Bool { isStop(scalars[index]) && (index + 1 == scalars.count || scalars[index + 1] == " ") }
        let earliest = max(0, range.lowerBound - limit)
        var start = range.lowerBound
        while start > earliest, !opens(start) { start -= 1 }
        let prefix = start > 0 && !opens(start) ? "…" : ""
        let latest = min(scalars.count, range.upperBound + limit)
        var end = range.upperBound
        while end < latest, !closes(end) { end += 1 }
        var suffix = ""
        if end < latest {
            end += 1  // the stop belongs to the sentence
        } else if latest < scalars.count {
            suffix = "…"
        }
        // Trimmed of spaces and tabs at both ends, as `trimmingCharacters(in: .whitespaces)` trims.
        func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator }
        while start < end, isSpace(scalars[start]) { start += 1 }
        while end > start, isSpace(scalars[end - 1]) { end -= 1 }
        return prefix + text.slice(start..<end) + suffix
    }
}

/// A text with its Unicode scalars and their UTF-8 offsets, so that a run of scalars (the unit citation
/// ranges are counted in) becomes a string by copying bytes.
struct ScalarText {
    let scalars: [Unicode.Scalar]
    private let bytes: [UInt8]
    /// `offsets[i]` is where scalar `i` starts in `bytes`; one more entry for the end.
    private let offsets: [Int]

    /// Decodes the UTF-8 by hand in one pass into arrays sized once (the standard library's scalar view
    /// costs several times more).
    init(_ text: String) {
        var text = text
        var scalars: [Unicode.Scalar] = []
        let (bytes, offsets): ([UInt8], [Int]) = text.withUTF8 { utf8 in
            let offsets = [Int](unsafeUninitializedCapacity: utf8.count + 1) { offsets, offsetsMade in
                scalars = [Unicode.Scalar](unsafeUninitializedCapacity: utf8.count) { scalars, scalarsMade in
                    var index = 0, count = 0
                    while index < utf8.count {
                        offsets.initializeElement(at: count, to: index)
                        let (value, length) = UTF8Scalar.decode(utf8, at: index)
                        // A Swift string is valid UTF-8, so every value is a scalar.
                        scalars.initializeElement(at: count, to: Unicode.Scalar(value) ?? "\u{FFFD}")
                        count += 1
                        index += length
                    }
                    scalarsMade = count
                }
                offsets.initializeElement(at: scalars.count, to: utf8.count)
                offsetsMade = scalars.count + 1
            }
            return (Array(utf8), offsets)
        }
        self.bytes = bytes
        self.scalars = scalars
        self.offsets = offsets
    }

    func slice(_ range: Range<Int>) -> String {
        String(decoding: bytes[offsets[range.lowerBound]..<offsets[range.upperBound]], as: UTF8.self)
    }
}

/// Finds where a symbol or URL is written in a Markdown body, for diagnostics only (so the body is split
/// into lines lazily): the next occurrence at or after the block's first line, advancing so that repeated
/// strings get their own positions.
struct SourceLocator {
    let body: String
    let firstLine: Int
    private var lines: [[Character]]?
    private var cursors: [String: (line: Int, column: Int)] = [:]

    init(body: String, firstLine: Int) {
        self.body = body
        self.firstLine = firstLine
    }

    /// File line and 1-based column (in characters) of the next occurrence of `needle`.
    mutating func locate(_ needle: String, fromLine blockLine: Int) -> (Int, Int) {
        if lines == nil { lines = body.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) } }
        let lines = self.lines!
        let target = Array(needle)
        var (line, column) = cursors[needle] ?? (blockLine - 1, 0)
        if line < blockLine - 1 { (line, column) = (blockLine - 1, 0) }
        while line < lines.count {
            let characters = lines[line]
            if column <= characters.count - target.count {
                for start in column...(characters.count - target.count) where characters[start..<start + target.count].elementsEqual(target) {
                    cursors[needle] = (line, start + target.count)
                    return (firstLine + line, start + 1)
                }
            }
            line += 1
            column = 0
        }
        return (firstLine + blockLine - 1, 1)
    }
}

import Foundation
