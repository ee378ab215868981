/// How a document's "Cited by" list in one language is cut into pages.
///
/// A list of at most `listing_page_size` plans is one page. A longer one is cut where its plans say so, not
/// by count: a page ends after a plan chosen by a hash of its slug, once the page holds a quarter of the page
/// size, and at the latest at three times the page size; pages hold `listing_page_size` plans on average.
/// A plan that comes or goes then changes its own page (and, when that page was at its longest, the next),
/// and every other page keeps its plans however far the list shifts: a new citation of a document cited by
/// 10,000 plans rewrites two of its pages (page 1 shows the count), not a thousand. About one citation in
/// `listing_page_size` that comes or goes ends a page or joins two, and so changes how many pages there are.
enum CitedByPages {
    /// The ranges of `slugs` (the citing plans, in list order) that each page shows, in page order; one empty
    /// range for an empty list.
    static func ranges(_ slugs: [String], pageSize: Int) -> [Range<Int>] {
        let size = max(1, pageSize)
        guard slugs.count > size else { return [0..<slugs.count] }
        // The shortest page, one in `divisor` plans ending a page past it (a mean of `size`), the longest.
        let shortest = max(1, size / 4), divisor = UInt64(size - shortest + 1), longest = 3 * size
        var ranges: [Range<Int>] = []
        var start = 0
        for (position, slug) in slugs.enumerated() {
            let length = position + 1 - start
            if length >= longest || (length >= shortest && hash(slug) % divisor == 0) {
                ranges.append(start..<position + 1)
                start = position + 1
            }
        }
        if start < slugs.count { ranges.append(start..<slugs.count) }
        return ranges
    }

    /// How many pages a list of `slugs` takes.
    static func count(_ slugs: [String], pageSize: Int) -> Int { ranges(slugs, pageSize: pageSize).count }

    /// The pages (numbered from 1) on which two versions of a list differ, when both take as many pages:
    /// a page whose plans or cited sentences changed, and page 1 when the count it shows changed. Nil when the
    /// number of pages changed, which changes every page's "page k of n".
    static func changedPages(from old: [Citation], to new: [Citation], pageSize: Int) -> Set<Int>? {
        let before = ranges(old.map(\.planSlug), pageSize: pageSize)
        let after = ranges(new.map(\.planSlug), pageSize: pageSize)
        guard before.count == after.count else { return nil }
        var changed: Set<Int> = old.count == new.count ? [] : [1]
        for (number, (was, now)) in zip(before, after).enumerated() {
            let same = was.count == now.count && zip(old[was], new[now]).allSatisfy {
                $0.planSlug == $1.planSlug && $0.excerpt == $1.excerpt
            }
            if !same { changed.insert(number + 1) }
        }
        return changed
    }

    /// FNV-1a over the slug's UTF-8, then mixed (splitmix64's finaliser) so that its low bits are even.
    private static func hash(_ slug: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in slug.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        hash = (hash ^ (hash >> 30)) &* 0xBF58_476D_1CE4_E5B9
        hash = (hash ^ (hash >> 27)) &* 0x94D0_49BB_1331_11EB
        return hash ^ (hash >> 31)
    }
}
