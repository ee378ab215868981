import Foundation
import Testing
@testable import PlanSite

/// A document page lists some of its citing plans, `listing_page_size` on average as `CitedByPages` cuts the
/// list; the rest are on further pages named by their first plan, `/vi/documents/<slug>/cited-by/<plan slug>/`.
/// The scratch site adds `generated` small plans that cite 57-KL/TW to the
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

    static func page(_ output: URL, _ language: Language, _ key: String?) -> String {
        SiteBuildTests.page(output, SiteURLs.citedBy(slug, language, from: key))
    }

    static func exists(_ output: URL, _ path: String) -> Bool {
        FileManager.default.fileExists(atPath: output.appendingPathComponent(SiteURLs.file(for: path)).path)
    }

    /// The names of the pages of 57-KL/TW in one language, in order: nil for page 1, then every `cited-by/<plan>/`
    /// folder (a page is named by its first plan, so the names sort as the pages go).
    static func keys(_ output: URL, _ language: Language) -> [String?] {
        let folder = output.appendingPathComponent("\(language.rawValue)/documents/\(slug)/cited-by")
        return [nil] + ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    /// The pages of 57-KL/TW in one language, in order.
    static func pages(_ output: URL, _ language: Language) -> [String] {
        keys(output, language).map { page(output, language, $0) }
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
            let realCiting = Self.citingPlans(Self.page(real, language, nil), language)
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
            // Each further page is named by its first plan.
            #expect(Self.keys(output, language).dropFirst().map { $0! } == Self.citingSlugs(output, language).dropFirst().map { $0[0] })
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
        let keys = Dictionary(uniqueKeysWithValues: Language.allCases.map { ($0, Self.keys(output, $0)) })
        let slugs = Dictionary(uniqueKeysWithValues: Language.allCases.map { ($0, Self.citingSlugs(output, $0)) })
        #expect(keys[.vi]!.count > keys[.en]!.count && keys[.en]!.count > 1, "\(keys)")
        var switchesToAnotherPage = 0
        for language in Language.allCases {
            let other = language.other
            let strings = language == .vi ? ("kế hoạch viện dẫn, từ", "đến", "Từ", "Thông tin về văn bản")
                                          : ("citing plans,", "to", "", "The document&#39;s details")
            for (index, html) in Self.pages(output, language).enumerated() {
                let key = keys[language]![index]
                let path = SiteURLs.citedBy(Self.slug, language, from: key)
                #expect(path == "/\(language.rawValue)/documents/\(Self.slug)/" + (key.map { "cited-by/\($0)/" } ?? ""))
                #expect(html.contains("<link rel=\"canonical\" href=\"\(Self.base)\(path)\">"))
                // Page 1 is in the sitemap; the further pages, which come and go with the citations, are not.
                #expect(sitemap.contains("<loc>\(Self.base)\(path)</loc>") == (key == nil), "\(path) in the sitemap")
                let heading = language == .vi ? "Kết luận 57-KL/TW" : "Conclusion 57-KL/TW"
                #expect(html.contains("<h1 class=\"legal-document__heading\">\(heading)</h1>"))
                // The page is known by its first and last plan, as its list shows them; no page number.
                let labels = Self.matches(Self.citedSection(html), "<li><a href=\"/\(language.rawValue)/plans/[^\"]+/\">([^<]+)</a>")
                let range = strings.2.isEmpty ? "\(labels.first!) \(strings.1) \(labels.last!)"
                                              : "\(strings.2) \(labels.first!) \(strings.1) \(labels.last!)"
                #expect(html.contains("<span>\(range)</span>"), "\(path)")
                #expect(!html.contains(language == .vi ? "Trang \(index + 1)/" : "Page \(index + 1) of"))
                if key == nil {
                    #expect(html.contains("<title>\(heading) · "))
                    #expect(html.contains("<dl class=\"metadata\">") && html.contains("id=\"implemented-heading\""))
                    #expect(html.contains("application/ld+json"))
                    #expect(!html.contains("rel=\"prev\""))
                } else {
                    let title = "\(heading) – \(strings.0) \(labels.first!) \(strings.1) \(labels.last!)"
                    #expect(html.contains("<title>\(title) · "), "\(path)")
                    #expect(html.contains("<li aria-current=\"page\">\(title)</li>"))
                    #expect(!html.contains("<dl class=\"metadata\">") && !html.contains("id=\"implemented-heading\""))
                    #expect(!html.contains("application/ld+json"))
                    #expect(html.contains("<a href=\"\(SiteURLs.document(Self.slug, language))\">\(strings.3)"))
                }
                // Previous and next pages, one step each way, written.
                let previous = Self.first(html, "<a rel=\"prev\" href=\"([^\"]+)\">")
                let next = Self.first(html, "<a rel=\"next\" href=\"([^\"]+)\">")
                #expect(previous == (index > 0 ? SiteURLs.citedBy(Self.slug, language, from: keys[language]![index - 1]) : nil))
                #expect(next == (index + 1 < keys[language]!.count ? SiteURLs.citedBy(Self.slug, language, from: keys[language]![index + 1]) : nil))
                // The language switch: the other language's page of the same name (its translation, with
                // hreflang), else the one that holds this page's first plan, or where it would be.
                let twin = keys[other]!.contains(key) ? SiteURLs.citedBy(Self.slug, other, from: key) : nil
                let holding = key.map { first in keys[other]!.lastIndex { $0 == nil || $0! <= first }! } ?? 0
                if twin == nil { switchesToAnotherPage += 1 }
                let switchHref = Self.first(html, "<nav class=\"language-switch\"[^>]*>\\s*<a href=\"([^\"]+)\"")
                #expect(switchHref == (twin ?? SiteURLs.citedBy(Self.slug, other, from: keys[other]![holding])), "\(path)")
                if twin == nil, let key, holding > 0 {
                    #expect(slugs[other]![holding].first! < key, "\(path): the page switched to starts before this one")
                }
                let hreflang = Self.first(html, "<link rel=\"alternate\" hreflang=\"\(other.tag)\" href=\"\(Self.base)([^\"]+)\">")
                #expect(hreflang == twin, "\(path): hreflang only to a page that is its translation")
                for link in [previous, next, switchHref, hreflang].compactMap({ $0 }) + Self.matches(html, "href=\"(/[^\"]*)\"") {
                    #expect(Self.exists(output, link), "\(path) links to \(link), which is not written")
                }
            }
        }
        #expect(switchesToAnotherPage > 0, "some pages have no translation of the same name")
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
                #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("\(name)/cited-by").path), "\(name)")
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

    /// A generated plan, Vietnamese only, not on page 1 nor first on its page, whose citation taken out leaves
    /// every page's name as it is (`keeps`), or changes how many pages there are.
    static func generatedPlan(_ output: URL, keepingThePages keeps: Bool) throws -> (n: Int, key: String) {
        let pages = citingSlugs(output, .vi)
        let all = pages.flatMap { $0 }
        let names = pages.map(\.first)
        for n in (english + 1)...generated {
            let slug = planSlug(n)
            guard let page = pages.firstIndex(where: { $0.contains(slug) }), page > 0, pages[page][0] != slug else { continue }
            let without = all.filter { $0 != slug }
            let ranges = CitedByPages.ranges(without, pageSize: 10)
            if keeps ? ranges.map({ without[$0.lowerBound] }) == names.map({ $0! }) : ranges.count != pages.count {
                return (n, pages[page][0])
            }
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
        let pages = Self.citingSlugs(output, .vi)
        let index = try #require(pages.firstIndex { $0.contains(Self.planSlug(25)) })
        try IncrementalTests.edit(site.appendingPathComponent("content/plans/\(Self.planSlug(25)).vi.md")) {
            $0.replacingOccurrences(of: "kế hoạch thử nghiệm số 25 triển khai", with: "kế hoạch thử nghiệm số 25 (sửa) triển khai")
        }
        let report = try builder.rebuild()
        #expect(report.kind == .incremental)
        #expect(Self.citedSection(Self.page(output, .vi, Self.keys(output, .vi)[index])).contains("số 25 (sửa) triển khai"))
        #expect(report.pagesRendered == 2, "the plan's page and its page of 57-KL/TW: \(report.pagesRendered)")
        #expect(Self.differences(TestSupport.snapshot(output), try IncrementalTests.cleanBuild(site)) == [])
    }

    /// A citation taken out and put back on the incremental path, where every page keeps its name: its page
    /// and page 1 (the count) are rendered, and the other pages are left as they were.
    @Test func aCitationThatComesOrGoesRendersItsPageAndPage1() throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        let (builder, output) = IncrementalTests.incrementalBuilder(site)
        #expect(try builder.build().kind == .full)
        let (n, key) = try Self.generatedPlan(output, keepingThePages: true)
        let plan = site.appendingPathComponent("content/plans/\(Self.planSlug(n)).vi.md")
        let original = TestSupport.read(plan)
        let before = TestSupport.snapshot(output)
        try IncrementalTests.edit(plan) { $0.replacingOccurrences(of: "Kết luận số 57-KL/TW ngày 15 tháng 6 năm 2023", with: "Kết luận") }
        let report = try builder.rebuild()
        #expect(report.kind == .incremental)
        let clean = try IncrementalTests.cleanBuild(site)
        #expect(Self.differences(TestSupport.snapshot(output), clean) == [])
        let changedPages = Self.differences(before, clean).filter { $0.hasPrefix("vi/documents/\(Self.slug)/") }
        let expected = [nil, key].map { SiteURLs.file(for: SiteURLs.citedBy(Self.slug, .vi, from: $0)) }.sorted()
        #expect(changedPages == expected)
        // Plan n's page, page 1 and the plan's page of the document, and the two "Open data" pages (the plan's
        // record, which lists what it cites, changed).
        #expect(report.pagesRendered == 3 + expected.count, "\(report.pagesRendered)")
        try original.write(to: plan, atomically: true, encoding: .utf8)
        #expect(try builder.rebuild().kind == .incremental)
        #expect(Self.differences(TestSupport.snapshot(output), before) == [])
    }

    /// A citation taken out on the incremental path, where the list then has one page fewer (two pages
    /// joined), and put back: a few pages are rendered, the page that went is deleted with its folder, and the
    /// files are those of a clean build.
    @Test func anIncrementalRebuildThatJoinsTwoPagesIsByteIdentical() throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        let (builder, output) = IncrementalTests.incrementalBuilder(site)
        #expect(try builder.build().kind == .full)
        let pageCount = Self.keys(output, .vi).count
        let (n, _) = try Self.generatedPlan(output, keepingThePages: false)
        let plan = site.appendingPathComponent("content/plans/\(Self.planSlug(n)).vi.md")
        let original = TestSupport.read(plan)
        let before = TestSupport.snapshot(output)
        try IncrementalTests.edit(plan) { $0.replacingOccurrences(of: "Kết luận số 57-KL/TW ngày 15 tháng 6 năm 2023", with: "Kết luận") }
        let report = try builder.rebuild()
        #expect(report.kind == .incremental)
        #expect(Self.keys(output, .vi).count == pageCount - 1)
        let clean = try IncrementalTests.cleanBuild(site)
        #expect(Self.differences(TestSupport.snapshot(output), clean) == [])
        let left = try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent("vi/documents/\(Self.slug)/cited-by").path)
        #expect(left.count == pageCount - 2, "no empty folder of the page that went: \(left)")
        // The plan's page, at most four document pages (the joined page, its neighbours, page 1) and the two
        // "Open data" pages; not every page after the join.
        #expect(report.pagesRendered <= 7, "\(report.pagesRendered) of \(pageCount) pages")
        try original.write(to: plan, atomically: true, encoding: .utf8)
        #expect(try builder.rebuild().kind == .incremental)
        #expect(Self.differences(TestSupport.snapshot(output), before) == [])
    }
}
