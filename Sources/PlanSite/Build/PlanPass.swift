/// The streaming build's pass over the plans: each plan's bodies read again (the corpus was loaded without
/// them), its versions linked, their pages and data files rendered and handed to the sink, their items added to the search
/// index; what is kept of a version is what other pages need (its citations, its links, its front matter),
/// not its body or its HTML. So a page is rendered, written and dropped, and memory does not grow with the
/// text of the corpus.
///
/// Plans run on all cores. A plan's two versions run in the same job: the English page tells from the
/// Vietnamese body whether its translation is stale.
struct PlanPass {
    let content: LoadedContent
    let index: DocumentIndex
    let context: PageContext
    let writer: PageWriter
    let sink: StagingWriter
    let search: [Language: SearchIndexStream]

    /// What the pass leaves for the rest of the build.
    struct Outcome {
        /// Each version linked, without its body, HTML or search words.
        var linked: [String: [Language: LinkedPlan]]
        /// The pages' sitemap entries.
        var entries: [SitemapEntry]
    }

    /// The number of each plan's item in its language's search index: plans by slug, as `SearchIndex` has them.
    static func searchItems(_ plans: [Plan]) -> [Language: [String: Int]] {
        var items: [Language: [String: Int]] = [:]
        for language in Language.allCases {
            let slugs = plans.filter { $0.version(language) != nil }.map(\.slug)
            items[language] = Dictionary(uniqueKeysWithValues: slugs.enumerated().map { ($1, $0) })
        }
        return items
    }

    func run(log: inout DiagnosticLog, progress: ProgressHandler?) -> Outcome {
        let resolver = SiteResolver(content: content)
        let linker = CitationLinker(index: index, markdownOptions: MarkdownOptions(allowRawHTML: content.config.allowRawHTML))
        let machine = MachineFiles(urls: context.urls, catalogs: context.catalogs)
        let items = Self.searchItems(content.plans)
        let results = parallelMap(content.plans) { plan in
            var local = DiagnosticLog()
            var full: [Language: PlanSource] = [:]
            for (language, source) in plan.versions {
                switch PlanLoader.body(of: source) {
                case .success(let body): full[language] = source.replacingBody(body)
                case .failure(let diagnostic):
                    local.report(diagnostic)  // the build fails; the version goes on without its body meanwhile
                    full[language] = source
                }
            }
            ContentChecks.translationFresh(Plan(slug: plan.slug, versions: full), log: &local)
            var linked: [Language: LinkedPlan] = [:]
            var entries: [SitemapEntry] = []
            for language in plan.versions.keys.sorted() {
                let source = full[language]!
                let (version, body) = linker.linkWithBody(source, log: &local)
                var ignored = DiagnosticLog()  // the resolver reports the appendix rows' warnings once, later
                let targets = resolver.appendixTargets(of: source, index: index, log: &ignored)
                let page = context.plan(version, translation: full[language.other], appendixTargets: targets, index: index)
                var output: [OutputFile] = []
                writer.render(page, into: &output, log: &local)
                // Its plan.json and plan.akn.xml, beside the page (PlanData.swift).
                output += PlanData(linked: version, translation: full[language.other], index: index, urls: context.urls,
                                   catalog: context.catalogs[language]!, options: linker.markdownOptions, body: body).files()
                for file in output { sink.write(file) }
                entries.append(SitemapEntry(path: page.path, alternates: page.alternates, xDefault: page.xDefault, inSitemap: page.inSitemap))
                search[language]!.add(items[language]![plan.slug]!, machine.searchItem(version))
                linked[language] = version.kept(source: plan.versions[language]!)
            }
            return (linked, entries, local.diagnostics)
        }
        var outcome = Outcome(linked: [:], entries: [])
        for (plan, (linked, entries, diagnostics)) in zip(content.plans, results) {
            outcome.linked[plan.slug] = linked
            outcome.entries += entries
            log.report(contentsOf: diagnostics)
        }
        progress?("linked and rendered the plans", content.plans.count, content.plans.count)
        return outcome
    }
}

extension LinkedPlan {
    /// What the rest of a streaming build keeps of a version whose page is written: `source` (loaded without
    /// its body), the first citation of each document (what "Cited by" quotes and the data files list) with how
    /// many times it is cited, and the links; no HTML, no search words.
    func kept(source: PlanSource) -> LinkedPlan {
        let cited = citedDocuments()
        var first: [DocumentTarget: Citation] = [:]
        for citation in citations where first[citation.target] == nil { first[citation.target] = citation }
        var kept = LinkedPlan(source: source, bodyHTML: [], titleHTML: titleHTML, notesHTML: notesHTML, searchWords: ([], []),
                              searchOpening: "", citations: cited.map { first[$0.target]! }, links: links)
        kept.repeats = cited.map { Int32(clamping: $0.count) }
        return kept
    }
}
