import Foundation

/// What an incremental (re)build did.
public struct IncrementalReport: Sendable {
    public enum Kind: String, Sendable { case full, incremental, unchanged }
    public var kind: Kind
    /// Pages whose HTML was rendered this time.
    public var pagesRendered: Int
    /// Files whose bytes changed and were written.
    public var filesWritten: Int
    public var diagnostics: [Diagnostic]
    public var seconds: Double
    /// An incremental rebuild's steps and what each took (empty for a full build).
    public var steps = StepTimes()
}

/// Builds once, then rebuilds only what a change affects (for `plansite serve` and `build --incremental`
/// runs inside one process). The output is byte-identical to a clean build; a test checks it.
///
/// A change to a plan file that keeps every field other pages show (type, number, date, title, issuer,
/// place, topics, summary, basis, system, status) re-renders the plan's pages in both languages, the pages
/// of the documents' "Cited by" lists that its citations changed (`CitedByPages`), and the search-index files of
/// its words and its item. Anything else — a new or deleted file, such a field, the registry, the templates, the config, an
/// image — re-renders the whole site. Either way only files whose bytes changed are written, each replaced atomically.
public final class IncrementalBuilder {
    public let options: BuildOptions
    private var state: SiteBuilder.RenderState?
    /// The inputs as the last build saw them, and what tells which of them changed since.
    private var stamps = InputStamps()
    /// Made by each full build (nil before the first one).
    private var monitor: ChangeMonitor?
    /// Paths the monitor reported that no successful build has taken in yet.
    private var pending: Set<String> = []
    /// The changed inputs, with their stamps, of the last rebuild that failed.
    private var failedChanges: [String: InputStamps.Stamp?]?
    /// The search index per language, plans first (by slug) then documents, as the full build makes it.
    private var searchIndexes: [Language: SearchIndex] = [:]
    /// The open-data record of each plan version, as the last build made it.
    private var dataRecords: [DataKey: OpenData.Record] = [:]
    /// The open-data record of each registry document, as the last build made it (`OpenData.documentRecord`).
    private var documentRecords: [OpenData.Record] = []
    /// Each open-data part's earliest and latest plan date, for the catalogue (no rebuild changes a date).
    private var partDates: [ClosedRange<PartialDate>?] = []
    /// The size of each site-wide data file as the last edit wrote or found it (the catalogue and the "Open data"
    /// pages list them all), so that an edit does not stat the hundreds of parts it keeps.
    private var dataFileSizes: [String: Int] = [:]
    /// The DCAT catalogue's entry of each part, as the last edit wrote it (a full build starts anew).
    private var catalogParts = DCATCatalog.PartCache()
    /// The "Cited by" pages, in both languages, of each registry document (by position) that an edit since the
    /// last full build changed, as that edit left them: the next edit starts from them instead of cutting the
    /// list again.
    private var citedByLayouts: [Int: [Language: CitedByPages.Layout]] = [:]
    /// The "Open data" pages' rows of parts, as the edits since the last full build made them.
    private var openDataRows = OpenDataRows()
    struct DataKey: Hashable, Comparable {
        var slug: String
        var language: Language
        /// The full build's order: by slug, then in the order of `Language.allCases`.
        static func < (a: DataKey, b: DataKey) -> Bool {
            (a.slug, Language.allCases.firstIndex(of: a.language)!) < (b.slug, Language.allCases.firstIndex(of: b.language)!)
        }
    }
    /// A registry document's pages in one language.
    struct DocumentPagesKey: Hashable, Comparable {
        var position: Int
        var language: Language
        static func < (a: Self, b: Self) -> Bool { (a.position, a.language) < (b.position, b.language) }
    }
    /// Where each plan is in the kept content's plans, by slug (an incremental rebuild adds and removes none).
    private var planPositions: [String: Int] = [:]
    /// The kept content's plans' slugs, in order (for the open data's parts, without a pass over the plans).
    private var planSlugs: [String] = []
    /// Where each plan's item is in its language's index, by slug.
    private var searchPositions: [Language: [String: Int]] = [:]

    public init(options: BuildOptions) {
        self.options = options
    }

    /// A full build, streamed as `plansite build` streams it (a page is written into the staging folder and
    /// dropped, and the folder is swapped in at the end); afterwards `rebuild()` can work from what it kept:
    /// the resolved site without bodies or HTML, each language's search index and each plan version's
    /// open-data record. The site's bytes are not held: an edit compares what it makes with the files on disk.
    @discardableResult
    public func build() throws(BuildFailure) -> IncrementalReport {
        let started = Date()
        let builder = SiteBuilder(options: options)
        let monitor = ChangeMonitor()
        self.monitor = monitor
        stamps = InputStamps(inputFolders, monitor: monitor)
        pending = []
        failedChanges = nil
        // What the last build kept is let go first: a full build is not to hold two of it.
        (self.state, searchIndexes, searchPositions, dataRecords, planPositions) = (nil, [:], [:], [:], [:])
        (documentRecords, partDates, catalogParts, citedByLayouts, dataFileSizes) = ([], [], DCATCatalog.PartCache(), [:], [:])
        openDataRows = OpenDataRows()
        let (state, staging) = try builder.stage(keepSearchEntries: true)
        // What later rebuilds start from is made before the site is swapped in, so that a served page never
        // shows a build whose state is not kept yet (`plansite serve` reports the build once this returns).
        let urls = SiteURLs(baseURL: state.inputs.content.config.baseURL)
        var indexes: [Language: SearchIndex] = [:]
        for language in Language.allCases {
            guard let entries = state.searchEntries[language] else {
                staging.abort()
                throw BuildFailure([.error(options.outputDirectory, "the search index of the build is incomplete",
                                           hint: "build again; if this persists, report it with the content that causes it")])
            }
            indexes[language] = SearchIndex(entries: entries)
        }
        let positions = PlanPass.searchItems(state.inputs.content.plans)
        planSlugs = state.inputs.content.plans.map(\.slug)
        let openData = OpenData(urls: urls, site: state.site, catalogs: state.inputs.catalogs,
                                partSize: state.inputs.content.config.dataPartPlans, slugs: planSlugs)
        var records: [DataKey: OpenData.Record] = [:]
        for slug in state.site.plans.keys {
            for language in Language.allCases { if let record = openData.planRecord(slug, language) { records[DataKey(slug: slug, language: language)] = record } }
        }
        let documents = openData.documentRecords()
        partDates = DCATCatalog(urls: urls, site: state.site, catalogs: state.inputs.catalogs, parts: openData.parts).datesOfParts()
        try builder.commit(staging, diagnostics: state.diagnostics)
        var kept = state
        kept.searchEntries = [:]  // now in the indexes
        self.state = kept
        (searchIndexes, searchPositions, dataRecords, documentRecords) = (indexes, positions, records, documents)
        planPositions = Dictionary(uniqueKeysWithValues: state.inputs.content.plans.enumerated().map { ($1.slug, $0) })
        let written = staging.written
        return IncrementalReport(kind: .full, pagesRendered: written.pages, filesWritten: written.files,
                                 diagnostics: kept.diagnostics, seconds: Date().timeIntervalSince(started))
    }

    /// Looks at what changed since the last build and renders only what that affects.
    @discardableResult
    public func rebuild() throws(BuildFailure) -> IncrementalReport {
        let started = Date()
        let (current, changed) = inputChanges()
        guard !changed.isEmpty else {
            return IncrementalReport(kind: .unchanged, pagesRendered: 0, filesWritten: 0,
                                     diagnostics: state?.diagnostics ?? [], seconds: Date().timeIntervalSince(started))
        }
        guard state != nil, let plans = planFiles(changed, current: current) else { return try build() }
        do {
            let report = if let incremental = try rebuildInPlace(plans, inputs: current, started: started) { incremental } else { try build() }
            failedChanges = nil
            return report
        } catch {
            failedChanges = stamps(of: changed, in: current)
            throw error
        }
    }

    /// The incremental part of `rebuild()`, nil when the change needs a full build. The kept state is taken
    /// out of the builder while it is changed in place (a copy of its dictionaries would cost time in
    /// proportion to the corpus at every edit); a rebuild that fails puts back what it changed.
    private func rebuildInPlace(_ plans: Set<String>, inputs current: InputUpdate, started: Date) throws(BuildFailure) -> IncrementalReport? {
        guard var state = self.state else { return nil }
        var indexes = searchIndexes, records = dataRecords
        (self.state, searchIndexes, dataRecords) = (nil, [:], [:])
        var undo = RebuildUndo()
        do {
            guard let report = try rebuild(plans, state: &state, indexes: &indexes, records: &records, undo: &undo,
                                           inputs: current, started: started) else { return nil }
            (self.state, searchIndexes, dataRecords) = (state, indexes, records)
            return report
        } catch {
            undo.restore(&state, searchIndexes: &indexes, records: &records)
            (self.state, searchIndexes, dataRecords) = (state, indexes, records)
            throw error
        }
    }

    /// The changed plan files re-linked and their pages rendered into the kept state, what they change
    /// written; nil when a change touches what other pages show. What it changes of the state, it saves
    /// in `undo` first.
    private func rebuild(_ plans: Set<String>, state: inout SiteBuilder.RenderState, indexes: inout [Language: SearchIndex],
                         records: inout [DataKey: OpenData.Record], undo: inout RebuildUndo, inputs current: InputUpdate,
                         started: Date) throws(BuildFailure) -> IncrementalReport? {
        // Reload the changed plan files; any problem or any change other pages depend on → full build.
        var clock = StepTimes()
        var log = DiagnosticLog()
        let loader = PlanLoader(contentDirectory: options.contentDirectory, knownTypes: state.inputs.catalogs[.vi]!.documentTypes)
        var changedSources: [PlanSource] = []
        var planIndexes: [String: Int] = [:]
        for path in plans.sorted() {
            guard let data = FileManager.default.contents(atPath: path),
                  let source = loader.load(path: path, bytes: [UInt8](data), log: &log),
                  let planIndex = planPositions[source.slug],
                  let old = state.inputs.content.plans[planIndex].version(source.language),
                  old.path == source.path, Self.sameForOtherPages(old, source) else { return nil }
            undo.save(plan: planIndex, of: state.inputs.content)
            state.inputs.content.plans[planIndex].versions[source.language] = source
            changedSources.append(source)
            planIndexes[source.slug] = planIndex
        }
        if log.hasErrors { return nil }
        // The full build kept no bodies: the other version of each changed plan is read again, since its
        // page shows the translation's state and the English page tells from the Vietnamese body whether
        // it is stale. Both versions are linked and rendered.
        let changedPaths = Set(changedSources.map(\.path))
        var versions = changedSources
        for planIndex in planIndexes.values.sorted() {
            for (language, source) in state.inputs.content.plans[planIndex].versions.sorted(by: { $0.key < $1.key })
            where !changedPaths.contains(source.path) {
                guard case .success(let body) = PlanLoader.body(of: source) else { return nil }
                let full = source.replacingBody(body)
                state.inputs.content.plans[planIndex].versions[language] = full
                versions.append(full)
            }
        }
        let slugs = Set(changedSources.map(\.slug))
        clock.lap("reading the plan files")

        // What the pages are made from (resolver, renderer, open data) lives in this block only: once it
        // ends, nothing else holds the state, and the changes below it are made in place.
        var files: [OutputFile] = []
        /// Files of the last build that this one does not have (pages of a common word's search postings).
        var removed: [String] = []
        /// The registry documents' records, put in place of the kept ones once the rebuild has succeeded.
        var documents = documentRecords
        /// The "Cited by" pages of the documents whose lists changed, kept for the next edit once this one succeeds.
        var layouts: [Int: [Language: CitedByPages.Layout]] = [:]
        var dataSizes = dataFileSizes
        /// The parts of the plan files made again because a record in them changed: they differ from the disk's.
        var differing: Set<String> = []
        do {
            // Re-link the versions against the same index (no published number changed) and put them into
            // the graph; "Cited by" changes only where a first citation of a document changed.
            let resolver = SiteResolver(content: state.inputs.content)
            var linkedVersions: [LinkedPlan] = []
            for (result, diagnostics) in resolver.link(versions, index: state.site.index) {
                linkedVersions.append(result)
                log.report(contentsOf: diagnostics)
            }
            clock.lap("linking")
            undo.save(slugs: slugs, of: state.site)
            var citedByEdits: [SiteResolver.CitedByEdit] = []
            let citedByChanges = resolver.update(&state.site, with: linkedVersions, order: planPositions, edits: &citedByEdits, log: &log)
            undo.save(citedByEdits: citedByEdits)
            clock.lap("Cited by lists")
            // A "Cited by" list is cut into pages by its plans and each page is named by its first (`CitedByPages`):
            // the pages whose plans, sentences, neighbours or language switch changed are rendered (page 1 for
            // the count), those whose first plan is no longer one are deleted, and none other changes.
            let pageSize = state.inputs.content.config.listingPageSize
            var documentPages: [DocumentPagesKey: [String?]] = [:]
            var goneDocumentPages: [String] = []
            // Each changed version's first citation of each document, what its entry in a "Cited by" list quotes.
            let firstCitations = Dictionary(uniqueKeysWithValues: linkedVersions.map {
                (DataKey(slug: $0.source.slug, language: $0.source.language), SiteResolver.firstCitations(of: $0))
            })
            for position in Set(citedByChanges.compactMap { change -> Int? in
                if case .registry(let position) = change.target { position } else { nil }  // a plan has no document page
            }).sorted() {
                let target = DocumentTarget.registry(index: position)
                let before = citedByLayouts[position] ?? CitedByPages.Layout.both(undo.citedByBefore(target, in: state.site), pageSize: pageSize)
                // Only the changed plans' citations differ from before (`SiteResolver.update`).
                var after = before
                for slug in slugs.sorted() {
                    for language in Language.allCases {
                        let citation = firstCitations[DataKey(slug: slug, language: language)]?[target]
                        after[language] = after[language]!.replacing(slug, with: citation, pageSize: pageSize)
                    }
                }
                layouts[position] = after
                let slug = state.site.index.registry[position].slug
                for language in Language.allCases {
                    let (render, gone) = CitedByPages.changes(in: language, before: before, after: after)
                    if !render.isEmpty { documentPages[DocumentPagesKey(position: position, language: language)] = render }
                    goneDocumentPages += gone.map { SiteURLs.file(for: SiteURLs.citedBy(slug, language, from: $0)) }
                }
            }
            let changedPlans = planIndexes.values.sorted().map { state.inputs.content.plans[$0] }
            ContentChecks(content: state.inputs.content).run(plans: changedPlans, log: &log)
            clock.lap("Cited by pages, checks")

            // Render what depends on the changed versions: their pages (both languages: the switcher) and the
            // pages of documents whose "Cited by" changed.
            var specs: [PageSpec] = []
            for slug in slugs.sorted() {
                for language in Language.allCases where state.site.plans[slug]?[language] != nil {
                    specs.append(.plan(slug: slug, language: language))
                }
            }
            for key in documentPages.keys.sorted() {
                specs.append(.citedByPages(position: key.position, language: key.language, keys: documentPages[key]!,
                                           layouts: layouts[key.position]!))
            }
            var renderer = SiteRenderer(content: state.inputs.content, site: state.site, catalogs: state.inputs.catalogs,
                                        templates: state.inputs.templates, assets: [])
            renderer.openDataRows = openDataRows
            files = renderer.render(specs, facets: .empty, log: &log).0
            removed += goneDocumentPages
            clock.lap("rendering pages")
            // The search index: replace the changed plans' items and rewrite the shards of their words and their
            // chunks, and take away the pages that are no longer; a change to the set of shards needs a full
            // build.
            let machine = MachineFiles(urls: renderer.context.urls, catalogs: state.inputs.catalogs)
            for language in Set(changedSources.map(\.language)).sorted() {
                var changed: [String: OutputFile] = [:]
                var gone: Set<String> = []
                for source in changedSources where source.language == language {
                    guard let position = searchPositions[language]?[source.slug], let linkedPlan = state.site.plans[source.slug]?[language],
                          let index = indexes[language] else { continue }
                    undo.save(searchEntry: index.entries[position], at: position, language: language)
                    guard let updated = indexes[language]!.replace(position, with: machine.searchEntry(linkedPlan), language: language) else {
                        return nil
                    }
                    for path in updated.removed {
                        changed[path] = nil
                        gone.insert(path)
                    }
                    for file in updated.files {
                        changed[file.path] = file
                        gone.remove(file.path)
                    }
                }
                files += changed.keys.sorted().map { changed[$0]! }
                removed += gone.sorted()
            }
            clock.lap("search index")
            // The open data: the changed plans' records made again, the others as the last build made them. A
            // record holds a version's fields and what it cites, not its body: when no record changed (an edit of
            // the text alone), no data file and no "Open data" page can change, and none is made again. Else
            // the parts of the plan files that hold a changed record are, the registry's files and the
            // catalogue, and the "Open data" pages that list their sizes.
            let openData = OpenData(urls: renderer.context.urls, site: state.site, catalogs: state.inputs.catalogs,
                                    partSize: state.inputs.content.config.dataPartPlans, slugs: planSlugs, partDates: partDates, partCache: catalogParts)
            let parts = openData.parts
            // A document's record counts the plans that cite it: only those whose "Cited by" changed are made again.
            for change in citedByChanges {
                if case .registry(let position) = change.target { documents[position] = openData.documentRecord(position) }
            }
            // Only the files of a part whose share of a record changed are made again: a citation that comes to a
            // document the plan cites already changes its count in `citations-NNNN.csv` alone.
            var remaking: Set<String> = []
            for slug in slugs {
                for language in Language.allCases {
                    let key = DataKey(slug: slug, language: language)
                    let record = openData.planRecord(slug, language)
                    if let number = parts.number(of: slug) {
                        let part = parts.part(number)
                        remaking.formUnion(OpenData.changedFiles(records[key], record).map { $0.path(in: part) })
                    }
                    undo.save(record: records[key], for: key)
                    records[key] = record
                }
            }
            if !remaking.isEmpty {
                let output = options.outputDirectory
                let dataFiles = openData.files(remaking: remaking, record: { records[DataKey(slug: $0, language: $1)] },
                                               documents: documents) { path in
                    if let size = dataSizes[path] { return size }
                    var info = stat()
                    return stat(output + "/" + path, &info) == 0 ? Int(info.st_size) : 0
                }
                for file in dataFiles { dataSizes[file.path] = file.size }
                files += dataFiles.compactMap(\.file)
                differing = remaking
                clock.lap("open-data files")
                renderer.openDataFiles.set(dataFiles)
                files += renderer.render(Language.allCases.map(PageSpec.openData), facets: .empty, log: &log).0
                clock.lap("open-data pages")
            }
            let output = options.outputDirectory
            LinkCheck { path in
                var info = stat()
                return stat(output + "/" + path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
            }.run(state.site, slugs: slugs, log: &log)
            renderer.reportMissingTranslations(plans: changedPlans, log: &log)
            clock.lap("checking links")
        }
        // Diagnostics of the changed plans are new; those of every other file stay as the last build found them.
        let touched = Set(planIndexes.values.flatMap { state.inputs.content.plans[$0].versions.values.map(\.path) })
        var merged = DiagnosticLog()
        merged.report(contentsOf: state.diagnostics.filter { !touched.contains($0.file) })
        merged.report(contentsOf: log.diagnostics.filter { touched.contains($0.file) })
        let diagnostics = merged.sorted
        if merged.hasErrors || (options.strict && !diagnostics.isEmpty) {
            throw BuildFailure(diagnostics)
        }
        let written = try write(files, removing: removed, differing: differing)
        clock.lap("writing")
        documentRecords = documents
        citedByLayouts.merge(layouts) { $1 }
        dataFileSizes = dataSizes
        // What is kept of the changed plans is what the full build keeps: no bodies, no HTML.
        for (slug, planIndex) in planIndexes {
            for (language, source) in state.inputs.content.plans[planIndex].versions {
                let bodyless = source.replacingBody("")
                state.inputs.content.plans[planIndex].versions[language] = bodyless
                if let linked = state.site.plans[slug]?[language] { state.site.plans[slug]![language] = linked.kept(source: bodyless) }
            }
        }
        current.apply(to: &stamps)
        pending = []
        state.diagnostics = diagnostics
        clock.lap("keeping the state")
        return IncrementalReport(kind: .incremental, pagesRendered: files.filter { $0.path.hasSuffix(".html") }.count,
                                 filesWritten: written, diagnostics: diagnostics, seconds: Date().timeIntervalSince(started),
                                 steps: clock)
    }

    private var inputFolders: [String] { [options.contentDirectory, options.templatesDirectory] }

    /// Whether the change monitor tells which files changed (else a rebuild looks at every file).
    var monitorIsTracking: Bool { monitor?.isTracking ?? false }

    /// Whether an input changed since the last build (for watchers that wait for writes to settle). After a
    /// failed rebuild, only a further change counts: the same broken edit is not rebuilt again and again.
    public func inputsChanged() -> Bool {
        let (current, changed) = inputChanges()
        return !changed.isEmpty && stamps(of: changed, in: current) != failedChanges
    }

    /// The inputs now: every file read again, or the stamps of the last build with the paths the monitor
    /// named looked at again (kept apart until a rebuild succeeds, so that the last build's stamps are not
    /// copied at every edit).
    enum InputUpdate {
        case all(InputStamps)
        case paths([String: InputStamps.Stamp?])

        /// The stamp of `path` now (nil for a path that is gone), given the last build's stamps.
        func stamp(_ path: String, last: InputStamps) -> InputStamps.Stamp? {
            switch self {
            case .all(let stamps): stamps.files[path]
            case .paths(let restamped): restamped[path] ?? last.files[path]
            }
        }

        func apply(to stamps: inout InputStamps) {
            switch self {
            case .all(let all): stamps = all
            case .paths(let restamped): stamps.apply(restamped)
            }
        }
    }

    /// The stamps of `paths` now (nil for a path that is gone).
    private func stamps(of paths: Set<String>, in current: InputUpdate) -> [String: InputStamps.Stamp?] {
        Dictionary(uniqueKeysWithValues: paths.map { ($0, current.stamp($0, last: stamps)) })
    }

    /// The inputs now and the paths that changed since the last build: the monitor's paths looked at
    /// again, or every file when the monitor cannot tell (then a new monitor starts).
    private func inputChanges() -> (stamps: InputUpdate, changed: Set<String>) {
        if let monitor, let paths = monitor.changedPaths() {
            pending.formUnion(paths)
            let restamped = stamps.restamped(pending, monitor: monitor)
            if monitor.isTracking {
                return (.paths(restamped), Set(pending.filter { restamped[$0] ?? nil != stamps.files[$0] }))
            }
        }
        let monitor = ChangeMonitor()
        self.monitor = monitor
        let current = InputStamps(inputFolders, monitor: monitor)
        pending = []
        return (.all(current), current.changes(since: stamps))
    }

    /// The changed paths if all of them are existing plan files that were there before; else nil.
    private func planFiles(_ changed: Set<String>, current: InputUpdate) -> Set<String>? {
        let plans = (options.contentDirectory as NSString).appendingPathComponent("plans") + "/"
        for path in changed where !(path.hasPrefix(plans) && path.hasSuffix(".md") && current.stamp(path, last: stamps) != nil && stamps.contains(path)) {
            return nil
        }
        return changed
    }

    /// Whether two versions of a plan look the same from every page but their own.
    static func sameForOtherPages(_ a: PlanSource, _ b: PlanSource) -> Bool {
        a.type == b.type && a.number == b.number && a.date == b.date && a.title == b.title && a.issuer == b.issuer
            && a.place == b.place && a.topics == b.topics && a.summary == b.summary && a.basis == b.basis
            && a.system == b.system && a.status == b.status && a.slug == b.slug && a.language == b.language
    }
}
