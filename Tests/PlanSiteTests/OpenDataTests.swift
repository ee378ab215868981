import Foundation
import Testing
@testable import PlanSite

/// The open data under /data/ agrees with the content and the pages: the same plans, symbols, titles and
/// citations, and CSV that a CSV reader takes.
@Suite("open data")
struct OpenDataTests {
    /// RFC 4180 rows (quoted fields may hold commas, quotes and line breaks).
    static func csvRows(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false }
                } else { field.append(character) }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                row.append(field); field = ""
            } else if character == "\r\n" || character == "\n" {
                row.append(field); rows.append(row); row = []; field = ""
            } else {
                field.append(character)
            }
        }
        return rows
    }

    @Test func plansAndDocumentsAreListedAsOnThePages() throws {
        let (output, _) = try SiteBuildTests.buildRealSite()
        let plans = try #require((try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent("data/plans.json"))) as? [String: Any])?["plans"] as? [[String: Any]])
        let files = try FileManager.default.contentsOfDirectory(atPath: TestSupport.content.appendingPathComponent("plans").path).filter { $0.hasSuffix(".md") }
        #expect(plans.count == files.count)
        let plan = try #require(plans.first { $0["slug"] as? String == "194-kh-btv-2023" && $0["language"] as? String == "vi" })
        #expect(plan["number"] as? String == "194/KH-BTV")
        #expect((plan["title"] as? String)?.hasPrefix("Triển khai thực hiện Kết luận số 57-KL/TW") == true)
        let citations = try #require(plan["citations"] as? [[String: String]])
        #expect(citations.contains { $0["symbol"] == "57-KL/TW" && $0["url"] == "/vi/documents/57-kl-tw-2023/" })
        // Every citation leads to a page that was written.
        for citation in plans.flatMap({ ($0["citations"] as? [[String: String]]) ?? [] }) {
            let url = try #require(citation["url"])
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(String(url.dropFirst()) + "index.html").path), "\(url)")
        }
        let csv = Self.csvRows(TestSupport.read(output.appendingPathComponent("data/plans.csv")))
        #expect(csv.first == OpenData.planColumns)
        #expect(csv.count == plans.count + 1 && csv.dropFirst().allSatisfy { $0.count == OpenData.planColumns.count })
        let documents = try #require((try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent("data/documents.json"))) as? [String: Any])?["documents"] as? [[String: Any]])
        let conclusion = try #require(documents.first { $0["symbol"] as? String == "57-KL/TW" })
        #expect((conclusion["cited_by_plans"] as? Int ?? 0) >= 4)
        #expect((conclusion["issuer"] as? [String: String])?["en"] == "the Politburo")
        let documentRows = Self.csvRows(TestSupport.read(output.appendingPathComponent("data/documents.csv")))
        #expect(documentRows.first == OpenData.documentColumns)
        #expect(documentRows.count == documents.count + 1)
    }

    /// A scratch copy of the site whose plan files are cut into parts of `size` plans.
    static func partedSite(_ size: Int) throws -> URL {
        let site = try CLITests.scratchSite()
        let config = site.appendingPathComponent("content/site.yml")
        try (TestSupport.read(config) + "data_part_plans: \(size)\n").write(to: config, atomically: true, encoding: .utf8)
        return site
    }

    static func json(_ url: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    /// With `data_part_plans: 2`, the five plans are in three parts of 2, 2 and 1 in slug order, each part a
    /// whole file of the schema of the single file, no single file left, and the catalogue's series and
    /// sizes those of the files.
    @Test func partsOfThePlanFiles() throws {
        let site = try Self.partedSite(2)
        defer { try? FileManager.default.removeItem(at: site) }
        let output = site.appendingPathComponent("clean/public")
        _ = try SiteBuilder(options: BuildOptions(contentDirectory: site.appendingPathComponent("content").path,
                                                  templatesDirectory: site.appendingPathComponent("templates").path,
                                                  outputDirectory: output.path)).build()
        let data = output.appendingPathComponent("data")
        let names = try FileManager.default.contentsOfDirectory(atPath: data.path).sorted()
        #expect(names == ["catalog.jsonld", "citations-0001.csv", "citations-0002.csv", "citations-0003.csv", "documents.csv",
                          "documents.json", "plans-0001.csv", "plans-0001.json", "plans-0002.csv", "plans-0002.json",
                          "plans-0003.csv", "plans-0003.json"])
        var slugs: [[String]] = []
        var citationRows = 0
        for part in ["0001", "0002", "0003"] {
            let records = try #require(try Self.json(data.appendingPathComponent("plans-\(part).json"))["plans"] as? [[String: Any]])
            let partSlugs = records.compactMap { $0["slug"] as? String }
            slugs.append(partSlugs.enumerated().filter { $0.offset == 0 || partSlugs[$0.offset - 1] != $0.element }.map(\.element))
            let csv = Self.csvRows(TestSupport.read(data.appendingPathComponent("plans-\(part).csv")))
            #expect(csv.first == OpenData.planColumns)
            #expect(csv.dropFirst().map { $0[0] } == partSlugs, "plans-\(part).csv holds the records of plans-\(part).json")
            let citations = Self.csvRows(TestSupport.read(data.appendingPathComponent("citations-\(part).csv")))
            #expect(citations.first == OpenData.citationColumns)
            #expect(citations.dropFirst().allSatisfy { partSlugs.contains($0[0]) })
            citationRows += citations.count - 1
        }
        let plans = try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent("content/plans").path)
            .filter { $0.hasSuffix(".md") }.map { String($0.split(separator: ".")[0]) }
        #expect(slugs.map(\.count) == [2, 2, 1])
        #expect(slugs.flatMap { $0 } == Array(Set(plans)).sorted(), "every plan in one part, in slug order")
        // The same citation graph as the single file of the default layout.
        let (single, _) = try SiteBuildTests.buildRealSite()
        #expect(Self.csvRows(TestSupport.read(single.appendingPathComponent("data/citations.csv"))).count - 1 == citationRows)

        let catalog = try Self.json(data.appendingPathComponent("catalog.jsonld"))
        let sets = try #require(catalog["dcat:dataset"] as? [[String: Any]])
        let byID = Dictionary(uniqueKeysWithValues: sets.map { ($0["dct:identifier"] as! String, $0) })
        #expect(sets.map { $0["dct:identifier"] as! String } == ["plans", "plans-0001", "plans-0002", "plans-0003", "documents",
                                                                 "citations", "citations-0001", "citations-0002", "citations-0003"])
        #expect(byID["plans"]?["@type"] as? String == "dcat:DatasetSeries" && byID["plans"]?["dcat:distribution"] == nil)
        #expect((byID["citations-0003"]?["dcat:prev"] as? [String: String])?["@id"]?.hasSuffix("#citations-0002") == true)
        #expect((byID["plans-0002"]?["dcat:inSeries"] as? [String: String])?["@id"]?.hasSuffix("#plans") == true)
        let title = try #require(byID["plans-0003"]?["dct:title"] as? [[String: String]])
        #expect(title.first { $0["@language"] == "en" }?["@value"] == "Plans, part 3 of 3")
        for set in sets {
            for distribution in (set["dcat:distribution"] as? [[String: Any]]) ?? [] {
                let url = try #require((distribution["dcat:downloadURL"] as? [String: String])?["@id"])
                let path = try #require(URL(string: url)).path.dropFirst()
                let size = try #require((distribution["dcat:byteSize"] as? [String: String])?["@value"])
                let attributes = try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent(String(path)).path)
                #expect(Int(size) == (attributes[.size] as? Int), "\(path)")
            }
        }
        // The "Open data" page lists every part with its plans and the sizes of its files.
        let page = TestSupport.read(output.appendingPathComponent("en/data/index.html"))
        #expect(page.contains("<th scope=\"row\">3</th><td>1 plan: \(slugs[2][0])</td>"))
        #expect(page.contains("<a href=\"/data/plans-0002.csv\" type=\"text/csv\">plans-0002.csv</a>"))
    }

    @Test func partNumbersAndNames() {
        let slugs = (1...10).map { String(format: "plan-%02d", $0) }
        let parts = OpenDataParts(slugs: slugs, size: 4)
        #expect(parts.isSplit && parts.count == 3)
        #expect(parts.parts.map { Array($0.slugs) } == [Array(slugs[0..<4]), Array(slugs[4..<8]), Array(slugs[8...])])
        #expect(parts.part(3).citationsCSV == "data/citations-0003.csv")
        #expect(slugs.map { parts.number(of: $0) } == [1, 1, 1, 1, 2, 2, 2, 2, 3, 3])
        #expect(parts.number(of: "plan-00") == nil && parts.number(of: "plan-11") == nil)
        let single = OpenDataParts(slugs: slugs, size: 10)
        #expect(!single.isSplit && single.parts.map(\.plansJSON) == ["data/plans.json"] && single.number(of: "plan-10") == 0)
        // Past 9,999 parts the numbers grow a digit, all of them, so that the names still sort in part order.
        let many = OpenDataParts(slugs: (0..<10_001).map { String(format: "p%05d", $0) }, size: 1)
        #expect(many.part(1).name == "00001" && many.part(10_001).name == "10001")
    }

    @Test func csvFieldsWithCommasAndQuotesAreQuoted() {
        let bytes = OpenData.csv(["a", "b"], [OpenData.csvLine(["Hóc Môn, TP.HCM", "“x” \"y\""])])
        #expect(String(decoding: bytes, as: UTF8.self) == "a,b\r\n\"Hóc Môn, TP.HCM\",\"“x” \"\"y\"\"\"\r\n")
        #expect(Self.csvRows(String(decoding: bytes, as: UTF8.self)) == [["a", "b"], ["Hóc Môn, TP.HCM", "“x” \"y\""]])
    }

    /// A CR LF pair is one Character in Swift: the field is still quoted, or the line would break in two.
    @Test func csvFieldsWithLineBreaksAreQuoted() {
        let line = OpenData.csvLine(["dòng một\r\ndòng hai", "a\nb", "c\rd", "Đ"])
        #expect(String(decoding: line, as: UTF8.self) == "\"dòng một\r\ndòng hai\",\"a\nb\",\"c\rd\",Đ\r\n")
    }
}
