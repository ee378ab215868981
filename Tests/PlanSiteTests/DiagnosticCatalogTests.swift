import Foundation
import Testing
@testable import PlanSite

/// One case per diagnostic that the other suites do not already assert: each input gives exactly that
/// message (the IDs are those of docs/diagnostics-coverage.md).
@Suite("every diagnostic")
struct DiagnosticCatalogTests {
    static let valid = LoaderTests.valid

    static func messages(_ text: String, file: String = "content/plans/x.vi.md") -> [String] {
        var log = DiagnosticLog()
        _ = PlanLoader(contentDirectory: TestSupport.content.path, knownTypes: ["ke-hoach", "huong-dan"])
            .load(path: file, bytes: Array(text.utf8), log: &log)
        return log.diagnostics.map(\.message)
    }

    /// The valid plan with one change; a change that does not apply gives an empty file, which fails the case.
    static func replacing(_ old: String, _ new: String) -> String {
        valid.contains(old) ? valid.replacingOccurrences(of: old, with: new) : ""
    }

    @Test(arguments: [
        ("F8", replacing("type: ke-hoach", "type: ke-hoach-moi"), "unknown document type `ke-hoach-moi`"),
        ("F9", replacing("system: mass-org", "system: mass-org\nstatus: published"), "unknown status `published`"),
        ("F10", replacing("system: mass-org", "system: church"), "unknown system `church`"),
        ("F11", replacing("date: 2023-11-08", "date: 08/11/2023"), "`08/11/2023` is not a date"),
        ("F14", replacing("place: Hóc Môn", "place: Hóc Môn\ntopics: [Thông tin]"), "topic `Thông tin` is not a slug"),
        ("F17", replacing("place: Hóc Môn", "place: Hóc Môn\nappendix:\n  - title: PHỤ LỤC\n    documents: 57-KL/TW"),
         "`documents` must be a list, not a single value"),
        ("F18", replacing("place: Hóc Môn", "place: Hóc Môn\nappendix:\n  - title: PHỤ LỤC\n    documents: [[a, b]]"),
         "an appendix entry must be a symbol or a `{symbol, notes}` mapping"),
        ("Y1", "---\n- a\n- b\n---\nx\n", "the front matter must be a mapping of `key: value` lines"),
        ("Y3", replacing("title: Triển khai thực hiện Kết luận số 57-KL/TW", "title: [a, b]"), "`title` must be text, not a list"),
        ("Y5", replacing("place: Hóc Môn", "place: Hóc Môn\nrecipients: [[a]]"), "each entry of `recipients` must be text"),
        ("Y7", replacing("signature:\n  lines: [TM. BAN THƯỜNG VỤ, CHỦ TỊCH]\n  name: Đặng Trần Trúc Dao", "signature: Đặng Trần Trúc Dao"),
         "`signature` must be a mapping of fields, not a single value"),
        ("Y8", "---\n---\nNội dung.\n", "the front matter is empty"),
        ("F23", replacing("signature:\n  lines: [TM. BAN THƯỜNG VỤ, CHỦ TỊCH]\n  name: Đặng Trần Trúc Dao", "signature:\n  lines: [TM. BAN THƯỜNG VỤ, CHỦ TỊCH]"),
         "the signature has no signer's name"),
    ])
    func planFileDiagnostics(_ id: String, _ text: String, _ message: String) {
        #expect(Self.messages(text).contains(message), "\(id): \(Self.messages(text))")
    }

    @Test func aFileNameWithoutLanguageIsRefused() {
        #expect(Self.messages(Self.valid, file: "content/plans/x.md") == ["file name must be `<slug>.vi.md` or `<slug>.en.md`"])
    }

    /// Runs `plansite <arguments>` in a scratch copy after `change`, returning standard error.
    static func stderr(_ arguments: [String] = ["build"], change: (URL) throws -> Void) throws -> String {
        let site = try CLITests.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        try change(site)
        return try TestSupport.run(TestSupport.plansite.path, arguments, cwd: site).stderr
    }

    static func append(_ text: String, to relative: String, in site: URL) throws {
        let file = site.appendingPathComponent(relative)
        try (TestSupport.read(file) + text).write(to: file, atomically: true, encoding: .utf8)
    }

    struct MissingText: Error { var text: String }

    static func replace(_ old: String, _ new: String, in relative: String, site: URL) throws {
        let file = site.appendingPathComponent(relative)
        let text = TestSupport.read(file)
        guard text.contains(old) else { throw MissingText(text: "\(relative) lacks \(old)") }
        try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: true, encoding: .utf8)
    }

    static let registry = "content/legal/documents.yml"

    @Test func registryDiagnostics() throws {
        let entry = { (fields: String) in "\n- symbol: \"5/QĐ-TEST\"\n  type: quyet-dinh\n  date: \"2020-01-02\"\n  issuer: {vi: \"A\", en: \"A\"}\n  title: {vi: \"về A\", en: \"on A\"}\n" + fields }
        let cases: [(String, String, String)] = [
            ("R4", entry("  status_note: x\n"), "error: unknown field `status_note`"),
            ("R5", entry("").replacingOccurrences(of: "5/QĐ-TEST", with: "Quyết định năm"), "error: `Quyết định năm` is not a document symbol the citation scanner recognises"),
            ("R6", entry("").replacingOccurrences(of: "quyet-dinh", with: "sac-lenh"), "error: unknown document type `sac-lenh`"),
            ("R7", entry("").replacingOccurrences(of: "2020-01-02", with: "2020-02-31"), "error: `2020-02-31` is not a real date"),
            ("R8", entry("  source: ftp://example.org/x\n"), "error: `source` must be an http(s) URL"),
            ("R9", entry("") + entry(""), "error: duplicate symbol `5/QĐ-TEST` dated 2020-01-02: also at line"),
            ("R10", entry("  basis: [\"404-KL/TW\"]\n"), "warning: basis `404-KL/TW` of `5/QĐ-TEST` is not a known document"),
            ("R12", entry("") + entry("").replacingOccurrences(of: "2020-01-02", with: "2020-05-06"),
             "error: `5/QĐ-TEST` would have the same page and identifier `5-qd-test-2020` as `5/QĐ-TEST` at line"),
        ]
        for (id, text, message) in cases {
            let output = try Self.stderr { try Self.append(text, to: Self.registry, in: $0) }
            #expect(output.contains(message), "\(id): \(output)")
        }
        let notAList = try Self.stderr { try "symbol: 57-KL/TW\n".write(to: $0.appendingPathComponent(Self.registry), atomically: true, encoding: .utf8) }
        #expect(notAList.contains("content/legal/documents.yml:1: error: the registry must be a list of documents (lines starting with `- symbol:`)"), "R3")
        let none = try Self.stderr { try FileManager.default.removeItem(at: $0.appendingPathComponent(Self.registry)) }
        #expect(none.contains("content/legal/documents.yml: warning: there is no legal-document registry; citations will not be linked"), "R1")
    }

    @Test func resolveAndTranslationDiagnostics() throws {
        let basis = try Self.stderr { try Self.replace("  - \"94/KH-UBND\"", "  - \"95/KH-UBND\"", in: "content/plans/kh-ubnd-ba-dinh-2022.vi.md", site: $0) }
        #expect(basis.contains("warning: basis document `95/KH-UBND` is not in the legal-document registry"), "X3")
        #expect(basis.contains("kh-ubnd-ba-dinh-2022.en.md:"), "T2 also")
        #expect(basis.contains("warning: `basis` is `94/KH-UBND` here but `95/KH-UBND` in content/plans/kh-ubnd-ba-dinh-2022.vi.md"), "T2")
        let ambiguous = try Self.stderr {
            try Self.append("\n- symbol: \"94/KH-UBND\"\n  type: ke-hoach\n  date: \"2010-01-01\"\n  issuer: {vi: \"A\", en: \"A\"}\n  title: {vi: \"về A\", en: \"on A\"}\n",
                            to: Self.registry, in: $0)
            try Self.replace("date: \"2022-04\"", "date: \"2025\"", in: "content/plans/kh-ubnd-ba-dinh-2022.vi.md", site: $0)
            try Self.replace("date: \"2022-04\"", "date: \"2025\"", in: "content/plans/kh-ubnd-ba-dinh-2022.en.md", site: $0)
        }
        // Dated 2025, both entries (2010, 2022) are earlier: the latest decides for the text; the basis has no date, so
        // the citing plan's date decides too — no warning. Remove the plan's date and it stays ambiguous.
        #expect(!ambiguous.contains("matches 2 documents"), "\(ambiguous)")
        let undated = try Self.stderr {
            try Self.append("\n- symbol: \"94/KH-UBND\"\n  type: ke-hoach\n  date: \"2010-01-01\"\n  issuer: {vi: \"A\", en: \"A\"}\n  title: {vi: \"về A\", en: \"on A\"}\n",
                            to: Self.registry, in: $0)
            for language in ["vi", "en"] {
                try Self.replace("date: \"2022-04\"\n", "", in: "content/plans/kh-ubnd-ba-dinh-2022.\(language).md", site: $0)
            }
        }
        #expect(undated.contains("warning: basis document `94/KH-UBND` matches 2 documents"), "X4: \(undated)")
    }

    @Test func siteConfigTemplateAndCommandDiagnostics() throws {
        let pageSize = try Self.stderr { try Self.append("listing_page_size: none\n", to: "content/site.yml", in: $0) }
        #expect(pageSize.contains("error: `listing_page_size` must be a whole number above 0"), "S5")
        let partPlans = try Self.stderr { try Self.append("data_part_plans: 0\n", to: "content/site.yml", in: $0) }
        #expect(partPlans.contains("content/site.yml:6:18: error: `data_part_plans` must be a whole number above 0"), "S7: \(partPlans)")
        let baseURL = try Self.stderr { try Self.replace("base_url: https://thongtindoingoai.example.vn", "base_url: thongtindoingoai.example.vn", in: "content/site.yml", site: $0) }
        #expect(baseURL.contains("content/site.yml:3:11: error: `base_url` must be an absolute http(s) URL"), "S6: \(baseURL)")
        let rawHTML = try Self.stderr { try Self.replace("allow_raw_html: false", "allow_raw_html: maybe", in: "content/site.yml", site: $0) }
        #expect(rawHTML.contains("error: `allow_raw_html` must be true or false"), "Y6: \(rawHTML)")
        let twice = try Self.stderr { try Self.append("allow_raw_html: true\n", to: "content/site.yml", in: $0) }
        #expect(twice.contains("content/site.yml:5:1: error: duplicate field `allow_raw_html`"), "Y11: \(twice)")
        let noConfig = try Self.stderr { try FileManager.default.removeItem(at: $0.appendingPathComponent("content/site.yml")) }
        #expect(noConfig.contains("content/site.yml: error: the site config is missing"), "S3")
        let noContent = try Self.stderr(["build", "--content", "nowhere"]) { _ in }
        #expect(noContent.contains("nowhere: error: the content folder does not exist"), "S1")
        let noPlans = try Self.stderr { site in
            for name in try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent("content/plans").path) {
                try FileManager.default.removeItem(at: site.appendingPathComponent("content/plans/\(name)"))
            }
        }
        #expect(noPlans.contains("content/plans: warning: no plans found"), "S2")
        let noTemplate = try Self.stderr { try FileManager.default.removeItem(at: $0.appendingPathComponent("templates/pages/search.mustache")) }
        #expect(noTemplate.contains("templates/pages/search.mustache: error: required template is missing"), "M4")
        let noCatalog = try Self.stderr { try FileManager.default.removeItem(at: $0.appendingPathComponent("templates/i18n/en.yml")) }
        #expect(noCatalog.contains("templates/i18n/en.yml: error: the en UI catalog is missing"), "M6")
        let unknownSlug = try Self.stderr(["translations", "--mark", "khong-co"]) { _ in }
        #expect(unknownSlug.contains("error: no plan with slug `khong-co`"), "C1")
        let badSlug = try Self.stderr(["new", "plan", "Kế hoạch"]) { _ in }
        #expect(badSlug.contains("`Kế hoạch` is not a slug; use lowercase ASCII letters, digits and hyphens, e.g. `ke-hoach`"), "C6")
    }
}
