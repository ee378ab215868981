import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import PlanSite

/// The per-plan data files (plan.json, plan.akn.xml), the ELI identifiers, the citation graph and the
/// open-data pages, held to the real content and to the files the build wrote.
@Suite("open data per plan")
struct PlanDataTests {
    /// The real content loaded and resolved, as a build does.
    static func resolved() throws -> (SiteInputs, ResolvedSite) {
        let builder = SiteBuilder(options: BuildOptions(contentDirectory: TestSupport.content.path,
                                                        templatesDirectory: TestSupport.templates.path, outputDirectory: "unused"))
        let inputs = try builder.load().inputs
        var log = DiagnosticLog()
        return (inputs, SiteResolver(content: inputs.content).resolve(log: &log))
    }

    static func json(_ url: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    /// Element names and the attributes of the `ref` and `hcontainer` elements of an XML file, or nil when it is
    /// not well-formed.
    final class Elements: NSObject, XMLParserDelegate {
        var names: [String] = []
        var refs: [String] = []
        var headings = 0

        static func parse(_ data: Data) -> Elements? {
            let elements = Elements()
            let parser = XMLParser(data: data)
            parser.delegate = elements
            return parser.parse() ? elements : nil
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String]) {
            names.append(name)
            if name == "ref", let href = attributes["href"] { refs.append(href) }
        }
    }

    @Test func identifiersAreUniqueAndStable() throws {
        let (inputs, site) = try Self.resolved()
        let eli = ELI(baseURL: inputs.content.config.baseURL)
        var all: [String] = []
        for plan in inputs.content.plans {
            let work = eli.plan(plan)
            all.append(work)
            for language in plan.versions.keys { all.append(ELI.expression(work, language)) }
        }
        for document in inputs.content.registry { all.append(eli.document(document)) }
        #expect(Set(all).count == all.count, "every identifier is used once: \(all.count)")
        #expect(all.count == inputs.content.plans.reduce(0) { $0 + 1 + $1.versions.count } + inputs.content.registry.count)
        // The template, with `nd` for an undated plan.
        let base = inputs.content.config.baseURL
        #expect(eli.target(.plan(slug: "194-kh-btv-2023"), index: site.index) == base + "/eli/vn/ke-hoach/2023/194-kh-btv-2023")
        #expect(eli.target(.plan(slug: "hd-57-kl-tw-hoc-mon-2023"), index: site.index) == base + "/eli/vn/huong-dan/nd/hd-57-kl-tw-hoc-mon-2023")
        let conclusion = try #require(inputs.content.registry.first { $0.symbol == "57-KL/TW" })
        #expect(eli.document(conclusion) == base + "/eli/vn/ref/ket-luan/2023/57-kl-tw-2023")
        // Stable: an identifier depends on its document alone, not on the other documents or their order.
        let alone = DocumentIndex(registry: [conclusion], plans: [inputs.content.plans.last!])
        #expect(eli.target(.registry(index: 0), index: alone) == eli.document(conclusion))
        #expect(eli.target(.plan(slug: inputs.content.plans.last!.slug), index: alone) == eli.plan(inputs.content.plans.last!))
        let reversed = DocumentIndex(registry: inputs.content.registry.reversed(), plans: inputs.content.plans.reversed())
        for (position, document) in inputs.content.registry.enumerated() {
            #expect(eli.target(.registry(index: inputs.content.registry.count - 1 - position), index: reversed) == eli.document(document))
        }
    }

    @Test func planJSONHoldsTheFieldsBodyAndCitationsOfTheContent() throws {
        let (output, _) = try SiteBuildTests.buildRealSite()
        let (_, site) = try Self.resolved()
        var versions = 0, citations = 0
        for (slug, languages) in site.plans {
            for (language, linked) in languages {
                let source = linked.source
                let data = try Self.json(output.appendingPathComponent(SiteURLs.file(for: PlanData.jsonPath(slug, language))))
                #expect(data["title"] as? String == source.title)
                #expect(data["number"] as? String == source.number)
                #expect(data["type"] as? String == source.type)
                #expect(data["date"] as? String == (source.date?.description ?? ""))
                #expect(data["issuer"] as? String == source.issuer)
                #expect(data["recipients"] as? [String] == source.recipients)
                #expect(data["topics"] as? [String] == source.topics)
                #expect((data["signature"] as? [String: Any])?["name"] as? String == source.signature.name)
                let body = try #require(data["body"] as? [String: String])
                #expect(body["markdown"] == source.body)
                #expect(body["text"] == MarkdownDocument(parsing: source.body).plainText, "\(slug).\(language): plain text as the search index reads it")
                let cited = try #require(data["citations"] as? [[String: Any]])
                #expect(cited.count == linked.citations.count, "\(slug).\(language): a citation per link on the page")
                let paths = cited.compactMap { ($0["target"] as? [String: Any])?["path"] as? String }
                #expect(paths == linked.citations.map { site.index.path(of: $0.target, language) })
                // Each body citation is written at its line and column of the plan file.
                let lines = TestSupport.read(URL(fileURLWithPath: source.path))
                    .split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
                for citation in cited where citation["field"] as? String == "body" {
                    let line = try #require(citation["line"] as? Int), column = try #require(citation["column"] as? Int)
                    let written = try #require(citation["written"] as? String)
                    #expect(String(lines[line - 1].dropFirst(column - 1)).hasPrefix(written), "\(source.path):\(line):\(column) \(written)")
                }
                citations += cited.count
                versions += 1
            }
        }
        #expect(versions == 10 && citations > 50, "\(versions) versions, \(citations) citations")
    }

    @Test func akomaNtosoHasTheSectionsOfTheBodyAndARefPerCitation() throws {
        let (output, _) = try SiteBuildTests.buildRealSite()
        let (inputs, site) = try Self.resolved()
        let eli = ELI(baseURL: inputs.content.config.baseURL)
        var sections = 0
        for (slug, languages) in site.plans {
            for (language, linked) in languages {
                let path = SiteURLs.file(for: PlanData.aknPath(slug, language))
                let data = try Data(contentsOf: output.appendingPathComponent(path))
                let elements = try #require(Elements.parse(data), "\(path) is well-formed XML")
                #expect(elements.names.prefix(2) == ["akomaNtoso", "doc"])
                let headings = MarkdownDocument(parsing: linked.source.body).nodes.filter { $0.kind == .heading }.count
                #expect(elements.names.filter { $0 == "hcontainer" }.count == headings, "\(path): a container per heading")
                sections += headings
                #expect(elements.refs.sorted() == linked.citations.map { eli.target($0.target, index: site.index) }.sorted(), "\(path): a ref per citation")
                let text = String(decoding: data, as: UTF8.self)
                #expect(text.contains("<FRBRcountry value=\"vn\"/>") && text.contains("<FRBRlanguage language=\"\(language.iso639_2)\"/>"))
                #expect(text.contains("<FRBRthis value=\"\(ELI.expression(eli.target(.plan(slug: slug), index: site.index), language))\"/>"))
            }
        }
        #expect(sections > 20, "\(sections) sections in all")
    }

    @Test func xmlTextIsEscapedAndControlCharactersLeftOut() {
        #expect(XMLText.escape("<a & \"b\" 'c'>\u{1}\tđ") == "&lt;a &amp; &quot;b&quot; &apos;c&apos;&gt;\tđ")
        #expect(AkomaNtoso.isDangerous("JavaScript:alert(1)") && AkomaNtoso.isDangerous("data:text/html,x"))
        #expect(!AkomaNtoso.isDangerous("data:image/png;base64,AA") && !AkomaNtoso.isDangerous("https://example.org/"))
    }

    /// The bytes of a native string are escaped as one buffer, any other collection byte by byte: the same result.
    @Test func xmlTextIsEscapedTheSameFromABufferAndFromAnyCollection() {
        let text = "Hóc Môn & <Đ> \u{FFFE}\u{FFFF}\u{FEFF}\r\n 'x' \u{1}"
        let expected = "Hóc Môn &amp; &lt;Đ&gt; \u{FEFF}&#13;\n &apos;x&apos; "
        var fromBuffer: [UInt8] = [], fromCollection: [UInt8] = [], clean: [UInt8] = []
        XMLText.escape(text.utf8, into: &fromBuffer)
        XMLText.escape(Array(text.utf8).lazy.map { $0 }, into: &fromCollection)
        XMLText.escape("Kết luận số 57-KL/TW".utf8, into: &clean)
        #expect(String(decoding: fromBuffer, as: UTF8.self) == expected)
        #expect(fromCollection == fromBuffer)
        #expect(String(decoding: clean, as: UTF8.self) == "Kết luận số 57-KL/TW")
    }


    /// The escapers pass over eight bytes at a time (`ByteScan`): wherever the bytes that need attention
    /// fall in a text, long or short, XML from a buffer is XML byte by byte, and JSON reads back as the text
    /// with none of `<`, `>`, `&`, U+2028, U+2029 written as they are.
    @Test func escapingEightBytesAtATimeMissesNoByte() throws {
        let pieces = ["a", "ệ", "Đ", "&", "<", ">", "\"", "'", "\\", "\t", "\n", "\r", "\u{1}", "\u{1F}", " ", "\u{7F}",
                      "\u{FFFE}", "\u{FFFF}", "\u{FEFF}", "\u{2028}", "\u{2029}", "\u{2027}", "—", "“", "ﬀ", "😀"]
        var generator = SystemRandomNumberGenerator()
        var texts = pieces.map { String(repeating: "x", count: 9) + $0 } + pieces.map { $0 + String(repeating: "y", count: 17) }
        for _ in 0..<3_000 {
            texts.append((0..<Int.random(in: 0...40, using: &generator)).map { _ in
                Int.random(in: 0..<3, using: &generator) == 0 ? pieces.randomElement(using: &generator)! : "abcdefgh"
            }.joined())
        }
        #expect(String(decoding: JSONValue.string("\u{1}a\u{1F}\n\u{2028}").bytes, as: UTF8.self) == #""\u0001a\u001f\n\u2028""#)
        for text in texts {
            var fromBuffer: [UInt8] = [], byByte: [UInt8] = []
            XMLText.escape(text.utf8, into: &fromBuffer)
            XMLText.escape(Array(text.utf8).lazy.map { $0 }, into: &byByte)
            #expect(fromBuffer == byByte, "\(text.debugDescription)")
            let json = JSONValue.array([.string(text)]).bytes
            // Foundation's parser drops U+FEFF where a string piece starts, wherever it is: compared without it.
            let decoded = try #require(try JSONSerialization.jsonObject(with: Data(json)) as? [String])
            #expect(decoded.map { $0.replacingOccurrences(of: "\u{FEFF}", with: "") } == [text.replacingOccurrences(of: "\u{FEFF}", with: "")],
                    "\(text.debugDescription)")
            let written = String(decoding: json, as: UTF8.self)
            #expect(!written.contains("<") && !written.contains(">") && !written.contains("&")
                    && !written.contains("\u{2028}") && !written.contains("\u{2029}"), "\(text.debugDescription)")
        }
    }

    /// An object given as members writes as the same object given as a dictionary, its members in order or not.
    @Test func membersWriteAsTheObjectWithTheSameKeys() {
        let members: [(String, JSONValue)] = [("a", .integer(1)), ("a_b", .string("x")), ("ab", .array([])), ("b", .members([("z", .integer(2)), ("y", .string("<"))]))]
        let object = JSONValue.object(["a": .integer(1), "a_b": .string("x"), "ab": .array([]), "b": .object(["y": .string("<"), "z": .integer(2)])])
        #expect(JSONValue.members(members).bytes == object.bytes)
        #expect(JSONValue.members(members.reversed()).bytes == object.bytes)
        #expect(String(decoding: object.bytes, as: UTF8.self) == #"{"a":1,"a_b":"x","ab":[],"b":{"y":"\u003c","z":2}}"#)
    }

    /// A citation's `text_offset` is counted in scalars, eight bytes at a time: as `unicodeScalars` counts,
    /// whatever the lengths of the scalars and wherever the eight-byte words fall.
    @Test func scalarsAreCountedAsUnicodeScalarsCounts() {
        let pieces = ["a", "\u{7F}", "\u{80}", "đ", "ệ", "\u{7FF}", "\u{800}", "—", "\u{FFFF}", "😀", "\u{10FFFF}"]
        var generator = SystemRandomNumberGenerator()
        for length in 0..<200 {
            var text = (0..<length).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let expected = text.unicodeScalars.count
            #expect(text.withUTF8(UTF8Scalar.count) == expected, "\(text.debugDescription)")
        }
    }

    /// Several citations on one line: each column counts from the line's start, also where the line holds
    /// characters the bytes cannot count (a combining mark, a joined emoji) before, between or after them.
    @Test func citationsOnOneLineGetTheColumnsOfStrings() {
        let fillers = ["Kết luận ", "e\u{301} ", "👩\u{200D}💻 ", "“x” — ", "한 "]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let needles = ["57-KL/TW", "09/2017/NĐ-CP", "57-KL/TW", "194/KH-BTV"]
            var line = "", expected: [Int] = []
            for needle in needles {
                line += (0..<Int.random(in: 0...3, using: &generator)).map { _ in fillers.randomElement(using: &generator)! }.joined()
                expected.append(line.count + 1)
                line += needle + " "
            }
            var locator = ByteLocator(body: "Mở đầu\n" + line + "\nCuối", firstLine: 5)
            let found = needles.map { locator.locate($0, fromLine: 2) }
            #expect(found.map(\.0) == [6, 6, 6, 6])
            #expect(found.map(\.1) == expected, "\(line)")
        }
    }

    /// A citation's column is counted in characters: on the bytes where every scalar is its own character,
    /// by `String` otherwise. Both give what `String.count` gives, for every kind of scalar at each edge of
    /// the ranges counted on the bytes.
    @Test func aCitationColumnCountsCharactersAsStringDoes() {
        let pieces = ["a", "\t", "\r", "đ", "Đ", "ệ", "ʼ", "\u{2FF}", "\u{300}", "e\u{301}", "\u{1DFF}", "\u{1E00}",
                      "\u{1EFF}", "\u{1F00}", "\u{200D}", "\u{200F}", "\u{2010}", "…", "\u{2027}", "\u{2028}", "\u{202F}",
                      "\u{2030}", "\u{205E}", "\u{205F}", "\u{2060}", "👩\u{200D}💻", "🇻🇳", "한", "क्षि", "\u{FE0F}", "x\u{FE0F}"]
        var generator = SystemRandomNumberGenerator()
        var lines = pieces + ["Kết luận số 57-KL/TW “quảng bá” — 15/6/2023"]
        for _ in 0..<2_000 {
            lines.append((0..<Int.random(in: 1...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for line in lines {
            #expect(ByteLocator.characterCount(Array(line.utf8)[...]) == line.count, "\(line.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
    @Test func theCitationGraphCountsEveryCitation() throws {
        let (output, _) = try SiteBuildTests.buildRealSite()
        let (_, site) = try Self.resolved()
        let rows = OpenDataTests.csvRows(TestSupport.read(output.appendingPathComponent("data/citations.csv")))
        #expect(rows.first == OpenData.citationColumns)
        let total = rows.dropFirst().reduce(0) { $0 + (Int($1[7]) ?? 0) }
        #expect(total == site.plans.values.flatMap(\.values).reduce(0) { $0 + $1.citations.count })
        let distinct = site.plans.values.flatMap(\.values).reduce(0) { $0 + Set($1.citations.map(\.target)).count }
        #expect(rows.count - 1 == distinct)
    }

    /// The sizes on `/vi/data/` and `/en/data/`, by file: the `value` of the `<data>` after each link.
    static func listedSizes(_ html: String) -> [String: Int] {
        var sizes: [String: Int] = [:]
        for row in html.components(separatedBy: "<tr><td><a href=\"/").dropFirst() {
            let path = String(row.prefix { $0 != "\"" })
            guard let start = row.range(of: "<data value=\"") else { continue }
            sizes[path] = Int(row[start.upperBound...].prefix { $0 != "\"" })
        }
        return sizes
    }

    @Test func theOpenDataPagesListTheRealSizes() throws {
        let (output, _) = try SiteBuildTests.buildRealSite()
        let files = ["data/plans.json", "data/plans.csv", "data/documents.json", "data/documents.csv", "data/citations.csv", "data/catalog.jsonld"]
        for language in Language.allCases {
            let html = TestSupport.read(output.appendingPathComponent(SiteURLs.file(for: SiteURLs.openData(language))))
            let listed = Self.listedSizes(html)
            for file in files {
                let size = try #require(try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent(file).path)[.size] as? Int)
                #expect(listed[file] == size, "\(language): \(file)")
            }
            #expect(html.contains("hreflang=\"\(language.other.tag)\" href=\"https://thongtindoingoai.example.vn/\(language.other.rawValue)/data/\""))
        }
        #expect(TestSupport.read(output.appendingPathComponent("sitemap.xml")).contains("<loc>https://thongtindoingoai.example.vn/en/data/</loc>"))
        // The catalogue gives the same sizes.
        let catalog = TestSupport.read(output.appendingPathComponent("data/catalog.jsonld"))
        let plansSize = try #require(try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent("data/plans.json").path)[.size] as? Int)
        #expect(catalog.contains("\"dcat:byteSize\":{\"@type\":\"xsd:nonNegativeInteger\",\"@value\":\"\(plansSize)\"}"))
        // Modified on the latest date of the content, not on the day of the build.
        let (inputs, _) = try Self.resolved()
        let latest = try #require((inputs.content.plans.flatMap { $0.versions.values.compactMap(\.date) } + inputs.content.registry.compactMap(\.date)).max())
        #expect(catalog.contains("\"dct:modified\":{\"@type\":\"xsd:date\",\"@value\":\"\(DCATCatalog.xsdDate(latest))\"},\"dct:publisher\":{\"@id\":\"https://thongtindoingoai.example.vn/\",\"@type\":\"foaf:Organization\""))
        // Plan pages link their data in the head and visibly.
        let page = TestSupport.read(output.appendingPathComponent("en/plans/194-kh-btv-2023/index.html"))
        #expect(page.contains("<link rel=\"alternate\" type=\"application/json\" title=\"JSON\" href=\"/en/plans/194-kh-btv-2023/plan.json\">"))
        #expect(page.contains("<link rel=\"alternate\" type=\"application/akn+xml\" title=\"Akoma Ntoso (XML)\" href=\"/en/plans/194-kh-btv-2023/plan.akn.xml\">"))
        #expect(page.contains("<p class=\"plan-data\">Data: <a href=\"/en/plans/194-kh-btv-2023/plan.json\""))
    }

    @Test func anIncrementalEditKeepsTheDataFilesIdenticalToACleanBuild() throws {
        let site = try CLITests.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let (builder, output) = IncrementalTests.incrementalBuilder(site)
        try builder.build()
        let dataFiles = ["vi/plans/194-kh-btv-2023/plan.json", "vi/plans/194-kh-btv-2023/plan.akn.xml", "data/plans.json",
                         "data/citations.csv", "data/catalog.jsonld", "vi/data/index.html", "en/data/index.html",
                         "data/documents.json"]  // the plan now cites 72/2015/NĐ-CP: its count goes up
        let before = TestSupport.snapshot(output)
        try IncrementalTests.edit(site.appendingPathComponent("content/plans/194-kh-btv-2023.vi.md")) {
            $0.replacingOccurrences(of: "Duy trì tổ chức các hoạt động đối ngoại nhân dân.",
                                    with: "Duy trì tổ chức các hoạt động đối ngoại nhân dân theo Nghị định số 72/2015/NĐ-CP.")
        }
        #expect(try builder.rebuild().kind == .incremental)
        let after = TestSupport.snapshot(output)
        for file in dataFiles { #expect(after[file] != before[file], "\(file) changed with the edit") }
        #expect(after["en/plans/194-kh-btv-2023/plan.json"] == before["en/plans/194-kh-btv-2023/plan.json"])
        let clean = try IncrementalTests.cleanBuild(site)
        for file in dataFiles + ["data/documents.csv", "data/plans.csv", "en/plans/194-kh-btv-2023/plan.akn.xml"] {
            #expect(after[file] != nil && after[file] == clean[file], "\(file) as a clean build writes it")
        }
        #expect(Set(after.keys.filter { $0.hasSuffix("plan.json") || $0.hasSuffix("plan.akn.xml") })
                == Set(clean.keys.filter { $0.hasSuffix("plan.json") || $0.hasSuffix("plan.akn.xml") }))
    }
}
