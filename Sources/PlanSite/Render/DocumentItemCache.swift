import Foundation

/// List items made once per registry document and language and shared by every page that lists it: a link
/// with label, date and one-line title. Plans are not held: a national corpus has 200,000 plan versions, each
/// listed a few times (on its topics', type's, year's and issuer's listings, and on the pages of the documents
/// it cites), so holding their items would grow with the corpus. Safe to use from the rendering threads.
final class DocumentItemCache: @unchecked Sendable {
    private var items: [Key: [String: TemplateValue]] = [:]
    private let lock = NSLock()

    private struct Key: Hashable {
        var target: DocumentTarget
        var language: Language
    }

    /// The items of `targets`, with the lock taken twice for the whole list rather than once per item (a
    /// document page lists hundreds of plans, and both rendering threads ask at once).
    func items(_ targets: [DocumentTarget], language: Language, make: (DocumentTarget) -> [String: TemplateValue]) -> [[String: TemplateValue]] {
        // Registry documents are listed again and again; plans, a few times each (the documents they cite),
        // and a national corpus has 200,000 plan versions: those are made each time, not held, also in a list
        // that mixes them with registry documents ("Implemented by").
        func isPlan(_ target: DocumentTarget) -> Bool { if case .plan = target { true } else { false } }
        if targets.allSatisfy(isPlan) {
            return targets.map(make)
        }
        let keys = targets.map { Key(target: $0, language: language) }
        var found: [[String: TemplateValue]?] = lock.withLock { keys.map { isPlan($0.target) ? nil : items[$0] } }
        var made: [(Key, [String: TemplateValue])] = []
        for position in found.indices where found[position] == nil {
            let item = make(targets[position])
            found[position] = item
            if !isPlan(targets[position]) { made.append((keys[position], item)) }
        }
        if !made.isEmpty {
            lock.withLock { for (key, item) in made { items[key] = item } }
        }
        return found.map { $0! }
    }

    func item(_ target: DocumentTarget, language: Language, make: () -> [String: TemplateValue]) -> [String: TemplateValue] {
        items([target], language: language) { _ in make() }[0]
    }
}
