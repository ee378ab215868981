/// "Implemented by", bounded for a national corpus: a Politburo conclusion may be the basis of thousands of
/// plans. Page 1 of a document shows the first `pageSize` documents that implement it, and each level of
/// its implementation chain the first `pageSize` of that level; when there are more, the whole list is on
/// its own pages, `/vi/documents/<slug>/implemented-by/`, `…/implemented-by/page/2/` …, `pageSize` at a time.
/// A document with no more than `pageSize` implementers has no such pages, and its page is as before.
extension PageContext {
    /// How many pages the whole "Implemented by" list of `implementers` documents has; 0 when page 1 of the
    /// document shows them all.
    static func implementedByPageCount(implementers: Int, pageSize: Int) -> Int {
        implementers > pageSize ? (implementers + pageSize - 1) / pageSize : 0
    }

    /// The pages of the whole list, when page 1 of the document cannot show it all.
    func implementedByPages(_ position: Int, language: Language, site: ResolvedSite, pageSize: Int) -> AnySequence<Page> {
        let document = site.index.registry[position]
        let target = DocumentTarget.registry(index: position)
        let implementers = site.implementedBy[target] ?? []
        let pageCount = Self.implementedByPageCount(implementers: implementers.count, pageSize: pageSize)
        guard pageCount > 0 else { return AnySequence([]) }
        let catalog = catalogs[language]!
        let label = self.label(target, language: language, site: site)
        let heading = catalog.format("implemented_by_heading", ["label": label])
        return AnySequence((1...pageCount).lazy.map { number in
            let path = SiteURLs.implementedBy(document.slug, language, page: number)
            // The list is the same in both languages (the basis is), so page k has its translation.
            let alternates = Dictionary(uniqueKeysWithValues: Language.allCases.map { ($0, SiteURLs.implementedBy(document.slug, $0, page: number)) })
            let title = number == 1 ? heading : catalog.format("page_numbered", ["title": heading, "n": String(number)])
            var context = common(language: language, path: path, title: title,
                                 description: describe(target, language: language, index: site.index),
                                 translationPath: alternates[language.other], alternates: alternates, xDefault: alternates[.vi]!)
            context["breadcrumbs"] = [
                ["href": SiteURLs.home(language), "label": catalog["breadcrumb_home"]],
                ["href": SiteURLs.documents(language), "label": catalog["documents_title"]],
                ["href": SiteURLs.document(document.slug, language), "label": label],
            ]
            let shown = Array(implementers.dropFirst((number - 1) * pageSize).prefix(pageSize))
            var values: [String: Any] = [
                "heading": title,
                "count": catalog.format("implemented_by_count", ["n": String(implementers.count)]),
                "documents": cachedDocumentItems(shown, language: language, site: site).map(TemplateValue.object),
            ]
            var pagination: [String: Any] = ["label": catalog.format("page_of", ["n": String(number), "total": String(pageCount)])]
            if number > 1 { pagination["prev"] = SiteURLs.implementedBy(document.slug, language, page: number - 1) }
            if number < pageCount { pagination["next"] = SiteURLs.implementedBy(document.slug, language, page: number + 1) }
            values["pagination"] = pagination
            context["listing"] = values
            return Page(path: path, template: "pages/implemented-by", context: context, alternates: alternates)
        })
    }

    /// What page 1 shows of the documents implementing `target`: the first `pageSize`, and when there are
    /// more, their number and the link to the whole list.
    func implementedBySummary(_ target: DocumentTarget, slug: String, language: Language, site: ResolvedSite,
                              pageSize: Int) -> [String: Any] {
        let implementers = site.implementedBy[target] ?? []
        let shown = cachedDocumentItems(Array(implementers.prefix(pageSize)), language: language, site: site).map(TemplateValue.object)
        var summary: [String: Any] = ["implemented_by": shown, "has_implemented_by": !shown.isEmpty]
        if implementers.count > pageSize {
            summary["implemented_by_more"] = [
                "href": SiteURLs.implementedBy(slug, language),
                "label": catalogs[language]!.format("implemented_by_all", ["n": String(implementers.count)]),
            ]
        }
        return summary
    }
}
