import Foundation

/// schema.org `Legislation` metadata for plan and document pages, serialised so that no value can end the
/// `<script>` element: `<`, `>` and `&` are written as JSON escapes.
enum JSONLD {
    static func plan(_ source: PlanSource, translation: PlanSource?, urls: SiteURLs, catalog: Catalog) -> String {
        var object: [String: Any] = [
            "@context": "https://schema.org",
            "@type": "Legislation",
            "name": source.title,
            "legislationType": catalog["kind_\(source.type)"],
            "inLanguage": source.language.tag,
            "url": urls.absolute(SiteURLs.plan(source.slug, source.language)),
            "legislationPassedBy": ["@type": "GovernmentOrganization", "name": source.issuer],
        ]
        if !source.number.isEmpty { object["legislationIdentifier"] = source.number }
        if let date = source.date { object["legislationDate"] = date.description }
        if let translation {
            object["workTranslation"] = ["@type": "Legislation", "inLanguage": translation.language.tag,
                                         "url": urls.absolute(SiteURLs.plan(translation.slug, translation.language))]
        }
        return serialise(object)
    }

    static func document(_ document: LegalDocument, language: Language, urls: SiteURLs, catalog: Catalog) -> String {
        var object: [String: Any] = [
            "@context": "https://schema.org",
            "@type": "Legislation",
            "name": "\(catalog["kind_\(document.type)"]) \(document.symbol) \(document.title[language])",
            "legislationIdentifier": document.symbol,
            "legislationType": catalog["kind_\(document.type)"],
            "inLanguage": language.tag,
            "url": urls.absolute(SiteURLs.document(document.slug, language)),
            "legislationPassedBy": ["@type": "GovernmentOrganization", "name": document.issuer[language]],
            "workTranslation": ["@type": "Legislation", "inLanguage": language.other.tag,
                                "url": urls.absolute(SiteURLs.document(document.slug, language.other))],
        ]
        if let date = document.date { object["legislationDate"] = date.description }
        if let source = document.source { object["sameAs"] = source }
        return serialise(object)
    }

    static func serialise(_ object: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
            .replacingOccurrences(of: "&", with: "\\u0026")
            .replacingOccurrences(of: "<", with: "\\u003c")
            .replacingOccurrences(of: ">", with: "\\u003e")
    }
}
