import Testing
@testable import PlanSite

/// How a long "Cited by" list is cut into pages (`CitedByPages`): every plan once, pages of about the page
/// size, and a plan that comes or goes touching its own page, not the ones after it.
@Suite("cited-by pages")
struct CitedByPagesTests {
    /// `count` plan slugs in slug order, from a fixed generator (the same list at every run).
    static func slugs(_ count: Int, seed: UInt64 = 7) -> [String] {
        var state = seed
        var slugs: Set<String> = []
        while slugs.count < count {
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = (state ^ (state >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            mixed ^= mixed >> 31
            slugs.insert("\(mixed % 100_000)-kh-ubnd-\(2000 + Int(mixed >> 40 & 31))")
        }
        return slugs.sorted()
    }

    static func citations(_ slugs: [String], excerpt: (String) -> String = { "Trích \($0)" }) -> [Citation] {
        slugs.map { Citation(target: .registry(index: 0), planSlug: $0, language: .vi, excerpt: excerpt($0)) }
    }

    @Test func aListOfAtMostThePageSizeIsOnePage() {
        #expect(CitedByPages.ranges([], pageSize: 10) == [0..<0])
        #expect(CitedByPages.ranges(Self.slugs(10), pageSize: 10) == [0..<10])
    }

    @Test(arguments: [1, 2, 10, 50])
    func pagesCoverTheListInOrderAtAboutThePageSize(pageSize: Int) {
        let slugs = Self.slugs(20_000)
        let ranges = CitedByPages.ranges(slugs, pageSize: pageSize)
        #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == slugs.count)
        #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        let shortest = max(1, pageSize / 4), longest = 3 * pageSize
        #expect(ranges.dropLast().allSatisfy { (shortest...longest).contains($0.count) }, "\(ranges.map(\.count).min()!)…\(ranges.map(\.count).max()!)")
        let mean = Double(slugs.count) / Double(ranges.count)
        #expect(abs(mean - Double(pageSize)) < 0.1 * Double(pageSize) + 0.01, "a mean of \(mean) plans a page")
    }

    /// 300 plans taken out or put in at random places of a 5,000-plan list: where the number of pages stays,
    /// at most three pages change (the plan's, the next one when its page was at its longest, and page 1 for
    /// the count), every other page keeps its plans, and the number changes at about one edit in five (a plan
    /// that ends a page, or one whose removal leaves a page too short to end where it did).
    @Test func aPlanThatComesOrGoesChangesItsOwnPage() throws {
        let pageSize = 10
        let list = Self.slugs(5_000)
        let known = Set(list)
        let extra = Self.slugs(5_300, seed: 11).filter { !known.contains($0) }
        var countChanges = 0
        for edit in 0..<300 {
            let old = Self.citations(list)
            var slugs = list
            if edit % 2 == 0 {
                slugs.remove(at: (edit * 7_919) % slugs.count)
            } else {
                slugs.append(extra[edit])
                slugs.sort()
            }
            let new = Self.citations(slugs)
            guard let changed = CitedByPages.changedPages(from: old, to: new, pageSize: pageSize) else {
                countChanges += 1
                #expect(CitedByPages.count(list, pageSize: pageSize) != CitedByPages.count(slugs, pageSize: pageSize))
                continue
            }
            #expect(changed.contains(1), "the count on page 1")
            #expect(changed.count <= 3, "edit \(edit): pages \(changed.sorted())")
            // Every page not reported holds the same plans as before.
            let before = CitedByPages.ranges(list, pageSize: pageSize), after = CitedByPages.ranges(slugs, pageSize: pageSize)
            for number in 1...before.count where !changed.contains(number) {
                #expect(list[before[number - 1]] == slugs[after[number - 1]])
            }
        }
        #expect(countChanges > 0 && countChanges < 90, "\(countChanges) of 300 edits changed the number of pages")
    }

    @Test func aChangedQuoteChangesItsPageAlone() throws {
        let list = Self.slugs(2_000)
        let ranges = CitedByPages.ranges(list, pageSize: 10)
        let page = ranges.count / 2
        let edited = list[ranges[page].lowerBound + 1]
        let changed = CitedByPages.changedPages(from: Self.citations(list),
                                                to: Self.citations(list) { $0 == edited ? "Trích (sửa)" : "Trích \($0)" }, pageSize: 10)
        #expect(changed == [page + 1])
    }
}
