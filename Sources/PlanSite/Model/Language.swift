/// A language the portal is published in. Vietnamese is the first language.
public enum Language: String, Sendable, CaseIterable, Comparable, Codable {
    case vi, en

    /// BCP 47 tag for `<html lang>` and `hreflang`.
    public var tag: String { rawValue }

    /// OpenGraph locale.
    public var ogLocale: String {
        switch self {
        case .vi: "vi_VN"
        case .en: "en_US"
        }
    }

    /// The language's name in English, for diagnostics (UI text comes from the catalogs).
    public var englishName: String {
        switch self {
        case .vi: "Vietnamese"
        case .en: "English"
        }
    }

    /// The other language of the pair.
    public var other: Language {
        self == .vi ? .en : .vi
    }

    public static func < (lhs: Language, rhs: Language) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
