/// The search index of one language, split so that a query loads only what it needs (as Pagefind does):
///
/// - `search-index.json`, the manifest: the shard keys that exist, the chunk size and the item count;
/// - `search-index/w/<key>.json`, one word shard per key: the words that begin with the key, each with its
///   postings, pairs of item number and weight. A key is the first two letters of the folded words (`ho`
///   for `hoc`, `hoi`, `hong` …); a shard that would pass `shardBudget` is split by one letter more (`th`
///   into `th` for the word "th" itself, `tha`, `thi`, `tho` …), so a shard stays small however large the
///   corpus, and a word is in the shard of the longest key it begins with. A word in more than
///   `shardPostings` items keeps its heaviest in the shard and the rest, heaviest first, in pages
///   `search-index/w/<word>-<page>.json` (`{"p":[item,weight,…]}`) that the shard lists in order
///   (`"m":{word:["812","5540","e"]}`): a query fetches them only when the postings it has do not give a
///   page of results. The pages are cut where the postings say so, not by count (`endsPage`), and named by
///   the posting that ends them, so that an edit changes the page of the posting it moves and no other;
/// - `search-index/i/<n>.json`, the items in chunks of `chunkSize`: what a result shows.
///
/// A query fetches the manifest, the shards of its words' keys, then the chunks of the results it shows. A
/// word's weight in an item is how often the item's text uses it (at most 20), plus 50 when it is in the
/// symbol, 10 in the title and 5 in the issuer, the ranking the search had when it loaded everything.
struct SearchIndex {
    /// One item: what a result shows (`d i k s t u x`) and the folded words that find it, with weights.
    struct Entry {
        var meta: JSONValue
        var weights: [String: Int]
    }

    /// Items per chunk: a page of 20 results fetches at most 20 small files, not the items of the whole site.
    static let chunkSize = 5
    /// Postings of a word in its shard, the heaviest: a word in most plans would otherwise weigh more than a
    /// phone should fetch for one query. The rest are in pages (`Page`), heaviest first. The site's
    /// own words are far below it.
    static let shardPostings = 2_000
    /// Postings per page on average, past the shard (`endsPage`).
    static let pageMean = 1_000

    /// The size a word shard is kept under, in bytes (estimated), unless its key is `longestKey` scalars.
    static let shardBudget = 48 * 1024
    static let longestKey = 6

    /// The items, when the index was made from them (an index made from postings streamed in has none: its
    /// chunks were written as they filled).
    private(set) var entries: [Entry]
    let itemCount: Int
    /// Group (the first two scalars of its words) → word → postings (item, weight): by item while they fit
    /// the word's shard, ranked as they are published (heaviest first, ties by item) past `shardPostings`,
    /// so that an edit moves one posting of a common word instead of sorting them all again.
    private var groups: [String: [String: [(item: Int, weight: Int)]]] = [:]
    /// Group → its shard keys → the words of each shard, sorted.
    private var layouts: [String: [String: [String]]] = [:]
    /// Word → its postings that end a page (`endsPage`), ranked, those in the shard among them; for the
    /// words whose postings are ranked (past `shardPostings`). A word's pages are known from these and a
    /// binary search each, without a pass over its postings: an edit writes the shards of its words, and a
    /// shard lists the pages of every common word in it.
    private var pageEnds: [String: [(item: Int, weight: Int)]] = [:]
    /// Each word's part of its shard as an edit last wrote it (`replace`), for the words of the shards that
    /// edits wrote: a shard lists the 2,000 heaviest postings of each common word in it, sorted by item, and an
    /// edit that changes one word of it would sort and write those of the others again. A word's part is
    /// made again when its postings change.
    private var wordParts: [String: WordPart] = [:]

    /// A word's share of its shard: its postings there as JSON (`[3,12,40,2]`) and its pages past the shard.
    struct WordPart {
        var postings: [UInt8]
        var pages: [Page]
    }

    init(entries: [Entry]) {
        // Postings by word first, then words by group: the group key is made once per word, not per posting.
        var postings: [String: [(item: Int, weight: Int)]] = [:]
        postings.reserveCapacity(entries.count * 8)
        for (item, entry) in entries.enumerated() {
            for (word, weight) in entry.weights { postings[word, default: []].append((item, weight)) }
        }
        self.init(postings: postings, itemCount: entries.count)
        self.entries = entries
    }

    /// An index of `itemCount` items (or of some groups of words of them, as `SearchIndexStream` writes it)
    /// from each word's postings, in any order.
    init(postings: [String: [(item: Int, weight: Int)]], itemCount: Int) {
        self.entries = []
        self.itemCount = itemCount
        for (word, list) in postings {
            guard list.count > Self.shardPostings else {
                groups[Self.key(of: word), default: [:]][word] = list
                continue
            }
            let ranked = list.sorted(by: Self.ranks)
            groups[Self.key(of: word), default: [:]][word] = ranked
            pageEnds[word] = ranked.filter(Self.endsPage)
        }
        for group in groups.keys { layouts[group] = Self.layout(groups[group]!, key: group) }
    }

    /// Whether posting `a` is published before `b`: heavier first, ties by the first item.
    static func ranks(_ a: (item: Int, weight: Int), before b: (item: Int, weight: Int)) -> Bool {
        a.weight != b.weight ? a.weight > b.weight : a.item < b.item
    }

    var keys: [String] { layouts.values.flatMap(\.keys).sorted() }

    /// The group of a word: its first two Unicode scalars (one for a word of one), as the browser cuts it.
    static func key(of word: String) -> String { String(String.UnicodeScalarView(word.unicodeScalars.prefix(2))) }

    /// The shards of a group: one under the budget, else the word equal to the key (kept, even empty, so a
    /// split shard's file never goes away) and a split by the next letter, recursively.
    static func layout(_ words: [String: [(item: Int, weight: Int)]], key: String) -> [String: [String]] {
        let size = words.reduce(0) { $0 + $1.key.utf8.count + 6 + min($1.value.count, shardPostings) * 9 }
        let length = key.unicodeScalars.count
        guard size > shardBudget, length < longestKey else { return [key: words.keys.sorted()] }
        var layout: [String: [String]] = [key: words.keys.filter { $0.unicodeScalars.count == length }.sorted()]
        var children: [String: [String: [(item: Int, weight: Int)]]] = [:]
        for (word, postings) in words where word.unicodeScalars.count > length {
            children[String(String.UnicodeScalarView(word.unicodeScalars.prefix(length + 1))), default: [:]][word] = postings
        }
        for (child, childWords) in children { layout.merge(Self.layout(childWords, key: child)) { first, _ in first } }
        return layout
    }

    /// A key as a file name: the hex of its UTF-8, safe for any script and for `/` and `.` in symbols.
    static func fileName(_ key: String) -> String {
        key.utf8.map { byte in String(byte, radix: 16).count == 1 ? "0" + String(byte, radix: 16) : String(byte, radix: 16) }.joined()
    }

    /// Every file of the index.
    func files(language: Language) -> [OutputFile] {
        wordFiles(language: language) + (0..<chunkCount).map { chunk($0, language: language) }
    }

    /// The manifest, the word shards and their words' pages.
    func wordFiles(language: Language) -> [OutputFile] {
        [manifest(language: language)] + shardFiles(language: language)
    }

    /// The word shards and their words' pages (no manifest).
    func shardFiles(language: Language) -> [OutputFile] {
        keys.flatMap { shardFiles($0, language: language) }
    }

    var chunkCount: Int { Self.chunkCount(items: itemCount) }
    static func chunkCount(items: Int) -> Int { max(1, (items + chunkSize - 1) / chunkSize) }

    func manifest(language: Language) -> OutputFile { Self.manifest(keys: keys, itemCount: itemCount, language: language) }

    /// The manifest of an index of `itemCount` items whose shards have `keys`, sorted.
    static func manifest(keys: [String], itemCount: Int, language: Language) -> OutputFile {
        var bytes = Array("{\"v\":2,\"count\":\(itemCount),\"chunk\":\(Self.chunkSize),\"words\":".utf8)
        JSONValue.writeString(SiteURLs.searchWordsFolder(language), to: &bytes)
        bytes += Array(",\"items\":".utf8)
        JSONValue.writeString(SiteURLs.searchItemsFolder(language), to: &bytes)
        bytes += Array(",\"keys\":[".utf8)
        for (position, key) in keys.enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONValue.writeString(key, to: &bytes)
        }
        bytes += Array("]}".utf8)
        return OutputFile(path: SiteURLs.file(for: SiteURLs.searchIndex(language)), bytes: bytes)
    }

    /// `{"w":{"hoc":[3,12,40,2],…}}`: each word's postings as item, weight, item, weight ….
    func shard(_ key: String, language: Language) -> OutputFile { shardFiles(key, language: language)[0] }

    /// The shard of `key`, then the pages of its words that have more postings than the shard keeps, word by
    /// word: `{"w":{"quang":[…],…},"m":{"quang":["812","e"]}}` and `{"p":[…]}`; when `pages` is given, only
    /// the pages it names (word → page names).
    func shardFiles(_ key: String, language: Language, pages named: [String: Set<String>]? = nil) -> [OutputFile] {
        var bytes = Array("{\"w\":{".utf8)
        var more: [(word: String, pages: [Page])] = []
        let group = Self.key(of: key)
        let words = groups[group] ?? [:]
        for (position, word) in (layouts[group]?[key] ?? []).enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONValue.writeString(word, to: &bytes)
            bytes += Array(":".utf8)
            let part = wordParts[word] ?? wordPart(word, postings: words[word]!)
            bytes += part.postings
            if !part.pages.isEmpty { more.append((word, part.pages)) }
        }
        bytes += Array("}".utf8)
        if !more.isEmpty {
            bytes += Array(",\"m\":{".utf8)
            for (position, word) in more.enumerated() {
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                JSONValue.writeString(word.word, to: &bytes)
                bytes += Array(":[".utf8)
                for (number, page) in word.pages.enumerated() {
                    if number > 0 { bytes.append(UInt8(ascii: ",")) }
                    JSONValue.writeString(page.name, to: &bytes)
                }
                bytes += Array("]".utf8)
            }
            bytes += Array("}".utf8)
        }
        bytes += Array("}".utf8)
        var files = [OutputFile(path: SiteURLs.file(for: SiteURLs.searchWords(language, Self.fileName(key))), bytes: bytes)]
        for (word, pages) in more {
            let postings = words[word]!
            for page in pages where named.map({ $0[word]?.contains(page.name) ?? false }) ?? true {
                var bytes = Array("{\"p\":".utf8)
                Self.writePostings(postings[page.ranks].sorted { $0.item < $1.item }, to: &bytes)
                bytes += Array("}".utf8)
                files.append(OutputFile(path: Self.pagePath(word, page.name, language: language), bytes: bytes))
            }
        }
        return files
    }

    /// `word`'s share of its shard, made from its postings.
    private func wordPart(_ word: String, postings: [(item: Int, weight: Int)]) -> WordPart {
        var bytes: [UInt8] = []
        Self.writePostings(Self.head(of: postings), to: &bytes)
        return WordPart(postings: bytes, pages: pageEnds[word].map { Self.pages(of: postings, ends: $0) } ?? [])
    }

    /// The shard files of `key` (`shardFiles`), with the share of each of its words kept for the next edit.
    private mutating func keepingWordParts(_ key: String, language: Language, pages named: [String: Set<String>]? = nil) -> [OutputFile] {
        let group = Self.key(of: key)
        for word in layouts[group]?[key] ?? [] where wordParts[word] == nil {
            wordParts[word] = wordPart(word, postings: groups[group]![word]!)
        }
        return shardFiles(key, language: language, pages: named)
    }

    /// Where page `name` of `word` is written.
    static func pagePath(_ word: String, _ name: String, language: Language) -> String {
        SiteURLs.file(for: SiteURLs.searchWordPage(language, fileName(word), name))
    }

    /// `[3,12,40,2]`: item, weight, item, weight ….
    /// The numbers go straight into a buffer of the longest they can be, appended in one go: an edit writes the
    /// 2,000 postings of each common word it changes, and a byte-by-byte append cost more than the numbers.
    private static func writePostings(_ postings: [(item: Int, weight: Int)], to bytes: inout [UInt8]) {
        let written = [UInt8](unsafeUninitializedCapacity: 2 + postings.count * 2 * (JSONValue.maxIntegerLength + 1)) { buffer, count in
            buffer[0] = UInt8(ascii: "[")
            var at = 1
            for (index, posting) in postings.enumerated() {
                if index > 0 {
                    buffer[at] = UInt8(ascii: ",")
                    at += 1
                }
                at = JSONValue.putInteger(posting.item, into: buffer, at: at)
                buffer[at] = UInt8(ascii: ",")
                at = JSONValue.putInteger(posting.weight, into: buffer, at: at + 1)
            }
            buffer[at] = UInt8(ascii: "]")
            count = at + 1
        }
        bytes += written
    }

    /// `{"items":[…]}`: the items `number × chunkSize` onwards.
    func chunk(_ number: Int, language: Language) -> OutputFile {
        let range = number * Self.chunkSize..<min(entries.count, (number + 1) * Self.chunkSize)
        return Self.chunk(number, items: entries[range].map(\.meta.bytes), language: language)
    }

    /// Chunk `number` from its items' JSON.
    static func chunk(_ number: Int, items: [[UInt8]], language: Language) -> OutputFile {
        var bytes = Array("{\"items\":[".utf8)
        for (position, item) in items.enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes += item
        }
        bytes += Array("]}".utf8)
        return OutputFile(path: SiteURLs.file(for: SiteURLs.searchItems(language, number)), bytes: bytes)
    }

    /// What an edit of one item changes in the index's files.
    struct Replacement {
        /// The files made again: the item's chunk, shards, pages, the manifest when a shard is new.
        var files: [OutputFile]
        /// The pages of common words that are no longer (a posting that ended one went, or a word's postings
        /// came down to what its shard holds): their files must go.
        var removed: [String]
    }

    /// Replaces item `position` and returns the files that change: its chunk, the shards of the words whose
    /// weight in it changed (all of a group's shards when its split changes) with the pages of those words
    /// that hold the posting's old or new rank, and the manifest when a shard is new; and the pages that go.
    /// Nil when a shard is no longer needed (its file would have to go, and the manifest changes): then only
    /// a full build gives what a clean build gives.
    mutating func replace(_ position: Int, with entry: Entry, language: Language) -> Replacement? {
        let old = entries[position]
        // Only the words whose weight in this item changed have other postings (an edit changes a few).
        let words = Set(old.weights.keys).union(entry.weights.keys).filter { old.weights[$0] != entry.weights[$0] }
        let touched = Set(words.map(Self.key(of:)))
        for word in words { wordParts[word] = nil }
        // The pages of each word that change: those next to its posting's old or new rank (`pages(of:near:)`).
        // The others keep their postings, however their ranks shift: their ends are the same postings.
        var changedPages: [String: Set<String>] = [:]
        var removed: [String] = []
        for word in words {
            let group = Self.key(of: word)
            let countBefore = groups[group]?[word]?.count ?? 0
            let countAfter = countBefore - (old.weights[word] == nil ? 0 : 1) + (entry.weights[word] == nil ? 0 : 1)
            // The pages before: those around the old rank and the new one (as ranked before the edit), or all
            // of them when the word will have none.
            var pagesBefore: [(page: Page, end: (item: Int, weight: Int))] = []
            if countBefore > Self.shardPostings, let postings = groups[group]?[word] {
                let ranks = [old.weights[word], entry.weights[word]].compactMap { weight in
                    weight.map { Self.insertionIndex(of: (position, $0), in: postings, by: Self.ranks) }
                }
                let pages = countAfter > Self.shardPostings ? Self.pages(of: postings, near: ranks)
                    : Self.pages(of: postings, ends: pageEnds[word] ?? [])
                pagesBefore = pages.map { ($0, postings[$0.ranks.upperBound - 1]) }
            }
            var oldRank: Int?, newRank: Int?
            if let weight = old.weights[word] {
                oldRank = removePosting((position, weight), word: word, group: group)
            }
            if let weight = entry.weights[word] {
                newRank = insertPosting((position, weight), word: word, group: group)
            }
            updatePageEnds(word, group: group, removed: old.weights[word].map { (position, $0) },
                           added: entry.weights[word].map { (position, $0) }, wasRanked: countBefore > Self.shardPostings)
            guard let postings = groups[group]?[word], postings.count > Self.shardPostings else {
                removed += pagesBefore.map { Self.pagePath(word, $0.page.name, language: language) }
                continue
            }
            let ranks = [oldRank, newRank].compactMap { $0 }
            let pagesAfter = countBefore <= Self.shardPostings || ranks.isEmpty ? Self.pages(of: postings, ends: pageEnds[word] ?? [])
                : Self.pages(of: postings, near: ranks)
            let names = Set(pagesAfter.map(\.name))
            changedPages[word] = names
            for (page, end) in pagesBefore where !names.contains(page.name) && !Self.hasPage(page, endedBy: end, in: postings) {
                removed.append(Self.pagePath(word, page.name, language: language))
            }
        }
        entries[position] = entry
        // The layouts of the touched groups are made again before anything returns: the index is whole even
        // when the answer is nil (and replacing the old entry back restores it exactly).
        var layoutsBefore: [String: [String: [String]]] = [:]
        for group in touched {
            layoutsBefore[group] = layouts[group] ?? [:]
            layouts[group] = groups[group].map { Self.layout($0, key: group) }
        }
        var keysChanged = false
        var files: [OutputFile] = []
        for group in touched.sorted() {
            let before = layoutsBefore[group]!
            let after = layouts[group] ?? [:]
            guard Set(before.keys).isSubset(of: after.keys) else { return nil }
            if Set(before.keys) == Set(after.keys) {
                // The same shards: only those of the item's words change.
                let keys = Set(words.filter { Self.key(of: $0) == group }.compactMap { word in
                    after.keys.filter { word.unicodeScalars.starts(with: $0.unicodeScalars) }.max { $0.unicodeScalars.count < $1.unicodeScalars.count }
                })
                for key in keys.sorted() { files += keepingWordParts(key, language: language, pages: changedPages) }
            } else {
                keysChanged = true
                for key in after.keys.sorted() { files += keepingWordParts(key, language: language) }
            }
        }
        files += [chunk(position / Self.chunkSize, language: language)] + (keysChanged ? [manifest(language: language)] : [])
        return Replacement(files: files, removed: removed.sorted())
    }

    /// Keeps `pageEnds` of `word` after `removed` went from its postings and `added` came in.
    private mutating func updatePageEnds(_ word: String, group: String, removed: (item: Int, weight: Int)?,
                                         added: (item: Int, weight: Int)?, wasRanked: Bool) {
        guard let postings = groups[group]?[word], postings.count > Self.shardPostings else {
            pageEnds[word] = nil
            return
        }
        guard wasRanked, var ends = pageEnds[word] else {
            pageEnds[word] = postings.filter(Self.endsPage)
            return
        }
        if let removed, Self.endsPage(removed) {
            let index = Self.insertionIndex(of: removed, in: ends, by: Self.ranks)
            if index < ends.count, ends[index] == removed { ends.remove(at: index) }
        }
        if let added, Self.endsPage(added) {
            ends.insert(added, at: Self.insertionIndex(of: added, in: ends, by: Self.ranks))
        }
        pageEnds[word] = ends
    }

    /// Takes `posting` out of `word`'s postings; returns its rank when they were ranked (more than
    /// `shardPostings`). Postings that come down to `shardPostings` are kept by item again.
    private mutating func removePosting(_ posting: (item: Int, weight: Int), word: String, group: String) -> Int? {
        guard let count = groups[group]?[word]?.count else { return nil }
        var rank: Int?
        if count > Self.shardPostings {
            let found = Self.insertionIndex(of: posting, in: groups[group]![word]!, by: Self.ranks)
            guard let index = found < count && groups[group]![word]![found].item == posting.item ? found
                    : groups[group]![word]!.firstIndex(where: { $0.item == posting.item }) else { return nil }
            groups[group]![word]!.remove(at: index)
            rank = index
            if count - 1 == Self.shardPostings { groups[group]![word]!.sort { $0.item < $1.item } }
        } else {
            groups[group]![word]!.removeAll { $0.item == posting.item }
        }
        if groups[group]![word]!.isEmpty { groups[group]![word] = nil }
        if groups[group]!.isEmpty { groups[group] = nil }
        return rank
    }

    /// Puts `posting` into `word`'s postings; returns its rank when they are ranked. Postings that pass
    /// `shardPostings` are ranked from then on.
    private mutating func insertPosting(_ posting: (item: Int, weight: Int), word: String, group: String) -> Int? {
        let count = groups[group]?[word]?.count ?? 0
        guard count >= Self.shardPostings else {
            let postings = groups[group]?[word] ?? []
            let index = Self.insertionIndex(of: posting, in: postings) { $0.item < $1.item }
            groups[group, default: [:]][word, default: []].insert(posting, at: index)
            return nil
        }
        if count == Self.shardPostings { groups[group]![word]!.sort(by: Self.ranks) }
        let index = Self.insertionIndex(of: posting, in: groups[group]![word]!, by: Self.ranks)
        groups[group]![word]!.insert(posting, at: index)
        return index
    }

    /// The first index of `postings` (sorted by `order`) whose posting does not come before `posting`.
    static func insertionIndex(of posting: (item: Int, weight: Int), in postings: [(item: Int, weight: Int)],
                                       by order: ((item: Int, weight: Int), (item: Int, weight: Int)) -> Bool) -> Int {
        var low = 0, high = postings.count
        while low < high {
            let middle = (low + high) / 2
            if order(postings[middle], posting) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
