/// Contexts of the legal-document pages: one page per registry entry and a documents index, per language.
extension PageContext {
    /// Label of a document in lists: "Kết luận 57-KL/TW" / "Conclusion 57-KL/TW".
    func label(_ target: DocumentTarget, language: Language, site: ResolvedSite) -> String {
        let catalog = catalogs[language]!
        switch target {
        case .registry(let position):
            let document = site.index.registry[position]
            return "\(catalog["kind_\(document.type)"]) \(document.symbol)"
        case .plan(let slug):
            let source = site.plans[slug]?[language]?.source ?? site.plans[slug]?.values.first?.source
            let number = source?.number ?? ""
            return [catalog["kind_\(source?.type ?? "")"], number].filter { !$0.isEmpty }.joined(separator: " ")
        }
    }

    /// A document in a list: link, label, date, one-line title. The same as `label`, `describe` and the
    /// index's `path` and `date` give, with a plan looked up once: "Cited by" lists show some hundred thousand
    /// plan items a build.
    func documentItem(_ target: DocumentTarget, language: Language, site: ResolvedSite) -> [String: TemplateValue] {
        let catalog = catalogs[language]!
        guard case .plan(let slug) = target, let plan = site.index.plans[slug] else {
            let date = site.index.date(of: target)
            return [
                "href": .string(site.index.path(of: target, language)),
                "label": .string(label(target, language: language, site: site)),
                "date": .string(date.map { catalog.format($0) } ?? ""),
                "datetime": .string(date?.description ?? ""),
                "title": .string(describe(target, language: language, index: site.index)),
            ]
        }
        // The version in `language`, else the other one (a plan has one or both); dated by its Vietnamese one.
        let own = plan.version(language), other = plan.version(language.other)
        let shown = own ?? other
        let date = ((language == .vi ? own : other) ?? shown)?.date
        let label = [catalog["kind_\(shown?.type ?? "")"], shown?.number ?? ""].filter { !$0.isEmpty }.joined(separator: " ")
        let title = shown.map { catalog.format("plan_description", ["kind": catalog["kind_\($0.type)"], "issuer": $0.issuer, "title": $0.title] as KeyValuePairs) }
        return [
            "href": .string(own == nil && other != nil ? SiteURLs.plan(slug, language.other) : SiteURLs.plan(slug, language)),
            "label": .string(label),
            "date": .string(date.map { catalog.format($0) } ?? ""),
            "datetime": .string(date?.description ?? ""),
            "title": .string(title ?? slug),
        ]
    }

    /// `documentItem` made once per build for each document and language when the page context has a cache.
    func cachedDocumentItem(_ target: DocumentTarget, language: Language, site: ResolvedSite) -> [String: TemplateValue] {
        guard let itemCache else { return documentItem(target, language: language, site: site) }
        return itemCache.item(target, language: language) { documentItem(target, language: language, site: site) }
    }

    /// `cachedDocumentItem` of each of `targets`.
    func cachedDocumentItems(_ targets: [DocumentTarget], language: Language, site: ResolvedSite) -> [[String: TemplateValue]] {
        guard let itemCache else { return targets.map { cachedDocumentItem($0, language: language, site: site) } }
        return itemCache.items(targets, language: language) { documentItem($0, language: language, site: site) }
    }

    /// The tree of documents implementing `target`, level by level; a document already shown higher up
    /// the same branch is not expanded again. Each level shows at most `pageSize` documents; `more` says how
    /// many it leaves out, with a link to the whole list when `target` has one.
    func chain(below target: DocumentTarget, language: Language, site: ResolvedSite, pageSize: Int,
               ancestors: Set<DocumentTarget> = []) -> (items: [TemplateValue], more: TemplateValue, branches: Bool) {
        let implementers = site.implementedBy[target] ?? []
        var branches = false
        let items = implementers.prefix(pageSize).map { child -> TemplateValue in
            var item = cachedDocumentItem(child, language: language, site: site)
            let below = ancestors.contains(child) ? nil : chain(below: child, language: language, site: site, pageSize: pageSize,
                                                                ancestors: ancestors.union([target, child]))
            let children = below?.items ?? []
            item["children"] = .list(children)
            // Always set: a section name missing here would be looked up in the enclosing item.
            item["children_more"] = below?.more ?? .bool(false)
            item["has_children"] = .bool(!children.isEmpty)
            branches = branches || !children.isEmpty
            return .object(item)
        }
        return (items, chainMore(target, left: implementers.count - items.count, language: language, site: site), branches)
    }

    /// "… and 1,234 more" at the end of a cut level of the chain (false when nothing was cut), linked to the
    /// whole "Implemented by" list of a registry document.
    private func chainMore(_ target: DocumentTarget, left: Int, language: Language, site: ResolvedSite) -> TemplateValue {
        guard left > 0 else { return .bool(false) }
        var more: [String: TemplateValue] = ["label": .string(catalogs[language]!.format("chain_more", ["n": String(left)])),
                                             "has_href": .bool(false)]
        if case .registry(let position) = target {
            more["href"] = .string(SiteURLs.implementedBy(site.index.registry[position].slug, language))
            more["has_href"] = .bool(true)
        }
        return .object(more)
    }

    /// Citations of one language in the order "Cited by" shows them: by plan slug.
    static func citedByOrder(_ citations: [Citation]) -> [Citation] { citations.sorted { $0.planSlug < $1.planSlug } }


    /// `/vi/documents/<slug>/` and its further pages `/vi/documents/<slug>/cited-by/<plan slug>/`: page 1 has
    /// the document's details (metadata, note, what it implements, what implements it, the implementation
    /// chain), the number of plans that cite it and the first of them; each further page the next ones, as
    /// `CitedByPages` cuts the list, named by its first plan and titled by its first and last. The language
    /// switch of a further page leads to the other language's page of the same name (its translation), else
    /// to the one that holds its first plan. Further pages are not in the sitemap: they come and go with the
    /// citations, and page 1 links them in order. With `keys` (page names, nil for page 1), only those
    /// pages (the incremental builder's, which hands over the lists' `layouts` it made), else all of them and the
    /// "Implemented by" pages.
    func documentPages(_ position: Int, language: Language, site: ResolvedSite, pageSize: Int, keys: [String?]? = nil,
                       layouts: [Language: CitedByPages.Layout]? = nil) -> AnySequence<Page> {
        let document = site.index.registry[position]
        let target = DocumentTarget.registry(index: position)
        let catalog = catalogs[language]!
        let layouts = layouts ?? CitedByPages.Layout.both(site.citedBy[target] ?? [], pageSize: pageSize)
        let (layout, other) = (layouts[language]!, layouts[language.other]!)
        let citations = layout.citations
        let heading = label(target, language: language, site: site)
        let description = describe(target, language: language, index: site.index)
        let indexes = keys.map { $0.compactMap(layout.index(of:)) } ?? Array(0..<layout.count)
        // Made one at a time as the renderer asks: a document cited by a whole national corpus has hundreds.
        let pages = indexes.lazy.map { index in
            let key = layout.key(index)
            let path = SiteURLs.citedBy(document.slug, language, from: key)
            let translation = layout.translation(of: index, in: other)
            let translationPath = SiteURLs.citedBy(document.slug, language.other, from: other.key(translation.page))
            var alternates = [language: path]
            if translation.twin { alternates[language.other] = translationPath }
            let shown = Array(citations[layout.ranges[index]])
            // A further page is known by its first and last plan.
            let (first, last) = (shown.first.map { label(.plan(slug: $0.planSlug), language: language, site: site) } ?? "",
                                 shown.last.map { label(.plan(slug: $0.planSlug), language: language, site: site) } ?? "")
            let title = key == nil ? heading
                : shown.count == 1 ? catalog.format("cited_by_page_one", ["title": heading, "plan": first])
                : catalog.format("cited_by_page", ["title": heading, "from": first, "to": last])
            var context = common(language: language, path: path, title: title, description: description,
                                 translationPath: translationPath, alternates: alternates, xDefault: alternates[.vi] ?? path)
            context["breadcrumbs"] = [
                ["href": SiteURLs.home(language), "label": catalog["breadcrumb_home"]],
                ["href": SiteURLs.documents(language), "label": catalog["documents_title"]],
            ]
            let citingItems = cachedDocumentItems(shown.map { .plan(slug: $0.planSlug) }, language: language, site: site)
            let citedBy: [TemplateValue] = zip(shown, citingItems).map { citation, item in
                var item = item
                item["excerpt"] = .string(citation.excerpt)
                return .object(item)
            }
            var values: [String: Any] = [
                "heading": heading,
                "current": title,
                "description": description,
                "details": key == nil,
                "details_href": SiteURLs.document(document.slug, language),
                "cited_by": citedBy,
                "has_cited_by": !citedBy.isEmpty,
            ]
            if layout.count > 1 {
                // The count on page 1 alone, and no page number: a citation that comes or goes leaves the other
                // pages as they were. (Always set: a section name missing here would be looked up in the
                // enclosing contexts.)
                var pagination: [String: Any] = [
                    "label": shown.count == 1 ? first : catalog.format("cited_by_range", ["from": first, "to": last]),
                    "count": key == nil ? catalog.format("cited_by_count", ["n": String(citations.count)]) : false,
                ]
                if index > 0 { pagination["prev"] = SiteURLs.citedBy(document.slug, language, from: layout.key(index - 1)) }
                if index + 1 < layout.count { pagination["next"] = SiteURLs.citedBy(document.slug, language, from: layout.key(index + 1)) }
                values["pagination"] = pagination
            }
            if key == nil {
                context["jsonld"] = JSONLD.document(document, language: language, urls: urls, catalog: catalog)
                values.merge(details(of: position, language: language, site: site, pageSize: pageSize)) { _, detail in detail }
                values["root_label"] = heading
            }
            context["document"] = values
            return Page(path: path, template: "pages/document", context: context, alternates: alternates, inSitemap: key == nil)
        }
        guard keys == nil else { return AnySequence(pages) }
        return AnySequence([AnySequence(pages), implementedByPages(position, language: language, site: site, pageSize: pageSize)].joined())
    }

    /// What page 1 of a document shows above its "Cited by" list.
    private func details(of position: Int, language: Language, site: ResolvedSite, pageSize: Int) -> [String: Any] {
        let document = site.index.registry[position]
        let target = DocumentTarget.registry(index: position)
        let catalog = catalogs[language]!
        let implements = cachedDocumentItems(site.basis[target] ?? [], language: language, site: site).map(TemplateValue.object)
        let tree = chain(below: target, language: language, site: site, pageSize: pageSize)
        var metadata: [[String: Any]] = [
            ["label": catalog["meta_symbol"], "value": document.symbol],
            ["label": catalog["meta_kind"], "value": catalog["kind_\(document.type)"]],
            ["label": catalog["meta_issuer"], "value": document.issuer[language]],
            ["label": catalog["meta_date"], "value": document.date.map { catalog.format($0) } ?? catalog["date_unknown"]],
            ["label": catalog["meta_status"],
             "value": document.status.map { catalog["status_\($0)"] } ?? catalog["status_unknown"]],
        ]
        if let source = document.source {
            metadata.append(["label": catalog["meta_source"], "value": source, "href": source])
        }
        var details: [String: Any] = [
            "title": document.title[language],
            "metadata": metadata,
            "note": document.note?[language] ?? "",
            "implements": implements,
            "has_implements": !implements.isEmpty,
            "chain": tree.items,
            "chain_more": tree.more,
            "has_chain": tree.branches,
        ]
        details.merge(implementedBySummary(target, slug: document.slug, language: language, site: site, pageSize: pageSize)) { $1 }
        return details
    }

    /// All registry documents of one language, grouped by kind, newest first within a kind.
    func documentsIndex(language: Language, site: ResolvedSite) -> Page {
        let catalog = catalogs[language]!
        var alternates: [Language: String] = [:]
        for lang in Language.allCases { alternates[lang] = SiteURLs.documents(lang) }
        var context = common(language: language, path: SiteURLs.documents(language), title: catalog["documents_title"],
                             description: catalog["documents_description"],
                             translationPath: alternates[language.other], alternates: alternates,
                             xDefault: alternates[.vi]!)
        context["breadcrumbs"] = [["href": SiteURLs.home(language), "label": catalog["breadcrumb_home"]]]
        var byKind: [String: [Int]] = [:]
        for (position, document) in site.index.registry.enumerated() { byKind[document.type, default: []].append(position) }
        let groups: [[String: Any]] = byKind.keys.sorted { catalog["kind_\($0)"] < catalog["kind_\($1)"] }.map { kind in
            let positions = byKind[kind]!.sorted { a, b in
                let left = site.index.registry[a], right = site.index.registry[b]
                return (left.date ?? PartialDate(year: 0), left.symbol) > (right.date ?? PartialDate(year: 0), right.symbol)
            }
            return [
                "kind": catalog["kind_plural_\(kind)"].isEmpty ? catalog["kind_\(kind)"] : catalog["kind_plural_\(kind)"],
                "id": "kind-\(kind)",
                "documents": positions.map { position -> [String: TemplateValue] in
                    let document = site.index.registry[position]
                    var item = documentItem(.registry(index: position), language: language, site: site)
                    item["symbol"] = .string(document.symbol)
                    item["issuer"] = .string(document.issuer[language])
                    item["subject"] = .string(document.title[language])
                    return item
                },
            ]
        }
        context["groups"] = groups
        context["count"] = site.index.registry.count
        return Page(path: SiteURLs.documents(language), template: "pages/documents", context: context, alternates: alternates)
    }
}
