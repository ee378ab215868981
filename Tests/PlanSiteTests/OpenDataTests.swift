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

    @Test func csvFieldsWithCommasAndQuotesAreQuoted() {
        let bytes = OpenData.csv(["a", "b"], [OpenData.csvLine(["Hóc Môn, TP.HCM", "“x” \"y\""])])
        #expect(String(decoding: bytes, as: UTF8.self) == "a,b\r\n\"Hóc Môn, TP.HCM\",\"“x” \"\"y\"\"\"\r\n")
        #expect(Self.csvRows(String(decoding: bytes, as: UTF8.self)) == [["a", "b"], ["Hóc Môn, TP.HCM", "“x” \"y\""]])
    }
}
