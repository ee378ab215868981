import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import PlanSite

/// Hostile content in every input — body, front matter, registry, UI catalog — never reaches a page, feed,
/// sitemap, JSON-LD or search index unescaped.
@Suite("hostile content")
struct HostileContentTests {
    static let payloads = ["alert('title')", "alert('issuer')", "alert('body')", "alert('img')", "alert('line')",
                           "alert('registry')", "alert('catalog')", "alert('summary')"]

    static func hostileSite() throws -> URL {
        let site = try CLITests.scratchSite()
        try FileManager.default.copyItem(at: TestSupport.fixtures.appendingPathComponent("hostile/66-kh-xss-2024.vi.md"),
                                         to: site.appendingPathComponent("content/plans/66-kh-xss-2024.vi.md"))
        let registry = site.appendingPathComponent("content/legal/documents.yml")
        try (TestSupport.read(registry) + """

            - symbol: "67/QĐ-XSS"
              type: quyet-dinh
              date: "2024-01-02"
              issuer: {vi: "Cơ quan </script><script>alert('registry')</script>", en: "Body \\" onclick=\\"alert('registry')"}
              title: {vi: "về ]]> và {{x}} <b>", en: "on <script>alert('registry')</script>"}
              source: "https://example.org/?a=1&b=<2>"

            """).write(to: registry, atomically: true, encoding: .utf8)
        let catalog = site.appendingPathComponent("templates/i18n/en.yml")
        try TestSupport.read(catalog).replacingOccurrences(of: "site_name: \"External Information Plans Portal\"",
                                                             with: "site_name: \"Portal </title><script>alert('catalog')</script> \\\" ]]>\"")
            .write(to: catalog, atomically: true, encoding: .utf8)
        return site
    }

    @Test func nothingHostileReachesAnOutputFile() throws {
        let site = try Self.hostileSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let result = try TestSupport.run(TestSupport.plansite.path, ["build"], cwd: site)
        #expect(result.status == 0, "\(result.stderr)")
        let output = site.appendingPathComponent("public")
        let files = TestSupport.snapshot(output)
        var checked = 0
        for (path, data) in files where path.hasSuffix(".html") || path.hasSuffix(".xml") || path.hasSuffix(".json") {
            let text = String(decoding: data, as: UTF8.self)
            checked += 1
            for payload in Self.payloads {
                // A payload may appear as escaped text, never next to a raw tag or attribute.
                #expect(!text.contains("<script>\(payload)"), "\(path): raw script \(payload)")
                // In markup a handler attribute; a JSON file holds it as text in a string, which no browser runs.
                if !path.hasSuffix(".json") {
                    #expect(!text.contains("=\(payload)") && !text.contains("=\"\(payload)"), "\(path): handler \(payload)")
                }
            }
            if path.hasSuffix(".akn.xml") {
                #expect(PlanDataTests.Elements.parse(data) != nil, "\(path) is well-formed XML")
            }
            for scheme in ["javascript:", "vbscript:", "data:text"] {
                #expect(!text.contains("href=\"\(scheme)") && !text.contains("src=\"\(scheme)"), "\(path): \(scheme) URL")
            }
            if path.hasSuffix(".html") {
                // The only scripts are the JSON-LD data block and the site's own search script.
                let scripts = text.components(separatedBy: "<script").dropFirst()
                for script in scripts {
                    #expect(script.hasPrefix(" type=\"application/ld+json\">") || script.hasPrefix(" src=\"/assets/search.js\" defer>"),
                            "\(path): unexpected script \(script.prefix(60))")
                }
                #expect(!text.contains("<iframe") && !text.contains("<img src=\"x\""), "\(path): raw HTML")
                #expect(text.contains("Content-Security-Policy"))
            }
        }
        #expect(checked > 100)

        let page = TestSupport.read(output.appendingPathComponent("vi/plans/66-kh-xss-2024/index.html"))
        #expect(page.contains("<!-- raw HTML omitted -->"))
        #expect(page.contains("<a rel=\"noopener noreferrer\" href=\"https://example.org/trang\">ngoài</a>"))
        #expect(page.contains("Kế hoạch &lt;/script&gt;&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;"))
        // JSON-LD stays one script element and parses back to the hostile title.
        let json = try #require(page.components(separatedBy: "<script type=\"application/ld+json\">").dropFirst().first?
            .components(separatedBy: "</script>").first)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect((object?["name"] as? String)?.contains("</script><script>alert('title')</script>") == true)

        // Feeds and sitemap are well-formed XML; the search index is valid JSON holding the text as data.
        for xml in ["vi/feed.xml", "en/feed.xml", "sitemap.xml"] {
            let parser = XMLParser(data: files[xml]!)
            #expect(parser.parse(), "\(xml) is not well-formed: \(String(describing: parser.parserError))")
        }
        let items = try TestSupport.searchItems(in: output, language: "vi").map { $0.compactMapValues { $0 as? String } }
        #expect(items.contains { $0["t"]?.contains("<script>alert('title')</script>") == true })
        let document = TestSupport.read(output.appendingPathComponent("en/documents/67-qd-xss-2024/index.html"))
        #expect(document.contains("<a href=\"https://example.org/?a=1&amp;b=&lt;2&gt;\" rel=\"noopener noreferrer external\">"))
    }
}
