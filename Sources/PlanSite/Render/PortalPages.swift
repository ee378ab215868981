/// The ways into the plans a listing offers.
public enum Facet: String, CaseIterable, Sendable {
    case topics, issuers, places, years, types
}

/// One value of a facet (a topic, an issuing body, a year …) and the plan versions filed under it.
struct FacetValue: Sendable {
    var key: String
    var name: String
    var plans: [PlanSource]
}

/// The values of every facet in both languages, computed once per build.
struct FacetTable: Sendable {
    private var table: [String: [FacetValue]] = [:]

    /// For renders that contain no listing (an incremental rebuild of plan and document pages).
    static let empty = FacetTable()

    private init() {}

    /// Each facet in each language is one pass over the plans, independent of the others: on all cores.
    init(context: PageContext, plans: [Plan]) {
        let pairs = Facet.allCases.flatMap { facet in Language.allCases.map { (facet, $0) } }
        let values = parallelMap(pairs) { facet, language in context.facetValues(facet, language: language, plans: plans) }
        for ((facet, language), facetValues) in zip(pairs, values) {
            table["\(facet.rawValue)/\(language.rawValue)"] = facetValues
        }
    }

    func values(_ facet: Facet, _ language: Language) -> [FacetValue] { table["\(facet.rawValue)/\(language.rawValue)"] ?? [] }

    func keys(_ facet: Facet, _ language: Language) -> Set<String> { Set(values(facet, language).map(\.key)) }
}

/// Home, landing, listings, search and 404 pages.
extension PageContext {
    /// The values of a facet in one language, each with its plans newest first. Keys are ASCII and shared by
    /// both languages (an issuer's key folds its Vietnamese name), so a listing's translation has the same URL.
    func facetValues(_ facet: Facet, language: Language, plans: [Plan]) -> [FacetValue] {
        let catalog = catalogs[language]!
        var groups: [String: FacetValue] = [:]
        // Thousands of plans share a few hundred issuers and places: each name is made a slug once.
        var slugs: [String: String] = [:]
        func slug(_ name: String) -> String {
            if let known = slugs[name] { return known }
            let made = TextFolding.slug(name)
            slugs[name] = made
            return made
        }
        for plan in plans {
            guard let source = plan.version(language) else { continue }
            let reference = plan.version(.vi) ?? source
            var entries: [(String, String)] = []
            switch facet {
            case .topics:
                entries = source.topics.map { ($0, catalog["topic_\($0)"].isEmpty ? $0 : catalog["topic_\($0)"]) }
            case .issuers: entries = [(slug(reference.issuer), source.issuer)]
            case .places: entries = [(slug(reference.place), source.place)]
            case .years: entries = source.date.map { [(String($0.year), String($0.year))] } ?? []
            case .types: entries = [(source.type, catalog["kind_\(source.type)"])]
            }
            // A plan whose issuer or place is not known (empty, with its note) is in no such listing.
            for (key, name) in entries where !key.isEmpty {
                groups[key, default: FacetValue(key: key, name: name, plans: [])].plans.append(source)
            }
        }
        return groups.values.map { value in
            var sorted = value
            sorted.plans.sort(by: SiteRenderer.newestFirst)
            return sorted
        }.map { (TextFolding.fold($0.name), $0) }.sorted { a, b in
            facet == .years ? a.1.key > b.1.key : (a.0, a.1.key) < (b.0, b.1.key)
        }.map(\.1)
    }

    /// A plan on a listing page. Made for each listing it is on, not held (`DocumentItemCache` says why).
    func listItem(_ source: PlanSource) -> TemplateValue {
        let catalog = catalogs[source.language]!
        return TemplateValue([
            "href": SiteURLs.plan(source.slug, source.language),
            "title": source.title,
            "type_name": catalog["kind_\(source.type)"],
            "number": source.number,
            "issuer": source.issuer,
            "date": source.date.map { catalog.format($0) } ?? catalog["date_unknown"],
            "datetime": source.date?.description ?? "",
            "summary": source.summary ?? "",
        ] as [String: Any])
    }

    private func bothLanguages(_ path: (Language) -> String) -> [Language: String] {
        Dictionary(uniqueKeysWithValues: Language.allCases.map { ($0, path($0)) })
    }

    /// Header links: plans, documents, search.
    func navigation(_ language: Language) -> [[String: Any]] {
        let catalog = catalogs[language]!
        return [
            ["href": SiteURLs.home(language), "label": catalog["nav_plans"]],
            ["href": SiteURLs.documents(language), "label": catalog["documents_title"]],
            ["href": SiteURLs.search(language), "label": catalog["nav_search"]],
        ]
    }

    /// Links to every facet and its values, for the home page and the search page without JavaScript.
    func waysIn(language: Language, facets: FacetTable) -> [[String: Any]] {
        let catalog = catalogs[language]!
        return Facet.allCases.map { facet in
            [
                "title": catalog["facet_\(facet.rawValue)"],
                "href": SiteURLs.facet(facet, language),
                "values": facets.values(facet, language).map { value in
                    ["href": SiteURLs.facetValue(facet, value.key, language), "name": value.name,
                     "count": String(value.plans.count)] as [String: Any]
                },
            ] as [String: Any]
        }
    }

    func home(language: Language, facets: FacetTable, plans: [Plan], latestCount: Int) -> Page {
        let catalog = catalogs[language]!
        let alternates = bothLanguages(SiteURLs.home)
        var context = common(language: language, path: SiteURLs.home(language), title: catalog["home_title"],
                             description: catalog["home_description"],
                             translationPath: SiteURLs.home(language.other), alternates: alternates,
                             xDefault: SiteURLs.landing)
        let sources = plans.compactMap { $0.version(language) }.sorted(by: SiteRenderer.newestFirst)
        context["plans"] = sources.prefix(latestCount).map(listItem)
        context["ways_in"] = waysIn(language: language, facets: facets)
        return Page(path: SiteURLs.home(language), template: "pages/home", context: context, alternates: alternates,
                    xDefault: SiteURLs.landing)
    }

    func landing() -> Page {
        let alternates = bothLanguages(SiteURLs.home)
        let first = Language.vi
        var context = common(language: first, path: SiteURLs.landing, title: catalogs[first]!["site_name"],
                             description: catalogs[first]!["home_description"],
                             translationPath: SiteURLs.home(.en), alternates: alternates, xDefault: SiteURLs.landing)
        context["languages"] = Language.allCases.map { lang in
            let catalog = catalogs[lang]!
            return [
                "lang": lang.tag,
                "href": SiteURLs.home(lang),
                "site_name": catalog["site_name"],
                "intro": catalog["landing_intro"],
                "enter": catalog["landing_enter"],
            ] as [String: Any]
        }
        return Page(path: SiteURLs.landing, template: "pages/landing", context: context, alternates: alternates,
                    xDefault: SiteURLs.landing)
    }

    /// `/vi/topics/`: the values of a facet with their counts.
    func facetIndex(_ facet: Facet, language: Language, facets: FacetTable) -> Page {
        let catalog = catalogs[language]!
        let alternates = bothLanguages { SiteURLs.facet(facet, $0) }
        let title = catalog["facet_\(facet.rawValue)"]
        var context = common(language: language, path: SiteURLs.facet(facet, language), title: title,
                             description: catalog.format("facet_description", ["facet": title]),
                             translationPath: alternates[language.other], alternates: alternates, xDefault: alternates[.vi]!)
        context["breadcrumbs"] = [["href": SiteURLs.home(language), "label": catalog["breadcrumb_home"]]]
        context["heading"] = title
        context["values"] = facets.values(facet, language).map { value in
            ["href": SiteURLs.facetValue(facet, value.key, language), "name": value.name, "count": String(value.plans.count)]
        }
        return Page(path: SiteURLs.facet(facet, language), template: "pages/facet", context: context, alternates: alternates)
    }

    /// `/vi/topics/<key>/` and its further pages: the plans filed under one value, newest first.
    func facetValuePages(_ facet: Facet, _ value: FacetValue, language: Language, pageSize: Int,
                         otherLanguageKeys: Set<String>) -> AnySequence<Page> {
        let catalog = catalogs[language]!
        let pageCount = max(1, (value.plans.count + pageSize - 1) / pageSize)
        // Made one at a time as the renderer asks: a topic of a national corpus has hundreds of pages.
        return AnySequence((1...pageCount).lazy.map { number in
            let path = SiteURLs.facetValue(facet, value.key, language, page: number)
            var alternates = [language: path]
            if otherLanguageKeys.contains(value.key) {
                alternates[language.other] = SiteURLs.facetValue(facet, value.key, language.other, page: number)
            }
            let title = number == 1 ? value.name : catalog.format("page_numbered", ["title": value.name, "n": String(number)])
            var context = common(language: language, path: path, title: title,
                                 description: catalog.format("facet_value_description",
                                                             ["facet": catalog["facet_\(facet.rawValue)"], "name": value.name]),
                                 translationPath: alternates[language.other], alternates: alternates,
                                 xDefault: alternates[.vi] ?? path)
            context["breadcrumbs"] = [
                ["href": SiteURLs.home(language), "label": catalog["breadcrumb_home"]],
                ["href": SiteURLs.facet(facet, language), "label": catalog["facet_\(facet.rawValue)"]],
            ]
            context["heading"] = value.name
            context["facet_name"] = catalog["facet_\(facet.rawValue)"]
            context["plans"] = value.plans.dropFirst((number - 1) * pageSize).prefix(pageSize).map(listItem)
            context["count"] = catalog.format("plan_count", ["n": String(value.plans.count)])
            if pageCount > 1 {
                var pagination: [String: Any] = [
                    "label": catalog.format("page_of", ["n": String(number), "total": String(pageCount)]),
                ]
                if number > 1 { pagination["prev"] = SiteURLs.facetValue(facet, value.key, language, page: number - 1) }
                if number < pageCount { pagination["next"] = SiteURLs.facetValue(facet, value.key, language, page: number + 1) }
                context["pagination"] = pagination
            }
            return Page(path: path, template: "pages/listing", context: context, alternates: alternates)
        })
    }

    /// The search page: a form enhanced by search.js; without JavaScript it offers the listings.
    func search(language: Language, facets: FacetTable) -> Page {
        let catalog = catalogs[language]!
        let alternates = bothLanguages(SiteURLs.search)
        var context = common(language: language, path: SiteURLs.search(language), title: catalog["search_title"],
                             description: catalog["search_description"], translationPath: alternates[language.other],
                             alternates: alternates, xDefault: alternates[.vi]!)
        context["breadcrumbs"] = [["href": SiteURLs.home(language), "label": catalog["breadcrumb_home"]]]
        context["search_index"] = SiteURLs.searchIndex(language)
        context["ways_in"] = waysIn(language: language, facets: facets)
        context["has_script"] = true
        return Page(path: SiteURLs.search(language), template: "pages/search", context: context, alternates: alternates)
    }

    /// A 404 page per language, and a bilingual one at the root.
    func notFound(language: Language?) -> Page {
        let shown = language ?? .vi
        let catalog = catalogs[shown]!
        let path = language.map(SiteURLs.notFound) ?? SiteURLs.rootNotFound
        let alternates = bothLanguages(SiteURLs.notFound)
        var context = common(language: shown, path: path, title: catalog["not_found_title"],
                             description: catalog["not_found_text"],
                             translationPath: language.map { SiteURLs.notFound($0.other) } ?? SiteURLs.notFound(.en),
                             alternates: alternates, xDefault: SiteURLs.rootNotFound)
        context["messages"] = (language.map { [$0] } ?? Language.allCases).map { lang in
            let strings = catalogs[lang]!
            return ["lang": lang.tag, "title": strings["not_found_title"], "text": strings["not_found_text"],
                    "home": SiteURLs.home(lang), "home_label": strings["not_found_home"],
                    "search": SiteURLs.search(lang), "search_label": strings["nav_search"]] as [String: Any]
        }
        return Page(path: path, template: "pages/404", context: context, alternates: alternates, inSitemap: false)
    }
}
