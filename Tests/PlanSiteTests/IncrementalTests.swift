import Foundation
import Testing
@testable import PlanSite

/// An incremental rebuild must give exactly the bytes of a clean build of the same input.
@Suite("incremental builds")
struct IncrementalTests {
    static func cleanBuild(_ site: URL) throws -> [String: Data] {
        let output = site.appendingPathComponent("clean/public")
        try? FileManager.default.removeItem(at: output.deletingLastPathComponent())
        _ = try SiteBuilder(options: BuildOptions(contentDirectory: site.appendingPathComponent("content").path,
                                                  templatesDirectory: site.appendingPathComponent("templates").path,
                                                  outputDirectory: output.path)).build()
        return TestSupport.snapshot(output)
    }

    /// An incremental builder of the scratch site, writing into `incremental/public`.
    static func incrementalBuilder(_ site: URL) -> (IncrementalBuilder, URL) {
        let output = site.appendingPathComponent("incremental/public")
        let builder = IncrementalBuilder(options: BuildOptions(contentDirectory: site.appendingPathComponent("content").path,
                                                               templatesDirectory: site.appendingPathComponent("templates").path,
                                                               outputDirectory: output.path))
        return (builder, output)
    }

    static func edit(_ file: URL, _ transform: (String) -> String) throws {
        let before = TestSupport.read(file)
        let after = transform(before)
        #expect(after != before, "the edit must change the file")
        try after.write(to: file, atomically: true, encoding: .utf8)
    }

    @Test func rebuildsAreByteIdenticalToCleanBuilds() throws {
        let site = try CLITests.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let (builder, output) = Self.incrementalBuilder(site)
        #expect(try builder.build().kind == .full)
        #expect(try builder.rebuild().kind == .unchanged)
        let planPage = output.appendingPathComponent("vi/plans/194-kh-btv-2023/index.html")
        let untouchedPage = output.appendingPathComponent("vi/plans/kh-ubnd-ba-dinh-2022/index.html")
        let untouchedTime = try FileManager.default.attributesOfItem(atPath: untouchedPage.path)[.modificationDate] as? Date

        // A body edit that adds a citation and changes a cited sentence: the incremental path.
        let plan = site.appendingPathComponent("content/plans/194-kh-btv-2023.vi.md")
        try Self.edit(plan) {
            $0.replacingOccurrences(of: "Duy trì tổ chức các hoạt động đối ngoại nhân dân.",
                                    with: "Duy trì tổ chức các hoạt động đối ngoại nhân dân theo Nghị định số 72/2015/NĐ-CP.")
        }
        let report = try builder.rebuild()
        #expect(report.kind == .incremental)
        #expect(report.pagesRendered == 2 + 1 + 2, "the plan in both languages, the Vietnamese page of the one document it now cites and the two open-data pages")
        #expect(TestSupport.read(planPage).contains("theo Nghị định số <a href=\"/vi/documents/72-2015-nd-cp/\""))
        #expect(TestSupport.read(output.appendingPathComponent("vi/documents/72-2015-nd-cp/index.html"))
                .contains("Duy trì tổ chức các hoạt động đối ngoại nhân dân theo Nghị định số 72/2015/NĐ-CP."))
        #expect(TestSupport.snapshot(output) == (try Self.cleanBuild(site)))

        // A sentence without citations: only the plan's pages; then the citation taken out again: its
        // document's "Cited by" loses the plan. Both identical to clean builds.
        // Its open-data record (fields and citations, not the body) is the same, so no data file is made again.
        let plansJSON = output.appendingPathComponent("data/plans.json")
        let dataTime = try FileManager.default.attributesOfItem(atPath: plansJSON.path)[.modificationDate] as? Date
        try Self.edit(plan) { $0 + "\nMột câu thêm vào cuối kế hoạch.\n" }
        #expect(try builder.rebuild().pagesRendered == 2, "the plan in both languages, not the open-data pages")
        #expect(try FileManager.default.attributesOfItem(atPath: plansJSON.path)[.modificationDate] as? Date == dataTime)
        #expect(TestSupport.snapshot(output) == (try Self.cleanBuild(site)))
        try Self.edit(plan) { $0.replacingOccurrences(of: " theo Nghị định số 72/2015/NĐ-CP.", with: ".") }
        #expect(try builder.rebuild().pagesRendered == 2 + 1 + 2)
        #expect(!TestSupport.read(output.appendingPathComponent("vi/documents/72-2015-nd-cp/index.html")).contains("Duy trì tổ chức"))
        #expect(TestSupport.snapshot(output) == (try Self.cleanBuild(site)))
        let stillTime = try FileManager.default.attributesOfItem(atPath: untouchedPage.path)[.modificationDate] as? Date
        #expect(untouchedTime == stillTime, "an unaffected page is not rewritten")
        // The Vietnamese text changed, so its English page now says the translation is stale, as a clean build does.
        #expect(TestSupport.read(output.appendingPathComponent("en/plans/194-kh-btv-2023/index.html")).contains("notice--quiet"))
        #expect(report.diagnostics.contains { $0.message.hasPrefix("the translation is stale") })

        // A title edit shows on listings and document pages: a full rebuild, still identical.
        try Self.edit(site.appendingPathComponent("content/plans/535-kh-ubnd-2023.en.md")) {
            $0.replacingOccurrences(of: "title: \"Implementation of external information activities", with: "title: \"Carrying out of external information activities")
        }
        #expect(try builder.rebuild().kind == .full)
        #expect(TestSupport.snapshot(output) == (try Self.cleanBuild(site)))

        // A registry edit: full, identical; a new plan file: full, identical.
        try Self.edit(site.appendingPathComponent("content/legal/documents.yml")) {
            $0.replacingOccurrences(of: "en: \"the Politburo\"", with: "en: \"the Politburo of the Party Central Committee\"")
        }
        #expect(try builder.rebuild().kind == .full)
        #expect(TestSupport.snapshot(output) == (try Self.cleanBuild(site)))
    }

    /// An edit's file takes the place of the old one at once: a reader that opened the old file reads it to its
    /// end, the path then holds the new bytes, and no temporary file is left; a new file and a folder in the
    /// way take the rename's path.
    @Test func aReplacedFileIsExchangedAtomically() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plansite-replace-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("citations-0001.csv").path
        try SiteWriter.writeFile(target, Array("cũ\r\n".utf8))
        let reader = try FileHandle(forReadingFrom: URL(fileURLWithPath: target))
        try SiteWriter.writeFile(target + ".plansite-tmp", Array("mới\r\n".utf8))
        try IncrementalBuilder.replace(target, with: target + ".plansite-tmp")
        #expect(String(decoding: try reader.readToEnd() ?? Data(), as: UTF8.self) == "cũ\r\n")
        #expect(TestSupport.read(URL(fileURLWithPath: target)) == "mới\r\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["citations-0001.csv"])

        let new = folder.appendingPathComponent("new.json").path
        try SiteWriter.writeFile(new + ".plansite-tmp", Array("{}".utf8))
        try IncrementalBuilder.replace(new, with: new + ".plansite-tmp")
        #expect(TestSupport.read(URL(fileURLWithPath: new)) == "{}")

        let inTheWay = folder.appendingPathComponent("index.html").path
        try FileManager.default.createDirectory(atPath: inTheWay + "/giu", withIntermediateDirectories: true)
        try SiteWriter.writeFile(inTheWay + ".plansite-tmp", Array("<p>".utf8))
        #expect(throws: SiteWriter.WriteError.self) { try IncrementalBuilder.replace(inTheWay, with: inTheWay + ".plansite-tmp") }
        #expect(FileManager.default.fileExists(atPath: inTheWay + "/giu"), "the folder in the way is left as it was")
    }

    /// With the plan files in parts, a citing edit makes again the part that holds its plan, the registry's
    /// files and the catalogue; the other parts are not rewritten, and the output is a clean build's.
    @Test func aCitingEditRewritesOnlyItsPartOfThePlanFiles() throws {
        let site = try OpenDataTests.partedSite(2)
        defer { try? FileManager.default.removeItem(at: site) }
        let (builder, output) = Self.incrementalBuilder(site)
        try builder.build()
        func modified(_ path: String) throws -> Date? {
            try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent(path).path)[.modificationDate] as? Date
        }
        let parts = ["0001", "0002", "0003"].flatMap { ["data/plans-\($0).json", "data/plans-\($0).csv", "data/citations-\($0).csv"] }
        let before = try Dictionary(uniqueKeysWithValues: parts.map { ($0, try modified($0)) })
        let snapshot = TestSupport.snapshot(output)
        // A kept part changed on disk behind the builder's back, to the same size: an edit that made every part
        // again would put it right; one that keeps it leaves it as it is.
        let kept = output.appendingPathComponent("data/plans-0003.csv")
        try Data("Slug".utf8 + snapshot["data/plans-0003.csv"]!.dropFirst(4)).write(to: kept)
        let keptTime = try modified("data/plans-0003.csv")
        // 78-kh-du-2026 is the first plan of part 2 (194-kh-btv-2023 and 535-kh-ubnd-2023 are part 1).
        try Self.edit(site.appendingPathComponent("content/plans/78-kh-du-2026.vi.md")) { $0 + "\nThực hiện theo Nghị định số 72/2015/NĐ-CP.\n" }
        #expect(try builder.rebuild().kind == .incremental)
        #expect(TestSupport.read(kept).hasPrefix("Slug,"), "part 3 was not made again")
        #expect(try modified("data/plans-0003.csv") == keptTime)
        try snapshot["data/plans-0003.csv"]!.write(to: kept)
        let after = TestSupport.snapshot(output)
        for path in parts where path != "data/plans-0003.csv" {
            let rewritten = path.contains("-0002.")
            #expect((try modified(path) != before[path]) == rewritten, "\(path) \(rewritten ? "made again" : "kept")")
            #expect((after[path] != snapshot[path]) == rewritten, "\(path)")
        }
        #expect(after["data/catalog.jsonld"] != snapshot["data/catalog.jsonld"], "the catalogue gives the new sizes")
        #expect(after == (try Self.cleanBuild(site)))

        // The plan cites the decree a second time: its records in plans-0002.json and .csv name each cited
        // document once and stay as they were, so only the count in citations-0002.csv changes and only that
        // file is made again. The catalogue gives its new size (its other parts' entries are kept ones).
        let once = try Dictionary(uniqueKeysWithValues: parts.map { ($0, try modified($0)) })
        try Self.edit(site.appendingPathComponent("content/plans/78-kh-du-2026.vi.md")) { $0 + "\nNghị định số 72/2015/NĐ-CP được thực hiện đầy đủ.\n" }
        #expect(try builder.rebuild().kind == .incremental)
        let twice = TestSupport.snapshot(output)
        for path in parts {
            let rewritten = path == "data/citations-0002.csv"
            #expect((try modified(path) != once[path]) == rewritten, "\(path) \(rewritten ? "made again" : "kept")")
            #expect((twice[path] != after[path]) == rewritten, "\(path)")
        }
        #expect(twice == (try Self.cleanBuild(site)))

        // A citation of another decree: part 2's files grow again, and the "Open data" pages, which keep each
        // part's row while its sizes stay (`OpenDataRows`), give the new sizes.
        try Self.edit(site.appendingPathComponent("content/plans/78-kh-du-2026.vi.md")) { $0 + "\nThực hiện Nghị định số 09/2017/NĐ-CP.\n" }
        #expect(try builder.rebuild().kind == .incremental)
        let thrice = TestSupport.snapshot(output)
        #expect(thrice["data/citations-0002.csv"]!.count > twice["data/citations-0002.csv"]!.count)
        #expect(thrice["vi/data/index.html"] != twice["vi/data/index.html"] && thrice["vi/data/index.html"] != nil)
        #expect(thrice == (try Self.cleanBuild(site)))
    }

    @Test func aBrokenEditFailsAndTheNextGoodOneRecovers() throws {
        let site = try CLITests.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let (builder, output) = Self.incrementalBuilder(site)
        try builder.build()
        let before = TestSupport.snapshot(output)
        let plan = site.appendingPathComponent("content/plans/78-kh-du-2026.vi.md")
        let original = TestSupport.read(plan)
        try original.replacingOccurrences(of: "date: \"2026\"", with: "date: \"2026-02-30\"").write(to: plan, atomically: true, encoding: .utf8)
        #expect(throws: BuildFailure.self) { try builder.rebuild() }
        #expect(TestSupport.snapshot(output) == before)
        try (original + "\nThêm một câu.\n").write(to: plan, atomically: true, encoding: .utf8)
        #expect(throws: Never.self) { try builder.rebuild() }
        #expect(TestSupport.snapshot(output) == (try Self.cleanBuild(site)))
    }

    /// A broken edit that fails on the incremental path (a link to no page) is not rebuilt again until the
    /// file changes again: `serve` and `build --watch` report it once.
    @Test func aFailedRebuildIsNotRetriedUntilTheFileChanges() throws {
        let site = try CLITests.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let (builder, output) = Self.incrementalBuilder(site)
        try builder.build()
        let before = TestSupport.snapshot(output)
        let plan = site.appendingPathComponent("content/plans/194-kh-btv-2023.vi.md")
        let original = TestSupport.read(plan)
        // The broken edit also cites a document: the rebuild changes the kept state (the graph, the search
        // index, the open-data record) before it finds the broken link, and puts it all back when it fails.
        try (original + "\nXem [trang không có](/vi/plans/khong-co/), theo Nghị định số 72/2015/NĐ-CP.\n")
            .write(to: plan, atomically: true, encoding: .utf8)
        #expect(builder.inputsChanged())
        #expect(throws: BuildFailure.self) { try builder.rebuild() }
        #expect(!builder.inputsChanged(), "the same broken input is not news")
        #expect(TestSupport.snapshot(output) == before)
        try (original + "\nXem [kế hoạch](/vi/plans/kh-ubnd-ba-dinh-2022/).\n").write(to: plan, atomically: true, encoding: .utf8)
        #expect(builder.inputsChanged())
        #expect(try builder.rebuild().kind == .incremental)
        #expect(TestSupport.snapshot(output) == (try Self.cleanBuild(site)))
    }

    /// Changes are found however a file is saved: rewritten in place or replaced by a rename (seen by the
    /// change monitor), or edited behind a symbolic link (where the monitor gives up and every file is
    /// looked at).
    @Test func everyKindOfSaveIsSeen() throws {
        let site = try CLITests.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let plans = site.appendingPathComponent("content/plans")
        let (builder, output) = Self.incrementalBuilder(site)
        try builder.build()
        #expect(builder.monitorIsTracking)
        #expect(!builder.inputsChanged())

        // In place: same inode, new size and time.
        let inPlace = plans.appendingPathComponent("194-kh-btv-2023.vi.md")
        let handle = try FileHandle(forWritingTo: inPlace)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("\nMột câu viết thêm tại chỗ.\n".utf8))
        try handle.close()
        #expect(builder.inputsChanged())
        #expect(try builder.rebuild().kind == .incremental)
        #expect(builder.monitorIsTracking)
        #expect(TestSupport.read(output.appendingPathComponent("vi/plans/194-kh-btv-2023/index.html")).contains("Một câu viết thêm tại chỗ."))
        #expect(try builder.rebuild().kind == .unchanged)

        // One plan file becomes a link to a file elsewhere under content/; then an edit behind the link (the
        // link's target is not a plan file: a full build).
        let drafts = site.appendingPathComponent("content/drafts")
        try FileManager.default.createDirectory(at: drafts, withIntermediateDirectories: true)
        let linked = plans.appendingPathComponent("78-kh-du-2026.en.md")
        let target = drafts.appendingPathComponent("78-kh-du-2026.en.md")
        try FileManager.default.moveItem(at: linked, to: target)
        try FileManager.default.createSymbolicLink(at: linked, withDestinationURL: target)
        #expect(try builder.rebuild().kind == .full)
        #expect(!builder.monitorIsTracking)
        try Self.edit(target) { $0 + "\nA sentence added through the link.\n" }
        #expect(try builder.rebuild().kind == .full)
        #expect(TestSupport.read(output.appendingPathComponent("en/plans/78-kh-du-2026/index.html")).contains("A sentence added through the link."))

        // A new folder with a new plan in it: a full build.
        let folder = plans.appendingPathComponent("2027")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try TestSupport.read(inPlace).replacingOccurrences(of: "number: \"194/KH-BTV\"", with: "number: \"9194/KH-BTV\"")
            .write(to: folder.appendingPathComponent("194-kh-btv-2027.vi.md"), atomically: true, encoding: .utf8)
        #expect(try builder.rebuild().kind == .full)
        #expect(TestSupport.snapshot(output) == (try Self.cleanBuild(site)))
    }
}
