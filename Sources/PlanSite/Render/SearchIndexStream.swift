import Foundation

/// The search index of one language made as the plans are linked, on any thread, without holding the
/// items: each item's chunk is written as soon as its items are in, and each word keeps only the postings
/// that can still be among its `SearchIndex.maximumPostings` heaviest. What is held grows with the words of
/// the language and the postings kept of each, not with the text of the corpus. The files are those
/// `SearchIndex(entries:)` makes from the same entries.
final class SearchIndexStream: @unchecked Sendable {
    let language: Language
    let itemCount: Int
    /// Where a complete chunk goes (the build's staging writer).
    private let write: @Sendable (OutputFile) -> Void
    private let lock = NSLock()
    /// Word → postings (item, weight), in the order they came.
    private var postings: [String: [(item: Int32, weight: Int32)]] = [:]
    /// The JSON of the items of chunks not yet complete, by chunk and position in it.
    private var pendingChunks: [Int: [Int: [UInt8]]] = [:]
    /// How many chunks were written.
    private(set) var chunksWritten = 0

    init(language: Language, itemCount: Int, write: @escaping @Sendable (OutputFile) -> Void) {
        self.language = language
        self.itemCount = itemCount
        self.write = write
    }

    /// Adds item `item` (0 ≤ item < `itemCount`, each once).
    func add(_ item: Int, _ entry: SearchIndex.Entry) {
        let meta = entry.meta.bytes
        let chunk = item / SearchIndex.chunkSize
        let chunkItems = min(SearchIndex.chunkSize, itemCount - chunk * SearchIndex.chunkSize)
        let complete: [[UInt8]]? = lock.withLock {
            for (word, weight) in entry.weights {
                postings[word, default: []].append((Int32(item), Int32(weight)))
                // Past twice the limit, the postings that 2,000 others outweigh can never be kept: drop them.
                if postings[word]!.count >= 2 * SearchIndex.maximumPostings {
                    postings[word] = Self.heaviest(postings[word]!)
                }
            }
            pendingChunks[chunk, default: [:]][item % SearchIndex.chunkSize] = meta
            guard pendingChunks[chunk]!.count == chunkItems else { return nil }
            let items = pendingChunks.removeValue(forKey: chunk)!
            chunksWritten += 1
            return (0..<chunkItems).map { items[$0]! }
        }
        if let complete { write(SearchIndex.chunk(chunk, items: complete, language: language)) }
    }

    /// The `SearchIndex.maximumPostings` heaviest postings, ties to the first items.
    private static func heaviest(_ list: [(item: Int32, weight: Int32)]) -> [(item: Int32, weight: Int32)] {
        Array(list.sorted { ($0.weight, -$0.item) > ($1.weight, -$1.item) }.prefix(SearchIndex.maximumPostings))
    }

    /// The manifest and the word shards, once every item is in (the chunks are written already).
    func finish() -> [OutputFile] {
        let words: [String: [(item: Int, weight: Int)]] = lock.withLock {
            var words: [String: [(item: Int, weight: Int)]] = Dictionary(minimumCapacity: postings.count)
            for (word, list) in postings {
                let kept = list.count > SearchIndex.maximumPostings ? Self.heaviest(list) : list
                words[word] = kept.sorted { $0.item < $1.item }.map { (Int($0.item), Int($0.weight)) }
            }
            postings = [:]
            return words
        }
        precondition(pendingChunks.isEmpty, "search items missing from chunks \(pendingChunks.keys.sorted())")
        let index = SearchIndex(postings: words, itemCount: itemCount)
        // A site without items still has its one (empty) chunk, as `SearchIndex.files` gives it.
        return index.wordFiles(language: language) + (itemCount == 0 ? [SearchIndex.chunk(0, items: [], language: language)] : [])
    }
}
