import Foundation
import Testing
@testable import PlanSite

/// The `plansite` command as a user runs it.
@Suite("plansite CLI")
struct CLITests {
    /// A copy of the real content and templates in a scratch folder, built once.
    static func scratchSite() throws -> URL {
        let folder = try TestSupport.temporaryDirectory("cli")
        for name in ["content", "templates"] {
            try FileManager.default.copyItem(at: TestSupport.root.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        return folder
    }

    @Test func buildPrintsASummaryLine() throws {
        let site = try Self.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let result = try TestSupport.run(TestSupport.plansite.path, ["build"], cwd: site)
        #expect(result.status == 0, "\(result.stderr)")
        let output = String(decoding: result.stdout, as: UTF8.self)
        #expect(output.range(of: #"^built \d+ pages \(\d+ files\) into public/ with 0 warnings in \d+\.\d\d s\n$"#, options: .regularExpression) != nil, "\(output)")
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("public/vi/plans/194-kh-btv-2023/index.html").path))
    }

    @Test func aFrontMatterErrorLeavesPublicUntouched() throws {
        let site = try Self.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        #expect(try TestSupport.run(TestSupport.plansite.path, ["build"], cwd: site).status == 0)
        let before = TestSupport.snapshot(site.appendingPathComponent("public"))
        let file = site.appendingPathComponent("content/plans/194-kh-btv-2023.vi.md")
        let text = TestSupport.read(file)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let dateLine = try #require(lines.firstIndex { $0.hasPrefix("date:") }) + 1
        try text.replacingOccurrences(of: "date: \"2023-11-08\"", with: "date: \"2023-02-30\"")
            .write(to: file, atomically: true, encoding: .utf8)

        let result = try TestSupport.run(TestSupport.plansite.path, ["build"], cwd: site)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix(
            "content/plans/194-kh-btv-2023.vi.md:\(dateLine):7: error: `2023-02-30` is not a real date: that month has 28 days, not 30\n    hint: "))
        #expect(String(decoding: result.stdout, as: UTF8.self) == "build failed: 1 error; public/ was left unchanged\n")
        #expect(TestSupport.snapshot(site.appendingPathComponent("public")) == before)
    }

    @Test func aTemplateSyntaxErrorNamesTheTemplateAndLine() throws {
        let site = try Self.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let template = site.appendingPathComponent("templates/pages/home.mustache")
        try (TestSupport.read(template) + "{{#broken}}\n").write(to: template, atomically: true, encoding: .utf8)
        let result = try TestSupport.run(TestSupport.plansite.path, ["build"], cwd: site)
        #expect(result.status == 1)
        #expect(result.stderr.contains("templates/pages/home.mustache:"))
        #expect(result.stderr.contains("error: template syntax error"))
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("public").path))
    }

    @Test func renderReadsStdinAndHonoursUnsafe() throws {
        let input = Data("Xin chào <b>Hà Nội</b>\n".utf8)
        let safe = try TestSupport.run(TestSupport.plansite.path, ["render"], stdin: input)
        #expect(String(decoding: safe.stdout, as: UTF8.self) == "<p>Xin chào <!-- raw HTML omitted -->Hà Nội<!-- raw HTML omitted --></p>\n")
        let unsafe = try TestSupport.run(TestSupport.plansite.path, ["render", "--unsafe"], stdin: input)
        #expect(String(decoding: unsafe.stdout, as: UTF8.self) == "<p>Xin chào <b>Hà Nội</b></p>\n")
    }
}

@Suite("missing translations")
struct MissingTranslationTests {
    @Test func aPlanWithoutEnglishWarnsAndLinksTheEnglishHome() throws {
        let site = try CLITests.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        try FileManager.default.removeItem(at: site.appendingPathComponent("content/plans/78-kh-du-2026.en.md"))

        let result = try TestSupport.run(TestSupport.plansite.path, ["build"], cwd: site)
        #expect(result.status == 0)
        #expect(result.stderr == """
            content/plans/78-kh-du-2026.vi.md: warning: no English version; the page links to the English home instead
                hint: add content/plans/78-kh-du-2026.en.md

            """)
        #expect(String(decoding: result.stdout, as: UTF8.self).contains("with 1 warning in"))
        let page = TestSupport.read(site.appendingPathComponent("public/vi/plans/78-kh-du-2026/index.html"))
        #expect(page.contains("<a href=\"/en/\" hreflang=\"en\""))
        #expect(page.contains("Văn bản này chưa có bản dịch tiếng Anh."))
        #expect(!page.contains("hreflang=\"en\" href=\"https://thongtindoingoai.example.vn/en/plans/78-kh-du-2026/\""))
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("public/en/plans/78-kh-du-2026").path))

        let strict = try TestSupport.run(TestSupport.plansite.path, ["build", "--strict"], cwd: site)
        #expect(strict.status == 1)
        #expect(strict.stderr.hasPrefix("content/plans/78-kh-du-2026.vi.md: error: no English version"))
    }
}
