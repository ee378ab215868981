import Foundation

/// A document symbol (số ký hiệu) found in running text, with the date written after it, if any.
public struct CitationMatch: Sendable, Equatable {
    /// The symbol as written, e.g. `57-KL/TW`, `09/2017/NĐ-CP`, `78 -KH/ĐU`.
    public var symbol: String
    /// Where the symbol is, in Unicode scalars from the start of the scanned text (for splitting text nodes).
    public var range: Range<Int>
    /// A date written right after the symbol ("ngày 15 tháng 6 năm 2023", "ngày 15/6/2023", "dated 15 June 2023").
    public var date: PartialDate?
}

/// The grammar of Vietnamese document symbols, in one place.
///
/// - Party documents: number, hyphen, kind, slash, body: `57-KL/TW`, `28-CT/TU`, `78-KH/ĐU`.
/// - State and other bodies: number, slash, optional year, kind-body: `09/2017/NĐ-CP`, `1762/KH-UBND`,
///   `273/QĐ-TTg`, `98/2023/QH15`, `18/NQ-BCH`.
///
/// A symbol is preceded by neither a letter, a digit, `/` nor `-` (so URLs and dates such as `15/6/2023` are
/// not symbols) and not followed by a letter or digit; a full stop after it ends the sentence, not the symbol.
public enum CitationGrammar {
    /// A letter group of a symbol: starts upper case (Đ included), may hold lower case and digits (`TTg`, `QH15`).
    static let segment = "[A-ZĐ][A-Za-zĐđ0-9]*"

    static let symbolPattern: String = {
        let party = "[0-9]{1,5} ?- ?\(segment)/\(segment)(?:-\(segment))?"
        let stateWithYear = "[0-9]{1,5}/[0-9]{4}/\(segment)(?:-\(segment))*"
        let stateWithoutYear = "[0-9]{1,5}/\(segment)(?:-\(segment))+"
        return "(?<![\\p{L}\\p{N}/\\-])(?:\(stateWithYear)|\(stateWithoutYear)|\(party))(?![\\p{L}\\p{N}])"
    }()

    static let months = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                         "october", "november", "december"]

    /// A date right after the symbol, possibly after a comma.
    static let datePattern =
        "^,? ?(?:ngày|dated|of) (?:([0-9]{1,2}) tháng ([0-9]{1,2}) năm ([0-9]{4})|([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})|([0-9]{1,2}) (January|February|March|April|May|June|July|August|September|October|November|December),? ([0-9]{4}))"

    nonisolated(unsafe) static let symbolRegex = try! NSRegularExpression(pattern: symbolPattern)
    nonisolated(unsafe) static let dateRegex = try! NSRegularExpression(pattern: datePattern)

    /// Every symbol in `text`, in order.
    public static func scan(_ text: String) -> [CitationMatch] {
        let nsText = text as NSString
        let whole = NSRange(location: 0, length: nsText.length)
        var results: [CitationMatch] = []
        for match in symbolRegex.matches(in: text, range: whole) {
            let symbol = nsText.substring(with: match.range)
            let afterStart = match.range.location + match.range.length
            let after = NSRange(location: afterStart, length: min(60, nsText.length - afterStart))
            var date: PartialDate?
            if let dateMatch = dateRegex.firstMatch(in: text, options: [.anchored], range: after) {
                date = Self.date(from: dateMatch, in: nsText)
            }
            let scalarStart = Self.scalarOffset(ofUTF16: match.range.location, in: text)
            let scalarEnd = scalarStart + symbol.unicodeScalars.count
            results.append(CitationMatch(symbol: symbol, range: scalarStart..<scalarEnd, date: date))
        }
        return results
    }

    /// The key under which a symbol is looked up: no spaces, no leading zeros, Đ folded, upper case.
    /// `09/2017/NĐ-CP`, `9/2017/ND-CP` and `9/2017/nđ-cp` share a key; `QĐ-TTg` matches `QD-TTG`.
    public static func key(_ symbol: String) -> String {
        // Symbols are ASCII but for Đ/đ (rarely another letter with a mark): fold by hand, it runs per citation.
        let folded = symbol.unicodeScalars.allSatisfy { $0.isASCII || $0 == "Đ" || $0 == "đ" } ? symbol : TextFolding.fold(symbol)
        var result = String.UnicodeScalarView()
        var previous: Unicode.Scalar = "/"
        for scalar in folded.unicodeScalars {
            var letter = scalar
            if letter == " " { continue }
            if letter == "Đ" || letter == "đ" { letter = "D" }
            if ("a"..."z").contains(letter) { letter = Unicode.Scalar(letter.value - 32)! }
            // Leading zeros of a number do not count: 09/2017/NĐ-CP is 9/2017/ND-CP.
            if letter == "0", previous == "/" || previous == "-" { continue }
            result.append(letter)
            previous = letter
        }
        return String(result)
    }

    /// The symbol as it should be displayed and stored: spaces around the Party hyphen removed.
    public static func normalized(_ symbol: String) -> String {
        symbol.replacingOccurrences(of: " ", with: "")
    }

    private static func date(from match: NSTextCheckingResult, in text: NSString) -> PartialDate? {
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
            let monthNumber = group(8).flatMap { months.firstIndex(of: $0.lowercased()) }.map { String($0 + 1) }
            (day, month, year) = (group(7), monthNumber, group(9))
        }
        guard let day = day.flatMap(Int.init), let month = month.flatMap(Int.init), let year = year.flatMap(Int.init),
              (1...12).contains(month), (1...PartialDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        return PartialDate(year: year, month: month, day: day)
    }

    private static func scalarOffset(ofUTF16 offset: Int, in text: String) -> Int {
        let index = String.Index(utf16Offset: offset, in: text)
        return text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: index)
    }
}
