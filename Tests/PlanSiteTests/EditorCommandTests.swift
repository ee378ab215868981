import Foundation
import Testing
@testable import PlanSite

/// Collects a child process's output as it arrives.
final class OutputBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func append(_ chunk: Data) { lock.withLock { data.append(chunk) } }
    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
}

/// Polls `condition` every 100 ms for at most `seconds`; no fixed sleeps.
func eventually(within seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return true }
        usleep(100_000)
    }
    return try condition()
}

@Suite("editor commands")
struct EditorCommandTests {
    static func fetch(_ url: String) throws -> String {
        String(decoding: try TestSupport.run("/usr/bin/curl", ["-s", "--max-time", "5", url]).stdout, as: UTF8.self)
    }

    /// The build version `__plansite/status` reports, or -1 when it cannot be read.
    static func statusVersion(_ address: String) throws -> Int {
        let body = Data(try fetch(address + "__plansite/status").utf8)
        let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any]
        return object?["version"] as? Int ?? -1
    }

    @Test func serveRebuildsOnChangeAndKeepsTheLastGoodSiteOnError() throws {
        let site = try CLITests.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let process = Process()
        process.executableURL = TestSupport.plansite
        process.arguments = ["serve", "--port", "0", "--output", ".preview/public"]
        process.currentDirectoryURL = site
        process.environment = TestSupport.hermeticEnvironment
        let out = OutputBuffer(), err = OutputBuffer()
        let outPipe = Pipe(), errPipe = Pipe()
        outPipe.fileHandleForReading.readabilityHandler = { out.append($0.availableData) }
        errPipe.fileHandleForReading.readabilityHandler = { err.append($0.availableData) }
        process.standardOutput = outPipe
        process.standardError = errPipe
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        #expect(eventually(within: 30) { out.text.contains("serving http://127.0.0.1:") }, "stdout: \(out.text)")
        let address = try #require(out.text.components(separatedBy: "serving ").last?.components(separatedBy: " ").first)
        let page = address + "vi/plans/kh-ubnd-ba-dinh-2022/"
        #expect(try Self.fetch(page).contains("Tổ chức hoạt động thông tin đối ngoại năm 2022"))
        #expect(try Self.fetch(page).contains("<script src=\"/__plansite/live.js\" defer></script>"))

        // An edit is rebuilt and served.
        let file = site.appendingPathComponent("content/plans/kh-ubnd-ba-dinh-2022.vi.md")
        let original = TestSupport.read(file)
        try original.replacingOccurrences(of: "Tổ chức hoạt động thông tin đối ngoại năm 2022", with: "Kế hoạch đã sửa khi xem trước")
            .write(to: file, atomically: true, encoding: .utf8)
        #expect(try eventually(within: 20) { try Self.fetch(page).contains("Kế hoạch đã sửa khi xem trước") })
        // The page is written before the state the pages poll moves on, so the new version is waited for too.
        #expect(try eventually(within: 5) { try Self.statusVersion(address) >= 2 })

        // A broken edit: the error is printed and reported to the page; the last good page stays.
        try original.replacingOccurrences(of: "date: \"2022-04\"", with: "date: \"2022-13\"")
            .write(to: file, atomically: true, encoding: .utf8)
        #expect(try eventually(within: 20) { try Self.fetch(address + "__plansite/status").contains("there is no month 13") })
        #expect(err.text.contains("content/plans/kh-ubnd-ba-dinh-2022.vi.md:10:7: error: `2022-13` is not a real date: there is no month 13"))
        #expect(out.text.contains("build failed: 1 error; still serving the last good site"))
        #expect(try Self.fetch(page).contains("Kế hoạch đã sửa khi xem trước"))
        #expect(try Self.fetch(address + "__plansite/live.js").contains("plansite-errors"))
    }

    @Test func checkWritesNothingAndAnnotatesInCI() throws {
        let site = try CLITests.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let clean = try TestSupport.run(TestSupport.plansite.path, ["check"], cwd: site)
        #expect(clean.status == 0)
        #expect(String(decoding: clean.stdout, as: UTF8.self).hasPrefix("check passed: 0 errors, 0 warnings in "))
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("public").path))

        let file = site.appendingPathComponent("content/plans/78-kh-du-2026.vi.md")
        try (TestSupport.read(file) + "\nXem [trang cũ](/vi/plans/khong-co/) và ![ảnh](/images/khong-co.png).\n")
            .write(to: file, atomically: true, encoding: .utf8)
        var environment = TestSupport.hermeticEnvironment
        environment["GITHUB_ACTIONS"] = "true"
        let result = try TestSupport.run(TestSupport.plansite.path, ["check"], cwd: site, environment: environment)
        #expect(result.status == 1)
        let lines = TestSupport.read(file).components(separatedBy: "\n")
        let line = try #require(lines.lastIndex { $0.hasPrefix("Xem [trang cũ]") }) + 1
        #expect(result.stderr.contains("content/plans/78-kh-du-2026.vi.md:\(line):16: error: link to `/vi/plans/khong-co/`: there is no such page on this site"))
        #expect(result.stderr.contains("content/plans/78-kh-du-2026.vi.md:\(line):47: error: image `/images/khong-co.png` does not exist"))
        #expect(result.stderr.contains("::error file=content/plans/78-kh-du-2026.vi.md,line=\(line),col=16::link to `/vi/plans/khong-co/`: there is no such page on this site%0A"))
        // The Vietnamese text changed, so the English translation is now stale: a warning.
        #expect(result.stderr.contains("::warning file=content/plans/78-kh-du-2026.en.md,line="))
        #expect(String(decoding: result.stdout, as: UTF8.self).hasPrefix("check failed: 2 errors, 1 warning"))
    }

    @Test func translationsShowStalenessAndMarkRecordsTheFingerprint() throws {
        let site = try CLITests.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let upToDate = try TestSupport.run(TestSupport.plansite.path, ["translations"], cwd: site)
        #expect(String(decoding: upToDate.stdout, as: UTF8.self).hasSuffix("translations: 5 plans: 5 up to date, 0 stale, 0 not recorded, 0 missing\n"))

        let file = site.appendingPathComponent("content/plans/194-kh-btv-2023.vi.md")
        try TestSupport.read(file).replacingOccurrences(of: "Duy trì tổ chức các hoạt động đối ngoại nhân dân.",
                                                         with: "Duy trì, mở rộng các hoạt động đối ngoại nhân dân.")
            .write(to: file, atomically: true, encoding: .utf8)
        // A field that is not translated (topics) does not make the translation stale.
        let other = site.appendingPathComponent("content/plans/535-kh-ubnd-2023.vi.md")
        try TestSupport.read(other).replacingOccurrences(of: ", bao-chi-phat-ngon]", with: "]")
            .write(to: other, atomically: true, encoding: .utf8)
        let stale = String(decoding: try TestSupport.run(TestSupport.plansite.path, ["translations"], cwd: site).stdout, as: UTF8.self)
        #expect(stale.contains("194-kh-btv-2023           stale\n"))
        #expect(stale.contains("535-kh-ubnd-2023          up to date\n"))

        #expect(try TestSupport.run(TestSupport.plansite.path, ["build"], cwd: site).status == 0)
        let english = TestSupport.read(site.appendingPathComponent("public/en/plans/194-kh-btv-2023/index.html"))
        #expect(english.contains("<p class=\"notice notice--quiet\" role=\"note\">This translation was made from an earlier version"))
        #expect(!TestSupport.read(site.appendingPathComponent("public/en/plans/535-kh-ubnd-2023/index.html")).contains("notice--quiet"))

        let marked = try TestSupport.run(TestSupport.plansite.path, ["translations", "--mark", "194-kh-btv-2023"], cwd: site)
        #expect(String(decoding: marked.stdout, as: UTF8.self).hasSuffix("5 up to date, 0 stale, 0 not recorded, 0 missing; marked 1\n"))
        #expect(TestSupport.read(site.appendingPathComponent("content/plans/194-kh-btv-2023.en.md")).contains("\ntranslated_from: \""))
    }

    @Test func newPlanScaffoldsEveryFieldAndRefusesToOverwrite() throws {
        let site = try CLITests.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let created = try TestSupport.run(TestSupport.plansite.path, ["new", "plan", "20-kh-ubnd-2025", "--english"], cwd: site)
        #expect(created.status == 0)
        let text = TestSupport.read(site.appendingPathComponent("content/plans/20-kh-ubnd-2025.vi.md"))
        for field in ["type", "number", "status", "system", "parent_issuer", "issuer", "place", "date", "title", "basis",
                      "signature", "recipients", "topics", "summary"] {
            #expect(text.contains("\n\(field):"), "the scaffold lacks \(field)")
        }
        // Unfilled, the check names what is still missing.
        let check = try TestSupport.run(TestSupport.plansite.path, ["check"], cwd: site)
        #expect(check.status == 1)
        #expect(check.stderr.contains("content/plans/20-kh-ubnd-2025.vi.md:3:1: error: missing required field `issuer`"))
        let again = try TestSupport.run(TestSupport.plansite.path, ["new", "plan", "20-kh-ubnd-2025"], cwd: site)
        #expect(again.status == 1)
        #expect(again.stderr.hasPrefix("content/plans/20-kh-ubnd-2025.vi.md: error: the file already exists"))
        let badSlug = try TestSupport.run(TestSupport.plansite.path, ["new", "plan", "Kế hoạch 20"], cwd: site)
        #expect(badSlug.status == 64)
    }

    @Test func verboseShowsStagesAndQuietHidesWarnings() throws {
        let site = try CLITests.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        try FileManager.default.removeItem(at: site.appendingPathComponent("content/plans/78-kh-du-2026.en.md"))
        let verbose = try TestSupport.run(TestSupport.plansite.path, ["build", "--verbose"], cwd: site)
        #expect(verbose.stderr.contains("resolving citations 0/5 ("))
        #expect(verbose.stderr.contains("rendering pages "))
        #expect(verbose.stderr.contains("warning: no English version"))
        let quiet = try TestSupport.run(TestSupport.plansite.path, ["build", "--quiet"], cwd: site)
        #expect(quiet.stderr.isEmpty)
        #expect(String(decoding: quiet.stdout, as: UTF8.self).contains("with 1 warning in"), "the summary line stays")
    }

    @Test func helpDocumentsExitCodes() throws {
        let help = try TestSupport.run(TestSupport.plansite.path, ["--help"])
        let text = String(decoding: help.stdout, as: UTF8.self)
        #expect(text.contains("0   success"))
        #expect(text.contains("1   the content, registry or templates have errors"))
        #expect(text.contains("64  wrong command-line usage"))
    }
}
