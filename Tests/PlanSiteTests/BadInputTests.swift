import Foundation
import Testing
@testable import PlanSite

/// Every kind of bad input, end to end through the `plansite` binary: the exact diagnostic (file, line,
/// column, message), a non-zero exit, and the previous public/ byte for byte as it was.
@Suite("bad input")
struct BadInputTests {
    static let fixtures = TestSupport.fixtures.appendingPathComponent("bad-input")
    static let plan = "content/plans/15-kh-thu-2024.vi.md"

    /// A scratch copy of the real site, built once, with its public/ snapshot.
    static func builtSite() throws -> (URL, [String: Data]) {
        let site = try CLITests.scratchSite()
        let result = try TestSupport.run(TestSupport.plansite.path, ["build"], cwd: site)
        #expect(result.status == 0)
        return (site, TestSupport.snapshot(site.appendingPathComponent("public")))
    }

    static func install(_ fixture: String, as relative: String = plan, in site: URL) throws {
        let target = site.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent(fixture), to: target)
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var fixture: String
        var arguments: [String] = ["build"]
        var diagnostic: String
        var testDescription: String { fixture }
    }

    static let cases: [Case] = [
        Case(fixture: "malformed-yaml.vi.md",
             diagnostic: "\(plan):8:8: error: malformed YAML: did not find expected key (while parsing a block mapping at line 2)"),
        Case(fixture: "missing-field.vi.md", diagnostic: "\(plan):2:1: error: missing required field `title`"),
        Case(fixture: "wrong-type.vi.md", diagnostic: "\(plan):13:13: error: `recipients` must be a list, not a single value"),
        Case(fixture: "impossible-date.vi.md",
             diagnostic: "\(plan):8:7: error: `2023-02-30` is not a real date: that month has 28 days, not 30"),
        Case(fixture: "invalid-utf8.vi.md", diagnostic: "\(plan):12:21: error: the file is not valid UTF-8"),
        Case(fixture: "empty.vi.md", diagnostic: "\(plan):1: error: the file is empty"),
        Case(fixture: "duplicate-symbol.vi.md",
             diagnostic: "content/plans/194-kh-btv-2023.vi.md:3: error: duplicate symbol `194/KH-BTV`: \(plan) has the same number"),
        Case(fixture: "unknown-citation.vi.md", arguments: ["build", "--strict"],
             diagnostic: "\(plan):16:23: error: `99-CT/TW` is not in the legal-document registry; it is left as plain text"),
    ]

    @Test(arguments: cases)
    func aBadPlanFileIsADiagnosticAndPublicIsUnchanged(_ badCase: Case) throws {
        let (site, before) = try Self.builtSite()
        defer { try? FileManager.default.removeItem(at: site) }
        try Self.install(badCase.fixture, in: site)
        let result = try TestSupport.run(TestSupport.plansite.path, badCase.arguments, cwd: site)
        #expect(result.status == 1)
        #expect(result.stderr.components(separatedBy: "\n").contains(badCase.diagnostic), "stderr was:\n\(result.stderr)")
        #expect(result.stderr.contains("    hint: "), "every diagnostic says what to do")
        #expect(String(decoding: result.stdout, as: UTF8.self).hasPrefix("build failed: "))
        #expect(TestSupport.snapshot(site.appendingPathComponent("public")) == before)
        // `check` reports the same problem without writing anything.
        let check = try TestSupport.run(TestSupport.plansite.path, ["check"] + badCase.arguments.dropFirst(), cwd: site)
        #expect(check.status == 1)
        #expect(check.stderr.components(separatedBy: "\n").contains(badCase.diagnostic))
    }

    @Test func aDuplicateSlugInASubfolderIsAnError() throws {
        let (site, before) = try Self.builtSite()
        defer { try? FileManager.default.removeItem(at: site) }
        try Self.install("valid.vi.md", in: site)
        try Self.install("valid.vi.md", as: "content/plans/2024/15-kh-thu-2024.vi.md", in: site)
        let result = try TestSupport.run(TestSupport.plansite.path, ["build"], cwd: site)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("content/plans/2024/15-kh-thu-2024.vi.md:1: error: duplicate slug `15-kh-thu-2024`: \(Self.plan) has the same slug and language\n"))
        #expect(TestSupport.snapshot(site.appendingPathComponent("public")) == before)
    }

    @Test func aTemplateSyntaxErrorNamesTheTemplateFileAndLine() throws {
        let (site, before) = try Self.builtSite()
        defer { try? FileManager.default.removeItem(at: site) }
        try FileManager.default.removeItem(at: site.appendingPathComponent("templates/pages/plan.mustache"))
        try Self.install("broken-plan.mustache", as: "templates/pages/plan.mustache", in: site)
        let result = try TestSupport.run(TestSupport.plansite.path, ["build"], cwd: site)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("templates/pages/plan.mustache:31:18: error: template syntax error: a tag is not closed with }}\n"))
        #expect(TestSupport.snapshot(site.appendingPathComponent("public")) == before)
    }

    @Test func aMissingTemplatesFolderIsOneError() throws {
        let (site, before) = try Self.builtSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let result = try TestSupport.run(TestSupport.plansite.path, ["build", "--templates", "themes/missing"], cwd: site)
        #expect(result.status == 1)
        #expect(result.stderr == "themes/missing: error: the templates folder does not exist\n    hint: restore it from git (`git checkout -- templates`) or pass `--templates <folder>`\n")
        #expect(TestSupport.snapshot(site.appendingPathComponent("public")) == before)
    }

    @Test func anUnwritableOutputFolderIsAnError() throws {
        let (site, before) = try Self.builtSite()
        defer { try? FileManager.default.removeItem(at: site) }
        // A folder under a file cannot be created, whoever runs the test (root ignores permission bits).
        let result = try TestSupport.run(TestSupport.plansite.path, ["build", "--output", "content/site.yml/public"], cwd: site)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("content/site.yml/public: error: cannot write the site: `content/site.yml` is a file, not a folder\n"))
        #expect(TestSupport.snapshot(site.appendingPathComponent("public")) == before)
    }

    @Test(arguments: ["bom-crlf.vi.md", "nfd.vi.md"])
    func bomCRLFAndDecomposedTextSimplyWork(_ fixture: String) throws {
        let (site, _) = try Self.builtSite()
        defer { try? FileManager.default.removeItem(at: site) }
        try Self.install(fixture, in: site)
        let result = try TestSupport.run(TestSupport.plansite.path, ["build"], cwd: site)
        #expect(result.status == 0, "\(result.stderr)")
        let html = TestSupport.read(site.appendingPathComponent("public/vi/plans/15-kh-thu-2024/index.html"))
        let title = "Tổ chức hoạt động thông tin đối ngoại năm 2024"
        #expect(html.contains("<span class=\"document__subject\">\(title)</span>"))
        #expect(html.contains("<p class=\"document__signer\">Nguyễn Thị Thử</p>"))
        // Swift's == and contains compare canonically; compare bytes to see that the page really is NFC.
        #expect(Array(html.utf8) == Array(html.precomposedStringWithCanonicalMapping.utf8), "the page is NFC")
        #expect(html.utf8.count == html.precomposedStringWithCanonicalMapping.utf8.count)
        #expect(!html.contains("\r"))
        #expect(html.contains("<a href=\"/vi/documents/57-kl-tw-2023/\""), "citations resolve in normalised text")
    }
}
