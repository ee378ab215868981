import Foundation

/// ASCII folding for URLs and search: "Hóc Môn" → "hoc mon", "Đảng" → "dang".
public enum TextFolding {
    /// Lower-cases, removes tone and vowel marks, maps đ/Đ to d, and keeps other characters.
    /// Lower-casing comes first: it can itself produce a combining mark ("İ" → "i" + U+0307), which must go too,
    /// so that folding twice gives what folding once gives (found by the search-folding fuzzer).
    public static func fold(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark: continue
            default: scalars.append(scalar == "đ" || scalar == "Đ" ? "d" : scalar)
            }
        }
        return String(scalars)
    }

    /// A URL slug: folded, ASCII letters and digits, words joined by single hyphens.
    /// "Hóc Môn" → "hoc-mon"; "194/KH-BTV" → "194-kh-btv"; "NĐ-CP" → "nd-cp".
    public static func slug(_ text: String) -> String {
        var result = ""
        var pendingHyphen = false
        for scalar in fold(text).unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingHyphen, !result.isEmpty { result.append("-") }
                pendingHyphen = false
                result.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        return result
    }

    /// Whether `text` is already a valid slug: lowercase ASCII letters, digits and single inner hyphens.
    /// The same as `slug(text) == text` for a non-empty `text`, read off the bytes (every plan file name and
    /// topic is checked, and `slug` goes through Foundation's case mapping and decomposition).
    public static func isSlug(_ text: String) -> Bool {
        var previousIsHyphen = true  // so that a leading hyphen fails
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                previousIsHyphen = false
            case UInt8(ascii: "-") where !previousIsHyphen:
                previousIsHyphen = true
            default:
                return false
            }
        }
        return !text.isEmpty && !previousIsHyphen
    }
}
