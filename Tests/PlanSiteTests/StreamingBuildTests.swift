import Foundation
import Testing
@testable import PlanSite

/// `plansite build` streams (plans loaded without their bodies, each plan's pages written as it is linked,
/// the search index made as the plans come); `plansite check`, the tests' `render()` and the incremental
/// builder hold the site in memory. Both must give the same files, byte for byte.
@Suite("streaming build")
struct StreamingBuildTests {
    static func filesInMemory(content: URL, templates: URL) throws -> [String: [UInt8]] {
        let builder = SiteBuilder(options: BuildOptions(contentDirectory: content.path, templatesDirectory: templates.path,
                                                        outputDirectory: "/nonexistent", strict: false))
        return Dictionary(uniqueKeysWithValues: try builder.render().files.map { ($0.path, $0.bytes) })
    }

    static func filesStreamed(content: URL, templates: URL, into output: URL) throws -> [String: [UInt8]] {
        let builder = SiteBuilder(options: BuildOptions(contentDirectory: content.path, templatesDirectory: templates.path,
                                                        outputDirectory: output.path, strict: false))
        _ = try builder.build()
        return TestSupport.snapshot(output).mapValues { [UInt8]($0) }
    }

    @Test func theRealSiteStreamedIsTheSiteHeldInMemory() throws {
        let folder = try TestSupport.temporaryDirectory("streaming-real")
        defer { try? FileManager.default.removeItem(at: folder) }
        let streamed = try Self.filesStreamed(content: TestSupport.content, templates: TestSupport.templates,
                                              into: folder.appendingPathComponent("public"))
        let inMemory = try Self.filesInMemory(content: TestSupport.content, templates: TestSupport.templates)
        #expect(streamed.count > 500)
        #expect(Set(streamed.keys) == Set(inMemory.keys))
        for (path, bytes) in inMemory where streamed[path] != bytes { Issue.record("\(path) differs between the two builds") }
    }

    @Test func aGeneratedCorpusStreamedIsTheSiteHeldInMemory() throws {
        let folder = try TestSupport.temporaryDirectory("streaming-corpus")
        defer { try? FileManager.default.removeItem(at: folder) }
        let content = folder.appendingPathComponent("content")
        let generated = try TestSupport.run("/usr/bin/python3", [TestSupport.root.appendingPathComponent("Benchmarks/make_corpus.py").path,
                                                                 "--plans", "60", "--seed", "3", "--out", content.path])
        #expect(generated.status == 0, "\(generated.stderr)")
        let streamed = try Self.filesStreamed(content: content, templates: TestSupport.templates, into: folder.appendingPathComponent("public"))
        let inMemory = try Self.filesInMemory(content: content, templates: TestSupport.templates)
        #expect(streamed.keys.filter { $0.contains("/search-index/i/") }.count > 20)
        #expect(Set(streamed.keys) == Set(inMemory.keys))
        for (path, bytes) in inMemory where streamed[path] != bytes { Issue.record("\(path) differs between the two builds") }
    }

    @Test func aBodyReadAgainIsTheBodyLoaded() throws {
        let path = TestSupport.content.appendingPathComponent("plans/535-kh-ubnd-2023.vi.md").path
        var log = DiagnosticLog()
        let loader = PlanLoader(contentDirectory: TestSupport.content.path, knownTypes: ["ke-hoach", "huong-dan"])
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let source = try #require(loader.load(path: path, bytes: bytes, log: &log))
        #expect(!source.body.isEmpty)
        guard case .success(let body) = PlanLoader.body(of: source.replacingBody("")) else {
            Issue.record("the body was not read again")
            return
        }
        #expect(body == source.body)
    }

    @Test func aFileChangedAfterItWasLoadedIsAnErrorNotAWrongPage() throws {
        let folder = try TestSupport.temporaryDirectory("streaming-changed")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("x.vi.md")
        let original = TestSupport.read(TestSupport.content.appendingPathComponent("plans/78-kh-du-2026.vi.md"))
        try original.write(to: file, atomically: true, encoding: .utf8)
        var log = DiagnosticLog()
        let loader = PlanLoader(contentDirectory: TestSupport.content.path, knownTypes: ["ke-hoach", "huong-dan"])
        let source = try #require(loader.load(path: file.path, bytes: Array(original.utf8), log: &log))
        try (original + "\nMột đoạn thêm.\n").write(to: file, atomically: true, encoding: .utf8)
        guard case .failure(let diagnostic) = PlanLoader.body(of: source.replacingBody("")) else {
            Issue.record("a changed file was read as if unchanged")
            return
        }
        #expect(diagnostic.severity == .error && diagnostic.file == file.path)
        #expect(diagnostic.message.contains("changed while the site was being built"))
        try FileManager.default.removeItem(at: file)
        guard case .failure(let gone) = PlanLoader.body(of: source.replacingBody("")) else {
            Issue.record("a deleted file was read")
            return
        }
        #expect(gone.message.contains("cannot read"))
    }

    @Test func aWriterThatForgetsTheFoldersItMadeStillWritesEveryFile() throws {
        let folder = try TestSupport.temporaryDirectory("streaming-folders")
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("public")
        // Two folders remembered: nearly every write finds its folder forgotten, or its parent, or both.
        let writer = try StagingWriter(outputDirectory: output.path, foldersRemembered: 2)
        let paths = ["a/b/c/one.html", "a/b/d/two.html", "e/three.html", "a/b/c/four.html", "a/five.html", "six.html",
                     "e/f/g/h/seven.html", "a/b/d/eight.html", "e/f/nine.html"]
        for (number, path) in paths.enumerated() { writer.write(OutputFile(path: path, bytes: Array("\(number)".utf8))) }
        try writer.commit()
        for (number, path) in paths.enumerated() {
            #expect(try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8) == "\(number)", "\(path)")
        }
    }

    @Test func aFileWrittenPieceByPieceHoldsEveryPieceInOrder() throws {
        let folder = try TestSupport.temporaryDirectory("streaming-file")
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("public")
        let writer = try StagingWriter(outputDirectory: output.path)
        // About four buffers' worth, in pieces of every length up to 997 bytes: the buffer is handed on mid-piece.
        var expected: [UInt8] = []
        let pieces = (0..<2_400).map { n in [UInt8]((0..<(n % 997)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ n) }) }
        for piece in pieces { expected += piece }
        let streamed = StreamedFiles(sink: writer)
        let made = streamed.make("data/big.bin") { stream in for piece in pieces { stream.append(contentsOf: piece) } }
        #expect(made.file == nil && made.size == expected.count && expected.count > 4 * ByteStream.capacity + 1)
        #expect(streamed.written.map(\.path) == ["data/big.bin"])
        let inMemory = StreamedFiles(sink: nil).make("data/big.bin") { stream in for piece in pieces { stream.append(contentsOf: piece) } }
        #expect(inMemory.file?.bytes == expected && inMemory.size == expected.count)
        try writer.commit()
        #expect(try [UInt8](Data(contentsOf: output.appendingPathComponent("data/big.bin"))) == expected)
    }
}
