import Foundation

/// Decodes a content file's bytes into the text the rest of PlanSite sees: UTF-8 (a BOM is skipped),
/// LF line endings (CRLF and CR are converted), Unicode NFC (decomposed Vietnamese is composed).
public enum SourceText {
    public enum DecodeError: Error, Equatable {
        /// The bytes are not UTF-8; `line` and `column` locate the first bad byte (column in bytes).
        case invalidUTF8(line: Int, column: Int)
    }

    public static func decode(_ bytes: [UInt8]) -> Result<String, DecodeError> {
        var bytes = bytes[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let (line, column) = firstInvalidByte(in: Array(bytes))
            return .failure(.invalidUTF8(line: line, column: column))
        }
        let hasCarriageReturn = bytes.withUnsafeBytes { buffer in buffer.baseAddress.map { memchr($0, 13, buffer.count) != nil } ?? false }
        let unixText = hasCarriageReturn
            ? text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            : text
        return .success(mayNeedComposition(unixText) ? unixText.precomposedStringWithCanonicalMapping : unixText)
    }

    /// False when no scalar can compose with the one before it (combining marks, conjoining Hangul vowels
    /// and trailing consonants, Indic vowel signs): such text is already NFC and the costly conversion is
    /// skipped. Composed Vietnamese letters (U+1E00…U+1EFF) never compose further.
    ///
    /// Works on the UTF-8 bytes: every byte below 0xCC is ASCII, a continuation byte or the lead of a scalar
    /// below U+0300, none of which composes, so only the rare scalars from U+0300 up are decoded.
    static func mayNeedComposition(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            let count = bytes.count
            let raw = UnsafeRawPointer(bytes.baseAddress)
            while index < count {
                // Eight bytes at a time while none is 0xCC or above: a byte b is when its high bit is set and
                // (b & 0x7F) + 0x34 reaches 0x80 (the sum stays below 0x100, so bytes do not carry into each other).
                if let raw, index + 8 <= count {
                    let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    if ((word & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x3434_3434_3434_3434) & word & 0x8080_8080_8080_8080 == 0 {
                        index += 8
                        continue
                    }
                }
                let lead = bytes[index]
                if lead < 0xCC { index += 1; continue }
                // U+1E00…U+1EFF (E1 B8…BB xx), the composed Vietnamese letters, without decoding.
                if lead == 0xE1, index + 2 < count, (0xB8...0xBB).contains(bytes[index + 1]) { index += 3; continue }
                let (value, length) = UTF8Scalar.decode(bytes, at: index)
                index += length
                // Most of a Vietnamese text: composed letters, and dashes, quotes, bullet and ellipsis.
                if (0x1E00...0x1EFF).contains(value) || (0x2010...0x2027).contains(value) { continue }
                guard let scalar = Unicode.Scalar(value) else { return true }
                let properties = scalar.properties
                if properties.canonicalCombiningClass != .notReordered || properties.isGraphemeExtend
                    || properties.generalCategory == .spacingMark || (0x1161...0x11C2).contains(value) {
                    return true
                }
            }
            return false
        }
    }

    /// Finds the first byte that breaks UTF-8, as a 1-based line and byte column.
    static func firstInvalidByte(in bytes: [UInt8]) -> (Int, Int) {
        var line = 1
        var lineStart = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
                lineStart = index + 1
                index += 1
                continue
            }
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return (line, index - lineStart + 1)
            }
            let end = index + length
            guard end <= bytes.count,
                  String(validating: bytes[index..<end], as: UTF8.self) != nil
            else { return (line, index - lineStart + 1) }
            index = end
        }
        return (line, max(1, index - lineStart + 1))
    }
}
