/// How a document's "Cited by" list in one language is cut into pages, and what an edit changes of them.
///
/// A list of at most `listing_page_size` plans is one page. A longer one is cut where its plans say so, not
/// by count: a page ends after a plan chosen by a hash of its slug, once the page holds a quarter of the page
/// size, and at the latest at three times the page size; pages hold `listing_page_size` plans on average.
/// Page 1 is the document's page; each further page is named by its first plan
/// (`/vi/documents/<slug>/cited-by/<plan slug>/`) and shows no number, only its first and last plan. A plan
/// that comes or goes then changes its own page (splits it when it ends a page, joins it to the next when it
/// ended one), the neighbours' links to it, and page 1 for the count; every other page keeps its plans, its
/// address and its bytes however far the list shifts, so a new citation of a document cited by 10,000 plans
/// rewrites a few of its pages, not a thousand.
enum CitedByPages {
    /// The ranges of `slugs` (the citing plans, in list order) that each page shows, in page order; one empty
    /// range for an empty list.
    static func ranges(_ slugs: [String], pageSize: Int) -> [Range<Int>] {
        guard slugs.count > max(1, pageSize) else { return [0..<slugs.count] }
        let cut = Cut(pageSize: pageSize)
        var ranges: [Range<Int>] = []
        var start = 0
        for (position, slug) in slugs.enumerated() where cut.endsPage(after: slug, length: position + 1 - start) {
            ranges.append(start..<position + 1)
            start = position + 1
        }
        if start < slugs.count { ranges.append(start..<slugs.count) }
        return ranges
    }

    /// Where a list longer than a page is cut.
    struct Cut {
        /// The shortest page, one in `divisor` plans ending a page past it (a mean of the page size), the longest.
        let shortest: Int, divisor: UInt64, longest: Int

        init(pageSize: Int) {
            let size = max(1, pageSize)
            (shortest, longest) = (max(1, size / 4), 3 * size)
            divisor = UInt64(size - shortest + 1)
        }

        /// Whether a page that holds `length` plans, the last of them `slug`, ends there.
        func endsPage(after slug: String, length: Int) -> Bool {
            length >= longest || (length >= shortest && CitedByPages.hash(slug) % divisor == 0)
        }
    }

    /// A list in one language cut into pages.
    struct Layout: Sendable {
        /// The citations, in list order (by plan slug).
        let citations: [Citation]
        let ranges: [Range<Int>]

        init(_ citations: [Citation], pageSize: Int) {
            self.citations = citations
            ranges = CitedByPages.ranges(citations.map(\.planSlug), pageSize: pageSize)
        }

        private init(citations: [Citation], ranges: [Range<Int>]) {
            (self.citations, self.ranges) = (citations, ranges)
        }

        /// This layout with the citation of the plan `slug` taken out and `citation` (of the same plan, nil
        /// for none) put in: what `init` makes of the changed list, with the list cut again only from the
        /// page that holds the change to the first cut that falls where it fell before (past it, every cut
        /// is where it was, so a citation that comes to a list of 60,000 costs a page, not the list).
        func replacing(_ slug: String, with citation: Citation?, pageSize: Int) -> Layout {
            var list = citations
            var (low, high) = (0, list.count)
            while low < high {
                let middle = (low + high) / 2
                if list[middle].planSlug < slug { low = middle + 1 } else { high = middle }
            }
            let change = low, found = low < list.count && list[low].planSlug == slug
            let shift: Int
            switch (found, citation) {
            case (true, let citation?):
                // The same plan: the cuts stay (and the list too, when it quotes the same sentence).
                if list[change].excerpt == citation.excerpt && list[change].target == citation.target { return self }
                list[change] = citation
                return Layout(citations: list, ranges: ranges)
            case (true, nil): list.remove(at: change); shift = -1
            case (false, let citation?): list.insert(citation, at: change); shift = 1
            case (false, nil): return self
            }
            let size = max(1, pageSize)
            guard citations.count > size, list.count > size else { return Layout(list, pageSize: pageSize) }
            // The pages that end before the change keep their cuts; the list is cut again from the next one.
            let first = ranges.firstIndex { $0.upperBound > change } ?? ranges.count - 1
            var cuts = Array(ranges[..<first])
            var start = ranges[first].lowerBound
            // From this position on, the list holds the old plans, `shift` places on.
            let unchangedFrom = shift > 0 ? change + 1 : change
            let cut = Cut(pageSize: pageSize)
            var old = first
            for position in start..<list.count where cut.endsPage(after: list[position].planSlug, length: position + 1 - start) {
                cuts.append(start..<position + 1)
                start = position + 1
                guard position >= unchangedFrom else { continue }
                let oldEnd = start - shift
                while old < ranges.count && ranges[old].upperBound < oldEnd { old += 1 }
                if old < ranges.count && ranges[old].upperBound == oldEnd {
                    // The next page starts at the same plan as before: from here on, the old cuts, shifted.
                    cuts += ranges[(old + 1)...].map { ($0.lowerBound + shift)..<($0.upperBound + shift) }
                    return Layout(citations: list, ranges: cuts)
                }
            }
            if start < list.count { cuts.append(start..<list.count) }
            return Layout(citations: list, ranges: cuts)
        }

        var count: Int { ranges.count }

        /// Whether the two layouts cut the same plans, with the same sentences, into the same pages. A layout
        /// that an edit left as it was shares its list, which tells it without a look at the plans.
        func hasSameList(as other: Layout) -> Bool {
            guard citations.count == other.citations.count, ranges == other.ranges else { return false }
            let shared = citations.withUnsafeBufferPointer { mine in
                other.citations.withUnsafeBufferPointer { $0.baseAddress == mine.baseAddress }
            }
            return shared || zip(citations, other.citations).allSatisfy { $0.planSlug == $1.planSlug && $0.excerpt == $1.excerpt }
        }

        /// A document's "Cited by" list (`ResolvedSite.citedBy`, both languages) cut into pages in each language,
        /// in one pass over it.
        static func both(_ citations: [Citation], pageSize: Int) -> [Language: Layout] {
            var lists: [Language: [Citation]] = [:]
            for citation in citations { lists[citation.language, default: []].append(citation) }
            return Dictionary(uniqueKeysWithValues: Language.allCases.map { language in
                (language, Layout(PageContext.citedByOrder(lists[language] ?? []), pageSize: pageSize))
            })
        }

        /// The name of page `index` (from 0): nil for page 1, else the slug of its first plan.
        func key(_ index: Int) -> String? { index == 0 ? nil : citations[ranges[index].lowerBound].planSlug }

        /// The index of the page named `key`, if there is one.
        func index(of key: String?) -> Int? {
            guard let key else { return 0 }
            let found = lastPage(startingAtOrBefore: key)
            return found > 0 && self.key(found) == key ? found : nil
        }

        /// The last page whose first plan's slug is at most `slug` (page 1 when there is none): the page that
        /// holds that plan, or where it would be.
        func lastPage(startingAtOrBefore slug: String) -> Int {
            var (low, high) = (1, ranges.count)  // the answer is in low - 1 ..< high
            while low < high {
                let middle = (low + high) / 2
                if citations[ranges[middle].lowerBound].planSlug <= slug { low = middle + 1 } else { high = middle }
            }
            return low - 1
        }

        /// Where the language switch of page `index` leads in `other`: the page there of the same name (then
        /// it is this page's translation), else the page that holds this one's first plan, else page 1.
        func translation(of index: Int, in other: Layout) -> (page: Int, twin: Bool) {
            guard let key = key(index) else { return (0, true) }
            if let twin = other.index(of: key) { return (twin, true) }
            return (other.lastPage(startingAtOrBefore: key), false)
        }
    }

    /// What a page shows that depends on the list: its plans with their sentences, its neighbours' names,
    /// where its language switch leads, and on page 1 the count. Two pages of the same name and the same face
    /// have the same bytes. With `sameSwitch`, the other language's pages are known to be the same before and
    /// after, so the switch of a page of the same name leads to the same page and is not looked up.
    private static func sameFace(_ a: Layout, _ i: Int, other aOther: Layout, _ b: Layout, _ j: Int, other bOther: Layout,
                                 sameSwitch: Bool = false) -> Bool {
        let (was, now) = (a.ranges[i], b.ranges[j])
        guard was.count == now.count,
              zip(a.citations[was], b.citations[now]).allSatisfy({ $0.planSlug == $1.planSlug && $0.excerpt == $1.excerpt }),
              (i == 0) == (j == 0), (i == 0 ? a.citations.count == b.citations.count : a.key(i - 1) == b.key(j - 1)),
              (i + 1 < a.count) == (j + 1 < b.count), i + 1 == a.count || a.key(i + 1) == b.key(j + 1) else { return false }
        if sameSwitch { return true }
        let (wasSwitch, nowSwitch) = (a.translation(of: i, in: aOther), b.translation(of: j, in: bOther))
        return wasSwitch.twin == nowSwitch.twin && aOther.key(wasSwitch.page) == bOther.key(nowSwitch.page)
    }

    /// The pages of a document in `language` that an edit of its lists changes: those to render (by name, nil
    /// for page 1, in page order), and those that are no longer. `before` and `after` hold both languages.
    ///
    /// An edit changes one language's list (a plan's file is in one language). Then the pages of the two
    /// layouts are matched by name in one walk (the names follow the list's order), not by a search for each
    /// page, and a switch is looked up only where the other language's pages changed their names: a list cited
    /// by a national corpus has thousands of pages, and a search per page cost more than the rest of the edit.
    static func changes(in language: Language, before: [Language: Layout], after: [Language: Layout])
        -> (render: [String?], gone: [String]) {
        let (was, wasOther, now, nowOther) = (before[language]!, before[language.other]!, after[language]!, after[language.other]!)
        let otherSame = wasOther.hasSameList(as: nowOther)
        if !otherSame && was.hasSameList(as: now) {
            return (switchChanges(of: now, before: wasOther, after: nowOther), [])
        }
        var render: [String?] = []
        var gone: [String] = []
        var old = 1  // the next page of `was` not yet matched (page 1 matches page 1)
        for index in 0..<now.count {
            var match: Int?
            if let key = now.key(index) {
                while old < was.count, was.key(old)! < key {
                    gone.append(was.key(old)!)
                    old += 1
                }
                if old < was.count, was.key(old) == key {
                    match = old
                    old += 1
                }
            } else {
                match = 0
            }
            let same = match.map { sameFace(was, $0, other: wasOther, now, index, other: nowOther, sameSwitch: otherSame) } ?? false
            if !same { render.append(now.key(index)) }
        }
        gone += (old..<was.count).compactMap(was.key)
        return (render, gone)
    }

    /// The pages of `layout` whose language switch leads elsewhere once the other language's pages went from
    /// `before` to `after` (its own pages being the same). A switch leads to the other language's page of the
    /// same name, else to the last one whose name comes before: only a page whose name comes after a name that
    /// came or went, and before the next name that stayed, can change.
    private static func switchChanges(of layout: Layout, before: Layout, after: Layout) -> [String?] {
        // The names that came or went, in order, by a walk of both lists of names.
        var changed: [String] = []
        var (i, j) = (1, 1)
        while i < before.count || j < after.count {
            let a = i < before.count ? before.key(i) : nil, b = j < after.count ? after.key(j) : nil
            if let a, let b, a == b {
                (i, j) = (i + 1, j + 1)
            } else if let a, b.map({ a < $0 }) ?? true {
                changed.append(a)
                i += 1
            } else {
                changed.append(b!)
                j += 1
            }
        }
        guard let first = changed.first, let last = changed.last else { return [] }
        // Past the next name after the last change (it stayed, as every name after it did), a switch leads where it did.
        let stayed = after.lastPage(startingAtOrBefore: last) + 1
        let bound = stayed < after.count ? after.key(stayed) : nil
        var render: [String?] = []
        var index = layout.lastPage(startingAtOrBefore: first)
        while index < layout.count {
            if let key = layout.key(index) {
                if let bound, key >= bound { break }
                if key >= first, !sameFace(layout, index, other: before, layout, index, other: after) { render.append(key) }
            }
            index += 1
        }
        return render
    }

    /// FNV-1a over the slug's UTF-8, then mixed (splitmix64's finaliser) so that its low bits are even.
    fileprivate static func hash(_ slug: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in slug.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        hash = (hash ^ (hash >> 30)) &* 0xBF58_476D_1CE4_E5B9
        hash = (hash ^ (hash >> 27)) &* 0x94D0_49BB_1331_11EB
        return hash ^ (hash >> 31)
    }
}
