/// One item of a language's search index as the plan pass hands it to `SearchIndexStream`: what a result
/// shows, as its JSON, and the item's distinct folded words with their weights, as bytes. It says what a
/// `SearchIndex.Entry` says (`entry`, `init(_:)`), without a `String` and a dictionary entry for each of a
/// plan's thousand words: the stream numbers the words by their bytes and the hash made here.
struct SearchItem {
    /// What a result shows (`d i k s t u x`).
    var meta: JSONValue
    /// The words, one after the other; word `n` is `bytes[starts[n]..<starts[n + 1]]`.
    private(set) var bytes: [UInt8] = []
    private(set) var starts: [Int32] = [0]
    /// Each word's `WordTable` hash and weight.
    private(set) var hashes: [UInt64] = []
    private(set) var weights: [Int32] = []

    var count: Int { weights.count }

    /// A plan's item: each word of its text weighs how often the text uses it, from 1 to 20; each word of
    /// its symbol 50 more, of its title 10 more, of its issuer 5 more (`MachineFiles.addFieldWeights`).
    init(meta: JSONValue, text: (words: [UInt8], counts: [UInt8]), symbol: String, title: String, issuer: String) {
        self.meta = meta
        let fields = Self.fieldWords([(symbol, 50), (title, 10), (issuer, 5)])
        bytes.reserveCapacity(text.words.count + fields.bytes.count)
        starts.reserveCapacity(text.words.count / 4)
        // The text's words: distinct, joined by single spaces, their counts in decimal beside them.
        var matched = [Bool](repeating: false, count: fields.count)
        text.words.withUnsafeBufferPointer { words in
            text.counts.withUnsafeBufferPointer { counts in
                fields.bytes.withUnsafeBufferPointer { fieldBytes in
                    var start = 0, countIndex = 0
                    while start < words.count {
                        var end = start
                        while end < words.count, words[end] != UInt8(ascii: " ") { end += 1 }
                        var count = 0
                        while countIndex < counts.count, counts[countIndex] != UInt8(ascii: " ") {
                            count = count * 10 + Int(counts[countIndex] &- 48)
                            countIndex += 1
                        }
                        countIndex += 1
                        defer { start = end + 1 }
                        guard end > start else { continue }  // no empty word (`SearchWords` makes none)
                        let word = UnsafeBufferPointer(rebasing: words[start..<end])
                        let hash = WordTable.hash(word.baseAddress!, length: word.count, readable: words.count - start)
                        var weight = Int32(min(max(count, 1), 20))
                        if let field = fields.table.find(0..<word.count, hash: hash, in: word.baseAddress!, among: fieldBytes.baseAddress) {
                            weight += fields.bonuses[field]
                            matched[field] = true
                        }
                        append(word, hash: hash, weight: weight)
                    }
                    // The words of the fields that the text does not use.
                    for field in 0..<fields.count where !matched[field] {
                        let word = UnsafeBufferPointer(rebasing: fieldBytes[Int(fields.starts[field])..<Int(fields.starts[field + 1])])
                        append(word, hash: fields.hashes[field], weight: fields.bonuses[field])
                    }
                }
            }
        }
    }

    /// An item with the words and weights of `entry` (a registry document's, or one a test made).
    init(_ entry: SearchIndex.Entry) {
        meta = entry.meta
        for (word, weight) in entry.weights.sorted(by: { $0.key < $1.key }) {
            var word = word
            word.withUTF8 { word in
                guard let base = word.baseAddress else { return }  // an empty word is no word
                append(word, hash: WordTable.hash(base, length: word.count, readable: word.count), weight: Int32(clamping: weight))
            }
        }
    }

    /// The same item as a `SearchIndex.Entry`, for an index held in memory (the edit rebuild's).
    var entry: SearchIndex.Entry {
        var weights: [String: Int] = Dictionary(minimumCapacity: count)
        for word in 0..<count { weights[String(decoding: self.word(word), as: UTF8.self)] = Int(self.weights[word]) }
        return SearchIndex.Entry(meta: meta, weights: weights)
    }

    /// The bytes of word `n`.
    func word(_ n: Int) -> ArraySlice<UInt8> { bytes[Int(starts[n])..<Int(starts[n + 1])] }

    private mutating func append(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64, weight: Int32) {
        bytes.append(contentsOf: word)
        starts.append(Int32(bytes.count))
        hashes.append(hash)
        weights.append(weight)
    }

    /// The distinct folded words of the fields, each with the sum of the bonuses of the fields it is in
    /// (a word counts once in a field), in a table by their bytes.
    private struct FieldWords: ~Copyable {
        var bytes: [UInt8] = []
        var starts: [Int32] = [0]
        var hashes: [UInt64] = []
        var bonuses: [Int32] = []
        var table = WordTable(expected: 32)
        var count: Int { bonuses.count }
    }

    private static func fieldWords(_ fields: [(text: String, bonus: Int32)]) -> FieldWords {
        var words = FieldWords()
        for (text, bonus) in fields {
            for token in tokens(text) {
                token.withUnsafeBufferPointer { token in
                    let base = token.baseAddress!
                    let hash = WordTable.hash(base, length: token.count, readable: token.count)
                    let known = words.bytes.withUnsafeBufferPointer { words.table.find(0..<token.count, hash: hash, in: base, among: $0.baseAddress) }
                    if let known {
                        words.bonuses[known] += bonus
                    } else {
                        words.table.insert(words.bytes.count..<words.bytes.count + token.count, hash: hash, value: words.count)
                        words.bytes.append(contentsOf: token)
                        words.starts.append(Int32(words.bytes.count))
                        words.hashes.append(hash)
                        words.bonuses.append(bonus)
                    }
                }
            }
        }
        return words
    }

    /// The distinct words of a field, as `MachineFiles.searchTokens` cuts them: through the byte loop of
    /// `SearchWords` when it gives the same words (`SearchWords.foldsPlainly`), through `String` otherwise.
    static func tokens(_ text: String) -> [[UInt8]] {
        var text = text
        let plain: [[UInt8]]? = text.withUTF8 { bytes in
            guard SearchWords.foldsPlainly(bytes) else { return nil }
            return SearchWords.words(bytes).words.split(separator: UInt8(ascii: " ")).map(Array.init)
        }
        if let plain { return plain }
        var seen = Set<String>()
        return MachineFiles.searchTokens(text).filter { seen.insert($0).inserted }.map { Array($0.utf8) }
    }
}
