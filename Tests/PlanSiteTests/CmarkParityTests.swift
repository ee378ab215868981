import Foundation
import Testing
@testable import PlanSite

/// `plansite render` must print exactly what Debian's `cmark` prints, byte for byte.
@Suite("cmark parity")
struct CmarkParityTests {
    static let cmark = ["/usr/bin/cmark", "/usr/local/bin/cmark"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The CommonMark spec 0.31.2, kept in the project (see Fixtures/commonmark/README.md).
    static let specURL = TestSupport.fixtures.appendingPathComponent("commonmark/spec.txt")

    /// The examples of the CommonMark spec (`````` example … . … ``````), tabs written as →.
    static func specExamples() throws -> [String] {
        let spec = try String(contentsOf: specURL, encoding: .utf8)
        let fence = String(repeating: "`", count: 32)
        var examples: [String] = []
        var current: [Substring]?
        var inMarkdown = false
        for line in spec.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == fence + " example" {
                current = []
                inMarkdown = true
            } else if current != nil, inMarkdown, line == "." {
                inMarkdown = false
                examples.append(current!.map { $0 + "\n" }.joined().replacingOccurrences(of: "→", with: "\t"))
            } else if current != nil, line == fence {
                current = nil
            } else if inMarkdown {
                current!.append(line)
            }
        }
        return examples
    }

    /// The Markdown body of every file in content/plans.
    static func contentBodies() throws -> [(String, String)] {
        let folder = TestSupport.content.appendingPathComponent("plans")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().filter { $0.hasSuffix(".md") }.map { name in
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            guard case .success(let split) = FrontMatterFile.split(text) else { throw CocoaError(.fileReadCorruptFile) }
            return (name, split.body)
        }
    }

    @Test func specExtractionFindsEveryExample() throws {
        // A bug in the extraction would silently shrink the set: compare with a plain count of opening fences.
        let spec = try String(contentsOf: Self.specURL, encoding: .utf8)
        let openings = spec.split(separator: "\n").filter { $0 == String(repeating: "`", count: 32) + " example" }.count
        #expect(openings > 600)
        #expect(try Self.specExamples().count == openings)
    }

    @Test func everySpecExampleMatchesCmarkUnsafe() throws {
        let cmark = try #require(Self.cmark, "install Debian's cmark (make deps)")
        var mismatches: [Int] = []
        for (index, example) in try Self.specExamples().enumerated() {
            let input = Data(example.utf8)
            let expected = try TestSupport.run(cmark, ["--unsafe"], stdin: input).stdout
            let actual = try TestSupport.run(TestSupport.plansite.path, ["render", "--unsafe"], stdin: input)
            if actual.status != 0 || actual.stdout != expected { mismatches.append(index + 1) }
        }
        #expect(mismatches.isEmpty, "examples differing from cmark --unsafe: \(mismatches)")
    }

    @Test func everySpecExampleMatchesCmarkSafeInProcess() throws {
        let cmark = try #require(Self.cmark)
        var mismatches: [Int] = []
        for (index, example) in try Self.specExamples().enumerated() {
            let expected = try TestSupport.run(cmark, [], stdin: Data(example.utf8)).stdout
            if Data(MarkdownDocument(parsing: example).renderHTMLBytes()) != expected { mismatches.append(index + 1) }
        }
        #expect(mismatches.isEmpty, "examples differing from cmark: \(mismatches)")
    }

    @Test func everyContentBodyMatchesCmark() throws {
        let cmark = try #require(Self.cmark)
        let bodies = try Self.contentBodies()
        #expect(bodies.count >= 10)
        for (name, body) in bodies {
            let input = Data(body.utf8)
            let expected = try TestSupport.run(cmark, [], stdin: input).stdout
            let actual = try TestSupport.run(TestSupport.plansite.path, ["render"], stdin: input)
            #expect(actual.status == 0)
            #expect(actual.stdout == expected, "\(name) differs from cmark")
            #expect(!expected.isEmpty)
        }
    }

    @Test func rawHTMLAndUnsafeURLsAreDroppedByDefault() {
        let html = renderMarkdown("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b>b</b>\n")
        #expect(!html.contains("<script>"))
        #expect(!html.contains("javascript:"))
        #expect(html.contains("<!-- raw HTML omitted -->"))
        let unsafe = renderMarkdown("<b>b</b>\n", options: MarkdownOptions(allowRawHTML: true))
        #expect(unsafe.contains("<b>b</b>"))
    }

    @Test func vietnameseLengthsAreBytesNotCharacters() {
        // Decomposed and precomposed text, multi-byte everywhere: a Character count would cut the input short.
        let text = "Kết luận số 57-KL/TW — **Đảng** và Nhà nước; Hội LHPN huyện Hóc Môn ¹\n"
        let html = renderMarkdown(text)
        #expect(html == "<p>Kết luận số 57-KL/TW — <strong>Đảng</strong> và Nhà nước; Hội LHPN huyện Hóc Môn ¹</p>\n")
    }

    @Test func astWalkSeesTextNodesAndPositions() {
        let document = MarkdownDocument(parsing: "# Tiêu đề\n\nĐoạn `mã` và [liên kết](https://example.vn).\n")
        let kinds = document.nodes.map(\.kind)
        #expect(kinds == [.document, .heading, .text, .paragraph, .text, .code, .text, .link, .text, .text])
        #expect(document.nodes.first { $0.kind == .paragraph }?.line == 3)
        #expect(document.nodes.first { $0.kind == .link }?.url == "https://example.vn")
        #expect(document.plainText == "Tiêu đề\nĐoạn mã và liên kết.")
    }
}
