import Foundation

/// A document as a list item (link, label, date, one-line title), made once per document and language and
/// shared by every page that lists it: on a large portal each plan is listed in the "Cited by" of a dozen
/// documents or more. Safe to use from the rendering threads.
final class DocumentItemCache: @unchecked Sendable {
    private var items: [Key: [String: TemplateValue]] = [:]
    private let lock = NSLock()

    private struct Key: Hashable {
        var target: DocumentTarget
        var language: Language
    }

    func item(_ target: DocumentTarget, language: Language, make: () -> [String: Any]) -> [String: TemplateValue] {
        let key = Key(target: target, language: language)
        if let item = lock.withLock({ items[key] }) { return item }
        let item = make().mapValues(TemplateValue.init)
        lock.withLock { items[key] = item }
        return item
    }
}
