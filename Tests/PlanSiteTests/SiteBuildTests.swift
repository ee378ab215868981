import Foundation
import Testing
@testable import PlanSite

/// Builds the real content/ with the real templates and checks what a reader gets.
@Suite("the real site, end to end")
struct SiteBuildTests {
    static let slugs = ["194-kh-btv-2023", "535-kh-ubnd-2023", "78-kh-du-2026", "hd-57-kl-tw-hoc-mon-2023",
                        "kh-ubnd-ba-dinh-2022"]

    /// Builds the real site into `.build/plansite-tests/<name>/public` (replaced on every run, so nothing piles up).
    static func build(into name: String) throws -> (URL, BuildReport) {
        let output = TestSupport.root.appendingPathComponent(".build/plansite-tests/\(name)/public")
        try? FileManager.default.removeItem(at: output)
        try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
        let builder = SiteBuilder(options: BuildOptions(contentDirectory: TestSupport.content.path,
                                                        templatesDirectory: TestSupport.templates.path,
                                                        outputDirectory: output.path, strict: true))
        return (output, try builder.build())
    }

    /// One build shared by the read-only tests of this suite.
    static let shared: Result<(URL, BuildReport), BuildFailure> = Result { () throws(BuildFailure) in
        do { return try build(into: "e2e") } catch let failure as BuildFailure { throw failure } catch {
            throw BuildFailure([.error("tests", "\(error)")])
        }
    }

    static func buildRealSite() throws -> (URL, BuildReport) {
        try shared.get()
    }

    static func page(_ output: URL, _ path: String) -> String {
        TestSupport.read(output.appendingPathComponent(SiteURLs.file(for: path)))
    }

    @Test func allPlanPagesHomesAndLandingExistWithTheirLanguage() throws {
        let (output, report) = try Self.buildRealSite()
        #expect(report.warnings == 0)
        // Every page but the three 404 pages is in the sitemap.
        let sitemap = TestSupport.read(output.appendingPathComponent("sitemap.xml"))
        #expect(report.pages == sitemap.components(separatedBy: "<loc>").count - 1 + 3)
        for slug in Self.slugs {
            for language in Language.allCases {
                let html = Self.page(output, SiteURLs.plan(slug, language))
                #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"\(language.tag)\">"), "\(slug).\(language)")
            }
        }
        #expect(Self.page(output, "/vi/").contains("<html lang=\"vi\">"))
        #expect(Self.page(output, "/en/").contains("<html lang=\"en\">"))
        let landing = Self.page(output, "/")
        #expect(landing.contains("href=\"/vi/\"") && landing.contains("href=\"/en/\""))
    }

    @Test func everyPlanLinksItsTranslationWithReciprocalHreflang() throws {
        let (output, _) = try Self.buildRealSite()
        let base = "https://thongtindoingoai.example.vn"
        for slug in Self.slugs {
            for language in Language.allCases {
                let html = Self.page(output, SiteURLs.plan(slug, language))
                let other = language.other
                #expect(html.contains("<a href=\"/\(other.rawValue)/plans/\(slug)/\" hreflang=\"\(other.tag)\""), "switch on \(slug).\(language)")
                for lang in Language.allCases {
                    #expect(html.contains("<link rel=\"alternate\" hreflang=\"\(lang.tag)\" href=\"\(base)/\(lang.rawValue)/plans/\(slug)/\">"))
                }
                #expect(html.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"\(base)/vi/plans/\(slug)/\">"))
                #expect(html.contains("<link rel=\"canonical\" href=\"\(base)/\(language.rawValue)/plans/\(slug)/\">"))
            }
        }
    }

    @Test func officialHeaderFieldsAppear() throws {
        let (output, _) = try Self.buildRealSite()
        let womenUnion = Self.page(output, "/vi/plans/194-kh-btv-2023/")
        #expect(womenUnion.contains("<p class=\"document__body-name\">Ban Thường vụ Hội LHPN huyện Hóc Môn</p>"))
        #expect(womenUnion.contains("<p class=\"document__number\">Số: 194/KH-BTV</p>"))
        #expect(womenUnion.contains("<p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>"))
        #expect(womenUnion.contains("<p class=\"document__place-date\">Hóc Môn, ngày 08 tháng 11 năm 2023</p>"))
        #expect(womenUnion.contains("<span class=\"document__type\">KẾ HOẠCH</span>"))
        #expect(womenUnion.contains("<p class=\"document__signature-line\">TM. BAN THƯỜNG VỤ</p>"))
        #expect(womenUnion.contains("<p class=\"document__signer\">Đặng Trần Trúc Dao</p>"))
        #expect(womenUnion.contains("<li>Ban Tuyên giáo Huyện ủy</li>"))

        let english = Self.page(output, "/en/plans/194-kh-btv-2023/")
        #expect(english.contains("<p class=\"document__place-date\">Hóc Môn, 8 November 2023</p>"))
        #expect(english.contains("<p>SOCIALIST REPUBLIC OF VIET NAM</p>"))
        #expect(english.contains("<p class=\"document__number\">No.: 194/KH-BTV</p>"))

        let party = Self.page(output, "/vi/plans/78-kh-du-2026/")
        #expect(party.contains("<p>ĐẢNG CỘNG SẢN VIỆT NAM</p>"))
        #expect(!party.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
        #expect(party.contains("Số: 78-KH/ĐU"))

        let draft = Self.page(output, "/vi/plans/kh-ubnd-ba-dinh-2022/")
        #expect(draft.contains("Số: /KH-UBND"))
        #expect(draft.contains("Ba Đình, ngày      tháng 4 năm 2022"))
        #expect(draft.contains("<p class=\"document__draft\">Dự thảo</p>"))

        let guidance = Self.page(output, "/en/plans/hd-57-kl-tw-hoc-mon-2023/")
        #expect(guidance.contains("<span class=\"document__type\">GUIDANCE</span>"))
    }

    @Test func footnoteAndEmailSurvive() throws {
        let (output, _) = try Self.buildRealSite()
        let vi = Self.page(output, "/vi/plans/194-kh-btv-2023/")
        #expect(vi.contains("Nhà nước¹"))
        #expect(vi.contains("<p>¹ Chỉ thị số <a href=\"/vi/documents/25-ct-tw-2018/\""))
        let en = Self.page(output, "/en/plans/194-kh-btv-2023/")
        #expect(en.contains("¹"))
        #expect(en.contains("<p>¹ Directive No. <a href=\"/en/documents/25-ct-tw-2018/\""))
        let mail = Self.page(output, "/vi/plans/535-kh-ubnd-2023/")
        #expect(mail.contains("<a href=\"mailto:vhttt.hocmon@tphcm.gov.vn\">vhttt.hocmon@tphcm.gov.vn</a>"))
    }

    @Test func appendixTableHasFourteenRowsInBothLanguages() throws {
        let (output, _) = try Self.buildRealSite()
        for (language, header) in [(Language.vi, "<th scope=\"col\">Số ký hiệu</th>"), (.en, "<th scope=\"col\">Symbol</th>")] {
            let html = Self.page(output, SiteURLs.plan("535-kh-ubnd-2023", language))
            #expect(html.contains(header))
            let body = try #require(html.range(of: "<tbody>").flatMap { start in
                html.range(of: "</tbody>").map { String(html[start.upperBound..<$0.lowerBound]) }
            })
            #expect(body.components(separatedBy: "<tr>").count - 1 == 14)
            let lang = language.rawValue
            #expect(body.contains("<td>14.</td><td><a class=\"symbol\" href=\"/\(lang)/documents/228-kh-hu-2023/\">228-KH/HU</a>"))
            #expect(body.contains("<a class=\"symbol\" href=\"/\(lang)/documents/09-2017-nd-cp/\">09/2017/NĐ-CP</a>"))
            // Titles come from the registry in the page's language…
            #expect(body.contains(language == .vi ? "<td>Thông tư của Bộ Thông tin và Truyền thông quy định về việc đăng"
                                                  : "<td>Circular of the Ministry of Information and Communications regulating"))
            // …unless the plan prints the cell otherwise: then the page shows it as printed, the Ghi chú the correction.
            #expect(body.contains(language == .vi
                ? "<td>Nghị định của Thủ tướng Chính phủ về quản lý hoạt động thông tin đối ngoại</td><td>Ghi chú biên tập: Nghị định do Chính phủ ban hành, không phải Thủ tướng Chính phủ.</td>"
                : "<td>Decree of the Prime Minister on the management of external information activities</td><td>Editorial note: Decrees are issued by the Government, not by the Prime Minister.</td>"))
            // The registry keeps the correct issuer.
            let decree = Self.page(output, "/\(lang)/documents/72-2015-nd-cp/")
            #expect(decree.contains(language == .vi ? "Nghị định của Chính phủ về quản lý hoạt động thông tin đối ngoại"
                                                    : "Decree of the Government on the management of external information activities"))
        }
    }

    @Test func headerValuesNotPrintedCarryTheirNotes() throws {
        let (output, _) = try Self.buildRealSite()
        let guidance = Self.page(output, "/vi/plans/hd-57-kl-tw-hoc-mon-2023/")
        let notes = try #require(guidance.components(separatedBy: "<aside class=\"document__notes\">").last)
        #expect(notes.contains("<li>Bản quét không có phần đầu văn bản, và văn bản không nêu tên huyện."))
        #expect(notes.contains("<a href=\"/vi/plans/194-kh-btv-2023/\""))
        #expect(notes.contains("<li>Bản quét không có dòng địa danh, ngày tháng; địa danh “Hóc Môn”"))
        let english = Self.page(output, "/en/plans/78-kh-du-2026/")
        #expect(english.contains("<li>The scan has no place-and-date line; the place, Quy Nhơn, is taken from the ward of the issuing body.</li>"))
    }

    @Test func englishPagesAreTranslatedNotCopied() throws {
        let (output, _) = try Self.buildRealSite()
        for slug in Self.slugs {
            let vi = Self.page(output, SiteURLs.plan(slug, .vi))
            let en = Self.page(output, SiteURLs.plan(slug, .en))
            // Common Vietnamese function words must not appear in the English body.
            let body = en.components(separatedBy: "<div class=\"document__body\">").last ?? ""
            for word in [" của ", " và ", " các ", " thông tin đối ngoại"] {
                #expect(!body.contains(word), "\(slug).en contains \"\(word)\"")
            }
            #expect(vi != en)
        }
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let (first, _) = try Self.build(into: "determinism-1")
        let (second, _) = try Self.build(into: "determinism-2")
        let a = TestSupport.snapshot(first), b = TestSupport.snapshot(second)
        #expect(a.count > 100)
        #expect(a == b)
    }
}
