/// How a common word's postings past its shard are cut into pages (`SearchIndex`): where a page ends, what
/// the pages of a ranked list are, and which of them an edit at some ranks touches.
extension SearchIndex {
    /// A word's postings in its shard, from the postings as `groups` keeps them: the `shardPostings`
    /// heaviest (ties: the first items), by item.
    static func head(of postings: [(item: Int, weight: Int)]) -> [(item: Int, weight: Int)] {
        guard postings.count > shardPostings else {
            let byItem = zip(postings, postings.dropFirst()).allSatisfy { $0.item < $1.item }
            return byItem ? postings : postings.sorted { $0.item < $1.item }
        }
        return postings[..<shardPostings].sorted { $0.item < $1.item }
    }

    /// One page of a word's postings past its shard: the ranks it holds, and its name.
    struct Page: Equatable {
        /// The item of the posting that ends it (`endsPage`), or `e` for the last page when no such posting
        /// ends it.
        var name: String
        var ranks: Range<Int>
    }

    /// Whether a page ends after `posting`: one posting in `pageMean` does, chosen by a hash of its item and
    /// weight. Where the pages are cut depends on the postings around the cut alone, so a posting that comes
    /// or goes changes its own page (splits it, when the posting ends a page; joins it to the next, when it
    /// ended one), and every other page keeps its postings and its name however far the ranks shift.
    static func endsPage(_ posting: (item: Int, weight: Int)) -> Bool {
        var hash = UInt64(truncatingIfNeeded: posting.item) << 8 | UInt64(truncatingIfNeeded: posting.weight & 0xFF)
        hash = (hash ^ (hash >> 31)) &* 0x7FB5_D329_728E_A185
        hash = (hash ^ (hash >> 27)) &* 0x81DA_DEF4_BC2D_D44D
        return (hash ^ (hash >> 33)) % UInt64(pageMean) == 0
    }

    /// The pages of a word's postings (ranked, as `groups` keeps them past `shardPostings`), in order, from
    /// the postings that end them (`pageEnds`).
    static func pages(of postings: [(item: Int, weight: Int)], ends: [(item: Int, weight: Int)]) -> [Page] {
        guard postings.count > shardPostings else { return [] }
        var next = insertionIndex(of: postings[shardPostings], in: ends, by: ranks)
        var start = shardPostings
        var pages: [Page] = []
        while next < ends.count {
            let rank = insertionIndex(of: ends[next], in: postings, by: ranks)
            pages.append(Page(name: String(ends[next].item), ranks: start..<rank + 1))
            start = rank + 1
            next += 1
        }
        if start < postings.count { pages.append(Page(name: "e", ranks: start..<postings.count)) }
        return pages
    }

    /// The pages of a word's ranked postings that hold a rank in `low...high` (clamped to the pages' ranks).
    static func pages(of postings: [(item: Int, weight: Int)], around low: Int, _ high: Int) -> [Page] {
        guard postings.count > shardPostings else { return [] }
        let low = min(max(low, shardPostings), postings.count - 1)
        let high = min(max(high, low), postings.count - 1)
        var start = low
        while start > shardPostings, !endsPage(postings[start - 1]) { start -= 1 }
        var pages: [Page] = []
        var index = start
        while index < postings.count {
            if endsPage(postings[index]) {
                pages.append(Page(name: String(postings[index].item), ranks: start..<index + 1))
                start = index + 1
                if index >= high { return pages }
            }
            index += 1
        }
        if start < postings.count { pages.append(Page(name: "e", ranks: start..<postings.count)) }
        return pages
    }

    /// The pages of a word's ranked postings that hold a rank next to one of `ranks` (one either side: a page
    /// that a posting ended joins the next), in order, each once. A rank in the shard gives the first page
    /// (`pages(of:around:)` clamps it): a posting then crosses the shard's end.
    static func pages(of postings: [(item: Int, weight: Int)], near ranks: [Int]) -> [Page] {
        var pages: [String: Page] = [:]
        for (low, high) in ranks.map({ ($0 - 1, $0 + 1) }) {
            for page in Self.pages(of: postings, around: low, high) { pages[page.name] = page }
        }
        return pages.values.sorted { $0.ranks.lowerBound < $1.ranks.lowerBound }
    }

    /// Whether `postings` (ranked) still have the page `page` named, as it was cut from postings before an
    /// edit: its end posting is still past the shard, or, for the last page, the last posting ends no page.
    static func hasPage(_ page: Page, endedBy end: (item: Int, weight: Int), in postings: [(item: Int, weight: Int)]) -> Bool {
        guard postings.count > shardPostings else { return false }
        if page.name == "e" { return !endsPage(postings[postings.count - 1]) }
        let index = insertionIndex(of: end, in: postings, by: ranks)
        return index >= shardPostings && index < postings.count && postings[index] == end
    }
}
