/// What a document symbol refers to: a plan published on the portal, or a registry entry.
public enum DocumentTarget: Hashable, Sendable, Comparable {
    case plan(slug: String)
    case registry(index: Int)

    public static func < (lhs: DocumentTarget, rhs: DocumentTarget) -> Bool {
        switch (lhs, rhs) {
        case let (.plan(a), .plan(b)): a < b
        case let (.registry(a), .registry(b)): a < b
        case (.plan, .registry): true
        case (.registry, .plan): false
        }
    }
}

/// Every citable document by symbol key. A plan's own symbol resolves to the plan, never to a registry entry.
struct DocumentIndex {
    let registry: [LegalDocument]
    let plans: [String: Plan]
    private var byKey: [String: [DocumentTarget]] = [:]

    enum Resolution: Equatable {
        case resolved(DocumentTarget)
        case unknown
        case ambiguous([DocumentTarget])
    }

    init(registry: [LegalDocument], plans: [Plan]) {
        self.registry = registry
        self.plans = Dictionary(uniqueKeysWithValues: plans.map { ($0.slug, $0) })
        for (index, document) in registry.enumerated() {
            for symbol in [document.symbol] + document.aliases {
                byKey[CitationGrammar.key(symbol), default: []].append(.registry(index: index))
            }
        }
        for plan in plans {
            guard let number = Self.publishedNumber(of: plan) else { continue }
            byKey[CitationGrammar.key(number), default: []].append(.plan(slug: plan.slug))
        }
    }

    /// The plan's symbol if it has a real number (not a draft's "/KH-UBND", not empty).
    static func publishedNumber(of plan: Plan) -> String? {
        let number = (plan.version(.vi) ?? plan.versions.values.first)?.number ?? ""
        return CitationGrammar.scan(number).count == 1 ? CitationGrammar.normalized(number) : nil
    }

    func date(of target: DocumentTarget) -> PartialDate? {
        switch target {
        case .plan(let slug): plans[slug].flatMap { ($0.version(.vi) ?? $0.versions.values.first)?.date }
        case .registry(let index): registry[index].date
        }
    }

    /// Resolves a symbol. When several documents share it (Party numbering restarts each term), the date
    /// written after the symbol decides; failing that, the latest one dated on or before the citing plan.
    func resolve(_ symbol: String, textDate: PartialDate?, citingDate: PartialDate?) -> Resolution {
        var candidates = byKey[CitationGrammar.key(symbol)] ?? []
        if candidates.contains(where: { if case .plan = $0 { true } else { false } }) {
            candidates = candidates.filter { if case .plan = $0 { true } else { false } }
        }
        if candidates.isEmpty { return .unknown }
        if candidates.count == 1 { return .resolved(candidates[0]) }
        if let textDate {
            let matching = candidates.filter { date(of: $0) == textDate }
            if matching.count == 1 { return .resolved(matching[0]) }
        }
        if let citingDate {
            let earlier = candidates.compactMap { target in date(of: target).map { (target, $0) } }
                .filter { $0.1 <= citingDate }
                .sorted { $0.1 > $1.1 }
            if let latest = earlier.first, earlier.dropFirst().first?.1 != latest.1 { return .resolved(latest.0) }
        }
        return .ambiguous(candidates.sorted())
    }

    /// The page of a document in `language`; for a plan without a version in that language, its page in the
    /// language it has (a plan published only in Vietnamese is linked from English pages too).
    func path(of target: DocumentTarget, _ language: Language) -> String {
        switch target {
        case .plan(let slug):
            plans[slug].map { $0.version(language) == nil && $0.version(language.other) != nil } == true
                ? SiteURLs.plan(slug, language.other) : SiteURLs.plan(slug, language)
        case .registry(let index): SiteURLs.document(registry[index].slug, language)
        }
    }

    func symbol(of target: DocumentTarget) -> String {
        switch target {
        case .plan(let slug): plans[slug].flatMap(Self.publishedNumber) ?? slug
        case .registry(let index): registry[index].symbol
        }
    }

    /// A one-line title for link tooltips and listings.
    func title(of target: DocumentTarget, _ language: Language) -> String {
        switch target {
        case .plan(let slug):
            plans[slug].flatMap { $0.version(language) ?? $0.versions.values.first }?.title ?? slug
        case .registry(let index):
            registry[index].title[language]
        }
    }
}
