import Foundation
import Testing
@testable import PlanSite

/// A build killed at any moment leaves public/ whole (old or new site), and the next build cleans up.
@Suite("atomic and deterministic builds")
struct HardeningTests {
    static func digest(_ folder: URL) -> [String: [UInt8]] {
        TestSupport.snapshot(folder).mapValues { SHA256.hash([UInt8]($0)) }
    }

    @Test func aKilledBuildLeavesTheOldOrTheNewSiteNeverAMix() throws {
        let site = try CLITests.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let public_ = site.appendingPathComponent("public")
        let plan = site.appendingPathComponent("content/plans/194-kh-btv-2023.vi.md")
        let versionA = TestSupport.read(plan)
        let versionB = versionA.replacingOccurrences(of: "Duy trì tổ chức các hoạt động đối ngoại nhân dân.",
                                                     with: "Duy trì, mở rộng các hoạt động đối ngoại nhân dân.")
        // The two complete sites.
        try versionB.write(to: plan, atomically: true, encoding: .utf8)
        var started = Date()
        #expect(try TestSupport.run(TestSupport.plansite.path, ["build"], cwd: site).status == 0)
        var duration = Date().timeIntervalSince(started)
        let siteB = Self.digest(public_)
        try versionA.write(to: plan, atomically: true, encoding: .utf8)
        started = Date()
        #expect(try TestSupport.run(TestSupport.plansite.path, ["build"], cwd: site).status == 0)
        // The slower of the two builds: the tests run in parallel, so a build's time varies.
        duration = max(duration, Date().timeIntervalSince(started))
        let siteA = Self.digest(public_)
        #expect(siteA != siteB)

        // Kill builds of the other version at points spread over a whole build, then check public/.
        var current = siteA, outcomes = (old: 0, new: 0)
        let points = 24
        for point in 0..<points {
            let next = current == siteA ? siteB : siteA
            try (next == siteA ? versionA : versionB).write(to: plan, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = TestSupport.plansite
            process.arguments = ["build", "--quiet"]
            process.currentDirectoryURL = site
            process.environment = TestSupport.hermeticEnvironment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // From at once to twice a build's time: the later kills land after the swap.
            usleep(useconds_t(duration * 2 * Double(point) / Double(points) * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let now = Self.digest(public_)
            #expect(now == current || now == next, "kill point \(point): public/ is a mix of two sites")
            if now == next { outcomes.new += 1; current = next } else { outcomes.old += 1 }
        }
        // Both outcomes were seen, so the kills did land before and after the swap.
        #expect(outcomes.old > 0 && outcomes.new > 0, "kill points: \(outcomes)")
        // The next build succeeds and removes what the killed ones left beside public/.
        #expect(try TestSupport.run(TestSupport.plansite.path, ["build"], cwd: site).status == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.path).filter { $0.hasPrefix(".public.") }
        #expect(leftovers.isEmpty, "left beside public/: \(leftovers)")
    }

    @Test func buildsAreIdenticalWhateverTheTimeZoneLocaleCoresAndFileOrder() throws {
        let site = try CLITests.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        #expect(try TestSupport.run(TestSupport.plansite.path, ["build"], cwd: site).status == 0)
        let reference = TestSupport.snapshot(site.appendingPathComponent("public"))

        // Another time zone and locale, one core only.
        var environment = TestSupport.hermeticEnvironment
        environment["TZ"] = "Pacific/Kiritimati"
        environment["LANG"] = "vi_VN.UTF-8"
        environment["LC_ALL"] = "tr_TR.UTF-8"
        let oneCore = try TestSupport.run("/usr/bin/taskset", ["-c", "0", TestSupport.plansite.path, "build", "--output", "other/public"],
                                          cwd: site, environment: environment)
        #expect(oneCore.status == 0, "\(oneCore.stderr)")
        #expect(TestSupport.snapshot(site.appendingPathComponent("other/public")) == reference)

        // The same files created in the reverse order (directory order differs on most file systems).
        let reversed = site.appendingPathComponent("reversed")
        for folder in ["content/plans", "content/legal", "templates"] {
            try FileManager.default.createDirectory(at: reversed.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let files = (FileManager.default.subpaths(atPath: site.appendingPathComponent("content").path) ?? []).map { "content/" + $0 }
            + (FileManager.default.subpaths(atPath: site.appendingPathComponent("templates").path) ?? []).map { "templates/" + $0 }
        for file in files.sorted().reversed() {
            var isDirectory: ObjCBool = false
            let source = site.appendingPathComponent(file)
            _ = FileManager.default.fileExists(atPath: source.path, isDirectory: &isDirectory)
            let target = reversed.appendingPathComponent(file)
            if isDirectory.boolValue {
                try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            } else {
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try FileManager.default.copyItem(at: source, to: target)
            }
        }
        #expect(try TestSupport.run(TestSupport.plansite.path, ["build"], cwd: reversed).status == 0)
        #expect(TestSupport.snapshot(reversed.appendingPathComponent("public")) == reference)
    }
}

@Suite("determinism on a generated corpus")
struct GeneratedCorpusTests {
    @Test func aGeneratedCorpusBuildsToTheSameBytesUnderDifferentConditions() throws {
        let folder = try TestSupport.temporaryDirectory("corpus")
        defer { try? FileManager.default.removeItem(at: folder) }
        let generated = try TestSupport.run("/usr/bin/python3", [TestSupport.root.appendingPathComponent("Benchmarks/make_corpus.py").path,
                                                                 "--plans", "40", "--seed", "7", "--out", folder.appendingPathComponent("content").path])
        #expect(generated.status == 0, "\(generated.stderr)")
        try FileManager.default.copyItem(at: TestSupport.templates, to: folder.appendingPathComponent("templates"))
        let first = try TestSupport.run(TestSupport.plansite.path, ["build", "--strict", "--output", "a/public"], cwd: folder)
        #expect(first.status == 0, "\(first.stderr)")
        var environment = TestSupport.hermeticEnvironment
        environment["TZ"] = "America/Los_Angeles"
        environment["LANG"] = "C"
        let second = try TestSupport.run("/usr/bin/taskset", ["-c", "0", TestSupport.plansite.path, "build", "--output", "b/public"],
                                         cwd: folder, environment: environment)
        #expect(second.status == 0)
        let a = TestSupport.snapshot(folder.appendingPathComponent("a/public"))
        #expect(a.count > 300)
        #expect(a == TestSupport.snapshot(folder.appendingPathComponent("b/public")))
    }
}

@Suite("nothing outside the site's folders")
struct PathSafetyTests {
    @Test func linksOutOfContentAndEscapingPathsAreDiagnostics() throws {
        let site = try CLITests.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        #expect(try TestSupport.run(TestSupport.plansite.path, ["build"], cwd: site).status == 0)
        let before = TestSupport.snapshot(site.appendingPathComponent("public"))
        let secret = site.appendingPathComponent("secret.vi.md")
        try TestSupport.read(site.appendingPathComponent("content/plans/78-kh-du-2026.vi.md")).write(to: secret, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: site.appendingPathComponent("content/plans/99-kh-link-2024.vi.md"), withDestinationURL: secret)
        let images = site.appendingPathComponent("content/images")
        try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: images.appendingPathComponent("passwd.png"), withDestinationURL: URL(fileURLWithPath: "/etc/passwd"))
        let result = try TestSupport.run(TestSupport.plansite.path, ["build"], cwd: site)
        #expect(result.status == 1)
        #expect(result.stderr.contains("content/plans/99-kh-link-2024.vi.md: error: the file is a link to \(secret.resolvingSymlinksInPath().path), outside "))
        #expect(result.stderr.contains("content/images/passwd.png: error: the file is a link to /etc/passwd, outside "))
        #expect(TestSupport.snapshot(site.appendingPathComponent("public")) == before)

        // A front matter path that climbs out, and a slug that is not a slug.
        try FileManager.default.removeItem(at: site.appendingPathComponent("content/plans/99-kh-link-2024.vi.md"))
        try FileManager.default.removeItem(at: images.appendingPathComponent("passwd.png"))
        let plan = site.appendingPathComponent("content/plans/78-kh-du-2026.vi.md")
        try TestSupport.read(plan).replacingOccurrences(of: "\ntopics:", with: "\nimage: images/../../../etc/passwd\ntopics:")
            .write(to: plan, atomically: true, encoding: .utf8)
        try "---\n---\n".write(to: site.appendingPathComponent("content/plans/..%2F..%2Fx.vi.md"), atomically: true, encoding: .utf8)
        let escaping = try TestSupport.run(TestSupport.plansite.path, ["build"], cwd: site)
        #expect(escaping.status == 1)
        #expect(escaping.stderr.contains("error: `image` must be a path under images/"))
        #expect(escaping.stderr.contains("content/plans/..%2F..%2Fx.vi.md: error: `..%2F..%2Fx` is not a valid slug"))
        #expect(TestSupport.snapshot(site.appendingPathComponent("public")) == before)
    }

    @Test func theWriterRefusesPathsThatLeaveTheOutputFolder() {
        for path in ["../x.html", "/etc/passwd", "a/../../x", "./x", "a//x", ""] {
            #expect(throws: SiteWriter.WriteError.self) { try SiteWriter.checked(path) }
        }
        #expect((try? SiteWriter.checked("vi/plans/x/index.html")) == "vi/plans/x/index.html")
    }
}
