import Foundation
import Testing
@testable import PlanSite

/// New content, no code change: fixtures copied into a scratch site.
@Suite("citation fixtures")
struct CitationFixtureTests {
    static func copyFixture(_ name: String, to site: URL, as target: String) throws {
        let source = TestSupport.fixtures.appendingPathComponent(name)
        try FileManager.default.copyItem(at: source, to: site.appendingPathComponent("content/plans/\(target)"))
    }

    @Test func aNewPlanCitingInUnseenFormsGetsItsCitationsLinked() throws {
        let site = try CLITests.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        try Self.copyFixture("new-forms.vi.md", to: site, as: "12-kh-thu-2024.vi.md")
        let result = try TestSupport.run(TestSupport.plansite.path, ["build"], cwd: site)
        #expect(result.status == 0)
        // Only the missing English version is reported: every citation resolved.
        #expect(!result.stderr.contains("registry"), "\(result.stderr)")
        let html = TestSupport.read(site.appendingPathComponent("public/vi/plans/12-kh-thu-2024/index.html"))
        for (href, text) in [
            ("/vi/documents/98-2023-qh15/", "98/2023/QH15"), ("/vi/documents/34-nq-tw-2023/", "34-NQ/TW"),
            ("/vi/documents/09-2017-nd-cp/", "9/2017/ND-CP"), ("/vi/documents/57-kl-tw-2023/", "57-KL/TW"),
            ("/vi/documents/28-ct-tu-2023/", "28-CT/TU"), ("/vi/documents/03-2019-tt-btttt/", "03/2019/TT-BTTTT"),
            ("/vi/documents/1178-qd-ttg-2020/", "1178/QĐ-TTg"), ("/vi/documents/1762-kh-ubnd-2023/", "1762/KH-UBND"),
        ] {
            #expect(html.contains("<a href=\"\(href)\" title=\""), "\(text) not linked to \(href)")
            #expect(html.contains("\">\(text)</a>"))
        }
        #expect(html.contains("<strong>Kết luận <a href=\"/vi/documents/57-kl-tw-2023/\""))
        #expect(html.contains("<code>57-KL/TW</code>"), "code must stay code")
        #expect(html.contains("<a rel=\"noopener noreferrer\" href=\"https://example.vn/kl57\">Kết luận 57-KL/TW</a>"),
                "an existing link keeps its text (and, being external, gets rel)")
        // The new plan appears under "Implemented by" of the resolution it names as basis.
        let resolution = TestSupport.read(site.appendingPathComponent("public/vi/documents/98-2023-qh15/index.html"))
        #expect(resolution.contains("<a href=\"/vi/plans/12-kh-thu-2024/\">Kế hoạch 12/KH-THU</a>"))
    }

    @Test func anUnknownSymbolIsAWarningAtItsPositionAndAnErrorWithStrict() throws {
        let site = try CLITests.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        #expect(try TestSupport.run(TestSupport.plansite.path, ["build"], cwd: site).status == 0)
        let before = TestSupport.snapshot(site.appendingPathComponent("public"))
        let file = site.appendingPathComponent("content/plans/kh-ubnd-ba-dinh-2022.vi.md")
        var lines = TestSupport.read(file).components(separatedBy: "\n")
        let bodyStart = try #require(lines.indices.dropFirst().first { lines[$0] == "---" }) + 1
        lines.insert("", at: bodyStart)
        lines.insert("Theo Chỉ thị số 99-CT/TW của Ban Bí thư.", at: bodyStart)
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)

        let warned = try TestSupport.run(TestSupport.plansite.path, ["build"], cwd: site)
        #expect(warned.status == 0)
        #expect(warned.stderr.contains("""
            content/plans/kh-ubnd-ba-dinh-2022.vi.md:\(bodyStart + 1):17: warning: `99-CT/TW` is not in the legal-document registry; it is left as plain text
                hint: add `99-CT/TW` to content/legal/documents.yml
            """))
        let page = TestSupport.read(site.appendingPathComponent("public/vi/plans/kh-ubnd-ba-dinh-2022/index.html"))
        #expect(page.contains("<p>Theo Chỉ thị số 99-CT/TW của Ban Bí thư.</p>"), "left as plain text, not a broken link")
        let afterWarning = TestSupport.snapshot(site.appendingPathComponent("public"))

        let strict = try TestSupport.run(TestSupport.plansite.path, ["build", "--strict"], cwd: site)
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("kh-ubnd-ba-dinh-2022.vi.md:\(bodyStart + 1):17: error: `99-CT/TW` is not in the legal-document registry"))
        #expect(TestSupport.snapshot(site.appendingPathComponent("public")) == afterWarning)
        #expect(afterWarning != before)
    }

    @Test func differentAppendixListsAreAWarning() throws {
        let site = try CLITests.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let file = site.appendingPathComponent("content/plans/535-kh-ubnd-2023.en.md")
        try TestSupport.read(file).replacingOccurrences(of: "      - \"03/2019/TT-BTTTT\"\n", with: "")
            .write(to: file, atomically: true, encoding: .utf8)
        let result = try TestSupport.run(TestSupport.plansite.path, ["build"], cwd: site)
        #expect(result.status == 0)
        #expect(result.stderr.contains("content/plans/535-kh-ubnd-2023.en.md:32: warning: the appendix lists different documents than content/plans/535-kh-ubnd-2023.vi.md"))
    }

    static func document(_ symbol: String, _ date: String?) -> LegalDocument {
        LegalDocument(symbol: symbol, type: "ket-luan", date: date.flatMap { try? PartialDate.parse($0).get() },
                      issuer: Bilingual(vi: "Bộ Chính trị", en: "the Politburo"), title: Bilingual(vi: "về …", en: "on …"),
                      source: nil, status: nil, aliases: [], note: nil, basis: [],
                      location: SourceLocation(file: "documents.yml", line: 1))
    }

    /// Party numbering restarts each term: two Conclusions No. 12-KL/TW.
    @Test func ambiguousSymbolsAreDecidedByTheDateThenTheCitingPlan() throws {
        let index = DocumentIndex(registry: [Self.document("12-KL/TW", "2006-07-20"), Self.document("12-KL/TW", "2021-08-12"),
                                             Self.document("57-KL/TW", "2023-06-15")], plans: [])
        let date = { (text: String) in try PartialDate.parse(text).get() }
        #expect(index.resolve("57-KL/TW", textDate: nil, citingDate: nil) == .resolved(.registry(index: 2)))
        #expect(index.resolve("12-KL/TW", textDate: try date("2021-08-12"), citingDate: nil) == .resolved(.registry(index: 1)))
        #expect(index.resolve("12-KL/TW", textDate: try date("2006-07-20"), citingDate: try date("2023-01-01")) == .resolved(.registry(index: 0)))
        #expect(index.resolve("12-KL/TW", textDate: nil, citingDate: try date("2023-11-08")) == .resolved(.registry(index: 1)))
        #expect(index.resolve("12-KL/TW", textDate: nil, citingDate: try date("2010")) == .resolved(.registry(index: 0)))
        #expect(index.resolve("12-KL/TW", textDate: nil, citingDate: nil) == .ambiguous([.registry(index: 0), .registry(index: 1)]))
        #expect(index.resolve("12-KL/TW", textDate: nil, citingDate: try date("2001")) == .ambiguous([.registry(index: 0), .registry(index: 1)]))
        #expect(index.resolve("13-KL/TW", textDate: nil, citingDate: nil) == .unknown)
    }

    @Test func whatStaysAmbiguousIsADiagnostic() throws {
        let site = try CLITests.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let registry = site.appendingPathComponent("content/legal/documents.yml")
        try (TestSupport.read(registry) + """

            - symbol: "12-KL/TW"
              type: ket-luan
              date: "2006-07-20"
              issuer: {vi: "Bộ Chính trị", en: "the Politburo"}
              title: {vi: "về một văn bản nhiệm kỳ trước", en: "on a document of an earlier term"}

            """).write(to: registry, atomically: true, encoding: .utf8)
        // The seeds cite 12-KL/TW with its date (2021): still resolved, no warning.
        let dated = try TestSupport.run(TestSupport.plansite.path, ["build", "--strict"], cwd: site)
        #expect(dated.status == 0, "\(dated.stderr)")
        // An undated plan citing it without a date cannot be decided.
        let guidance = site.appendingPathComponent("content/plans/hd-57-kl-tw-hoc-mon-2023.vi.md")
        try (TestSupport.read(guidance) + "\nXem thêm Kết luận số 12-KL/TW.\n").write(to: guidance, atomically: true, encoding: .utf8)
        let result = try TestSupport.run(TestSupport.plansite.path, ["build"], cwd: site)
        #expect(result.status == 0)
        #expect(result.stderr.contains("warning: `12-KL/TW` matches 2 documents (dated 2006-07-20, 2021-08-12); it is left as plain text"))
    }
}
