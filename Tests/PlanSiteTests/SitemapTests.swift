import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import PlanSite

/// sitemap.xml past the protocol's 50,000 URLs a file: an index of parts, every page in exactly one of them.
/// The real content has 125 pages in the sitemap (128 less the three 404 pages), so the limits are lowered to split it.
@Suite("sitemap")
struct SitemapTests {
    static let namespace = "http://www.sitemaps.org/schemas/sitemap/0.9"
    static let base = "https://thongtindoingoai.example.vn"

    /// The sitemap entries of the real content, as a build renders them, and the machine-file writer.
    static let real: Result<(MachineFiles, [SitemapEntry]), BuildFailure> = Result { () throws(BuildFailure) in
        let builder = SiteBuilder(options: BuildOptions(contentDirectory: TestSupport.content.path,
                                                        templatesDirectory: TestSupport.templates.path, outputDirectory: "unused"))
        let inputs = try builder.load().inputs
        var log = DiagnosticLog()
        let site = SiteResolver(content: inputs.content).resolve(log: &log)
        let renderer = SiteRenderer(content: inputs.content, site: site, catalogs: inputs.catalogs,
                                    templates: inputs.templates, assets: [])
        let facets = FacetTable(context: renderer.context, plans: inputs.content.plans)
        let entries = renderer.render(renderer.specs(facets), facets: facets, log: &log).1
        return (MachineFiles(urls: renderer.context.urls, catalogs: inputs.catalogs), entries)
    }

    /// What an XML parser finds in a sitemap file: the root element and its namespace, the `<loc>`s in
    /// order, how many `<url>` or `<sitemap>` entries, and the hreflang links.
    final class Parsed: NSObject, XMLParserDelegate {
        var root: String?, rootNamespace: String?
        var locs: [String] = [], entries = 0, links = 0
        var text: String?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            if root == nil { (root, rootNamespace) = (name, namespaceURI) }
            if name == "url" || name == "sitemap" { entries += 1 }
            if name == "link", namespaceURI == "http://www.w3.org/1999/xhtml", attributes["hreflang"] != nil { links += 1 }
            if name == "loc" { text = "" }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text? += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "loc", let loc = text { locs.append(loc) }
            text = nil
        }
    }

    static func parse(_ bytes: [UInt8]) -> Parsed? {
        let parser = XMLParser(data: Data(bytes))
        parser.shouldProcessNamespaces = true
        let parsed = Parsed()
        parser.delegate = parsed
        return parser.parse() ? parsed : nil
    }

    /// Checks the split of `files` (sitemap.xml first) into parts of at most `maximumURLs` entries and
    /// `maximumBytes` bytes, and returns the page addresses of the parts in order.
    static func checkSplit(_ files: [OutputFile], maximumURLs: Int, maximumBytes: Int = .max) throws -> [String] {
        let index = try #require(files.first)
        #expect(index.path == "sitemap.xml")
        let parsedIndex = try #require(parse(index.bytes), "sitemap.xml parses")
        #expect(parsedIndex.root == "sitemapindex" && parsedIndex.rootNamespace == namespace)
        #expect(parsedIndex.locs == (1..<files.count).map { "\(base)/sitemap-\($0).xml" })
        #expect(parsedIndex.entries == files.count - 1)
        var pages: [String] = []
        for (loc, part) in zip(parsedIndex.locs, files.dropFirst()) {
            #expect(base + "/" + part.path == loc, "the index lists each part by its address")
            let parsed = try #require(parse(part.bytes), "\(part.path) parses")
            #expect(parsed.root == "urlset" && parsed.rootNamespace == namespace, "\(part.path)")
            #expect(parsed.entries == parsed.locs.count && parsed.entries >= 1 && parsed.entries <= maximumURLs, "\(part.path)")
            #expect(part.bytes.count <= maximumBytes, "\(part.path)")
            pages += parsed.locs
        }
        return pages
    }

    @Test func pastTheLimitAnIndexListsPartsHoldingEveryPageOnceInOrder() throws {
        let (machine, entries) = try Self.real.get()
        let expected = entries.filter(\.inSitemap).map { Self.base + $0.path }.sorted()
        #expect(expected.count > 100)
        let files = machine.sitemaps(entries, maximumURLs: 10)
        #expect(files.count == 1 + (expected.count + 9) / 10, "the index and ceil(n / 10) parts (13 for 125 pages)")
        let pages = try Self.checkSplit(files, maximumURLs: 10)
        #expect(pages == expected, "every page once, in path order, parts full but the last")
        #expect(Set(pages).count == pages.count)
        #expect(files.dropFirst().dropLast().allSatisfy { Self.parse($0.bytes)?.entries == 10 })

        // The parts hold the very entries of the single file, alternates and all, split in order.
        let whole = try #require(machine.sitemaps(entries).first)
        let entriesOf = { (file: OutputFile) in
            String(decoding: file.bytes, as: UTF8.self).components(separatedBy: "\n")
                .filter { $0.hasPrefix("<url>") || $0.hasPrefix("<xhtml:") || $0 == "</url>" }
        }
        #expect(files.dropFirst().flatMap(entriesOf) == entriesOf(whole))
        #expect(try #require(Self.parse(whole.bytes)).links == files.dropFirst().map { Self.parse($0.bytes)?.links ?? 0 }.reduce(0, +))

        // Deterministic: the order the pages were rendered in does not matter, nor the lists they come in.
        #expect(machine.sitemaps(entries.reversed(), maximumURLs: 10) == files)
        for cut in [0, 1, entries.count / 3, entries.count] {
            var streamed: [OutputFile] = []
            machine.sitemaps([Array(entries[cut...]), Array(entries[..<cut]).reversed()], maximumURLs: 10) { streamed.append($0) }
            #expect([streamed.last!] + streamed.dropLast() == files, "the pages in two lists, cut at \(cut)")
        }
        #expect(machine.sitemaps(entries, maximumURLs: expected.count).count == 1, "exactly at the limit: one file")
        #expect(machine.sitemaps(entries, maximumURLs: expected.count - 1).count == 3, "one past: the index and two parts")
    }

    @Test func aPartAlsoClosesBeforeItPassesTheByteLimit() throws {
        let (machine, entries) = try Self.real.get()
        let files = machine.sitemaps(entries, maximumBytes: 4_096)
        #expect(files.count > 10)
        let pages = try Self.checkSplit(files, maximumURLs: MachineFiles.sitemapURLLimit, maximumBytes: 4_096)
        #expect(pages == entries.filter(\.inSitemap).map { Self.base + $0.path }.sorted())
    }

    @Test func atTheDefaultLimitTheRealSiteHasOneURLSetAsBefore() throws {
        let (output, _) = try SiteBuildTests.buildRealSite()
        let bytes = try [UInt8](Data(contentsOf: output.appendingPathComponent("sitemap.xml")))
        let parsed = try #require(Self.parse(bytes))
        #expect(parsed.root == "urlset" && parsed.rootNamespace == Self.namespace)
        let (machine, entries) = try Self.real.get()
        let listed = entries.filter(\.inSitemap)
        #expect(parsed.entries == listed.count && parsed.links == listed.map { $0.alternates.count + ($0.xDefault == nil ? 0 : 1) }.reduce(0, +))
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("sitemap-1.xml").path))
        #expect(TestSupport.read(output.appendingPathComponent("robots.txt")).contains("Sitemap: \(Self.base)/sitemap.xml\n"))
        #expect(machine.sitemaps(entries) == [OutputFile(path: "sitemap.xml", bytes: bytes)])
    }
}
