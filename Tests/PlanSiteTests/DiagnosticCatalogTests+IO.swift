import Foundation
import Glibc
import Testing
@testable import PlanSite

/// The diagnostics about files that cannot be read or written (IDs of docs/diagnostics-coverage.md). Tests run as
/// root, so permissions cannot make a file unreadable: the inputs use bytes that are not UTF-8, a folder or a dangling
/// link where a file is expected, and a Unix socket (which exists, is not a folder, and cannot be opened).
extension DiagnosticCatalogTests {
    /// `# caf` followed by the Latin-1 byte for `é`: not UTF-8 at line 1, column 6.
    static let latin1Line: [UInt8] = Array("# caf".utf8) + [0xE9] + Array("\n".utf8)

    static func prependLatin1(to relative: String, in site: URL) throws {
        let file = site.appendingPathComponent(relative)
        try Data(latin1Line + [UInt8](try Data(contentsOf: file))).write(to: file)
    }

    /// Creates a Unix socket at `destination`. It is bound at a short path first (a socket path has at most 107
    /// bytes) and renamed into place, in the same temporary folder.
    static func makeSocket(at destination: URL) throws {
        let bound = FileManager.default.temporaryDirectory.appendingPathComponent("s-\(UUID().uuidString.prefix(8))").path
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(bound.utf8)
        try #require(bytes.count < MemoryLayout.size(ofValue: address.sun_path), "temporary folder path too long for a socket")
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        let bindResult = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try #require(bindResult == 0, "bind: \(String(cString: strerror(errno)))")
        try #require(rename(bound, destination.path) == 0, "rename: \(String(cString: strerror(errno)))")
    }

    @Test func filesThatAreNotUTF8() throws {
        let registry = try Self.stderr { try Self.prependLatin1(to: Self.registry, in: $0) }
        #expect(registry.contains("content/legal/documents.yml:1:6: error: the file is not valid UTF-8\n"), "R2: \(registry)")
        let config = try Self.stderr { try Self.prependLatin1(to: "content/site.yml", in: $0) }
        #expect(config.contains("content/site.yml:1:6: error: the file is not valid UTF-8\n"), "S4: \(config)")
        let catalog = try Self.stderr { try Self.prependLatin1(to: "templates/i18n/vi.yml", in: $0) }
        #expect(catalog.contains("templates/i18n/vi.yml:1:6: error: the file is not valid UTF-8\n"), "M7: \(catalog)")
        let template = try Self.stderr { try Self.prependLatin1(to: "templates/pages/home.mustache", in: $0) }
        #expect(template.contains("templates/pages/home.mustache: error: cannot read the template as UTF-8\n"), "M2: \(template)")
    }

    @Test func aControlCharacterInFrontMatterIsReportedWithTheReadersPosition() {
        var log = DiagnosticLog()
        let text = Self.replacing("number: 194/KH-BTV", "number: 194/KH\u{01}BTV")
        _ = PlanLoader(contentDirectory: TestSupport.content.path, knownTypes: ["ke-hoach"])
            .load(path: "content/plans/x.vi.md", bytes: Array(text.utf8), log: &log)
        // The diagnostic sits on the front matter's first line; the reader's own position (line 2 of the YAML, which
        // is line 3 of the file) is in the message.
        #expect(log.diagnostics.map { [$0.file, "\($0.line ?? 0)", "\($0.column ?? 0)", $0.message] } == [[
            "content/plans/x.vi.md", "2", "0",
            "malformed YAML: 2:15: error: reader: control characters are not allowed:\nnumber: 194/KH\u{01}BTV\n              ^",
        ]], "Y12")
    }

    @Test func planFilesAndAssetsThatCannotBeRead() throws {
        let plans = try Self.stderr { site in
            try FileManager.default.createDirectory(at: site.appendingPathComponent("content/plans/thu-muc.vi.md"), withIntermediateDirectories: false)
            try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("content/plans/lien-ket.vi.md").path,
                                                       withDestinationPath: "da-xoa.vi.md")
        }
        #expect(plans.contains("content/plans/thu-muc.vi.md: error: cannot read the file\n"), "F19 (folder): \(plans)")
        #expect(plans.contains("content/plans/lien-ket.vi.md: error: cannot read the file\n"), "F19 (dangling link): \(plans)")
        let asset = try Self.stderr { try Self.makeSocket(at: $0.appendingPathComponent("templates/assets/ket-noi.sock")) }
        #expect(asset.contains("templates/assets/ket-noi.sock: error: cannot read the asset\n"), "M8: \(asset)")
    }

    @Test func markingAPlanWithoutItsEnglishFile() throws {
        let site = try CLITests.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        try FileManager.default.removeItem(at: site.appendingPathComponent("content/plans/78-kh-du-2026.en.md"))
        let result = try TestSupport.run(TestSupport.plansite.path, ["translations", "--mark", "78-kh-du-2026"], cwd: site)
        #expect(result.status == 1)
        #expect(result.stderr == "78-kh-du-2026: error: needs both a Vietnamese and an English file to be marked\n", "C2")
    }

    /// The build refuses such files before `translations --mark` gets to them, so the marker is called directly.
    @Test func theTranslationMarkerRefusesFilesItCannotEdit() throws {
        let folder = try TestSupport.temporaryDirectory("marker")
        defer { try? FileManager.default.removeItem(at: folder) }
        let latin1 = folder.appendingPathComponent("latin1.en.md")
        let latin1Bytes = Data(Array("---\n".utf8) + Self.latin1Line + Array("---\nText.\n".utf8))
        try latin1Bytes.write(to: latin1)
        let unreadable = #expect(throws: TranslationMarker.MarkError.self) {
            try TranslationMarker.mark(path: latin1.path, fingerprint: "0123")
        }
        #expect(unreadable?.description == "\(latin1.path): cannot read the file as UTF-8", "C3")
        #expect(try Data(contentsOf: latin1) == latin1Bytes)

        for (name, text) in [("none", "title: Plan\n\nText.\n"), ("unclosed", "---\ntitle: Plan\n\nText.\n")] {
            let file = folder.appendingPathComponent("\(name).en.md")
            try text.write(to: file, atomically: true, encoding: .utf8)
            let noFrontMatter = #expect(throws: TranslationMarker.MarkError.self) {
                try TranslationMarker.mark(path: file.path, fingerprint: "0123")
            }
            #expect(noFrontMatter?.description == "\(file.path): the file has no front matter between `---` lines", "C4 (\(name))")
            #expect(TestSupport.read(file) == text)
        }

        // Fences with trailing spaces are front matter for the loader, so the marker accepts them too.
        let spaced = folder.appendingPathComponent("spaced.en.md")
        try "--- \ntitle: Plan\n---\t\nText.\n".write(to: spaced, atomically: true, encoding: .utf8)
        try TranslationMarker.mark(path: spaced.path, fingerprint: "0123")
        #expect(TestSupport.read(spaced) == "--- \ntitle: Plan\ntranslated_from: \"0123\"\n---\t\nText.\n")
    }

    @Test func outputFoldersThatCannotBeReplaced() throws {
        // `public` is a link whose target is gone: there is no old site to exchange, and a folder cannot be renamed onto the link.
        let site = try CLITests.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let output = site.appendingPathComponent("public")
        try FileManager.default.createSymbolicLink(atPath: output.path, withDestinationPath: "da-xoa")
        let dangling = try TestSupport.run(TestSupport.plansite.path, ["build"], cwd: site)
        #expect(dangling.status == 1)
        #expect(dangling.stderr.hasPrefix(site.resolvingSymlinksInPath().path
            + "/public: error: cannot move the new site into place (Not a directory)\n    hint: choose an output folder"), "O3: \(dangling.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: output.path) == "da-xoa")
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.path).sorted() == ["content", "public", "templates"])

        // The committed README.md is carried over into the new site; a socket in its place cannot be copied.
        try FileManager.default.removeItem(at: output)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: false)
        try Self.makeSocket(at: output.appendingPathComponent("README.md"))
        let socket = try TestSupport.run(TestSupport.plansite.path, ["build"], cwd: site)
        #expect(socket.status == 1)
        #expect(socket.stderr.hasPrefix("public: error: cannot write the site: "), "O6: \(socket.stderr)")
        #expect(socket.stderr.contains("public/README.md"), "O6: \(socket.stderr)")
    }

    @Test func incrementalWritesThatFail() throws {
        let site = try CLITests.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let output = site.appendingPathComponent("public")
        let builder = IncrementalBuilder(options: BuildOptions(contentDirectory: site.appendingPathComponent("content").path,
                                                               templatesDirectory: site.appendingPathComponent("templates").path,
                                                               outputDirectory: output.path))
        _ = try builder.build()
        let page = output.appendingPathComponent("vi/plans/194-kh-btv-2023/index.html")

        // The page's file is now a folder: the new page cannot be renamed onto it.
        try FileManager.default.removeItem(at: page)
        try FileManager.default.createDirectory(at: page.appendingPathComponent("giu"), withIntermediateDirectories: true)
        try Self.replace("Duy trì tổ chức các hoạt động đối ngoại nhân dân.", "Duy trì các hoạt động đối ngoại nhân dân.",
                         in: "content/plans/194-kh-btv-2023.vi.md", site: site)
        let folderInTheWay = try #require(throws: BuildFailure.self) { try builder.rebuild() }
        #expect(folderInTheWay.diagnostics.map { [$0.file, $0.message] } == [[page.path, "cannot replace the file"]], "O7")

        // The page's folder is now a file: the folder cannot be created.
        try FileManager.default.removeItem(at: page.deletingLastPathComponent())
        try Data("x".utf8).write(to: page.deletingLastPathComponent())
        try Self.replace("Duy trì các hoạt động đối ngoại nhân dân.", "Duy trì hoạt động đối ngoại nhân dân.",
                         in: "content/plans/194-kh-btv-2023.vi.md", site: site)
        let fileInTheWay = try #require(throws: BuildFailure.self) { try builder.rebuild() }
        #expect(fileInTheWay.diagnostics.map(\.file) == [output.path], "O8")
        // The rest of the message is Foundation's description of its error, which names the file in the way.
        let message = try #require(fileInTheWay.diagnostics.first?.message)
        #expect(message.hasPrefix("cannot write the site: ") && message.contains(page.deletingLastPathComponent().path), "O8: \(message)")
    }
}
