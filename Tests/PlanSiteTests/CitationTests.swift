import Foundation
import Testing
@testable import PlanSite

/// Citations on the real site, checked against an independent list of symbols per file
/// (Tests/PlanSiteTests/Fixtures/expected-citations.tsv, made by reading the files, not by this scanner).
@Suite("citations and legal documents")
struct CitationTests {
    struct Expected { var file: String; var symbol: String; var count: Int }

    static func expected() throws -> [Expected] {
        let url = TestSupport.fixtures.appendingPathComponent("expected-citations.tsv")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst().map { line in
            let fields = line.split(separator: "\t").map(String.init)
            return Expected(file: fields[0], symbol: fields[1], count: Int(fields[2])!)
        }
    }

    /// The title and body of a plan page: what a reader sees as the document's text.
    static func titleAndBody(_ html: String) -> String {
        let title = html.components(separatedBy: "<span class=\"document__subject\">").dropFirst().first?
            .components(separatedBy: "</h1>").first ?? ""
        let body = html.components(separatedBy: "<div class=\"document__body\">").dropFirst().first?
            .components(separatedBy: "<footer class=\"document__footer\">").first ?? ""
        return title + "\n" + body
    }

    static func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func everySymbolInThePlanPagesIsALinkToTheRightPage() throws {
        let (output, report) = try SiteBuildTests.buildRealSite()
        #expect(report.diagnostics.isEmpty, "the seeds must cite no unknown symbol: \(report.diagnostics)")
        let expected = try Self.expected()
        #expect(expected.reduce(0) { $0 + $1.count } == 128)
        var linked = 0
        for row in expected {
            let parts = row.file.split(separator: ".")
            let (slug, language) = (String(parts[0]), Language(rawValue: String(parts[1]))!)
            let html = Self.titleAndBody(SiteBuildTests.page(output, SiteURLs.plan(slug, language)))
            let plain = html.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
            #expect(Self.occurrences(of: row.symbol, in: plain) == row.count, "\(row.file): \(row.symbol) in text")
            // Each occurrence is the text of a link into the same language's documents or plans.
            let links = html.components(separatedBy: "\">\(row.symbol)</a>").dropLast().compactMap { before in
                before.components(separatedBy: "<a href=\"").last?.components(separatedBy: "\"").first
            }
            #expect(links.count == row.count, "\(row.file): \(row.symbol) linked \(links.count) of \(row.count) times")
            for href in links {
                #expect(href.hasPrefix("/\(language.rawValue)/documents/") || href.hasPrefix("/\(language.rawValue)/plans/"))
                #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(SiteURLs.file(for: href)).path),
                        "\(href) does not exist")
            }
            linked += links.count
        }
        #expect(linked == 128)
    }

    @Test func aPublishedPlansSymbolLinksToThePlanNotTheRegistry() throws {
        let (output, _) = try SiteBuildTests.buildRealSite()
        // 78-KH/ĐU cites 59-KH/TU, which the registry holds; the misprint 59-KL/TU resolves to it through an alias.
        let party = SiteBuildTests.page(output, "/vi/plans/78-kh-du-2026/")
        #expect(party.contains("<a href=\"/vi/documents/59-kh-tu-2026/\" title=\""))
        #expect(party.contains(">59-KL/TU</a>"))
        // The Women's Union guidance page lists 194/KH-BTV's plan page among the implementers of 57-KL/TW.
        let conclusion = SiteBuildTests.page(output, "/en/documents/57-kl-tw-2023/")
        #expect(conclusion.contains("<a href=\"/en/plans/194-kh-btv-2023/\">Plan 194/KH-BTV</a>"))
    }

    @Test func everyRegistryEntryHasAPageInBothLanguages() throws {
        let (output, _) = try SiteBuildTests.buildRealSite()
        var log = DiagnosticLog()
        let registry = try #require(RegistryLoader(knownTypes: ["nghi-quyet", "ket-luan", "chi-thi", "nghi-dinh", "thong-tu", "quyet-dinh", "ke-hoach", "huong-dan", "luat", "quy-dinh", "chuong-trinh", "de-an", "cong-van"])
            .load(contentDirectory: TestSupport.content.path, log: &log))
        #expect(registry.count >= 30)
        #expect(log.diagnostics.isEmpty)
        for document in registry {
            for (language, cited, implemented) in [(Language.vi, "Được viện dẫn trong", "Văn bản triển khai"), (.en, "Cited by", "Implemented by")] {
                let html = SiteBuildTests.page(output, SiteURLs.document(document.slug, language))
                #expect(html.contains("<h1 class=\"legal-document__heading\">"), "\(document.symbol) \(language)")
                #expect(html.contains(">\(cited)</h2>") && html.contains(">\(implemented)</h2>"))
                #expect(html.contains("<dd>\(document.symbol)</dd>"))
                #expect(html.contains("hreflang=\"\(language.other.tag)\" href=\"https://thongtindoingoai.example.vn/\(language.other.rawValue)/documents/\(document.slug)/\""))
            }
        }
        let index = SiteBuildTests.page(output, "/vi/documents/")
        #expect(Self.occurrences(of: "/\"><span class=\"symbol\">", in: index) == registry.count)
    }

    @Test func citedByShowsTheSentenceAndImplementedByFollowsTheBasis() throws {
        let (output, _) = try SiteBuildTests.buildRealSite()
        let decree = SiteBuildTests.page(output, "/vi/documents/09-2017-nd-cp/")
        #expect(decree.contains("<a href=\"/vi/plans/535-kh-ubnd-2023/\">Kế hoạch 535/KH-UBND</a>"))
        #expect(decree.contains("<blockquote class=\"excerpt\">Thực hiện Nghị định số 09/2017/NĐ-CP ngày 09 tháng 02 năm 2017 của Chính phủ quy định chi tiết việc phát ngôn"))
        let directive = SiteBuildTests.page(output, "/en/documents/28-ct-tu-2023/")
        let implemented = directive.components(separatedBy: "id=\"implemented-heading\"")[1].components(separatedBy: "</section>")[0]
        for plan in ["/en/documents/228-kh-hu-2023/", "/en/plans/535-kh-ubnd-2023/", "/en/plans/hd-57-kl-tw-hoc-mon-2023/"] {
            #expect(implemented.contains("<a href=\"\(plan)\">"), "\(plan) implements 28-CT/TU")
        }
    }

    @Test func implementationChainGoesLevelByLevel() throws {
        let (output, _) = try SiteBuildTests.buildRealSite()
        let html = SiteBuildTests.page(output, "/vi/documents/57-kl-tw-2023/")
        let chain = try #require(html.components(separatedBy: "<div class=\"chain\">").dropFirst().first?
            .components(separatedBy: "</section>").first)
        // 57-KL/TW → 28-CT/TU → 228-KH/HU → 535/KH-UBND, nested lists in that order.
        let compact = chain.replacingOccurrences(of: "\n", with: "")
        let pattern = "Chỉ thị 28-CT/TU</a>[^<]*<span[^>]*>[^<]*</span><ul><li><a href=\"/vi/documents/228-kh-hu-2023/\">Kế hoạch 228-KH/HU</a>[^<]*<span[^>]*>[^<]*</span><ul><li><a href=\"/vi/plans/535-kh-ubnd-2023/\">"
        #expect(compact.range(of: pattern, options: .regularExpression) != nil)
        // 57-KL/TW → 257/KH-BTV → 194/KH-BTV
        let second = "Kế hoạch 257/KH-BTV</a>[^<]*<span[^>]*>[^<]*</span><ul><li><a href=\"/vi/plans/194-kh-btv-2023/\">"
        #expect(compact.range(of: second, options: .regularExpression) != nil)
    }

    @Test func jsonLDCannotBreakOutOfItsScript() throws {
        let (output, _) = try SiteBuildTests.buildRealSite()
        let html = SiteBuildTests.page(output, "/en/plans/194-kh-btv-2023/")
        let json = try #require(html.components(separatedBy: "<script type=\"application/ld+json\">").dropFirst().first?
            .components(separatedBy: "</script>").first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["@type"] as? String == "Legislation")
        #expect(object["legislationIdentifier"] as? String == "194/KH-BTV")
        #expect(object["inLanguage"] as? String == "en")
        #expect((object["workTranslation"] as? [String: Any])?["url"] as? String == "https://thongtindoingoai.example.vn/vi/plans/194-kh-btv-2023/")
        let name = "</script><script>alert(1)</script> & <!--\u{2028}\"\\\u{01}"
        let hostile = JSONLD.serialise(["name": .string(name)])
        #expect(!hostile.contains("<") && !hostile.contains(">") && !hostile.contains("&") && !hostile.contains("\u{2028}"))
        let decoded = try JSONSerialization.jsonObject(with: Data(hostile.utf8)) as? [String: String]
        #expect(decoded?["name"] == name)
    }
}
