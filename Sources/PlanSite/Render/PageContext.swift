/// A page to render: where it goes, its template and values, and its language versions (for the sitemap).
struct Page {
    var path: String
    var template: String
    var context: [String: Any]
    /// Every language version of this page, itself included.
    var alternates: [Language: String]
    /// The page for readers whose language has no version (x-default): the Vietnamese one unless set.
    var xDefault: String?
    /// Listed in sitemap.xml (404 pages are not).
    var inSitemap = true

    init(path: String, template: String, context: [String: Any], alternates: [Language: String],
         xDefault: String? = nil, inSitemap: Bool = true) {
        self.path = path
        self.template = template
        self.context = context
        self.alternates = alternates
        self.xDefault = xDefault ?? alternates[.vi] ?? path
        self.inSitemap = inSitemap
    }
}

/// Builds the values templates see. Everything here is plain data (strings, lists, dictionaries);
/// templates escape every value with `{{…}}`, and only Markdown HTML made by cmark goes through `{{{…}}}`.
struct PageContext {
    let urls: SiteURLs
    let catalogs: [Language: Catalog]
    /// List items shared by the pages of one build (nil: made for each page).
    var itemCache: DocumentItemCache? = nil
    /// The rows of the "Open data" pages' table of parts, kept across edits (nil: made for each page).
    var openDataRows: OpenDataRows? = nil

    /// The common part of every page: language, head links, sharing preview, switch to the translation.
    func common(language: Language, path: String, title: String, description: String,
                translationPath: String?, alternates: [Language: String], xDefault: String,
                image: String = SiteURLs.shareImage) -> [String: Any] {
        let catalog = catalogs[language]!
        let other = language.other
        let otherCatalog = catalogs[other]!
        var links: [[String: Any]] = Language.allCases.compactMap { lang in
            alternates[lang].map { ["hreflang": lang.tag, "href": urls.absolute($0)] }
        }
        links.append(["hreflang": "x-default", "href": urls.absolute(xDefault)])
        let switchTarget = translationPath ?? SiteURLs.home(other)
        var context: [String: Any] = [
            "lang": language.tag,
            "t": catalog.templateStrings,
            "title": title,
            "page_title": title == catalog["site_name"] ? title
                : catalog.format("page_title", ["title": title, "site": catalog["site_name"]]),
            "description": description,
            "canonical": urls.absolute(path),
            "alternates": links,
            "og_locale": language.ogLocale,
            "og_locale_alternate": other.ogLocale,
            "stylesheet": SiteURLs.stylesheet,
            "script": SiteURLs.script,
            "image": urls.absolute(image),
            "feed": urls.absolute(SiteURLs.feed(language)),
            "search": SiteURLs.search(language),
            "nav": navigation(language),
            "home": SiteURLs.home(language),
            "documents_index": SiteURLs.documents(language),
            "open_data": SiteURLs.openData(language),
            "switch": [
                "href": switchTarget,
                "lang": other.tag,
                "label": otherCatalog["language_name"],
                "title": otherCatalog["switch_label"],
            ] as [String: Any],
        ]
        if translationPath == nil {
            context["missing_translation"] = catalog["missing_translation"]
        }
        return context
    }

    /// The official layout of a Vietnamese document: header, place and date, type and title, body, signature,
    /// recipients, appendices, editorial notes.
    /// A plan version's page. Needs no more of the site than the index and the plan's appendix rows resolved,
    /// so a streaming build renders it as soon as the plan is linked.
    func plan(_ linked: LinkedPlan, translation: PlanSource?, appendixTargets targets: [[DocumentTarget?]], index: DocumentIndex) -> Page {
        let source = linked.source
        let language = source.language
        let catalog = catalogs[language]!
        let path = SiteURLs.plan(source.slug, language)
        let translationPath = translation.map { SiteURLs.plan($0.slug, $0.language) }
        var alternates = [language: path]
        if let translationPath { alternates[language.other] = translationPath }
        let typeName = catalog["type_\(source.type)"]
        let description = source.summary ?? "\(typeName) \(source.number) · \(source.title)"
        var context = common(language: language, path: path, title: source.title, description: description,
                             translationPath: translationPath, alternates: alternates,
                             xDefault: alternates[.vi] ?? path, image: source.image.map(SiteURLs.contentImage) ?? SiteURLs.shareImage)
        var motto: [String] = []
        switch source.system {
        case .party: motto = [catalog["header_party"]]
        case .state, .massOrganisation: motto = [catalog["header_state_1"], catalog["header_state_2"]]
        }
        var placeDate = source.place
        if let date = source.date {
            placeDate += (placeDate.isEmpty ? "" : ", ") + catalog.format(date, officialDraft: true)
        }
        let numberText = source.number.isEmpty ? "" : catalog.format("number_label", ["number": source.number])
        var appendices: [[String: Any]] = []
        for (position, appendix) in source.appendices.enumerated() {
            let rowTargets = position < targets.count ? targets[position] : []
            appendices.append(appendixContext(appendix, number: position + 1, of: source.appendices.count,
                                              targets: rowTargets, language: language, index: index))
        }
        context["breadcrumbs"] = [["href": SiteURLs.home(language), "label": catalog["breadcrumb_home"]]]
        context["jsonld"] = JSONLD.plan(source, translation: translation,
                                        eli: ELI(baseURL: urls.baseURL).target(.plan(slug: source.slug), index: index),
                                        urls: urls, catalog: catalog)
        let doc: [String: Any] = [
            "system": source.system.rawValue,
            "is_party": source.system == .party,
            "is_draft": source.status == "draft",
            "parent_issuer": source.parentIssuer ?? "",
            "issuer": source.issuer,
            "number": numberText,
            "short_label": [typeName, source.number].filter { !$0.isEmpty }.joined(separator: " "),
            "motto": motto,
            "place_date": placeDate,
            "type_name": typeName,
            "title_html": linked.titleHTML,
            "body": linked.bodyHTML,
            "signature_lines": source.signature.lines,
            "signer": source.signature.name,
            "recipients": source.recipients,
            "has_recipients": !source.recipients.isEmpty,
            "notes": linked.notesHTML,
            "has_notes": !linked.notesHTML.isEmpty,
            "appendices": appendices,
        ]
        context["doc"] = doc
        context["og_type"] = "article"
        context["data"] = ["json": PlanData.jsonPath(source.slug, language), "akn": PlanData.aknPath(source.slug, language),
                           "open_data": SiteURLs.openData(language)]
        if let recorded = source.translatedFrom, let original = translation, original.language == .vi,
           recorded != TranslationStatus.fingerprint(of: original) {
            context["stale_translation"] = catalog["stale_translation"]
            context["original_href"] = SiteURLs.plan(original.slug, .vi)
        }
        return Page(path: path, template: "pages/plan", context: context, alternates: alternates)
    }

    /// A phụ lục table rendered from the registry: STT, symbol (linked), title in the page's language (or the
    /// cell as printed), notes.
    private func appendixContext(_ appendix: Appendix, number: Int, of count: Int, targets: [DocumentTarget?],
                                 language: Language, index: DocumentIndex) -> [String: Any] {
        let catalog = catalogs[language]!
        var rows: [[String: Any]] = []
        for (position, entry) in appendix.entries.enumerated() {
            let target = position < targets.count ? targets[position] : nil
            var row: [String: Any] = ["stt": "\(position + 1).", "number": entry.symbol, "notes": entry.notes]
            if let target {
                row["href"] = index.path(of: target, language)
                row["date"] = index.date(of: target).map { catalog.format($0) } ?? ""
                row["content"] = describe(target, language: language, index: index)
            }
            // The signed document's wording wins over the registry's; the Ghi chú says what is wrong with it.
            if let printed = entry.printed { row["content"] = printed }
            rows.append(row)
        }
        return [
            "heading": count == 1 ? catalog["appendix_heading"]
                : catalog.format("appendix_heading_numbered", ["n": String(number)]),
            "title": appendix.title,
            "note": appendix.note ?? "",
            "id": "appendix-\(number)",
            "rows": rows,
        ]
    }

    /// "Kết luận của Bộ Chính trị về …" / "Conclusion of the Politburo on …".
    func describe(_ target: DocumentTarget, language: Language, index: DocumentIndex) -> String {
        let catalog = catalogs[language]!
        switch target {
        case .registry(let position):
            let document = index.registry[position]
            return catalog.format("document_description", ["kind": catalog["kind_\(document.type)"],
                                                           "issuer": document.issuer[language],
                                                           "title": document.title[language]])
        case .plan(let slug):
            guard let source = index.plans[slug].flatMap({ $0.version(language) ?? $0.versions.values.first }) else { return slug }
            return catalog.format("plan_description", ["kind": catalog["kind_\(source.type)"], "issuer": source.issuer,
                                                       "title": source.title])
        }
    }
}
