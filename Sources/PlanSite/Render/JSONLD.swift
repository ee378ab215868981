/// schema.org `Legislation` metadata for plan and document pages, serialised so that no value can end the
/// `<script>` element: `<`, `>` and `&` are written as JSON escapes. Each is named by its ELI identifier
/// (`ELI`): a plan version by its language expression, a registry document by its work.
enum JSONLD {
    static func plan(_ source: PlanSource, translation: PlanSource?, eli work: String, urls: SiteURLs, catalog: Catalog) -> String {
        var object: [String: JSONValue] = [
            "@context": .string("https://schema.org"),
            "@id": .string(ELI.expression(work, source.language)),
            "@type": .string("Legislation"),
            "name": .string(source.title),
            "legislationType": .string(catalog["kind_\(source.type)"]),
            "inLanguage": .string(source.language.tag),
            "url": .string(urls.absolute(SiteURLs.plan(source.slug, source.language))),
            "legislationPassedBy": .object(["@type": .string("GovernmentOrganization"), "name": .string(source.issuer)]),
        ]
        if !source.number.isEmpty { object["legislationIdentifier"] = .string(source.number) }
        if let date = source.date { object["legislationDate"] = .string(date.description) }
        if let translation {
            object["workTranslation"] = .object([
                "@id": .string(ELI.expression(work, translation.language)),
                "@type": .string("Legislation"), "inLanguage": .string(translation.language.tag),
                "url": .string(urls.absolute(SiteURLs.plan(translation.slug, translation.language))),
            ])
        }
        return serialise(object)
    }

    static func document(_ document: LegalDocument, language: Language, urls: SiteURLs, catalog: Catalog) -> String {
        var object: [String: JSONValue] = [
            "@context": .string("https://schema.org"),
            "@id": .string(ELI(baseURL: urls.baseURL).document(document)),
            "@type": .string("Legislation"),
            "name": .string("\(catalog["kind_\(document.type)"]) \(document.symbol) \(document.title[language])"),
            "legislationIdentifier": .string(document.symbol),
            "legislationType": .string(catalog["kind_\(document.type)"]),
            "inLanguage": .string(language.tag),
            "url": .string(urls.absolute(SiteURLs.document(document.slug, language))),
            "legislationPassedBy": .object(["@type": .string("GovernmentOrganization"), "name": .string(document.issuer[language])]),
            "workTranslation": .object([
                "@type": .string("Legislation"), "inLanguage": .string(language.other.tag),
                "url": .string(urls.absolute(SiteURLs.document(document.slug, language.other))),
            ]),
        ]
        if let date = document.date { object["legislationDate"] = .string(date.description) }
        if let source = document.source { object["sameAs"] = .string(source) }
        return serialise(object)
    }

    static func serialise(_ object: [String: JSONValue]) -> String {
        String(decoding: JSONValue.object(object).bytes, as: UTF8.self)
    }
}
