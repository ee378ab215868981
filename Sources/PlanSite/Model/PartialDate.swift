/// A calendar date that may be known only to the month or the year, as in a draft dated
/// "ngày   tháng 4 năm 2022" (→ 2022-04).
public struct PartialDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int?
    public var day: Int?

    public init(year: Int, month: Int? = nil, day: Int? = nil) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Why a date string was refused.
    public enum ParseError: Error, Equatable {
        case malformed
        case monthOutOfRange(Int)
        case dayOutOfRange(day: Int, daysInMonth: Int)
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, rejecting dates that do not exist (2023-02-30).
    public static func parse(_ text: String) -> Result<PartialDate, ParseError> {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count),
              parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }),
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), year >= 1000
        else { return .failure(.malformed) }
        var date = PartialDate(year: year)
        if parts.count >= 2 {
            let month = Int(parts[1])!
            guard (1...12).contains(month) else { return .failure(.monthOutOfRange(month)) }
            date.month = month
        }
        if parts.count == 3, let month = date.month {
            let day = Int(parts[2])!
            let days = Self.daysIn(month: month, year: year)
            guard (1...days).contains(day) else { return .failure(.dayOutOfRange(day: day, daysInMonth: days)) }
            date.day = day
        }
        return .success(date)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// ISO 8601 form, as much as is known: `2023-11-08`, `2022-04`, `2026`.
    public var description: String {
        var text = String(year)
        if let month { text += "-" + Self.twoDigits(month) }
        if let day { text += "-" + Self.twoDigits(day) }
        return text
    }

    public var isComplete: Bool { day != nil }

    static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    public static func < (lhs: PartialDate, rhs: PartialDate) -> Bool {
        (lhs.year, lhs.month ?? 0, lhs.day ?? 0) < (rhs.year, rhs.month ?? 0, rhs.day ?? 0)
    }
}
