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

    static func layouts(_ vi: [String], _ en: [String], excerpt: (String) -> String = { "Trích \($0)" }) -> [Language: CitedByPages.Layout] {
        [.vi: CitedByPages.Layout(citations(vi, excerpt: excerpt), pageSize: 10), .en: CitedByPages.Layout(citations(en), pageSize: 10)]
    }

    /// What each page of `language` shows that the list decides, by page name ("" for page 1): its plans and
    /// sentences, its neighbours, its count on page 1, and where its language switch leads (a model of
    /// `PageContext.documentPages`, apart from `CitedByPages.changes`).
    static func faces(_ layouts: [Language: CitedByPages.Layout], _ language: Language) -> [String: String] {
        let (layout, other) = (layouts[language]!, layouts[language.other]!)
        var faces: [String: String] = [:]
        for index in 0..<layout.count {
            let plans = layout.citations[layout.ranges[index]].map { "\($0.planSlug):\($0.excerpt)" }.joined(separator: ",")
            let previous = index > 0 ? layout.key(index - 1) ?? "page 1" : "none"
            let next = index + 1 < layout.count ? layout.key(index + 1)! : "none"
            let translation = layout.translation(of: index, in: other)
            let count = index == 0 ? "\(layout.citations.count)" : ""
            faces[layout.key(index) ?? ""] = [plans, previous, next, other.key(translation.page) ?? "page 1", "\(translation.twin)", count].joined(separator: "|")
        }
        return faces
    }

    /// 300 plans taken out or put in at random places of a 5,000-plan Vietnamese list whose English list lacks
    /// every third plan: each edit renders exactly the pages whose face changed and deletes those whose name
    /// went, in both languages, and that is a handful of pages, not the pages after the edit. One edit in five
    /// also takes a plan out of the English list (both languages change: every switch is looked up).
    @Test func aPlanThatComesOrGoesChangesAFewPages() throws {
        let list = Self.slugs(5_000)
        let english = list.enumerated().filter { $0.offset % 3 != 0 }.map(\.element)
        let known = Set(list)
        let extra = Self.slugs(5_300, seed: 11).filter { !known.contains($0) }
        let old = Self.layouts(list, english)
        var splitsOrJoins = 0
        var touched: [Language: Int] = [:]
        for edit in 0..<300 {
            var slugs = list
            if edit % 2 == 0 {
                slugs.remove(at: (edit * 7_919) % slugs.count)
            } else {
                slugs.append(extra[edit])
                slugs.sort()
            }
            let new = Self.layouts(slugs, edit % 5 == 4 ? english.filter { $0 != english[(edit * 104_729) % english.count] } : english)
            if new[.vi]!.count != old[.vi]!.count { splitsOrJoins += 1 }
            for language in Language.allCases {
                let (render, gone) = CitedByPages.changes(in: language, before: old, after: new)
                let (was, now) = (Self.faces(old, language), Self.faces(new, language))
                let changed = Set(now.keys.filter { was[$0] != now[$0] })
                #expect(Set(render.map { $0 ?? "" }) == changed, "edit \(edit), \(language)")
                #expect(Set(gone) == Set(was.keys).subtracting(now.keys), "edit \(edit), \(language)")
                // Page 1, the plan's page split or joined, its neighbours; rarely more, where a run of pages at their
                // longest moves its cuts.
                #expect(render.count + gone.count <= (language == .vi || edit % 5 == 4 ? 8 : 4), "edit \(edit), \(language): \(render) \(gone)")
                touched[language, default: 0] += render.count + gone.count
            }
            #expect(CitedByPages.changes(in: .vi, before: old, after: new).render.contains(nil), "page 1 shows the count")
        }
        #expect(splitsOrJoins > 0, "some edits split or join pages")
        #expect(Double(touched[.vi]!) / 300 < 3.5 && Double(touched[.en]!) / 300 < 1.5, "pages per edit: \(touched)")
    }

    /// `Layout.replacing` (what an edit does to the kept pages) gives the pages a fresh cut of the changed list
    /// gives, for 400 plans taken out, put in and requoted one after the other at random places, at page sizes
    /// where cuts at the longest page run on and where they do not, and across the one-page length.
    @Test(arguments: [2, 10, 40])
    func aReplacedCitationCutsTheListAsAFreshLayoutWould(pageSize: Int) {
        var list = Self.slugs(3_000)
        let known = Set(list)
        let extra = Self.slugs(3_400, seed: 13).filter { !known.contains($0) }
        var kept = CitedByPages.Layout(Self.citations(list), pageSize: pageSize)
        var state: UInt64 = 3
        for edit in 0..<400 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let pick = Int(state >> 33)
            let slug: String, citation: Citation?
            switch edit % 3 {
            case 0:  // a plan stops citing the document
                slug = list.remove(at: pick % list.count)
                citation = nil
            case 1:  // a plan starts citing it
                slug = extra[edit]
                list.insert(slug, at: list.firstIndex { $0 > slug } ?? list.endIndex)
                citation = Citation(target: .registry(index: 0), planSlug: slug, language: .vi, excerpt: "Trích \(slug)")
            default:  // a plan cites it in another sentence
                slug = list[pick % list.count]
                citation = Citation(target: .registry(index: 0), planSlug: slug, language: .vi, excerpt: "Trích lại \(slug)")
            }
            kept = kept.replacing(slug, with: citation, pageSize: pageSize)
            let fresh = CitedByPages.Layout(kept.citations, pageSize: pageSize)
            #expect(kept.citations.map(\.planSlug) == list, "edit \(edit)")
            #expect(kept.ranges == fresh.ranges, "edit \(edit): the cuts differ from a fresh layout's")
        }
        // Down to one page and back: the list is then cut from the start.
        var short = CitedByPages.Layout(Self.citations(Array(list.prefix(pageSize + 1))), pageSize: pageSize)
        short = short.replacing(short.citations[0].planSlug, with: nil, pageSize: pageSize)
        #expect(short.ranges == [0..<pageSize])
        short = short.replacing(list[0], with: Self.citations([list[0]])[0], pageSize: pageSize)
        #expect(short.ranges == CitedByPages.ranges(Array(list.prefix(pageSize + 1)), pageSize: pageSize))
        // A plan that was not in the list and still is not: nothing changes.
        #expect(short.replacing("0-not-cited", with: nil, pageSize: pageSize).ranges == short.ranges)
    }

    @Test func aChangedQuoteChangesItsPageAlone() throws {
        let list = Self.slugs(2_000)
        let layout = Self.layouts(list, list)
        let page = layout[.vi]!.count / 2
        let edited = list[layout[.vi]!.ranges[page].lowerBound + 1]
        let after = Self.layouts(list, list) { $0 == edited ? "Trích (sửa)" : "Trích \($0)" }
        #expect(CitedByPages.changes(in: .vi, before: layout, after: after).render == [layout[.vi]!.key(page)])
        #expect(CitedByPages.changes(in: .vi, before: layout, after: after).gone == [])
        #expect(CitedByPages.changes(in: .en, before: layout, after: after).render == [])
    }

    @Test func aFurtherPageIsNamedByItsFirstPlanAndItsSwitchFindsTheTranslation() {
        let list = Self.slugs(300)
        let english = Array(list.dropFirst(150))
        let layouts = Self.layouts(list, english)
        let (vi, en) = (layouts[.vi]!, layouts[.en]!)
        for index in 1..<vi.count {
            #expect(vi.key(index) == list[vi.ranges[index].lowerBound])
            #expect(vi.index(of: vi.key(index)) == index)
            let (page, twin) = vi.translation(of: index, in: en)
            if let twinIndex = en.index(of: vi.key(index)) {
                #expect(twin && page == twinIndex)
            } else {
                #expect(!twin)
                // The English page that holds the plan, or page 1 when the plan comes before every further page.
                #expect(page == (en.ranges.lastIndex { english[$0.lowerBound] <= vi.key(index)! && $0.lowerBound > 0 } ?? 0))
            }
        }
        #expect(vi.index(of: "0-not-a-first-plan") == nil)
    }
}
