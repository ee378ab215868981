import Foundation
import Testing
@testable import PlanSite

/// The hand-written scanner against the grammar written as a regular expression (the scanner's first
/// implementation, kept here as the reference): same symbols, same ranges, same dates, on every line of the
/// content and on generated strings full of near-misses.
@Suite("citation scanner against its regular expression")
struct CitationOracleTests {
    enum Oracle {
        static let segment = "[A-ZĐ][A-Za-zĐđ0-9]*"
        static let symbolPattern: String = {
            let party = "[0-9]{1,5} ?- ?\(segment)/\(segment)(?:-\(segment))?"
            let stateWithYear = "[0-9]{1,5}/[0-9]{4}/\(segment)(?:-\(segment))*"
            let stateWithoutYear = "[0-9]{1,5}/\(segment)(?:-\(segment))+"
            return "(?<![\\p{L}\\p{N}/\\-])(?:\(stateWithYear)|\(stateWithoutYear)|\(party))(?![\\p{L}\\p{N}])"
        }()
        static let datePattern =
            "^,? ?(?:ngày|dated|of) (?:([0-9]{1,2}) tháng ([0-9]{1,2}) năm ([0-9]{4})|([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})|([0-9]{1,2}) (January|February|March|April|May|June|July|August|September|October|November|December),? ([0-9]{4}))"
        static let symbolRegex = try! NSRegularExpression(pattern: symbolPattern)
        static let dateRegex = try! NSRegularExpression(pattern: datePattern)

        static func scan(_ text: String) -> [CitationMatch] {
            let nsText = text as NSString
            var results: [CitationMatch] = []
            for match in symbolRegex.matches(in: text, range: NSRange(location: 0, length: nsText.length)) {
                let symbol = nsText.substring(with: match.range)
                let afterStart = match.range.location + match.range.length
                let after = NSRange(location: afterStart, length: min(60, nsText.length - afterStart))
                var date: PartialDate?
                if let dateMatch = dateRegex.firstMatch(in: text, options: [.anchored], range: after) {
                    date = Self.date(from: dateMatch, in: nsText)
                }
                let index = String.Index(utf16Offset: match.range.location, in: text)
                let start: Int = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: index)
                let end: Int = start + symbol.unicodeScalars.count
                results.append(CitationMatch(symbol: symbol, range: start..<end, date: date))
            }
            return results
        }

        static func date(from match: NSTextCheckingResult, in text: NSString) -> PartialDate? {
            func group(_ index: Int) -> String? {
                let range = match.range(at: index)
                return range.location == NSNotFound ? nil : text.substring(with: range)
            }
            let (day, month, year): (String?, String?, String?)
            if group(1) != nil {
                (day, month, year) = (group(1), group(2), group(3))
            } else if group(4) != nil {
                (day, month, year) = (group(4), group(5), group(6))
            } else {
                let number = group(8).flatMap { CitationGrammar.months.firstIndex(of: $0.lowercased()) }.map { String($0 + 1) }
                (day, month, year) = (group(7), number, group(9))
            }
            guard let day = day.flatMap(Int.init), let month = month.flatMap(Int.init), let year = year.flatMap(Int.init),
                  (1...12).contains(month), (1...PartialDate.daysIn(month: month, year: year)).contains(day) else { return nil }
            return PartialDate(year: year, month: month, day: day)
        }
    }

    @Test func everyLineOfTheContentScansAsTheExpressionDoes() throws {
        let plans = TestSupport.content.appendingPathComponent("plans")
        var lines = 0, symbols = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: plans.path).sorted() where name.hasSuffix(".md") {
            for line in TestSupport.read(plans.appendingPathComponent(name)).components(separatedBy: "\n") {
                let expected = Oracle.scan(line)
                #expect(CitationGrammar.scan(line) == expected, "\(name): \(line)")
                #expect(expected.isEmpty || CitationGrammar.mayContainSymbol(line), "the quick look must not skip \(line)")
                lines += 1
                symbols += expected.count
            }
        }
        #expect(lines > 1000 && symbols > 100, "the comparison must cover real citations")
    }

    /// Strings made of the pieces the grammar turns on: digits, `/`, `-`, spaces, letter groups with and
    /// without Đ, letters outside the groups, numbers outside ASCII, and the words of dates.
    @Test func generatedNearMissesScanAsTheExpressionDoes() {
        let pieces = ["1", "09", "57", "123456", "2023", "/", "-", " ", " -", "- ", "KL", "TW", "NĐ", "CP", "QĐ", "TTg", "QH15",
                      "đ", "é", "x", "²", "٣", ".", ",", "ngày ", "dated ", "of ", " tháng ", " năm ", "15", "6", "June", "June,",
                      "30/2/2024", "29/2/2024", "1/13/2023", "\u{301}", "UBND", "Đ", "a/b",
                      "57-KL/TW", "09/2017/NĐ-CP", "1762/KH-UBND", "98/2023/QH15", "78 -KH/ĐU", "273/QĐ-TTg", "-CP", "-UBND",
                      ", ngày 15 tháng 6 năm 2023", " ngày 15/6/2023", " dated 15 June 2023", " of 30 February, 2024"]
        var generator = SplitMix(seed: 57)
        var matches = 0
        for _ in 0..<20_000 {
            let text = (0..<Int(generator.next() % 12 + 1)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            let expected = Oracle.scan(text)
            matches += expected.count
            let actual = CitationGrammar.scan(text)
            if !expected.isEmpty, !CitationGrammar.mayContainSymbol(text) {
                Issue.record("\(text.debugDescription): the quick look skips \(expected)")
                return
            }
            if actual != expected {
                Issue.record("\(text.debugDescription): scanner \(actual), expression \(expected)")
                return
            }
        }
        #expect(matches > 1_000, "the generated strings must hold symbols, not only misses")
    }
}
