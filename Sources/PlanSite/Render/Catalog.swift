import Foundation
import Yams

/// The UI strings of one language, from `templates/i18n/<lang>.yml`. No UI text lives in Swift.
public struct Catalog: Sendable {
    public var language: Language
    /// Flat `key: text` pairs; templates see them as `{{t.key}}`.
    public var strings: [String: String] {
        didSet {
            templateStrings = .object(strings.mapValues { .string($0) })
            placeholders = strings.compactMapValues(Placeholders.init)
            formattedDates = FormattedDates()
        }
    }
    /// Month names, January first (English: "November"); Vietnamese uses numbers and may leave it empty.
    public var months: [String] {
        didSet { formattedDates = FormattedDates() }
    }
    /// `strings` as templates see them, converted once rather than for every page.
    private(set) var templateStrings: TemplateValue
    /// Dates as `format(_:officialDraft:)` wrote them, shared by the copies of this catalog until one changes
    /// its strings: a plan's date is written on every list that shows it, some hundred thousand times a build.
    private var formattedDates = FormattedDates()
    /// The strings with `{name}` placeholders, cut once into text and names for `format(_:_:)`.
    private var placeholders: [String: Placeholders] = [:]

    public init(language: Language, strings: [String: String], months: [String]) {
        self.language = language
        self.strings = strings
        self.months = months
        self.templateStrings = .object(strings.mapValues { .string($0) })
        self.placeholders = strings.compactMapValues(Placeholders.init)
    }

    public subscript(key: String) -> String {
        strings[key] ?? ""
    }

    /// Document type codes the catalog names (`type_ke-hoach: KẾ HOẠCH` → `ke-hoach`).
    public var documentTypes: Set<String> {
        Set(strings.keys.filter { $0.hasPrefix("type_") && !$0.hasSuffix("_plural") }.map { String($0.dropFirst(5)) })
    }

    /// Registry kind codes the catalog names (`kind_ket-luan: Kết luận` → `ket-luan`).
    public var documentKinds: Set<String> {
        Set(strings.keys.filter { $0.hasPrefix("kind_") }.map { String($0.dropFirst(5)) })
    }

    /// Keys every catalog must define, so a template never shows an empty label.
    static let requiredKeys = [
        "site_name", "page_title", "language_name", "switch_label", "number_label", "recipients_label", "date_full", "date_month",
        "date_year", "header_state_1", "header_state_2", "header_party", "home_title", "home_intro", "latest_plans",
        "missing_translation", "skip_link", "appendix_stt", "appendix_number", "appendix_content", "appendix_notes",
        "footer_note", "breadcrumb_home", "type_ke-hoach", "type_huong-dan",
    ]

    /// Loads `<templates>/i18n/<lang>.yml`, reporting missing keys.
    static func load(templatesDirectory: String, language: Language, log: inout DiagnosticLog) -> Catalog? {
        let path = ((templatesDirectory as NSString).appendingPathComponent("i18n") as NSString)
            .appendingPathComponent("\(language.rawValue).yml")
        guard let node = YAMLFields.loadFile(path, missing: ("the \(language.rawValue) UI catalog is missing",
                                                             "every language needs templates/i18n/\(language.rawValue).yml with the UI strings"),
                                             log: &log) else { return nil }
        var fields = YAMLFields(file: path, lineOffset: 1, node: node, context: "a catalog")
        var strings: [String: String] = [:]
        for (key, _) in fields.keys where key != "months" {
            strings[key] = fields.string(key, required: false, hint: "write `\(key): text`") ?? ""
        }
        let months = fields.strings("months", required: false, hint: "a list of 12 month names")
        for key in requiredKeys where strings[key] == nil {
            fields.missing(key, hint: "add `\(key): …` to \(path)")
        }
        log.report(contentsOf: fields.log.diagnostics)
        guard !fields.log.hasErrors else { return nil }
        return Catalog(language: language, strings: strings, months: months)
    }

    /// Fills `{name}` placeholders in one pass; unknown placeholders stay as written.
    public func format(_ key: String, _ values: [String: String]) -> String {
        format(key) { values[$0] }
    }

    /// `format(_:_:)` with the values given as pairs, looked through in order: for the strings written for
    /// every item of a list, without a dictionary made for each.
    public func format(_ key: String, _ values: KeyValuePairs<String, String>) -> String {
        format(key) { name in values.first { $0.key == name }?.value }
    }

    private func format(_ key: String, value: (String) -> String?) -> String {
        guard let template = placeholders[key] else { return self[key] }
        var result = ""
        result.reserveCapacity(template.length + 64)
        for piece in template.pieces {
            switch piece {
            case .text(let text): result += text
            case .placeholder(let name, let written): result += value(name) ?? written
            }
        }
        return result
    }

    /// A localized date: "ngày 08 tháng 11 năm 2023" / "8 November 2023"; "tháng 4 năm 2022" / "April 2022".
    /// Day and month padding follow the catalog (`pad_day`, `pad_month_below`): Vietnamese official style
    /// writes the day with two digits and months before March with two ("tháng 02").
    public func format(_ date: PartialDate, officialDraft: Bool = false) -> String {
        formattedDates.format(date, officialDraft: officialDraft) { formatAnew(date, officialDraft: officialDraft) }
    }

    private func formatAnew(_ date: PartialDate, officialDraft: Bool) -> String {
        let padDay = self["pad_day"] == "true"
        let padMonthBelow = Int(self["pad_month_below"]) ?? 0
        var values = ["year": String(date.year)]
        if let month = date.month {
            values["month"] = month < padMonthBelow ? PartialDate.twoDigits(month) : String(month)
            values["month_name"] = months.indices.contains(month - 1) ? months[month - 1] : String(month)
        }
        if let day = date.day {
            values["day"] = padDay ? PartialDate.twoDigits(day) : String(day)
            return format("date_full", values)
        }
        if date.month != nil {
            return format(officialDraft && strings["date_month_blank_day"] != nil ? "date_month_blank_day" : "date_month", values)
        }
        return format("date_year", values)
    }
}

/// The dates a catalog has written, by date and style; safe to use from the rendering threads.
private final class FormattedDates: @unchecked Sendable {
    private struct Key: Hashable {
        var date: PartialDate
        var officialDraft: Bool
    }

    private var written: [Key: String] = [:]
    private let lock = NSLock()

    func format(_ date: PartialDate, officialDraft: Bool, make: () -> String) -> String {
        let key = Key(date: date, officialDraft: officialDraft)
        if let known = lock.withLock({ written[key] }) { return known }
        let made = make()
        lock.withLock { written[key] = made }
        return made
    }
}

/// A catalog string with `{name}` placeholders, cut into text and names. The braces are ASCII: the string is
/// cut on its bytes. A `{` without a `}` after it is text.
private struct Placeholders: Sendable {
    enum Piece: Sendable {
        case text(String)
        /// The name, and the placeholder as written (kept when no value has the name).
        case placeholder(String, String)
    }

    var pieces: [Piece] = []
    var length: Int

    /// Nil for a string without `{`.
    init?(_ template: String) {
        let utf8 = Array(template.utf8)
        guard utf8.contains(UInt8(ascii: "{")) else { return nil }
        length = utf8.count
        func text(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
        var rest = 0
        while let open = utf8[rest...].firstIndex(of: UInt8(ascii: "{")),
              let close = utf8[open...].firstIndex(of: UInt8(ascii: "}")) {
            if open > rest { pieces.append(.text(text(utf8[rest..<open]))) }
            pieces.append(.placeholder(text(utf8[(open + 1)..<close]), text(utf8[open...close])))
            rest = close + 1
        }
        if rest < utf8.count { pieces.append(.text(text(utf8[rest...]))) }
    }
}
