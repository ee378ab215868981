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
    /// Every symbol in `text`, in order.
    ///
    /// The grammar, as a regular expression (the tests hold this expression and compare the scanner with it):
    ///
    ///     (?<![\p{L}\p{N}/\-])(?:N/[0-9]{4}/S(?:-S)*|N/S(?:-S)+|N ?- ?S/S(?:-S)?)(?![\p{L}\p{N}])
    ///
    /// where `N` is `[0-9]{1,5}` and `S`, a letter group, is `[A-ZĐ][A-Za-zĐđ0-9]*` (upper case first, Đ
    /// included; lower case and digits after it: `TTg`, `QH15`). It is matched by hand on Unicode scalars:
    /// NSRegularExpression on Linux costs more than the rest of citation linking together.
    public static func scan(_ text: String) -> [CitationMatch] {
        scan(ScalarText(text).scalars)
    }

    /// Whether `text` may hold a symbol: every form has digits followed by `/`, `-` or ` -`, and a `/` right
    /// before a letter group (`[A-ZĐ]`). A quick look at the bytes that spares most text nodes of a plan,
    /// dates such as `15/6/2023` included, the scan.
    static func mayContainSymbol(_ text: String) -> Bool {
        var text = text
        return text.withUTF8(mayContainSymbol(bytes:))
    }

    /// `mayContainSymbol` of UTF-8 text given as bytes.
    static func mayContainSymbol(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var numberThenSeparator = false, slashThenGroup = false
        var previous: UInt8 = 0, beforePrevious: UInt8 = 0
        for byte in bytes {
            if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "-") {
                if isASCIIDigit(previous) || (previous == UInt8(ascii: " ") && isASCIIDigit(beforePrevious)) { numberThenSeparator = true }
            } else if previous == UInt8(ascii: "/"), (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte == 0xC4 {
                slashThenGroup = true  // 0xC4: the lead byte of Đ (and of other letters; a false yes is harmless)
            }
            if numberThenSeparator && slashThenGroup { return true }
            beforePrevious = previous
            previous = byte
        }
        return false
    }

    private static func isASCIIDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// Every symbol in `scalars`, in order (ranges are indices into `scalars`).
    static func scan(_ scalars: [Unicode.Scalar]) -> [CitationMatch] {
        var results: [CitationMatch] = []
        var index = 0
        while index < scalars.count {
            guard isDigit(scalars[index]), index == 0 || !blocksStart(scalars[index - 1]),
                  let end = symbolEnd(scalars, from: index) else {
                index += 1
                continue
            }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[index..<end])
            results.append(CitationMatch(symbol: String(view), range: index..<end, date: date(in: scalars, after: end)))
            index = end
        }
        return results
    }

    /// Where a symbol starting at `start` ends: the three forms in the order the expression tries them, each
    /// with its letter groups taken greedily and given back one `-S` at a time until nothing but a non-letter
    /// follows.
    private static func symbolEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var index = start
        while index < scalars.count, isDigit(scalars[index]) { index += 1 }
        // Fewer digits than the run cannot help: a digit would follow them, where `/`, ` ` or `-` must be.
        guard index - start <= 5 else { return nil }
        let number = index
        func at(_ position: Int, _ scalar: Unicode.Scalar) -> Bool { position < scalars.count && scalars[position] == scalar }
        func accepted(_ ends: [Int]) -> Int? { ends.reversed().first { $0 == scalars.count || !isLetterOrNumber(scalars[$0]) } }
        /// Ends after `-S` repeated from `position` (at most `limit` times), the shortest first.
        func repeatedGroups(from position: Int, limit: Int = .max) -> [Int] {
            var ends = [position]
            var position = position
            while ends.count <= limit, at(position, "-"), let end = segmentEnd(scalars, from: position + 1) {
                position = end
                ends.append(end)
            }
            return ends
        }
        if at(number, "/") {
            // N/[0-9]{4}/S(-S)*
            var year = number + 1
            while year < scalars.count, year - number - 1 < 4, isDigit(scalars[year]) { year += 1 }
            if year - number - 1 == 4, at(year, "/"), let segment = segmentEnd(scalars, from: year + 1),
               let end = accepted(repeatedGroups(from: segment)) {
                return end
            }
            // N/S(-S)+
            if let segment = segmentEnd(scalars, from: number + 1), let end = accepted(Array(repeatedGroups(from: segment).dropFirst())) {
                return end
            }
            return nil
        }
        // N ?- ?S/S(-S)?
        var hyphen = number
        if at(hyphen, " ") { hyphen += 1 }
        guard at(hyphen, "-") else { return nil }
        var first = hyphen + 1
        if at(first, " ") { first += 1 }
        guard let kind = segmentEnd(scalars, from: first), at(kind, "/"), let body = segmentEnd(scalars, from: kind + 1) else { return nil }
        return accepted(repeatedGroups(from: body, limit: 1))
    }

    /// The end of a letter group `[A-ZĐ][A-Za-zĐđ0-9]*` starting at `start`.
    private static func segmentEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        guard start < scalars.count, ("A"..."Z").contains(scalars[start]) || scalars[start] == "Đ" else { return nil }
        var end = start + 1
        while end < scalars.count, isSegmentCharacter(scalars[end]) { end += 1 }
        return end
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    private static func isSegmentCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar) || isDigit(scalar) || scalar == "Đ" || scalar == "đ"
    }

    /// `\p{L}` or `\p{N}`.
    private static func isLetterOrNumber(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar) || isDigit(scalar) }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }

    /// What may not stand right before a symbol: a letter, a number, `/` or `-` (so URLs and dates such as
    /// `15/6/2023` are not symbols).
    private static func blocksStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "/" || scalar == "-" || isLetterOrNumber(scalar)
    }

    static let months = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                         "october", "november", "december"]
    private static let monthNames = months.map { Array(($0.prefix(1).uppercased() + $0.dropFirst()).unicodeScalars) }
    private static let dateWords = ["ngày", "dated", "of"].map { Array($0.unicodeScalars) }
    private static let thang = Array(" tháng ".unicodeScalars), nam = Array(" năm ".unicodeScalars)

    /// A date right after the symbol, possibly after a comma:
    /// `,? ?(ngày|dated|of) (D tháng M năm YYYY|D/M/YYYY|D Month,? YYYY)` with `D`, `M` one or two digits.
    private static func date(in scalars: [Unicode.Scalar], after symbolEnd: Int) -> PartialDate? {
        var index = symbolEnd
        func at(_ position: Int, _ scalar: Unicode.Scalar) -> Bool { position < scalars.count && scalars[position] == scalar }
        func has(_ word: [Unicode.Scalar], at position: Int) -> Bool {
            position + word.count <= scalars.count && scalars[position..<position + word.count].elementsEqual(word)
        }
        /// One or two digits (a third digit means no match), and where they end.
        func smallNumber(at position: Int) -> (Int, Int)? {
            var end = position
            while end < scalars.count, end - position < 3, isDigit(scalars[end]) { end += 1 }
            guard (1...2).contains(end - position) else { return nil }
            return (Int(String(String.UnicodeScalarView(scalars[position..<end])))!, end)
        }
        func year(at position: Int) -> Int? {
            guard position + 4 <= scalars.count, scalars[position..<position + 4].allSatisfy(isDigit) else { return nil }
            return Int(String(String.UnicodeScalarView(scalars[position..<position + 4])))
        }
        if at(index, ",") { index += 1 }
        if at(index, " ") { index += 1 }
        guard let word = dateWords.first(where: { has($0, at: index) }), at(index + word.count, " "),
              let (day, dayEnd) = smallNumber(at: index + word.count + 1) else { return nil }
        var month: Int?, yearValue: Int?
        if has(thang, at: dayEnd), let (number, monthEnd) = smallNumber(at: dayEnd + thang.count), has(nam, at: monthEnd) {
            (month, yearValue) = (number, year(at: monthEnd + nam.count))
        } else if at(dayEnd, "/"), let (number, monthEnd) = smallNumber(at: dayEnd + 1), at(monthEnd, "/") {
            (month, yearValue) = (number, year(at: monthEnd + 1))
        } else if at(dayEnd, " "), let name = monthNames.firstIndex(where: { has($0, at: dayEnd + 1) }) {
            var yearStart = dayEnd + 1 + monthNames[name].count
            if at(yearStart, ",") { yearStart += 1 }
            if at(yearStart, " ") { (month, yearValue) = (name + 1, year(at: yearStart + 1)) }
        }
        guard let month, let year = yearValue, (1...12).contains(month), (1...PartialDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        return PartialDate(year: year, month: month, day: day)
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
}
