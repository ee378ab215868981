import Foundation

/// The words of a plan as the search index keeps them: folded as the browser folds a query ("Hóc Môn" →
/// "hoc mon", "Đảng" → "dang"), without the punctuation around them, each word once in the order they first
/// appear, with how often it occurs. A plan's 20 KB of text becomes a few KB: the browser downloads less,
/// folds nothing at load, and still ranks a plan that keeps coming back to a word above one that names it once.
///
/// It runs over the text of every plan, so it works on UTF-8 bytes: folds come from a table made once, each
/// distinct spelling is folded once per thread (`SpellingFolds` keeps them across plans), and words are found
/// again through small open-addressing tables.
/// Folding matches `TextFolding.fold` (and the browser's `fold` in search.js) scalar by scalar.
enum SearchWords {
    /// The distinct folded words of `text`, joined by single spaces, and how often each occurs, in the same
    /// order, joined by single spaces.
    static func index(_ text: String) -> (words: String, counts: String) {
        let (words, counts) = index(utf8: Array(text.utf8))
        return (String(decoding: words, as: UTF8.self), String(decoding: counts, as: UTF8.self))
    }

    /// `index` of UTF-8 text given as bytes, as UTF-8 bytes (they go into the search index's JSON as they are,
    /// without a `String` between).
    static func index(utf8 text: [UInt8]) -> (words: [UInt8], counts: [UInt8]) {
        let (words, counts) = text.withUnsafeBufferPointer(words)
        return (words, decimals(counts))
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
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return ([], []) }
        let count = bytes.count
        var output: [UInt8] = []
        output.reserveCapacity(count / 4)
        /// How often each folded word occurs, by position (a word takes at least two bytes with its space).
        let counts = UnsafeMutablePointer<Int32>.allocate(capacity: count / 2 + 1)
        defer { counts.deallocate() }
        var distinct = 0
        /// Folded words, as ranges of `output`, to their position in `counts`. Both tables are sized for a plan's
        /// text (a 20 KB body has about 800 spellings and 600 folded words) and grow for a longer one: a table
        /// sized for the worst case took longer to clear than to use.
        var folded = WordTable(expected: count / 40)
        /// Spellings as written, as ranges of `bytes`, to the position of their fold (-1: no letter in it).
        var spellings = WordTable(expected: count / 32)
        var word: [UInt8] = []
        word.reserveCapacity(256)
        let tables = (Table.latin, Table.latinAdditional, Table.generalPunctuation)
        let classes = ByteClass.table
        let cache = SpellingFolds.current
        var index = 0
        while true {
            // Past the spaces…
            while index < count {
                let byteClass = classes[Int(base[index])]
                if byteClass == ByteClass.inWord { break }
                if byteClass == ByteClass.space { index += 1; continue }
                let space = spaceLength(bytes, at: index)
                if space == 0 { break }
                index += space
            }
            if index >= count { break }
            // …to the end of the word.
            let start = index
            while index < count {
                let byteClass = classes[Int(base[index])]
                if byteClass == ByteClass.inWord { index += 1; continue }
                if byteClass == ByteClass.space || spaceLength(bytes, at: index) > 0 { break }
                index += 1
            }
            let spelling = start..<index
            let hash = WordTable.hash(base + start, length: spelling.count, readable: count - start)
            var position = spellings.find(spelling, hash: hash, in: base, among: base)
            if position == nil {
                // A new spelling for this plan: its fold (met on this thread before, or made now and
                // recorded), then the fold's position among the plan's words, found or added.
                let spellingBytes = base + start
                if let known = cache.fold(of: spellingBytes, length: spelling.count, hash: hash) {
                    position = known.bytes.map {
                        place($0, count: known.count, hash: known.hash, output: &output, folded: &folded, counts: counts, distinct: &distinct)
                    } ?? -1
                } else {
                    word.removeAll(keepingCapacity: true)
                    if let kept = fold(bytes[spelling], tables: tables, into: &word) {
                        position = word.withUnsafeBufferPointer { wordBytes in
                            let foldBytes = wordBytes.baseAddress! + kept.lowerBound
                            let foldHash = WordTable.hash(foldBytes, length: kept.count, readable: wordBytes.count - kept.lowerBound)
                            cache.record(spellingBytes, length: spelling.count, hash: hash,
                                         fold: SpellingFolds.Fold(bytes: foldBytes, count: kept.count, hash: foldHash))
                            return place(foldBytes, count: kept.count, hash: foldHash, output: &output, folded: &folded,
                                         counts: counts, distinct: &distinct)
                        }
                    } else {
                        cache.record(spellingBytes, length: spelling.count, hash: hash, fold: .noLetter)
                        position = -1
                    }
                }
                spellings.insert(spelling, hash: hash, value: position!)
            }
            if let position, position >= 0 { counts[position] += 1 }
        }
        return (output, (0..<distinct).map { Int(counts[$0]) })
    }

    /// The position of the folded word at `bytes` among the plan's distinct words, added (to `output`,
    /// `folded` and `counts`) when it is new.
    private static func place(_ bytes: UnsafePointer<UInt8>, count: Int, hash: UInt64, output: inout [UInt8],
                              folded: inout WordTable, counts: UnsafeMutablePointer<Int32>, distinct: inout Int) -> Int {
        if let known = output.withUnsafeBufferPointer({ folded.find(0..<count, hash: hash, in: bytes, among: $0.baseAddress) }) {
            return known
        }
        if !output.isEmpty { output.append(UInt8(ascii: " ")) }
        let range = output.count..<output.count + count
        output.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
        folded.insert(range, hash: hash, value: distinct)
        counts[distinct] = 0
        distinct += 1
        return distinct - 1
    }

    /// What a byte says about where words end: most bytes are `inWord` (part of a word, whatever they are);
    /// `space` is ASCII white space; `maybeSpace` is the lead byte of a multi-byte space (U+0085, U+00A0,
    /// U+1680, U+2000…U+205F, U+3000), which `spaceLength` decides.
    private enum ByteClass {
        static let inWord: UInt8 = 0, space: UInt8 = 1, maybeSpace: UInt8 = 2

        nonisolated(unsafe) static let table: UnsafePointer<UInt8> = {
            let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
            for byte in 0..<256 {
                switch byte {
                case 0x09...0x0D, 0x20: table[byte] = space
                case 0xC2, 0xE1, 0xE2, 0xE3: table[byte] = maybeSpace
                default: table[byte] = inWord
                }
            }
            return UnsafePointer(table)
        }()
    }

    /// Whether the words `words(_:)` finds in `bytes` are, as a set, byte for byte the tokens that
    /// `MachineFiles.searchTokens` cuts from the same text through `String` (`TextFolding.fold`, split at
    /// `Character.isWhitespace`, trimmed to `isLetter` or `isNumber`). True when every scalar is a character
    /// of its own that the tables fold to one ASCII letter or digit, to nothing or to itself as
    /// punctuation: ASCII; U+0080…U+02FF and U+1E00…U+1EFF but the letters the tables leave to
    /// `TextFolding`; U+2000…U+205F but the zero-width and direction controls (U+200B…U+200F,
    /// U+202A…U+202E). Such words have one spelling each, so their bytes compare as their strings do.
    static func foldsPlainly(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            let (value, length) = UTF8Scalar.decode(bytes, at: index)
            index += length
            switch value {
            case 0..<0x80: continue
            case 0x80..<0x300:
                guard Table.latin[Int(value) - 0x80] != Table.other else { return false }
            case 0x1E00..<0x1F00:
                guard Table.latinAdditional[Int(value) - 0x1E00] != Table.other else { return false }
            case 0x2000..<0x200B, 0x2010..<0x202A, 0x202F..<0x2060:
                continue
            default:
                return false
            }
        }
        return true
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
}
