import Foundation

/// List items made once per document and language and shared by every page that lists it: a registry
/// document as a link with label, date and one-line title, and a plan as a listing item (on its topics',
/// type's, year's and issuer's listings). Safe to use from the rendering threads.
final class DocumentItemCache: @unchecked Sendable {
    private var items: [Key: [String: TemplateValue]] = [:]
    private let lock = NSLock()

    private struct Key: Hashable {
        var target: DocumentTarget
        var language: Language
    }

    /// Plans as listing items (title, number, issuer, date, summary), by slug and language: each plan is on
    /// the listing page of each of its topics, its type, year and issuer.
    private var listingItems: [Key: TemplateValue] = [:]

    func listingItem(_ source: PlanSource, make: () -> [String: Any]) -> TemplateValue {
        let key = Key(target: .plan(slug: source.slug), language: source.language)
        if let item = lock.withLock({ listingItems[key] }) { return item }
        let item = TemplateValue(make())
        lock.withLock { listingItems[key] = item }
        return item
    }

    /// The items of `targets`, with the lock taken twice for the whole list rather than once per item (a
    /// document page lists hundreds of plans, and both rendering threads ask at once).
    func items(_ targets: [DocumentTarget], language: Language, make: (DocumentTarget) -> [String: Any]) -> [[String: TemplateValue]] {
        // Registry documents are listed again and again; plans, a few times each (the documents they cite),
        // and a national corpus has 200,000 plan versions: those are made each time, not held.
        if targets.allSatisfy({ if case .plan = $0 { true } else { false } }) {
            return targets.map { make($0).mapValues(TemplateValue.init) }
        }
        let keys = targets.map { Key(target: $0, language: language) }
        var found: [[String: TemplateValue]?] = lock.withLock { keys.map { items[$0] } }
        var made: [(Key, [String: TemplateValue])] = []
        for position in found.indices where found[position] == nil {
            let item = make(targets[position]).mapValues(TemplateValue.init)
            found[position] = item
            made.append((keys[position], item))
        }
        if !made.isEmpty {
            lock.withLock { for (key, item) in made { items[key] = item } }
        }
        return found.map { $0! }
    }

    func item(_ target: DocumentTarget, language: Language, make: () -> [String: Any]) -> [String: TemplateValue] {
        items([target], language: language) { _ in make() }[0]
    }
}
