import Foundation
import Testing
@testable import PlanSite

/// A document's page shows at most `listing_page_size` of the documents implementing it, and each level of
/// its implementation chain as many; the whole list is on `/vi/documents/<slug>/implemented-by/` … The
/// scratch site of `CitedByPaginationTests` with each generated plan naming 57-KL/TW as its basis.
@Suite("implemented-by pagination")
struct ImplementedByPaginationTests {
    static let slug = CitedByPaginationTests.slug

    static func site() throws -> URL {
        let site = try CitedByPaginationTests.site()
        let plans = site.appendingPathComponent("content/plans")
        for n in 1...CitedByPaginationTests.generated {
            for language in Language.allCases {
                let file = plans.appendingPathComponent("\(CitedByPaginationTests.planSlug(n)).\(language.rawValue).md")
                guard FileManager.default.fileExists(atPath: file.path) else { continue }
                let text = TestSupport.read(file).replacingOccurrences(of: "\nsignature:", with: "\nbasis: [\"57-KL/TW\"]\nsignature:")
                try text.write(to: file, atomically: true, encoding: .utf8)
            }
        }
        return site
    }

    /// The documents listed in an `<ul class="doc-list">` of `html` (their links), in order.
    static func listed(_ html: String) -> [String] {
        CitedByPaginationTests.matches(html, "<li><a href=\"(/[^\"]+)\">")
    }

    static func implementedSection(_ html: String) -> String {
        CitedByPaginationTests.section(html, labelledBy: "implemented-heading")
    }

    @Test func page1ShowsAPageOfImplementersAndTheWholeListIsPaged() throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        let output = try CitedByPaginationTests.build(site)
        let (real, _) = try SiteBuildTests.buildRealSite()
        for language in Language.allCases {
            let realImplementers = Self.listed(Self.implementedSection(SiteBuildTests.page(real, SiteURLs.document(Self.slug, language))))
            #expect(!realImplementers.isEmpty && realImplementers.count <= 10)
            // The real site has no such pages: its lists are short.
            #expect(!CitedByPaginationTests.exists(real, SiteURLs.implementedBy(Self.slug, language)))
            let total = realImplementers.count + CitedByPaginationTests.generated
            let page1 = SiteBuildTests.page(output, SiteURLs.document(Self.slug, language))
            let section = Self.implementedSection(page1)
            let shown = Self.listed(section)
            #expect(shown.count == 10, "\(language): page 1 shows \(shown.count)")
            let allLabel = language == .vi ? "Xem cả \(total) văn bản triển khai" : "See all \(total) documents implementing it"
            #expect(section.contains("<a href=\"\(SiteURLs.implementedBy(Self.slug, language))\">\(allLabel)</a>"), "\(section)")
            // The pages of the whole list: 10 a page, every implementer once, page 1's first.
            var all: [String] = []
            let pageCount = (total + 9) / 10
            for number in 1...pageCount {
                let path = SiteURLs.implementedBy(Self.slug, language, page: number)
                let html = SiteBuildTests.page(output, path)
                let list = Self.listed(html.components(separatedBy: "<ul class=\"doc-list\">").last ?? "")
                #expect(list.count == (number < pageCount ? 10 : total - 10 * (pageCount - 1)), "\(path)")
                all += list
                #expect(html.contains("<link rel=\"alternate\" hreflang=\"\(language.other.tag)\" href=\"\(CitedByPaginationTests.base)\(SiteURLs.implementedBy(Self.slug, language.other, page: number))\">"))
                for link in CitedByPaginationTests.matches(html, "href=\"(/[^\"]*)\"") {
                    #expect(CitedByPaginationTests.exists(output, link), "\(path) links to \(link), which is not written")
                }
            }
            #expect(!CitedByPaginationTests.exists(output, SiteURLs.implementedBy(Self.slug, language, page: pageCount + 1)))
            #expect(all.count == total && Set(all).count == total)
            #expect(Array(all.prefix(10)) == shown)
            #expect(Set(realImplementers).isSubset(of: Set(all)))
            // The chain's first level is cut as well, and says how many it leaves out.
            let chain = page1.components(separatedBy: "<div class=\"chain\">").dropFirst().first ?? ""
            let more = language == .vi ? "… và \(total - 10) văn bản khác" : "… and \(total - 10) more"
            #expect(chain.contains("<li class=\"chain__more\"><a href=\"\(SiteURLs.implementedBy(Self.slug, language))\">\(more)</a></li>"))
        }
        let sitemap = TestSupport.read(output.appendingPathComponent("sitemap.xml"))
        #expect(sitemap.contains("<loc>\(CitedByPaginationTests.base)\(SiteURLs.implementedBy(Self.slug, .en, page: 2))</loc>"))
    }
}
