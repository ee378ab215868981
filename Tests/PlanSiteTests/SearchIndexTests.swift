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

    /// The postings' numbers are written digit by digit, not through String: the same text as String gives.
    @Test func integersAreWrittenAsStringWritesThem() {
        var numbers = [0, 1, 9, 10, 11, 99, 100, 101, 1_999, 2_000, 65_535, 100_000, 123_456_789, -1, -10, -907, .max, .min]
        var generator = SystemRandomNumberGenerator()
        numbers += (0..<500).map { _ in Int.random(in: -10_000_000...10_000_000, using: &generator) }
        for number in numbers {
            var bytes: [UInt8] = Array("x".utf8)
            JSONValue.writeInteger(number, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == "x" + String(number))
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

    /// A word in more items than a shard keeps: the shard has its heaviest, the pages it names the rest,
    /// heaviest first, each page ended by a posting that `endsPage` marks and named by its item (the last
    /// page, `e`, by the end of the list), and together they are every posting, once.
    @Test func aCommonWordKeepsItsHeaviestInTheShardAndTheRestInPages() throws {
        var entries = Self.entries(count: 6_503, wordsPerItem: 2)
        for item in entries.indices { entries[item].weights["ha"] = 1 + (item * 7919) % 13 }
        let files = Dictionary(uniqueKeysWithValues: SearchIndex(entries: entries).files(language: .vi).map { ($0.path, $0.bytes) })
        func json(_ path: String) throws -> [String: Any] {
            let bytes = try #require(files[path], "no \(path)")
            let object = try JSONSerialization.jsonObject(with: Data(bytes))
            return try #require(object as? [String: Any])
        }
        func pairs(_ list: [Int]) -> [(item: Int, weight: Int)] { stride(from: 0, to: list.count, by: 2).map { (list[$0], list[$0 + 1]) } }
        let shard = try json("vi/search-index/w/6861.json")
        let head = pairs(try #require((shard["w"] as? [String: [Int]])?["ha"]))
        let names = try #require((shard["m"] as? [String: [String]])?["ha"])
        var pages: [[(item: Int, weight: Int)]] = []
        for name in names {
            let page = pairs(try #require(try json("vi/search-index/w/6861-\(name).json")["p"] as? [Int]))
            pages.append(page)
            // The page's last posting as published (lightest, then the last item) is the one that ends it.
            let end = page.min { SearchIndex.ranks($1, before: $0) }!
            #expect(name == "e" ? !SearchIndex.endsPage(end) : (String(end.item) == name && SearchIndex.endsPage(end)), "page \(name)")
            #expect(page.dropLast().allSatisfy { $0 == end || !SearchIndex.endsPage($0) }, "page \(name) has a posting that ends a page inside it")
        }
        #expect(files.keys.filter { $0.hasPrefix("vi/search-index/w/6861-") }.count == names.count, "no page the shard does not name")
        #expect(head.count == SearchIndex.shardPostings && pages.count >= 2, "\(pages.map(\.count))")
        #expect(pages.reduce(0) { $0 + $1.count } == entries.count - SearchIndex.shardPostings)
        // Each part is by item; every posting of a part weighs at least as much as any of the next part.
        for part in [head] + pages { #expect(part.map(\.item) == part.map(\.item).sorted()) }
        let parts = [head] + pages
        for (part, next) in zip(parts, parts.dropFirst()) { #expect(part.map(\.weight).min()! >= next.map(\.weight).max()!) }
        let all = parts.flatMap { $0 }
        #expect(all.count == entries.count && Set(all.map(\.item)) == Set(entries.indices))
        #expect(all.allSatisfy { entries[$0.item].weights["ha"] == $0.weight })
        // Words below the limit have no pages and their shards no "m".
        let small = try json("vi/search-index/w/\(SearchIndex.fileName(SearchIndex(entries: entries).keys.first { $0.hasPrefix("th") }!)).json")
        #expect(small["m"] == nil)
    }

    /// Replacing an item of a word with pages writes the pages a fresh index has; an edit that brings the
    /// word down to what its shard holds takes its pages away.
    @Test func replacingAnItemOfACommonWordRewritesItsPages() throws {
        var entries = Self.entries(count: 2_003, wordsPerItem: 2)
        for item in entries.indices { entries[item].weights["ha"] = 1 + (item * 7919) % 13 }
        var index = SearchIndex(entries: entries)
        let pagesBefore = index.files(language: .vi).map(\.path).filter { $0.hasPrefix("vi/search-index/w/6861-") }
        var heavier = entries[9]
        heavier.weights["ha"] = 40
        let replacement = index.replace(9, with: heavier, language: .vi)
        let replaced = try #require(replacement)
        entries[9] = heavier
        let fresh = Dictionary(uniqueKeysWithValues: SearchIndex(entries: entries).files(language: .vi).map { ($0.path, $0.bytes) })
        #expect(replaced.files.contains { $0.path.hasPrefix("vi/search-index/w/6861-") }, "the first page gains the posting the shard lets go")
        for file in replaced.files { #expect(fresh[file.path] == file.bytes, "\(file.path) differs from a fresh index") }
        #expect(replaced.removed.isEmpty)
        // 2,003 items: 3 postings past the shard. "ha" taken out of 3 of them: the word comes down to what its
        // shard holds, and its pages go.
        func pages(_ index: SearchIndex) -> Set<String> { Set(index.shardFiles("ha", language: .vi).dropFirst().map(\.path)) }
        var removed: Set<String> = []
        for item in 0..<3 {
            var without = entries[item]
            without.weights["ha"] = nil
            let before = pages(index)
            let replacement = index.replace(item, with: without, language: .vi)
            let step = try #require(replacement)
            entries[item] = without
            #expect(Set(step.removed) == before.subtracting(pages(index)), "item \(item)")
            removed.formUnion(step.removed)
        }
        #expect(pages(index).isEmpty && removed == Set(pagesBefore) && !pagesBefore.isEmpty)
    }

    /// Edits of a word with many pages (a weight up or down, the word added to an item or taken out): each
    /// replacement returns every file that differs from the index before it, with a fresh index's bytes, and
    /// every page that goes; it makes only the pages next to the posting's old and new rank, not those
    /// between them, which keep their postings.
    @Test func replacementsOfACommonWordReturnEveryPageThatChanged() throws {
        var entries = Self.entries(count: 9_000, wordsPerItem: 1)
        for item in entries.indices { entries[item].weights["ha"] = 1 + (item * 7919) % 13 }
        var index = SearchIndex(entries: entries)
        func files(_ index: SearchIndex) -> [String: [UInt8]] {
            Dictionary(uniqueKeysWithValues: index.files(language: .vi).map { ($0.path, $0.bytes) })
        }
        var before = files(index)
        let pageCount = before.keys.count { $0.hasPrefix("vi/search-index/w/6861-") }
        #expect(pageCount >= 5, "\(pageCount) pages")
        var random = SplitMix(seed: 57)
        var mostPages = 0
        // 40 random edits, then the posting that ends a page taken out (the page joins the next: its file
        // goes) and put back (the page splits again).
        var ending: (item: Int, weight: Int)?
        for step in 0..<42 {
            if step == 40 {
                let shard = try #require(try JSONSerialization.jsonObject(with: Data(before["vi/search-index/w/6861.json"]!)) as? [String: Any])
                let item = try #require(((shard["m"] as? [String: [String]])?["ha"])?.first.flatMap { Int($0) })
                ending = (item, entries[item].weights["ha"]!)
            }
            let item = step < 40 ? Int.random(in: 0..<entries.count, using: &random) : ending!.item
            var entry = entries[item]
            switch step < 40 ? step % 4 : step {
            case 40: entry.weights["ha"] = nil
            case 41: entry.weights["ha"] = ending!.weight
            case 0: entry.weights["ha"] = Int.random(in: 1...60, using: &random)
            case 1: entry.weights["ha"] = 1
            case 2: entry.weights["ha"] = nil
            default: entry.weights["ha"] = (entry.weights["ha"] ?? 0) + Int.random(in: 1...5, using: &random)
            }
            entries[item] = entry
            let after = files(SearchIndex(entries: entries))
            let replacement = index.replace(item, with: entry, language: .vi)
            let returned = try #require(replacement, "step \(step)")
            let paths = Set(returned.files.map(\.path))
            for file in returned.files { #expect(after[file.path] == file.bytes, "step \(step): \(file.path) differs from a fresh index") }
            for (path, bytes) in after where before[path] != bytes {
                #expect(paths.contains(path), "step \(step): \(path) changed but was not returned")
            }
            #expect(Set(returned.removed) == Set(before.keys).subtracting(after.keys), "step \(step): the pages that went")
            if step == 40 { #expect(returned.removed == ["vi/search-index/w/6861-\(item).json"]) }
            if step == 41 { #expect(returned.removed.isEmpty && paths.contains("vi/search-index/w/6861-\(item).json")) }
            #expect(files(index) == after, "step \(step): the index is not the fresh one")
            mostPages = max(mostPages, paths.count { $0.hasPrefix("vi/search-index/w/6861-") })
            before = after
        }
        #expect(mostPages <= 5, "an edit made \(mostPages) of the word's \(pageCount) pages")
    }

    /// Two common words in one shard ("hai" and "han", each in every item, past what a shard keeps): an edit
    /// of one rewrites the shard with the other's part as the last edit wrote it. Edits of either, in turn,
    /// and an edit undone, give a fresh index's bytes every time.
    @Test func aShardOfTwoCommonWordsStaysRightWhicheverWordAnEditChanges() throws {
        var entries = (0..<2_100).map { item in
            SearchIndex.Entry(meta: .object(["u": .string("/vi/plans/p\(item)/")]),
                              weights: ["hai": 1 + (item * 7919) % 13, "han": 1 + (item * 104_729) % 11])
        }
        var index = SearchIndex(entries: entries)
        #expect(index.keys == ["ha"], "both words are in one shard")
        let edits: [(item: Int, word: String, weight: Int?)] = [
            (9, "hai", 40), (9, "han", 40), (2_050, "hai", 1), (9, "hai", 2), (300, "han", nil), (300, "han", 3),
        ]
        for (step, edit) in edits.enumerated() {
            let before = entries[edit.item]
            var entry = before
            entry.weights[edit.word] = edit.weight
            entries[edit.item] = entry
            let replacement = index.replace(edit.item, with: entry, language: .vi)
            let returned = try #require(replacement, "step \(step)")
            let fresh = Self.files(SearchIndex(entries: entries))
            #expect(returned.files.contains { $0.path == "vi/search-index/w/6861.json" }, "step \(step)")
            let wrong = returned.files.filter { fresh[$0.path] != $0.bytes }.map(\.path)
            #expect(wrong.isEmpty, "step \(step): \(wrong) differ from a fresh index")
            #expect(Self.differing(Self.files(index), fresh).isEmpty, "step \(step): \(Self.differing(Self.files(index), fresh))")
        }
        // An edit undone (as a failed rebuild undoes it): the index is the one before the edit.
        let original = Self.files(index)
        var changed = entries[44]
        changed.weights["hai"] = 60
        _ = index.replace(44, with: changed, language: .vi)
        _ = index.replace(44, with: entries[44], language: .vi)
        #expect(Self.differing(Self.files(index), original).isEmpty)
    }

    static func files(_ index: SearchIndex) -> [String: [UInt8]] {
        Dictionary(uniqueKeysWithValues: index.files(language: .vi).map { ($0.path, $0.bytes) })
    }

    /// The paths whose bytes differ between two sets of files, or that only one of them has.
    static func differing(_ a: [String: [UInt8]], _ b: [String: [UInt8]]) -> [String] {
        Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
    }

    @Test func replacingAnItemWritesWhatAFreshIndexHas() throws {
        var entries = Self.entries(count: 400, wordsPerItem: 60)
        var index = SearchIndex(entries: entries)
        let replacement = Self.entries(count: 400, wordsPerItem: 60, offset: 5)[17]
        let replaced = index.replace(17, with: replacement, language: .vi)
        let files = try #require(replaced).files
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

/// The index made as the plans are linked (`SearchIndexStream`, items in any order, postings packed and
/// spilled to scratch files as they come) writes the files the index made from all the items at once writes.
@Suite("search index, streamed")
struct SearchIndexStreamTests {
    /// Collects what the stream writes, from any thread.
    final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var files: [String: [UInt8]] = [:]
        func add(_ file: OutputFile) { lock.withLock { files[file.path] = file.bytes } }
        var all: [String: [UInt8]] { lock.withLock { files } }
    }

    /// 4,503 items share "ha" (more postings than a shard keeps: the rest go to pages) with weights that tie
    /// often; items come in an order shuffled by a fixed generator, on all cores.
    static func streamed(spill: PostingSpill?, bufferedPostings: Int) -> (expected: [String: [UInt8]], streamed: [String: [UInt8]], chunks: Int) {
        var entries = SearchIndexTests.entries(count: 4_503, wordsPerItem: 3)
        for item in entries.indices { entries[item].weights["ha"] = 1 + (item * 7919) % 13 }
        let collected = Collected()
        let stream = SearchIndexStream(language: .vi, itemCount: entries.count, spill: spill, bufferedPostings: bufferedPostings,
                                       write: collected.add)
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
        return (expected, collected.all, stream.chunksWritten)
    }

    @Test func itemsInAnyOrderOnAllCoresGiveTheFilesOfTheWholeIndex() {
        let (expected, streamed, chunks) = Self.streamed(spill: nil, bufferedPostings: SearchIndexStream.bufferedPostings)
        #expect(streamed.count == expected.count)
        #expect(chunks == SearchIndex.chunkCount(items: 4_503))
        for (path, bytes) in expected { #expect(streamed[path] == bytes, "\(path) differs") }
        // "ha" (6861 in hex) has its shard's 2,000 postings and pages for the other 2,503.
        #expect(expected.keys.count { $0.contains("/w/6861-") } >= 2)
    }

    @Test func postingsSpilledToScratchFilesGiveTheSameFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plansite-spill-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let failures = Collected()
        let spill = PostingSpill(folder: folder, name: "vi", report: { failures.add(OutputFile(path: "\($0)", bytes: [])) })
        let (expected, streamed, _) = Self.streamed(spill: spill, bufferedPostings: 97)
        #expect(failures.all.isEmpty)
        #expect(streamed.count == expected.count)
        for (path, bytes) in expected { #expect(streamed[path] == bytes, "\(path) differs") }
        // The scratch files are gone, and their folder with them.
        #expect(!FileManager.default.fileExists(atPath: folder))
    }

    @Test func aScratchFileThatCannotBeWrittenIsReported() {
        let failures = Collected()
        // A folder under a file cannot be made.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("plansite-spill-file-\(UUID().uuidString)").path
        _ = FileManager.default.createFile(atPath: file, contents: Data())
        defer { try? FileManager.default.removeItem(atPath: file) }
        let spill = PostingSpill(folder: file + "/scratch", name: "vi", report: { failures.add(OutputFile(path: "\($0)", bytes: [])) })
        _ = Self.streamed(spill: spill, bufferedPostings: 97)
        #expect(!failures.all.isEmpty)
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

