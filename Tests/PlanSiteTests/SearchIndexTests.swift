import Foundation
import Testing
@testable import PlanSite

/// The split search index: shards stay small however many words share two letters, every word is in the
/// shard of the longest key it begins with, and replacing an item gives the files a fresh index gives.
@Suite("search index")
struct SearchIndexTests {
    /// `count` items, each with `wordsPerItem` words of the group "th" (thong0, thong1 …) and one of "ha".
    static func entries(count: Int, wordsPerItem: Int, offset: Int = 0) -> [SearchIndex.Entry] {
        (0..<count).map { item in
            var weights: [String: Int] = ["ha": 1 + item % 7]
            for word in 0..<wordsPerItem { weights["th\(String(UnicodeScalar(UInt8(97 + (item + word + offset) % 26))))\(word)"] = 1 + (item + word) % 20 }
            return SearchIndex.Entry(meta: .object(["u": .string("/vi/plans/p\(item)/")]), weights: weights)
        }
    }

    static func shards(_ index: SearchIndex) -> [String: [String: [Int]]] {
        var result: [String: [String: [Int]]] = [:]
        for key in index.keys {
            let file = index.shard(key, language: .vi)
            result[key] = (try? JSONSerialization.jsonObject(with: Data(file.bytes)) as? [String: Any])?["w"] as? [String: [Int]] ?? [:]
        }
        return result
    }

    @Test func aLargeGroupIsSplitAndEveryWordIsInTheShardOfItsLongestKey() {
        let index = SearchIndex(entries: Self.entries(count: 400, wordsPerItem: 60))
        let keys = index.keys
        #expect(keys.contains("ha") && keys.contains("th") && keys.contains { $0.hasPrefix("th") && $0.count > 2 }, "\(keys.prefix(12))")
        let shards = Self.shards(index)
        var seen: [String: Int] = [:]
        for (key, words) in shards {
            #expect(index.shard(key, language: .vi).bytes.count <= SearchIndex.shardBudget * 2, "\(key) is too large")
            for word in words.keys {
                seen[word, default: 0] += 1
                let longest = keys.filter { word.hasPrefix($0) }.max { $0.count < $1.count }
                #expect(longest == key, "\(word) is in \(key), its longest key is \(longest ?? "none")")
            }
        }
        #expect(seen.values.allSatisfy { $0 == 1 })
        #expect(seen.count == Set(Self.entries(count: 400, wordsPerItem: 60).flatMap(\.weights.keys)).count)
        // A small group is not split.
        #expect(SearchIndex(entries: Self.entries(count: 3, wordsPerItem: 2)).keys == ["ha", "th"])
    }

    @Test func replacingAnItemWritesWhatAFreshIndexHas() throws {
        var entries = Self.entries(count: 400, wordsPerItem: 60)
        var index = SearchIndex(entries: entries)
        let replacement = Self.entries(count: 400, wordsPerItem: 60, offset: 5)[17]
        let replaced = index.replace(17, with: replacement, language: .vi)
        let files = try #require(replaced)
        entries[17] = replacement
        let fresh = SearchIndex(entries: entries)
        let freshFiles = Dictionary(uniqueKeysWithValues: fresh.files(language: .vi).map { ($0.path, $0.bytes) })
        #expect(!files.isEmpty)
        for file in files { #expect(freshFiles[file.path] == file.bytes, "\(file.path) differs from a fresh index") }
        #expect(index.keys == fresh.keys)
        // Every file of the updated index is the fresh one's.
        #expect(Dictionary(uniqueKeysWithValues: index.files(language: .vi).map { ($0.path, $0.bytes) }) == freshFiles)
    }
}

/// The index made as the plans are linked (`SearchIndexStream`, items in any order, postings cut as they
/// come) writes the files the index made from all the items at once writes.
@Suite("search index, streamed")
struct SearchIndexStreamTests {
    /// Collects what the stream writes, from any thread.
    final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var files: [String: [UInt8]] = [:]
        func add(_ file: OutputFile) { lock.withLock { files[file.path] = file.bytes } }
        var all: [String: [UInt8]] { lock.withLock { files } }
    }

    @Test func itemsInAnyOrderOnAllCoresGiveTheFilesOfTheWholeIndex() {
        // 4,500 items share "ha" (more than twice the postings a word keeps, so the stream cuts its list while
        // items still come) with weights that tie often; item order is shuffled by a fixed generator.
        var entries = SearchIndexTests.entries(count: 4_503, wordsPerItem: 3)
        for item in entries.indices { entries[item].weights["ha"] = 1 + (item * 7919) % 13 }
        let collected = Collected()
        let stream = SearchIndexStream(language: .vi, itemCount: entries.count, write: collected.add)
        var order = Array(entries.indices)
        var state: UInt64 = 42
        for position in order.indices.reversed() {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            order.swapAt(position, Int(state >> 33) % (position + 1))
        }
        let (shuffled, items) = (order, entries)
        DispatchQueue.concurrentPerform(iterations: shuffled.count) { stream.add(shuffled[$0], items[shuffled[$0]]) }
        for file in stream.finish() { collected.add(file) }
        let expected = Dictionary(uniqueKeysWithValues: SearchIndex(entries: entries).files(language: .vi).map { ($0.path, $0.bytes) })
        let streamed = collected.all
        #expect(streamed.count == expected.count)
        #expect(stream.chunksWritten == SearchIndex.chunkCount(items: entries.count))
        for (path, bytes) in expected { #expect(streamed[path] == bytes, "\(path) differs") }
        // The cut list of "ha" is the heaviest 2,000, by item.
        let ha = SearchIndex.kept(entries.indices.map { ($0, entries[$0].weights["ha"]!) })
        #expect(ha.count == SearchIndex.maximumPostings && ha.map(\.item) == ha.map(\.item).sorted())
    }

    @Test func anIndexWithoutItemsStillHasItsChunk() {
        let collected = Collected()
        let stream = SearchIndexStream(language: .en, itemCount: 0, write: collected.add)
        let files = stream.finish()
        let expected = SearchIndex(entries: []).files(language: .en)
        #expect(files.map(\.path).sorted() == expected.map(\.path).sorted())
        #expect(Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.bytes) }) == Dictionary(uniqueKeysWithValues: expected.map { ($0.path, $0.bytes) }))
    }
}
