import Foundation

/// A file of the finished site, path relative to the output folder.
public struct OutputFile: Sendable, Equatable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// One page to render, named cheaply; its context is built only when it is rendered.
enum PageSpec: Sendable {
    case plan(slug: String, language: Language)
    case document(position: Int, language: Language)
    /// Some of a document's "Cited by" pages, by name (`CitedByPages`; nil for page 1), from its lists cut into
    /// pages: the incremental builder's.
    case citedByPages(position: Int, language: Language, keys: [String?], layouts: [Language: CitedByPages.Layout])
    case documentsIndex(Language), home(Language), search(Language), notFound(Language?), landing
    /// The "Open data" page (OpenDataPage.swift).
    case openData(Language)
    case facetIndex(Facet, Language)
    case facetValue(Facet, key: String, language: Language)
}

/// Where a page is and what its translations are: all the sitemap needs once the page is rendered. A national
/// site has hundreds of thousands of them, so the versions are in a slot per language, not a dictionary.
struct SitemapEntry: Sendable {
    var path: String
    private var vi: String?
    private var en: String?
    var xDefault: String?
    var inSitemap: Bool

    init(path: String, alternates: [Language: String], xDefault: String?, inSitemap: Bool) {
        self.path = path
        self.vi = alternates[.vi]
        self.en = alternates[.en]
        self.xDefault = xDefault
        self.inSitemap = inSitemap
    }

    /// The page's version in `language`, itself included.
    func alternate(_ language: Language) -> String? {
        switch language {
        case .vi: vi
        case .en: en
        }
    }

    var alternates: [Language: String] {
        Dictionary(uniqueKeysWithValues: Language.allCases.compactMap { language in alternate(language).map { (language, $0) } })
    }
}

/// Stage 3: turns the resolved site into files. Pure: no file-system writes. Each page's context is built
/// and rendered in one pass on all cores, so no more than a page per core is held as a context.
struct SiteRenderer {
    let content: LoadedContent
    let site: ResolvedSite
    let catalogs: [Language: Catalog]
    let templates: TemplateSet
    let assets: [OutputFile]
    var progress: ProgressHandler?
    /// Where files go as soon as they are made (`plansite build`); nil keeps them all in memory. Files
    /// handed to the sink do not come back from `render`: the sink counts them (`StagingWriter.written`).
    var sink: StagingWriter?
    /// Document list items, made once for all pages of this render.
    let itemCache = DocumentItemCache()
    /// The site-wide data files, made once for the job that writes them and the pages that list them.
    let openDataFiles = OpenDataFiles()
    /// The rows of the "Open data" pages' table of parts as earlier renders made them (the incremental builder's).
    var openDataRows: OpenDataRows?

    var context: PageContext {
        PageContext(urls: SiteURLs(baseURL: content.config.baseURL), catalogs: catalogs, itemCache: itemCache, openDataRows: openDataRows)
    }

    /// The open data of this site.
    var openData: OpenData {
        OpenData(urls: context.urls, site: site, catalogs: catalogs, partSize: content.config.dataPartPlans,
                 slugs: content.plans.map(\.slug))
    }

    /// Every file of the site; with `streamed`, the plan pages (and the plans' search items) that `PlanPass`
    /// wrote already are not made again, and the search indexes are finished from `search`.
    func render(log: inout DiagnosticLog, streamed: PlanPass.Outcome? = nil, search: [Language: SearchIndexStream] = [:]) -> [OutputFile] {
        progress?("listing facets", 0, 1)
        reportMissingTranslations(log: &log)
        let facets = FacetTable(context: context, plans: content.plans)
        let specs = self.specs(facets).filter { spec in
            if streamed != nil, case .plan = spec { return false }
            return true
        }
        progress?("rendering pages", 0, specs.count)
        // The search indexes and feeds need no page: they are made beside the pages, first (they are the
        // longest jobs), so that both cores stay busy to the end.
        // The corpus-wide data files are written as they are made, when there is a sink.
        let streamedFiles = StreamedFiles(sink: sink)
        let (files, entries) = render(specs, facets: facets, alongside: searchAndFeedJobs(search: search, streamed: streamedFiles), log: &log)
        progress?("rendering pages", specs.count, specs.count)
        progress?("writing the sitemap", 0, 1)
        return (files + emit(assets) + sitemapAndRobots([entries, streamed?.entries ?? []])).sorted { $0.path < $1.path }
    }

    /// Hands `files` to the sink, if there is one, and returns none of them; else returns them.
    private func emit(_ files: [OutputFile]) -> [OutputFile] {
        guard let sink else { return files }
        for file in files { sink.write(file) }
        return []
    }

    /// One unit of work for the rendering cores: a page, or machine files that need no page.
    private enum RenderJob {
        case page(PageSpec)
        case files(@Sendable () -> [OutputFile])
    }

    /// Renders the pages of `specs` and runs `jobs`, on all cores; files come out in that order.
    func render(_ specs: [PageSpec], facets: FacetTable, alongside jobs: [@Sendable () -> [OutputFile]] = [],
                log: inout DiagnosticLog) -> ([OutputFile], [SitemapEntry]) {
        let work = jobs.map(RenderJob.files) + specs.map(RenderJob.page)
        let rendered = parallelMap(work) { job in
            var local = DiagnosticLog()
            var output: [OutputFile] = []
            var entries: [SitemapEntry] = []
            switch job {
            case .files(let make):
                output = emit(make())
            case .page(let spec):
                // Each page is handed on as soon as it is rendered: a spec can have hundreds of pages.
                for page in pages(for: spec, facets: facets) {
                    var pageOutput: [OutputFile] = []
                    PageWriter(templates: templates).render(page, into: &pageOutput, log: &local)
                    output += emit(pageOutput)
                    entries.append(SitemapEntry(path: page.path, alternates: page.alternates, xDefault: page.xDefault, inSitemap: page.inSitemap))
                }
                output += emit(dataFiles(for: spec))  // a plan's plan.json and plan.akn.xml (PlanData.swift)
            }
            return (output, entries, local.diagnostics)
        }
        var files: [OutputFile] = []
        var entries: [SitemapEntry] = []
        for (output, pageEntries, diagnostics) in rendered {
            files += output
            entries += pageEntries
            log.report(contentsOf: diagnostics)
        }
        return (files, entries)
    }

    /// The search indexes, the feeds and the open data, one job each. A language's index in `search` has its
    /// plans' items already: the documents' are added to it, and it is finished.
    func searchAndFeedJobs(search: [Language: SearchIndexStream] = [:],
                           streamed: StreamedFiles = StreamedFiles(sink: nil)) -> [@Sendable () -> [OutputFile]] {
        let machine = MachineFiles(urls: context.urls, catalogs: catalogs)
        let (site, content, context) = (self.site, self.content, self.context)
        var jobs: [@Sendable () -> [OutputFile]] = []
        for language in Language.allCases {
            if let stream = search[language] {
                let first = content.plans.filter { $0.version(language) != nil }.count
                jobs.append {
                    for position in site.index.registry.indices {
                        stream.add(first + position, machine.searchEntry(document: position, language: language, site: site, context: context))
                    }
                    return stream.finish()
                }
            } else {
                jobs.append { machine.searchIndex(language: language, site: site, context: context) }
            }
        }
        for language in Language.allCases {
            jobs.append { [machine.feed(language: language, plans: content.plans.compactMap { $0.version(language) })] }
        }
        let (openDataFiles, openData) = (self.openDataFiles, self.openData)
        // The files come back only when made in memory; the "Open data" pages may have made them first.
        jobs.append { openDataFiles.get { openData.files(into: streamed) }.compactMap(\.file) }
        return jobs
    }

    /// sitemap.xml, or past 50,000 pages the index and its parts (from the pages rendered), and robots.txt.
    /// With a sink, each part is written as soon as it is full.
    func sitemapAndRobots(_ entries: [[SitemapEntry]]) -> [OutputFile] {
        let machine = MachineFiles(urls: context.urls, catalogs: catalogs)
        var files: [OutputFile] = []
        machine.sitemaps(entries) { file in files += emit([file]) }
        return files + emit([machine.robots()])
    }

    /// Warns for each plan (of `plans`, or all) that has no translation.
    func reportMissingTranslations(plans: [Plan]? = nil, log: inout DiagnosticLog) {
        for plan in plans ?? content.plans {
            for (language, source) in plan.versions.sorted(by: { $0.key < $1.key }) where plan.version(language.other) == nil {
                let other = language.other
                log.report(.warning(source.path, "no \(other.englishName) version; the page links to the \(other.englishName) home instead",
                                    hint: "add \((source.path as NSString).deletingLastPathComponent)/\(plan.slug).\(other.rawValue).md"))
            }
        }
    }

    /// Every page of the site, named.
    func specs(_ facets: FacetTable) -> [PageSpec] {
        var specs: [PageSpec] = []
        for plan in content.plans {
            for language in plan.versions.keys.sorted() { specs.append(.plan(slug: plan.slug, language: language)) }
        }
        for language in Language.allCases {
            for position in content.registry.indices { specs.append(.document(position: position, language: language)) }
            specs += [.documentsIndex(language), .home(language), .search(language), .notFound(language), .openData(language)]
            for facet in Facet.allCases {
                specs.append(.facetIndex(facet, language))
                for value in facets.values(facet, language) { specs.append(.facetValue(facet, key: value.key, language: language)) }
            }
        }
        specs += [.landing, .notFound(nil)]
        return specs
    }

    /// The pages of `spec`, made one at a time as they are asked for.
    func pages(for spec: PageSpec, facets: FacetTable) -> AnySequence<Page> {
        switch spec {
        case let .document(position, language):
            return context.documentPages(position, language: language, site: site, pageSize: content.config.listingPageSize)
        case let .citedByPages(position, language, keys, layouts):
            return context.documentPages(position, language: language, site: site, pageSize: content.config.listingPageSize,
                                         keys: keys, layouts: layouts)
        case let .facetValue(facet, key, language):
            guard let value = facets.values(facet, language).first(where: { $0.key == key }) else { return AnySequence([]) }
            return context.facetValuePages(facet, value, language: language, pageSize: content.config.listingPageSize,
                                           otherLanguageKeys: facets.keys(facet, language.other))
        default:
            return AnySequence(singlePage(for: spec, facets: facets))
        }
    }

    /// The page of a spec that has one page (or none).
    private func singlePage(for spec: PageSpec, facets: FacetTable) -> [Page] {
        let context = self.context
        switch spec {
        case let .plan(slug, language):
            guard let linked = site.plans[slug]?[language] else { return [] }
            return [context.plan(linked, translation: site.plans[slug]?[language.other]?.source,
                                 appendixTargets: site.appendixTargets[slug]?[language] ?? [], index: site.index)]
        case .document, .citedByPages, .facetValue:
            preconditionFailure("a spec of several pages is made by pages(for:)")
        case .documentsIndex(let language): return [context.documentsIndex(language: language, site: site)]
        case .home(let language): return [context.home(language: language, facets: facets, plans: content.plans, latestCount: 5)]
        case .search(let language): return [context.search(language: language, facets: facets)]
        case .notFound(let language): return [context.notFound(language: language)]
        case .landing: return [context.landing()]
        case .openData(let language): return [context.openData(language: language, files: siteDataFiles())]
        case let .facetIndex(facet, language): return [context.facetIndex(facet, language: language, facets: facets)]
        }
    }

    /// Newest first; undated documents last; ties by slug so the order is stable.
    static func newestFirst(_ a: PlanSource, _ b: PlanSource) -> Bool {
        switch (a.date, b.date) {
        case let (x?, y?) where x != y: return x > y
        case (nil, _?): return false
        case (_?, nil): return true
        default: return a.slug < b.slug
        }
    }
}
