import Foundation
import Testing
@testable import PlanSite

/// The citizens' portal: listings, previews, machine files (the browser checks live in Tests/browser/).
@Suite("portal pages")
struct PortalTests {
    @Test func everyPageHasSharingPreviewsWithItsLocale() throws {
        let (output, _) = try SiteBuildTests.buildRealSite()
        for (path, locale, alternate) in [("/vi/plans/194-kh-btv-2023/", "vi_VN", "en_US"), ("/en/documents/57-kl-tw-2023/", "en_US", "vi_VN"),
                                          ("/en/topics/", "en_US", "vi_VN"), ("/", "vi_VN", "en_US")] {
            let html = SiteBuildTests.page(output, path)
            #expect(html.contains("<meta property=\"og:locale\" content=\"\(locale)\">"), "\(path)")
            #expect(html.contains("<meta property=\"og:locale:alternate\" content=\"\(alternate)\">"))
            #expect(html.contains("<meta property=\"og:image\" content=\"https://thongtindoingoai.example.vn/assets/share.png\">"))
            #expect(html.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"))
            #expect(html.contains("<meta property=\"og:url\" content=\"https://thongtindoingoai.example.vn\(path)\">"))
        }
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("assets/share.png").path))
    }

    @Test func listingsOfferEveryWayInAndFacetKeysAreSharedByBothLanguages() throws {
        let (output, _) = try SiteBuildTests.buildRealSite()
        for language in Language.allCases {
            let home = SiteBuildTests.page(output, SiteURLs.home(language))
            for facet in Facet.allCases {
                #expect(home.contains("href=\"/\(language.rawValue)/\(facet.rawValue)/\""), "\(facet) on \(language) home")
            }
            let issuer = SiteBuildTests.page(output, "/\(language.rawValue)/issuers/uy-ban-nhan-dan-huyen-hoc-mon/")
            #expect(issuer.contains("href=\"/\(language.rawValue)/plans/535-kh-ubnd-2023/\""))
            let year = SiteBuildTests.page(output, "/\(language.rawValue)/years/2023/")
            #expect(year.components(separatedBy: "class=\"plan-card\"").count - 1 == 2)
        }
        let english = SiteBuildTests.page(output, "/en/places/hoc-mon/")
        #expect(english.contains("<link rel=\"alternate\" hreflang=\"vi\" href=\"https://thongtindoingoai.example.vn/vi/places/hoc-mon/\">"))
    }

    @Test func longListingsArePaginated() throws {
        let site = try CLITests.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let config = site.appendingPathComponent("content/site.yml")
        try (TestSupport.read(config) + "listing_page_size: 2\n").write(to: config, atomically: true, encoding: .utf8)
        #expect(try TestSupport.run(TestSupport.plansite.path, ["build"], cwd: site).status == 0)
        let folder = site.appendingPathComponent("public/vi/topics/thong-tin-doi-ngoai")
        let first = TestSupport.read(folder.appendingPathComponent("index.html"))
        let third = TestSupport.read(folder.appendingPathComponent("page/3/index.html"))
        #expect(first.contains("<a rel=\"next\" href=\"/vi/topics/thong-tin-doi-ngoai/page/2/\">"))
        #expect(first.contains("Trang 1/3"))
        #expect(third.contains("<a rel=\"prev\" href=\"/vi/topics/thong-tin-doi-ngoai/page/2/\">"))
        #expect(!third.contains("rel=\"next\""))
        #expect(third.components(separatedBy: "class=\"plan-card\"").count - 1 == 1)
    }

    @Test func aPlanImageReplacesTheDefaultPreviewAndAMissingOneIsAnError() throws {
        let site = try CLITests.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let images = site.appendingPathComponent("content/images")
        try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestSupport.fixtures.appendingPathComponent("plan-image.png"),
                                         to: images.appendingPathComponent("hoc-mon.png"))
        let file = site.appendingPathComponent("content/plans/194-kh-btv-2023.vi.md")
        let original = TestSupport.read(file)
        try original.replacingOccurrences(of: "\ntopics:", with: "\nimage: images/hoc-mon.png\ntopics:")
            .write(to: file, atomically: true, encoding: .utf8)
        #expect(try TestSupport.run(TestSupport.plansite.path, ["build"], cwd: site).status == 0)
        let html = TestSupport.read(site.appendingPathComponent("public/vi/plans/194-kh-btv-2023/index.html"))
        #expect(html.contains("<meta property=\"og:image\" content=\"https://thongtindoingoai.example.vn/images/hoc-mon.png\">"))
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("public/images/hoc-mon.png").path))

        try original.replacingOccurrences(of: "\ntopics:", with: "\nimage: images/khong-co.png\ntopics:")
            .write(to: file, atomically: true, encoding: .utf8)
        let result = try TestSupport.run(TestSupport.plansite.path, ["build"], cwd: site)
        #expect(result.status == 1)
        #expect(result.stderr.contains("content/plans/194-kh-btv-2023.vi.md:"))
        #expect(result.stderr.contains("error: image `images/khong-co.png` does not exist"))
    }

    /// A catalogue string's `{name}`s are filled from the values; a name without a value, and a brace that is
    /// not closed, stay as they are written.
    @Test func catalogueStringsAreFilledByName() {
        let catalog = Catalog(language: .vi, strings: [
            "size": "{n} byte ({unit})", "plain": "Dữ liệu mở", "open": "Phần {n} {của", "date_full": "ngày {day} tháng {month} năm {year}",
            "pad_day": "true", "pad_month_below": "3",
        ], months: [])
        #expect(catalog.format("size", ["n": "1.034.137"]) == "1.034.137 byte ({unit})")
        #expect(catalog.format("plain", ["n": "1"]) == "Dữ liệu mở")
        #expect(catalog.format("open", ["n": "Đ2"]) == "Phần Đ2 {của")
        // Values given as pairs fill the same way, the first pair of a name winning.
        #expect(catalog.format("size", ["unit": "B", "n": "7", "n": "8"] as KeyValuePairs) == "7 byte (B)")
        #expect(catalog.format("open", ["m": "x"] as KeyValuePairs) == "Phần {n} {của")
        #expect(catalog.format(PartialDate(year: 2023, month: 2, day: 8)) == "ngày 08 tháng 02 năm 2023")
        // A catalogue whose strings change fills the new ones (strings are cut and dates written once per catalogue).
        var changed = catalog
        changed.strings["size"] = "{n} B"
        changed.strings["date_full"] = "{day}/{month}/{year}"
        #expect(changed.format("size", ["n": "1"]) == "1 B" && catalog.format("size", ["n": "1"]) == "1 byte ({unit})")
        #expect(changed.format(PartialDate(year: 2023, month: 2, day: 8)) == "08/02/2023")
    }

    @Test func searchWordsAreFoldedDistinctAndTrimmed() {
        let hocMon = SearchWords.index("Hóc Môn, (Kết luận số 57-KL/TW). HÓC MÔN “Đảng” hóc")
        #expect(hocMon.words == "hoc mon ket luan so 57-kl/tw dang")
        #expect(hocMon.counts == "3 2 1 1 1 1 1")
        #expect(SearchWords.index("  \n — ").words == "" && SearchWords.index("  \n — ").counts == "")
        #expect(SearchWords.index("Nghị định số 09/2017/NĐ-CP;\tngày 15/6/2023…").words == "nghi dinh so 09/2017/nd-cp ngay 15/6/2023")
    }

    /// A thread keeps the folds of spellings it has met (`SpellingFolds`): a text folds the same with the
    /// cache cold, warm, and full (more distinct spellings than it takes).
    @Test func searchWordsAreTheSameWithTheFoldCacheColdWarmAndFull() async {
        let text = "Hóc Môn, (Kết luận số 57-KL/TW). HÓC MÔN “Đảng” hóc — Đ"
        let expected = (words: "hoc mon ket luan so 57-kl/tw dang d", counts: "3 2 1 1 1 1 1 1")
        let onANewThread = await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: SearchWords.index(text)) }.start()
        }
        #expect(onANewThread == expected)
        #expect(SearchWords.index(text) == expected && SearchWords.index(text) == expected)
        // 140,000 distinct spellings fill the cache (it takes 65,536); the ones after it are folded each time.
        let many = (0..<140_000).map { "Từ\($0)," }.joined(separator: " ")
        let manyWords = SearchWords.index(many + " " + text)
        #expect(manyWords.words == (0..<140_000).map { "tu\($0)" }.joined(separator: " ") + " " + expected.words)
        #expect(SearchWords.index(text) == expected)
    }

    /// A field's words are cut on bytes (`SearchWords`) only where that gives the words `String` gives
    /// (`MachineFiles.searchTokens`): for texts made of every scalar of the ranges the byte loop takes, and of
    /// scalars at their edges, the two agree whenever `foldsPlainly` says so, and it says so for plain text.
    @Test func fieldWordsOnBytesAreTheWordsOfStrings() {
        let ranges: [ClosedRange<UInt32>] = [0x20...0x7E, 0x80...0x36F, 0x1DF0...0x1F10, 0x2000...0x2070]
        let scalars: [Unicode.Scalar] = ranges.flatMap { range in range.compactMap { Unicode.Scalar($0) } } + ["\u{3000}", "\u{1680}", "한", "😀", "\u{FE0F}"]
        var generator = SystemRandomNumberGenerator()
        var texts = scalars.map { "x\($0)y \($0) Đ\($0)" }
        for _ in 0..<3_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 1...12, using: &generator) {
                text.append(Bool.random(using: &generator) ? " " : scalars.randomElement(using: &generator)!)
                text.append(Array("aĐệ-".unicodeScalars).randomElement(using: &generator)!)
            }
            texts.append(String(text))
        }
        var plain = 0
        for text in texts {
            guard Self.foldsPlainly(text) else { continue }
            plain += 1
            let expected = Set(MachineFiles.searchTokens(text).map { Array($0.utf8) })
            #expect(Set(SearchItem.tokens(text)) == expected, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(plain > 1_000)  // of about 4,300: enough of them are checked
        for text in ["Kết luận số 57-KL/TW “Đảng” — 15/6/2023…", "Ủy ban nhân dân huyện Hóc Môn", "Conclusion No. 57-KL/TW"] {
            #expect(Self.foldsPlainly(text), "\(text)")
        }
        for text in ["e\u{301}", "a\u{200D}b", "µ", "ø", "Ωmega", "한국"] {
            #expect(!Self.foldsPlainly(text), "\(text)")
        }
    }

    static func foldsPlainly(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8(SearchWords.foldsPlainly)
    }

    /// A plan's search item weighs its words as the entry made through strings does: the text's counts from
    /// 1 to 20, and 50, 10 and 5 more for a word of the symbol, the title and the issuer, once per field.
    @Test func aSearchItemWeighsWordsAsTheEntryMadeThroughStrings() {
        let text = SearchWords.index(utf8: Array(("Kế hoạch số 194/KH-BTV về thông tin đối ngoại; Kết luận số 57-KL/TW. "
            + String(repeating: "thông tin ", count: 30) + "Ωmega ²").utf8))
        let (symbol, title, issuer) = ("194/KH-BTV", "Kế hoạch thông tin đối ngoại năm 2024 (Kết luận 57-KL/TW) Ωmega", "Ban Thường vụ Huyện ủy Hóc Môn")
        let item = SearchItem(meta: .string("m"), text: text, symbol: symbol, title: title, issuer: issuer)
        var expected: [String: Int] = [:]
        var counts = text.counts.split(separator: UInt8(ascii: " ")).makeIterator()
        for word in text.words.split(separator: UInt8(ascii: " ")) {
            expected[String(decoding: word, as: UTF8.self)] = min(Int(String(decoding: counts.next()!, as: UTF8.self))!, 20)
        }
        MachineFiles.addFieldWeights(&expected, symbol: symbol, title: title, issuer: issuer)
        #expect(item.entry.weights == expected)
        #expect(expected["thong"] == 20 + 10 && expected["194/kh-btv"] == 1 + 50 && expected["2024"] == 10 && expected["ωmega"] == 1 + 10)
        // An item made from an entry has the entry's words and weights.
        #expect(SearchItem(SearchIndex.Entry(meta: .string("m"), weights: expected)).entry.weights == expected)
    }

    @Test func machineFilesAreComplete() throws {
        let (output, _) = try SiteBuildTests.buildRealSite()
        let robots = TestSupport.read(output.appendingPathComponent("robots.txt"))
        #expect(robots.contains("Sitemap: https://thongtindoingoai.example.vn/sitemap.xml"))
        let sitemap = TestSupport.read(output.appendingPathComponent("sitemap.xml"))
        #expect(sitemap.contains("<url><loc>https://thongtindoingoai.example.vn/en/plans/194-kh-btv-2023/</loc>\n<xhtml:link rel=\"alternate\" hreflang=\"vi\" href=\"https://thongtindoingoai.example.vn/vi/plans/194-kh-btv-2023/\"/>"))
        #expect(!sitemap.contains("404.html"))
        let feed = TestSupport.read(output.appendingPathComponent("en/feed.xml"))
        #expect(feed.contains("<entry>\n<title>Plan 78-KH/ĐU: "))
        let items = try TestSupport.searchItems(in: output, language: "vi")
        #expect(items.contains { ($0["s"] as? String) == "57-KL/TW" && ($0["u"] as? String) == "/vi/documents/57-kl-tw-2023/" })
        // The snippet text is the opening of the plan, at most `searchSnippetLimit` characters.
        #expect(items.contains { ($0["x"] as? String)?.hasPrefix("Căn cứ Chỉ thị số 28-CT/TU") == true })
        #expect(items.allSatisfy { (($0["x"] as? String)?.unicodeScalars.count ?? 0) <= MachineFiles.searchSnippetLimit })
        // Every plan is found by the folded words of its whole text, the last one included.
        let number = try #require(items.firstIndex { ($0["u"] as? String) == "/vi/plans/535-kh-ubnd-2023/" })
        let plan = items[number]
        let index = try TestSupport.searchWords(in: output, language: "vi")
        let words = Set(index.filter { $0.value[number] != nil }.keys)
        #expect(words.contains("hoc") && words.contains("mon") && words.contains("dang"))
        #expect(index.values.allSatisfy { $0.values.allSatisfy { $0 >= 1 } })
        // Hóc Môn is named throughout its plan (at least 5 times: 5 of 20 for the text), in its title (10) and issuer (5).
        #expect(try #require(index["mon"]?[number]) >= 20)
        // The document symbol weighs most in the document's item.
        let document = try #require(items.firstIndex { ($0["u"] as? String) == "/vi/documents/57-kl-tw-2023/" })
        #expect(try #require(index["57-kl/tw"]?[document]) >= 50)
        // The opening's last word may be cut in the middle: it is left out.
        let openingWords = SearchWords.index(try #require(plan["x"] as? String)).words.split(separator: " ").dropLast().map(String.init)
        #expect(words.isSuperset(of: openingWords) && words.count > 2 * openingWords.count, "the words reach past the snippet")
        for language in ["vi", "en"] {
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("\(language)/404.html").path))
        }
        #expect(TestSupport.read(output.appendingPathComponent("404.html")).contains("<section class=\"not-found\" lang=\"en\">"))
    }
}
