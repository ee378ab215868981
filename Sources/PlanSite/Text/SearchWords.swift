import Foundation

/// The words of a plan as the search index keeps them: folded as the browser folds a query ("Hóc Môn" →
/// "hoc mon", "Đảng" → "dang"), without the punctuation around them, each word once in the order they first
/// appear, with how often it occurs. A plan's 20 KB of text becomes a few KB: the browser downloads less,
/// folds nothing at load, and still ranks a plan that keeps coming back to a word above one that names it once.
///
/// It runs over the text of every plan, so it works on UTF-8 bytes: folds come from a table made once, each
/// distinct spelling is folded once, and words are found again through small open-addressing tables.
/// Folding matches `TextFolding.fold` (and the browser's `fold` in search.js) scalar by scalar.
enum SearchWords {
    /// The distinct folded words of `text`, joined by single spaces, and how often each occurs, in the same
    /// order, joined by single spaces.
    static func index(_ text: String) -> (words: String, counts: String) {
        var text = text
        return text.withUTF8(index(bytes:))
    }

    /// `index` of UTF-8 text given as bytes.
    static func index(utf8 text: [UInt8]) -> (words: String, counts: String) {
        text.withUnsafeBufferPointer(index(bytes:))
    }

    private static func index(bytes: UnsafeBufferPointer<UInt8>) -> (words: String, counts: String) {
        let (words, counts) = words(bytes)
        return (String(decoding: words, as: UTF8.self), String(decoding: decimals(counts), as: UTF8.self))
    }

    /// The numbers in decimal, joined by single spaces (written by hand: `String(Int)` costs more than the
    /// rest of the index).
    static func decimals(_ numbers: [Int]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(numbers.count * 3)
        for (position, number) in numbers.enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: " ")) }
            var power = 1
            while power * 10 <= number { power *= 10 }
            while power > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(number / power % 10))
                power /= 10
            }
        }
        return bytes
    }

    static func words(_ bytes: UnsafeBufferPointer<UInt8>) -> (words: [UInt8], counts: [Int]) {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count / 4)
        var counts: [Int] = []
        /// Folded words, as ranges of `output`, to their position in `counts`.
        var folded = WordTable(expected: bytes.count / 32)
        /// Spellings as written, as ranges of `bytes`, to the position of their fold (-1: no letter in it).
        var spellings = WordTable(expected: bytes.count / 16)
        var word: [UInt8] = []
        word.reserveCapacity(256)
        let tables = (Table.latin, Table.latinAdditional, Table.generalPunctuation)
        var start = 0, index = 0
        let count = bytes.count
        var hash = WordTable.emptyHash
        while index <= count {
            var space = 1
            if index < count {
                let byte = bytes[index]
                // Most bytes are neither a space nor the lead of a multi-byte one.
                if byte != 0x20, byte < 0x09 || byte > 0x0D {
                    space = byte < 0xC2 ? 0 : spaceLength(bytes, at: index)
                    if space == 0 {
                        hash = WordTable.hash(hash, byte)
                        index += 1
                        continue
                    }
                }
            }
            if index > start {
                let spelling = start..<index
                var position = spellings.find(spelling, hash: hash, in: bytes, among: bytes)
                if position == nil {
                    // A new spelling: fold it, and find or add its fold.
                    word.removeAll(keepingCapacity: true)
                    if let kept = fold(bytes[spelling], tables: tables, into: &word) {
                        let wordHash = WordTable.hash(word[kept])
                        position = word.withUnsafeBufferPointer { wordBytes in
                            output.withUnsafeBufferPointer { known in folded.find(kept, hash: wordHash, in: wordBytes, among: known) }
                        }
                        if position == nil {
                            if !output.isEmpty { output.append(UInt8(ascii: " ")) }
                            let range = output.count..<output.count + kept.count
                            output += word[kept]
                            folded.insert(range, hash: wordHash, value: counts.count)
                            position = counts.count
                            counts.append(0)
                        }
                    }
                    spellings.insert(spelling, hash: hash, value: position ?? -1)
                }
                if let position, position >= 0 { counts[position] += 1 }
            }
            hash = WordTable.emptyHash
            index += space
            start = index
        }
        return (output, counts)
    }

    /// The length of the space at `index` (ASCII white space, no-break space, the Unicode space separators),
    /// or 0 when there is none.
    private static func spaceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let byte = bytes[index]
        if byte < 0x80 { return byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) ? 1 : 0 }
        func next(_ offset: Int) -> UInt8 { index + offset < bytes.count ? bytes[index + offset] : 0 }
        switch byte {
        case 0xC2: return next(1) == 0x85 || next(1) == 0xA0 ? 2 : 0  // U+0085, U+00A0
        case 0xE1: return next(1) == 0x9A && next(2) == 0x80 ? 3 : 0  // U+1680
        case 0xE2:
            if next(1) == 0x80, (0x80...0x8A).contains(next(2)) || next(2) == 0xA8 || next(2) == 0xA9 || next(2) == 0xAF { return 3 }
            return next(1) == 0x81 && next(2) == 0x9F ? 3 : 0  // U+2000…U+200A, U+2028, U+2029, U+202F, U+205F
        case 0xE3: return next(1) == 0x80 && next(2) == 0x80 ? 3 : 0  // U+3000
        default: return 0
        }
    }

    /// Folds one word (no spaces in it) onto `word`; returns the range of its letters and digits, or nil when
    /// it has none.
    private static func fold(_ bytes: Slice<UnsafeBufferPointer<UInt8>>,
                             tables: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>),
                             into word: inout [UInt8]) -> Range<Int>? {
        var firstKept = -1, keptEnd = 0
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let (value, length) = UTF8Scalar.decode(bytes, at: index)
            let end = min(index + length, bytes.endIndex)
            defer { index = end }
            let code: UInt8
            if value < 0x80 {
                let byte = UInt8(value)
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): code = byte + 32
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): code = byte
                default: code = Table.punctuation
                }
            } else if value < 0x370 {
                code = tables.0[Int(value) - 0x80]
            } else if value >= 0x1E00, value < 0x1F00 {
                code = tables.1[Int(value) - 0x1E00]
            } else if value >= 0x2000, value < 0x2070 {
                code = tables.2[Int(value) - 0x2000]
            } else {
                code = Table.other
            }
            let before = word.count
            switch code {
            case Table.punctuation:
                word.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
                continue
            case Table.mark:
                continue
            case Table.other:
                guard foldRare(value, bytes: bytes[index..<end], into: &word) else { continue }
            default:
                word.append(code)
            }
            if firstKept < 0 { firstKept = before }
            keptEnd = word.count
        }
        return firstKept >= 0 ? firstKept..<keptEnd : nil
    }

    /// Appends the fold of a scalar the table does not know; returns whether it is a letter or digit.
    private static func foldRare(_ value: UInt32, bytes: Slice<UnsafeBufferPointer<UInt8>>, into output: inout [UInt8]) -> Bool {
        guard let scalar = Unicode.Scalar(value) else { return false }
        let properties = scalar.properties
        if properties.isAlphabetic || properties.numericType != nil {
            output += Array(TextFolding.fold(String(scalar)).utf8)
            return true
        }
        if properties.generalCategory != .nonspacingMark, properties.generalCategory != .enclosingMark {
            output += bytes  // punctuation and symbols fold to themselves
        }
        return false
    }

    /// What U+0080…U+036F (Latin-1, Latin Extended-A and B, the combining marks), U+1E00…U+1EFF (Latin
    /// Extended Additional, where the composed Vietnamese letters are) and U+2000…U+206F (dashes, quotes,
    /// ellipsis) fold to, one byte each, made once from `TextFolding.fold`: the ASCII letter a letter folds to
    /// ("ệ" → "e", "Đ" → "d"), or one of the codes below.
    private enum Table {
        /// Not a letter or digit: kept as it is (and dropped at either end of a word).
        static let punctuation: UInt8 = 1
        /// A combining mark: folds to nothing.
        static let mark: UInt8 = 2
        /// Anything else (a letter that does not fold to one ASCII letter): `TextFolding.fold` decides.
        static let other: UInt8 = 0

        // Made once and never freed, so that the loop reads them without retaining an array.
        nonisolated(unsafe) static let latin = make(0x80..<0x370)
        nonisolated(unsafe) static let latinAdditional = make(0x1E00..<0x1F00)
        nonisolated(unsafe) static let generalPunctuation = make(0x2000..<0x2070)

        private static func make(_ values: Range<UInt32>) -> UnsafeBufferPointer<UInt8> {
            let table = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: values.count)
            _ = table.initialize(from: values.map { value -> UInt8 in
                guard let scalar = Unicode.Scalar(value) else { return punctuation }
                let properties = scalar.properties
                if properties.generalCategory == .nonspacingMark || properties.generalCategory == .enclosingMark { return mark }
                guard properties.isAlphabetic || properties.numericType != nil else { return punctuation }
                let folded = Array(TextFolding.fold(String(scalar)).utf8)
                guard folded.count == 1, let byte = folded.first, byte > mark, byte < 0x80 else { return other }
                return byte
            })
            return UnsafeBufferPointer(table)
        }
    }

    /// Byte strings (ranges of a buffer) with an `Int` each, in an open-addressing hash table of 16-byte
    /// entries, sized for a plan at the start (it grows only for a very long one).
    private struct WordTable {
        private struct Entry {
            var start: Int32
            /// -1 for an empty slot.
            var length: Int32
            /// `short(hash)`: it picks the slot and is compared first.
            var hash: UInt32
            var value: Int32
        }

        private var entries: [Entry]
        private var count = 0

        init(expected: Int) {
            var capacity = 256
            while capacity < 2 * expected { capacity *= 2 }
            entries = [Entry](repeating: Entry(start: 0, length: -1, hash: 0, value: 0), count: capacity)
        }

        /// FNV-1a, fed a byte at a time.
        static let emptyHash: UInt64 = 0xcbf29ce484222325
        @inline(__always) static func hash(_ hash: UInt64, _ byte: UInt8) -> UInt64 { (hash ^ UInt64(byte)) &* 0x100000001b3 }
        static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 { bytes.reduce(emptyHash, hash) }

        /// 32 well-mixed bits of a hash (FNV-1a's low bits are poor slot numbers for short words).
        @inline(__always) static func short(_ hash: UInt64) -> UInt32 {
            var mixed = hash ^ (hash >> 33)
            mixed &*= 0xff51afd7ed558ccd
            return UInt32(truncatingIfNeeded: mixed ^ (mixed >> 33))
        }

        /// The value of the string at `range` of `buffer` (the buffer every key of this table is a range of),
        /// made by `make` and recorded when the string is new.
        mutating func value(of range: Range<Int>, hash: UInt64, in buffer: UnsafeBufferPointer<UInt8>, make: () -> Int) -> Int {
            if let value = find(range, hash: hash, in: buffer, among: buffer) { return value }
            let value = make()
            insert(range, hash: hash, value: value)
            return value
        }

        /// The value of the string at `range` of `key`, whose keys are ranges of `known`.
        func find(_ range: Range<Int>, hash: UInt64, in key: UnsafeBufferPointer<UInt8>, among known: UnsafeBufferPointer<UInt8>) -> Int? {
            let mask = entries.count - 1
            let short = Self.short(hash)
            var slot = Int(short) & mask
            while true {
                let entry = entries[slot]
                if entry.length < 0 { return nil }
                if entry.hash == short, Int(entry.length) == range.count,
                   memcmp(known.baseAddress! + Int(entry.start), key.baseAddress! + range.lowerBound, range.count) == 0 {
                    return Int(entry.value)
                }
                slot = (slot + 1) & mask
            }
        }

        mutating func insert(_ range: Range<Int>, hash: UInt64, value: Int) {
            let mask = entries.count - 1
            let short = Self.short(hash)
            var slot = Int(short) & mask
            while entries[slot].length >= 0 { slot = (slot + 1) & mask }
            entries[slot] = Entry(start: Int32(range.lowerBound), length: Int32(range.count), hash: short, value: Int32(value))
            count += 1
            if count * 2 > entries.count { grow() }
        }

        /// Doubles the table; an entry's slot comes from the half of the hash it keeps.
        private mutating func grow() {
            let old = entries
            entries = [Entry](repeating: Entry(start: 0, length: -1, hash: 0, value: 0), count: old.count * 2)
            count = 0
            for entry in old where entry.length >= 0 {
                let mask = entries.count - 1
                var slot = Int(entry.hash) & mask
                while entries[slot].length >= 0 { slot = (slot + 1) & mask }
                entries[slot] = entry
                count += 1
            }
        }
    }
}
