import Foundation

/// List items made once per document (or plan) and language and shared by every page that lists it: a
/// document as a link with label, date and one-line title (on a large portal each plan is in the "Cited by"
/// of a dozen documents or more), and a plan as a listing item. Safe to use from the rendering threads.
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
