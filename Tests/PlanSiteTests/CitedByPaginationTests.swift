import Foundation
import Testing
@testable import PlanSite

/// A document page lists some of its citing plans, `listing_page_size` on average as `CitedByPages` cuts the
/// list; the rest are on `/vi/documents/<slug>/page/2/` …. The scratch site adds `generated` small plans that cite 57-KL/TW to the
/// five real ones (four of which cite it); only the first `english` of them have an English twin, so the two
/// languages have different numbers of pages.
@Suite("cited-by pagination")
struct CitedByPaginationTests {
    static let slug = "57-kl-tw-2023"
    static let generated = 27
    static let english = 15
    static let base = "https://thongtindoingoai.example.vn"

    static func planSlug(_ n: Int) -> String { "\(900 + n)-kh-ubnd-2024" }

    /// A small plan whose body cites 57-KL/TW once, in a sentence of its own.
    static func plan(_ n: Int, _ language: Language) -> String {
        let vi = language == .vi
        let number = "\(900 + n)/KH-UBND"
        let place = "Thử Nghiệm \(n)"
        let title = vi ? "Tổ chức hoạt động thông tin đối ngoại số \(n) năm 2024" : "Organising external information activities No. \(n) in 2024"
        let sentence = vi
            ? "Thực hiện Kết luận số 57-KL/TW ngày 15 tháng 6 năm 2023 của Bộ Chính trị, kế hoạch thử nghiệm số \(n) triển khai công tác thông tin đối ngoại trên địa bàn, tăng cường tuyên truyền, quảng bá hình ảnh địa phương và đấu tranh phản bác các quan điểm sai trái, thù địch."
            : "Implementing Conclusion No. 57-KL/TW dated 15 June 2023 of the Politburo, test plan No. \(n) carries out external information work in the locality, steps up propaganda, promotes the image of the locality and refutes wrong and hostile views."
        return """
        ---
        type: ke-hoach
        number: "\(number)"
        status: issued
        system: state
        parent_issuer: "\(vi ? "Ủy ban nhân dân tỉnh" : "The Provincial People’s Committee")"
        issuer: "\(vi ? "Ủy ban nhân dân " : "The People’s Committee of ")\(place)"
        place: "\(place)"
        date: "2024-03-\(String(format: "%02d", 1 + n % 28))"
        title: "\(title)"
        signature:
          lines: ["\(vi ? "KT. CHỦ TỊCH" : "P.P. CHAIRPERSON")", "\(vi ? "PHÓ CHỦ TỊCH" : "VICE CHAIRPERSON")"]
          name: "Nguyễn Văn A"
        recipients: ["\(vi ? "Như trên" : "As above")", "\(vi ? "Lưu: VT" : "Filed: Records")"]
        topics: [thong-tin-doi-ngoai]
        summary: "\(title)."
        ---

        ## I. \(vi ? "MỤC ĐÍCH, YÊU CẦU" : "PURPOSES AND REQUIREMENTS")

        \(sentence)

        """
    }

    /// A scratch copy of the site with the generated plans, and `listing_page_size` set when given.
    static func site(pageSize: Int? = nil) throws -> URL {
        let site = try CLITests.scratchSite()
        let plans = site.appendingPathComponent("content/plans")
        for n in 1...generated {
            try plan(n, .vi).write(to: plans.appendingPathComponent("\(planSlug(n)).vi.md"), atomically: true, encoding: .utf8)
            if n <= english {
                try plan(n, .en).write(to: plans.appendingPathComponent("\(planSlug(n)).en.md"), atomically: true, encoding: .utf8)
            }
        }
        if let pageSize {
            let config = site.appendingPathComponent("content/site.yml")
            try (TestSupport.read(config) + "listing_page_size: \(pageSize)\n").write(to: config, atomically: true, encoding: .utf8)
        }
        return site
    }

    /// A clean build of `site` into `site/<name>/public`.
    static func build(_ site: URL, into name: String = "clean") throws -> URL {
        let output = site.appendingPathComponent("\(name)/public")
        try? FileManager.default.removeItem(at: output.deletingLastPathComponent())
        let report = try SiteBuilder(options: BuildOptions(contentDirectory: site.appendingPathComponent("content").path,
                                                           templatesDirectory: site.appendingPathComponent("templates").path,
                                                           outputDirectory: output.path)).build()
        #expect(report.diagnostics.allSatisfy { $0.severity == .warning && $0.message.hasPrefix("no English version") },
                "\(report.diagnostics.map(\.message))")
        return output
    }

    static func page(_ output: URL, _ language: Language, _ number: Int) -> String {
        SiteBuildTests.page(output, SiteURLs.document(slug, language, page: number))
    }

    static func exists(_ output: URL, _ path: String) -> Bool {
        FileManager.default.fileExists(atPath: output.appendingPathComponent(SiteURLs.file(for: path)).path)
    }

    /// The pages of 57-KL/TW in one language: page 1 and every `page/<n>/` folder, which must run 2, 3, … without a gap.
    static func pages(_ output: URL, _ language: Language) -> [String] {
        let folder = output.appendingPathComponent("\(language.rawValue)/documents/\(slug)/page")
        let numbers = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).compactMap(Int.init).sorted()
        #expect(numbers == Array(stride(from: 2, through: numbers.count + 1, by: 1)), "\(numbers)")
        return [page(output, language, 1)] + numbers.map { page(output, language, $0) }
    }

    /// The "Cited by" section of a document page.
    static func citedSection(_ html: String) -> String { section(html, labelledBy: "cited-heading") }

    /// The `<section>` of a page labelled by the heading `id`; empty when there is none.
    static func section(_ html: String, labelledBy id: String) -> String {
        guard let start = html.range(of: "<section aria-labelledby=\"\(id)\">"),
              let end = html.range(of: "</section>", range: start.upperBound..<html.endIndex) else { return "" }
        return String(html[start.lowerBound..<end.upperBound])
    }

    /// The plans listed under "Cited by", in order.
    static func citingPlans(_ html: String, _ language: Language) -> [String] {
        matches(citedSection(html), "<li><a href=\"(/\(language.rawValue)/plans/[^\"]+/)\">")
    }

    static func matches(_ text: String, _ pattern: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
            String(text[Range($0.range(at: 1), in: text)!])
        }
    }

    static func first(_ text: String, _ pattern: String) -> String? { matches(text, pattern).first }

    /// The files in which two snapshots of an output folder differ (missing from one, or other bytes).
    static func differences(_ a: [String: Data], _ b: [String: Data]) -> [String] {
        Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
    }

    @Test func citingPlansAreCutIntoPagesOfAboutTheListingPageSize() throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        let output = try Self.build(site)
        let (real, _) = try SiteBuildTests.buildRealSite()
        for language in Language.allCases {
            let realCiting = Self.citingPlans(Self.page(real, language, 1), language)
            #expect(!realCiting.isEmpty)
            let total = realCiting.count + (language == .vi ? Self.generated : Self.english)
            let pages = Self.pages(output, language)
            let perPage = pages.map { Self.citingPlans($0, language) }
            // Every citing plan exactly once, in slug order across the pages: the real ones and the generated ones.
            let all = perPage.flatMap { $0 }
            #expect(all.count == total && Set(all).count == total)
            #expect(all == all.sorted())
            #expect(Set(realCiting).isSubset(of: Set(all)))
            for n in 1...(language == .vi ? Self.generated : Self.english) {
                #expect(all.contains(SiteURLs.plan(Self.planSlug(n), language)), "plan \(n) in \(language)")
            }
            // 31 (vi) or 19 (en) plans at 10 a page on average: more than one page, none under a quarter of the
            // page size but the last, none over three times it, cut where the cutter says.
            #expect(pages.count > 1)
            #expect(perPage.dropLast().allSatisfy { (2...30).contains($0.count) }, "\(perPage.map(\.count))")
            let slugs = Self.citingSlugs(output, language).flatMap { $0 }
            #expect(perPage.map(\.count) == CitedByPages.ranges(slugs, pageSize: 10).map(\.count))
            #expect(!Self.exists(output, SiteURLs.document(Self.slug, language, page: pages.count + 1)))
            // The count on page 1 alone.
            let count = language == .vi ? "\(total) kế hoạch viện dẫn văn bản này" : "\(total) plans cite this document"
            #expect(pages.map { $0.contains("<p class=\"listing__count\">\(count)</p>") } == [true] + Array(repeating: false, count: pages.count - 1))
        }
        // The cited sentence stays with its plan.
        let holding = try #require(Self.pages(output, .vi).first { $0.contains("<li><a href=\"/vi/plans/921-kh-ubnd-2024/\">") })
        #expect(holding.contains("<li><a href=\"/vi/plans/921-kh-ubnd-2024/\">Kế hoạch 921/KH-UBND</a>"))
        #expect(Self.citedSection(holding).contains("kế hoạch thử nghiệm số 21 triển khai"))
    }

    @Test func page1KeepsTheOldAddressAndTheDetailsAndEveryLinkLeadsToAWrittenPage() throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        let output = try Self.build(site)
        let sitemap = TestSupport.read(output.appendingPathComponent("sitemap.xml"))
        let counts = Dictionary(uniqueKeysWithValues: Language.allCases.map { ($0, Self.pages(output, $0).count) })
        #expect(counts[.vi]! > counts[.en]! && counts[.en]! > 1, "\(counts): the English switch of the last Vietnamese page leads to page 1")
        for language in Language.allCases {
            let other = language.other
            let strings = language == .vi ? ("trang", "Trang", "Thông tin về văn bản") : ("page", "Page", "The document&#39;s details")
            for (offset, html) in Self.pages(output, language).enumerated() {
                let number = offset + 1
                let path = SiteURLs.document(Self.slug, language, page: number)
                #expect(path == (number == 1 ? "/\(language.rawValue)/documents/\(Self.slug)/"
                                 : "/\(language.rawValue)/documents/\(Self.slug)/page/\(number)/"))
                #expect(html.contains("<link rel=\"canonical\" href=\"\(Self.base)\(path)\">"))
                #expect(sitemap.contains("<loc>\(Self.base)\(path)</loc>"), "\(path) in the sitemap")
                let heading = language == .vi ? "Kết luận 57-KL/TW" : "Conclusion 57-KL/TW"
                #expect(html.contains("<h1 class=\"legal-document__heading\">\(heading)</h1>"))
                #expect(html.contains("\(strings.1) \(number)\(language == .vi ? "/" : " of ")\(counts[language]!)"))
                if number == 1 {
                    #expect(html.contains("<title>\(heading) · "))
                    #expect(html.contains("<dl class=\"metadata\">") && html.contains("id=\"implemented-heading\""))
                    #expect(html.contains("application/ld+json"))
                    #expect(!html.contains("rel=\"prev\""))
                } else {
                    #expect(html.contains("<title>\(heading) – \(strings.0) \(number) · "), "\(path)")
                    #expect(html.contains("<li aria-current=\"page\">\(heading) – \(strings.0) \(number)</li>"))
                    #expect(!html.contains("<dl class=\"metadata\">") && !html.contains("id=\"implemented-heading\""))
                    #expect(!html.contains("application/ld+json"))
                    #expect(html.contains("<a href=\"\(SiteURLs.document(Self.slug, language))\">\(strings.2)"))
                }
                // Previous and next pages, one step each way, written.
                let previous = Self.first(html, "<a rel=\"prev\" href=\"([^\"]+)\">")
                let next = Self.first(html, "<a rel=\"next\" href=\"([^\"]+)\">")
                #expect(previous == (number > 1 ? SiteURLs.document(Self.slug, language, page: number - 1) : nil))
                #expect(next == (number < counts[language]! ? SiteURLs.document(Self.slug, language, page: number + 1) : nil))
                // The language switch: the same page of the other language, or its page 1 when it has fewer.
                let twin = number <= counts[other]! ? SiteURLs.document(Self.slug, other, page: number) : nil
                let switchHref = Self.first(html, "<nav class=\"language-switch\"[^>]*>\\s*<a href=\"([^\"]+)\"")
                #expect(switchHref == (twin ?? SiteURLs.document(Self.slug, other)), "\(path)")
                let hreflang = Self.first(html, "<link rel=\"alternate\" hreflang=\"\(other.tag)\" href=\"\(Self.base)([^\"]+)\">")
                #expect(hreflang == twin, "\(path): hreflang only to a page that is its translation")
                for link in [previous, next, switchHref, hreflang].compactMap({ $0 }) + Self.matches(html, "href=\"(/[^\"]*)\"") {
                    #expect(Self.exists(output, link), "\(path) links to \(link), which is not written")
                }
            }
        }
    }

    @Test func pagesAreSmallerThanTheWholeList() throws {
        let paged = try Self.site()
        let whole = try Self.site(pageSize: 1000)
        defer {
            try? FileManager.default.removeItem(at: paged)
            try? FileManager.default.removeItem(at: whole)
        }
        let (pagedOutput, wholeOutput) = (try Self.build(paged), try Self.build(whole))
        for language in Language.allCases {
            let single = Self.pages(wholeOutput, language)
            #expect(single.count == 1, "a page size above the number of citing plans: one page, as before")
            #expect(!single[0].contains("class=\"pagination\""))
            let wholeList = Self.citedSection(single[0]).utf8.count
            let pages = Self.pages(pagedOutput, language)
            #expect(pages.map { Self.citingPlans($0, language) }.flatMap { $0 } == Self.citingPlans(single[0], language))
            let total = Double(Self.citingPlans(single[0], language).count)
            for html in pages {
                #expect(html.utf8.count < single[0].utf8.count)
                // Some of 31 (vi) or 19 (en) citing plans, with the count and the page navigation: about
                // that share of the whole list's bytes (citing sentences differ in length).
                let share = Double(Self.citingPlans(html, language).count) / total
                #expect(Double(Self.citedSection(html).utf8.count) < (share + 0.25) * Double(wholeList),
                        "\(Self.citedSection(html).utf8.count) of \(wholeList) bytes for a share of \(share)")
            }
        }
    }

    @Test func realDocumentsHaveOnePage() throws {
        let (output, _) = try SiteBuildTests.buildRealSite()
        for language in Language.allCases {
            let folder = output.appendingPathComponent("\(language.rawValue)/documents")
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name != "index.html" {
                #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("\(name)/page").path), "\(name)")
                #expect(!TestSupport.read(folder.appendingPathComponent("\(name)/index.html")).contains("class=\"pagination\""))
            }
        }
    }

    /// The slugs of the plans on each "Cited by" page of 57-KL/TW in `language`.
    static func citingSlugs(_ output: URL, _ language: Language) -> [[String]] {
        pages(output, language).map { html in
            citingPlans(html, language).map { $0.replacingOccurrences(of: "/\(language.rawValue)/plans/", with: "").replacingOccurrences(of: "/", with: "") }
        }
    }

    /// A generated plan, Vietnamese only, whose citation taken out leaves the number of pages as it is (`keeps`)
    /// or changes it, and that is not on page 1.
    static func generatedPlan(_ output: URL, keepingThePageCount keeps: Bool) throws -> (n: Int, page: Int) {
        let pages = citingSlugs(output, .vi)
        let all = pages.flatMap { $0 }
        for n in (english + 1)...generated {
            let slug = planSlug(n)
            guard let page = pages.firstIndex(where: { $0.contains(slug) }), page > 0 else { continue }
            let without = CitedByPages.ranges(all.filter { $0 != slug }, pageSize: 10).count
            if (without == pages.count) == keeps { return (n, page + 1) }
        }
        throw CancellationError()
    }

    /// A cited sentence edited on the incremental path: the plan's page and the one "Cited by" page that
    /// quotes it are rendered, no other, and the site is a clean build's.
    @Test func anIncrementalRebuildOfACitedSentenceRendersItsPageAlone() throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        let (builder, output) = IncrementalTests.incrementalBuilder(site)
        #expect(try builder.build().kind == .full)
        let number = try #require(Self.citingSlugs(output, .vi).firstIndex { $0.contains(Self.planSlug(25)) }) + 1
        try IncrementalTests.edit(site.appendingPathComponent("content/plans/\(Self.planSlug(25)).vi.md")) {
            $0.replacingOccurrences(of: "kế hoạch thử nghiệm số 25 triển khai", with: "kế hoạch thử nghiệm số 25 (sửa) triển khai")
        }
        let report = try builder.rebuild()
        #expect(report.kind == .incremental)
        #expect(Self.citedSection(Self.page(output, .vi, number)).contains("số 25 (sửa) triển khai"))
        #expect(report.pagesRendered == 2, "the plan's page and page \(number) of 57-KL/TW: \(report.pagesRendered)")
        #expect(Self.differences(TestSupport.snapshot(output), try IncrementalTests.cleanBuild(site)) == [])
    }

    /// A citation taken out and put back on the incremental path, where the list keeps its number of pages:
    /// its page and page 1 (the count) are rendered, and the other pages are left as they were.
    @Test func aCitationThatComesOrGoesRendersItsPageAndPage1() throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        let (builder, output) = IncrementalTests.incrementalBuilder(site)
        #expect(try builder.build().kind == .full)
        let (n, number) = try Self.generatedPlan(output, keepingThePageCount: true)
        let plan = site.appendingPathComponent("content/plans/\(Self.planSlug(n)).vi.md")
        let original = TestSupport.read(plan)
        let before = TestSupport.snapshot(output)
        try IncrementalTests.edit(plan) { $0.replacingOccurrences(of: "Kết luận số 57-KL/TW ngày 15 tháng 6 năm 2023", with: "Kết luận") }
        let report = try builder.rebuild()
        #expect(report.kind == .incremental)
        let clean = try IncrementalTests.cleanBuild(site)
        #expect(Self.differences(TestSupport.snapshot(output), clean) == [])
        let changedPages = Self.differences(before, clean).filter { $0.hasPrefix("vi/documents/\(Self.slug)/") }
        let expected = Set([1, number]).map { SiteURLs.file(for: SiteURLs.document(Self.slug, .vi, page: $0)) }.sorted()
        #expect(changedPages == expected)
        // Plan n's page, pages 1 and `number` of the document (one page when they are the same), and the two "Open
        // data" pages (the plan's record, which lists what it cites, changed).
        #expect(report.pagesRendered == 3 + expected.count, "\(report.pagesRendered)")
        try original.write(to: plan, atomically: true, encoding: .utf8)
        #expect(try builder.rebuild().kind == .incremental)
        #expect(Self.differences(TestSupport.snapshot(output), before) == [])
    }

    /// A citation taken out on the incremental path, where the list then has one page fewer, and put back:
    /// the sitemap and the files must be those of a clean build.
    @Test func anIncrementalRebuildThatChangesThePageCountIsByteIdentical() throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        let (builder, output) = IncrementalTests.incrementalBuilder(site)
        #expect(try builder.build().kind == .full)
        let pageCount = Self.pages(output, .vi).count
        let (n, _) = try Self.generatedPlan(output, keepingThePageCount: false)
        let plan = site.appendingPathComponent("content/plans/\(Self.planSlug(n)).vi.md")
        let original = TestSupport.read(plan)
        let before = TestSupport.snapshot(output)
        try IncrementalTests.edit(plan) { $0.replacingOccurrences(of: "Kết luận số 57-KL/TW ngày 15 tháng 6 năm 2023", with: "Kết luận") }
        _ = try builder.rebuild()
        let clean = try IncrementalTests.cleanBuild(site)
        #expect(clean["vi/documents/\(Self.slug)/page/\(pageCount)/index.html"] == nil)
        #expect(Self.differences(TestSupport.snapshot(output), clean) == [])
        try original.write(to: plan, atomically: true, encoding: .utf8)
        _ = try builder.rebuild()
        #expect(Self.differences(TestSupport.snapshot(output), before) == [])
    }
}
