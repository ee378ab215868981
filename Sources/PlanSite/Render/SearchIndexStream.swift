import Foundation

/// The search index of one language made as the plans are linked, on any thread, without holding the
/// items or the postings: each item's chunk is written as soon as its items are in, and each posting is
/// packed into 8 bytes and, past half a megabyte a partition, spilled to a scratch file (`PostingSpill`) in one of
/// `partitions` partitions by its word's group. `finish()` reads one partition at a time, so what is held
/// grows with the words of the language, not with the text of the corpus. The files are those
/// `SearchIndex(entries:)` makes from the same entries, every word's postings included.
final class SearchIndexStream: @unchecked Sendable {
    let language: Language
    let itemCount: Int
    /// Where a finished file goes (the build's staging writer).
    private let write: @Sendable (OutputFile) -> Void
    /// Where the postings go past `bufferedPostings` a partition; nil: they stay in memory.
    private let spill: PostingSpill?
    private let bufferedPostings: Int
    private let lock = NSLock()
    // The state below is only touched under `lock`, so the run-time exclusivity checks, a call on every
    // access of a class's property, are left out for what each word of each item touches.
    /// Each word's bytes, one after the other, and a table from them to the word's number in `words`; a
    /// word's group (its first two scalars, as `SearchIndex.key(of:)`) → the group's number.
    @exclusivity(unchecked) private var wordBytes: [UInt8] = []
    @exclusivity(unchecked) private var wordNumbers = WordTable(expected: 1 << 15)
    @exclusivity(unchecked) private var words: [String] = []
    private var groupNumbers: [String: Int] = [:]
    /// The partition of each word, by number.
    @exclusivity(unchecked) private var partitionOfWord: [UInt8] = []
    /// Postings not yet spilled, by partition.
    @exclusivity(unchecked) private var buffers: [[UInt64]]
    /// The JSON of the items of chunks not yet complete, by chunk and position in it.
    private var pendingChunks: [Int: [Int: [UInt8]]] = [:]
    /// How many chunks were written.
    private(set) var chunksWritten = 0
    /// Every item added, by number, when the stream keeps them (for the incremental builder, which
    /// replaces an edited plan's item in an index held in memory); nil otherwise.
    private var kept: [SearchIndex.Entry?]?
    private let keepsEntries: Bool

    /// Partitions of the postings: `finish()` holds one at a time, about a thirty-second of the language's
    /// postings, packed.
    static let partitions = 32
    /// Postings a partition buffers before they go to the scratch file (512 KB; 32 MB for the 64 buffers of
    /// both languages, whatever the size of the corpus).
    static let bufferedPostings = 1 << 16

    init(language: Language, itemCount: Int, spill: PostingSpill? = nil, bufferedPostings: Int = SearchIndexStream.bufferedPostings,
         keepsEntries: Bool = false, write: @escaping @Sendable (OutputFile) -> Void) {
        self.language = language
        self.keepsEntries = keepsEntries
        if keepsEntries { kept = Array(repeating: nil, count: itemCount) }
        self.itemCount = itemCount
        self.spill = spill
        self.bufferedPostings = bufferedPostings
        self.write = write
        buffers = Array(repeating: [], count: Self.partitions)
    }

    /// Adds item `item` (0 ≤ item < `itemCount`, each once).
    func add(_ item: Int, _ entry: SearchIndex.Entry) {
        add(item, SearchItem(entry))
    }

    /// Adds item `item` (0 ≤ item < `itemCount`, each once).
    func add(_ item: Int, _ searchItem: SearchItem) {
        let meta = searchItem.meta.bytes
        let entry = keepsEntries ? searchItem.entry : nil
        let chunk = item / SearchIndex.chunkSize
        let chunkItems = min(SearchIndex.chunkSize, itemCount - chunk * SearchIndex.chunkSize)
        let complete: [[UInt8]]? = lock.withLock {
            searchItem.bytes.withUnsafeBufferPointer { bytes in
                for word in 0..<searchItem.count {
                    let start = Int(searchItem.starts[word])
                    let number = self.number(of: bytes.baseAddress! + start, length: Int(searchItem.starts[word + 1]) - start,
                                             hash: searchItem.hashes[word])
                    let partition = Int(partitionOfWord[number])
                    if buffers[partition].capacity == 0 { buffers[partition].reserveCapacity(bufferedPostings) }
                    buffers[partition].append(Posting.pack(word: number, item: item, weight: Int(searchItem.weights[word])))
                    if buffers[partition].count >= bufferedPostings, let spill {
                        spill.append(buffers[partition], partition: partition)
                        buffers[partition].removeAll(keepingCapacity: true)
                    }
                }
            }
            if let entry { kept?[item] = entry }
            pendingChunks[chunk, default: [:]][item % SearchIndex.chunkSize] = meta
            guard pendingChunks[chunk]!.count == chunkItems else { return nil }
            let items = pendingChunks.removeValue(forKey: chunk)!
            chunksWritten += 1
            return (0..<chunkItems).map { items[$0]! }
        }
        if let complete { write(SearchIndex.chunk(chunk, items: complete, language: language)) }
    }

    /// The items added, in order, when the stream keeps them and every item is in; else nil.
    var keptEntries: [SearchIndex.Entry]? {
        lock.withLock { kept.flatMap { entries in entries.allSatisfy { $0 != nil } ? entries.map { $0! } : nil } }
    }

    /// The number of the word of `length` bytes at `word`, whose `WordTable` hash is `hash`, given on first
    /// sight, with its partition (its group's number, modulo).
    private func number(of word: UnsafePointer<UInt8>, length: Int, hash: UInt64) -> Int {
        let known = wordBytes.withUnsafeBufferPointer { wordNumbers.find(0..<length, hash: hash, in: word, among: $0.baseAddress) }
        if let known { return known }
        let number = words.count
        precondition(number < Posting.wordLimit, "more than \(Posting.wordLimit) words in one language's search index")
        let text = String(decoding: UnsafeBufferPointer(start: word, count: length), as: UTF8.self)
        let group = SearchIndex.key(of: text)
        let groupNumber: Int
        if let known = groupNumbers[group] { groupNumber = known } else {
            groupNumber = groupNumbers.count
            groupNumbers[group] = groupNumber
        }
        wordNumbers.insert(wordBytes.count..<wordBytes.count + length, hash: hash, value: number)
        wordBytes.append(contentsOf: UnsafeBufferPointer(start: word, count: length))
        words.append(text)
        partitionOfWord.append(UInt8(groupNumber % Self.partitions))
        return number
    }

    /// Writes the word shards and their pages, one partition at a time, once every item is in (the chunks
    /// are written already); returns the manifest, and the empty chunk of an index without items.
    ///
    /// A partition is held as its packed postings, sorted (so by word, then item), 8 bytes each; only the
    /// group being written is unpacked.
    func finish() -> [OutputFile] {
        let (words, buffers, partitionOfWord) = lock.withLock { () -> ([String], [[UInt64]], [UInt8]) in
            defer { self.buffers = []; wordBytes = []; wordNumbers = WordTable(expected: 0) }
            return (self.words, self.buffers, self.partitionOfWord)
        }
        precondition(pendingChunks.isEmpty, "search items missing from chunks \(pendingChunks.keys.sorted())")
        // Each partition's groups, and each group's words by number.
        var groupsOfPartition = [[String: [Int]]](repeating: [:], count: Self.partitions)
        for (number, word) in words.enumerated() {
            groupsOfPartition[Int(partitionOfWord[number])][SearchIndex.key(of: word), default: []].append(number)
        }
        var keys: [String] = []
        for partition in 0..<Self.partitions {
            var packed = spill?.read(partition: partition, reservingExtra: buffers[partition].count) ?? []
            packed += buffers[partition]
            packed.sort()
            // Where each word's postings are in `packed`.
            var runs: [Int: Range<Int>] = [:]
            var start = 0
            while start < packed.count {
                let word = Posting.unpack(packed[start]).word
                var end = start + 1
                while end < packed.count, Posting.unpack(packed[end]).word == word { end += 1 }
                runs[word] = start..<end
                start = end
            }
            // The partition's groups one at a time: a group's shards are laid out and written together.
            let groups = groupsOfPartition[partition]
            groupsOfPartition[partition] = [:]
            for group in groups.keys.sorted() {
                var postings: [String: [(item: Int, weight: Int)]] = [:]
                for number in groups[group]! {
                    guard let run = runs[number] else { continue }
                    // Two numbers for one word only if two spellings of it are the same string (canonically
                    // equivalent): their postings go together.
                    postings[words[number], default: []] += packed[run].map { posting in
                        let (_, item, weight) = Posting.unpack(posting)
                        return (item, weight)
                    }
                }
                let index = SearchIndex(postings: postings, itemCount: itemCount)
                keys += index.keys
                for file in index.shardFiles(language: language) { write(file) }
            }
        }
        spill?.remove()
        let manifest = SearchIndex.manifest(keys: keys.sorted(), itemCount: itemCount, language: language)
        // A site without items still has its one (empty) chunk, as `SearchIndex.files` gives it.
        return [manifest] + (itemCount == 0 ? [SearchIndex.chunk(0, items: [], language: language)] : [])
    }
}

/// A posting packed in 8 bytes: word number (28 bits), item (28 bits), weight (8 bits).
enum Posting {
    static let wordLimit = 1 << 28
    static let itemLimit = 1 << 28

    static func pack(word: Int, item: Int, weight: Int) -> UInt64 {
        precondition(item < itemLimit, "more than \(itemLimit) items in one language's search index")
        return UInt64(word) << 36 | UInt64(item) << 8 | UInt64(min(max(weight, 0), 255))
    }

    static func unpack(_ packed: UInt64) -> (word: Int, item: Int, weight: Int) {
        (Int(packed >> 36), Int((packed >> 8) & UInt64(itemLimit - 1)), Int(packed & 0xFF))
    }
}
