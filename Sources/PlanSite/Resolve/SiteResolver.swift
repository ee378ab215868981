/// The link graph of the site: every plan version with its citations linked, and for every document the
/// plans that cite it and the documents that implement it.
struct ResolvedSite {
    var index: DocumentIndex
    /// Linked plan versions by slug and language.
    var plans: [String: [Language: LinkedPlan]]
    /// Citations of each document, one per citing plan version (the first sentence that cites it).
    var citedBy: [DocumentTarget: [Citation]]
    /// Documents (plans or registry entries) whose basis names each document, oldest first.
    var implementedBy: [DocumentTarget: [DocumentTarget]]
    /// The resolved basis of each document, as written.
    var basis: [DocumentTarget: [DocumentTarget]]
    /// Appendix rows resolved against the registry, by plan slug and language.
    var appendixTargets: [String: [Language: [[DocumentTarget?]]]]
}

/// Stage 2: resolves symbols to documents and builds the backlinks.
struct SiteResolver {
    let content: LoadedContent

    var index: DocumentIndex { DocumentIndex(registry: content.registry, plans: content.plans) }

    func resolve(log: inout DiagnosticLog, progress: ProgressHandler? = nil) -> ResolvedSite {
        let index = self.index
        var linkedBySlug: [String: [Language: LinkedPlan]] = [:]
        for (linked, diagnostics) in link(content.plans.flatMap { $0.versions.sorted(by: { $0.key < $1.key }).map(\.value) }, index: index) {
            linkedBySlug[linked.source.slug, default: [:]][linked.source.language] = linked
            log.report(contentsOf: diagnostics)
        }
        progress?("building backlinks", 0, 1)
        return assemble(index: index, linked: linkedBySlug, log: &log)
    }

    /// Parses and links plan versions: the costly part, independent per file, so on all cores; results in order.
    func link(_ sources: [PlanSource], index: DocumentIndex) -> [(LinkedPlan, [Diagnostic])] {
        let linker = CitationLinker(index: index, markdownOptions: MarkdownOptions(allowRawHTML: content.config.allowRawHTML))
        return parallelMap(sources) { source in
            var local = DiagnosticLog()
            let linked = linker.link(source, log: &local)
            return (linked, local.diagnostics)
        }
    }

    /// Builds the graph from linked plans (no parsing).
    func assemble(index: DocumentIndex, linked linkedBySlug: [String: [Language: LinkedPlan]], log: inout DiagnosticLog) -> ResolvedSite {
        var site = ResolvedSite(index: index, plans: linkedBySlug, citedBy: [:], implementedBy: [:], basis: [:], appendixTargets: [:])
        for plan in content.plans {
            for language in plan.versions.keys.sorted() {
                let linked = linkedBySlug[plan.slug]![language]!
                var seen: Set<DocumentTarget> = []
                for citation in linked.citations where seen.insert(citation.target).inserted {
                    site.citedBy[citation.target, default: []].append(citation)
                }
            }
            assemblePlan(plan, index: index, into: &site, log: &log)
        }
        // Grown by appending, a list can hold up to twice its citations; a national corpus has millions of them.
        for target in Array(site.citedBy.keys) { site.citedBy[target] = site.citedBy[target]!.exactCopy }
        for (position, document) in content.registry.enumerated() {
            var targets: [DocumentTarget] = []
            for symbol in document.basis {
                switch index.resolve(symbol, textDate: nil, citingDate: document.date) {
                case .resolved(let target): targets.append(target)
                case .unknown, .ambiguous:
                    log.report(.warning(document.location.file, line: document.location.line,
                                        "basis `\(symbol)` of `\(document.symbol)` is not a known document",
                                        hint: "add it to the registry or correct the symbol"))
                }
            }
            site.basis[.registry(index: position)] = targets
        }
        for (document, targets) in site.basis {
            for target in targets { site.implementedBy[target, default: []].append(document) }
        }
        // Oldest first, undated last, ties by target; each date looked up once, not at every comparison.
        for (target, implementers) in site.implementedBy {
            site.implementedBy[target] = implementers.map { (index.date(of: $0) ?? PartialDate(year: 9999), $0) }
                .sorted { $0 < $1 }.map(\.1)
        }
        return site
    }

    /// The first citation of each document in a plan version: what "Cited by" quotes.
    static func firstCitations(of linked: LinkedPlan) -> [DocumentTarget: Citation] {
        var first: [DocumentTarget: Citation] = [:]
        for citation in linked.citations where first[citation.target] == nil {
            first[citation.target] = citation
        }
        return first
    }

    /// What one plan adds to the graph besides its citations: its appendix rows and basis resolved, with the
    /// warnings about them.
    func assemblePlan(_ plan: Plan, index: DocumentIndex, into site: inout ResolvedSite, log: inout DiagnosticLog) {
        for (language, source) in plan.versions.sorted(by: { $0.key < $1.key }) {
            site.appendixTargets[plan.slug, default: [:]][language] = appendixTargets(of: source, index: index, log: &log)
        }
        checkAppendicesAgree(plan, log: &log)
        // The basis is the same in both languages; read it from the Vietnamese file when there is one.
        if let source = plan.version(.vi) ?? plan.versions.values.first {
            let targets = source.basis.compactMap {
                resolveListed($0, in: source, line: source.fieldLines["basis"] ?? 1, what: "basis document", index: index, log: &log)
            }
            site.basis[.plan(slug: plan.slug)] = targets
        }
    }

    /// The documents of a version's appendix rows, nil where the registry does not know the symbol (a warning).
    func appendixTargets(of source: PlanSource, index: DocumentIndex, log: inout DiagnosticLog) -> [[DocumentTarget?]] {
        source.appendices.map { appendix in
            appendix.entries.map { entry in
                resolveListed(entry.symbol, in: source, line: entry.line, what: "appendix entry", index: index, log: &log)
            }
        }
    }

    /// Puts re-linked versions of existing plans into `site`, when nothing other pages show of them changed
    /// (the incremental builder checks that): their own entries are redone, and "Cited by" changes only where a
    /// version's first citation of a document changed. Returns those documents, with the language concerned.
    /// `order` is each plan's position in `content.plans`, by slug ("Cited by" lists follow it). Each change to
    /// a list is appended to `edits`, so that it can be undone without a copy of the list.
    func update(_ site: inout ResolvedSite, with versions: [LinkedPlan], order: [String: Int],
                edits: inout [CitedByEdit], log: inout DiagnosticLog) -> Set<CitedByChange> {
        var changes: Set<CitedByChange> = []
        for linked in versions {
            let (slug, language) = (linked.source.slug, linked.source.language)
            let old = site.plans[slug]?[language].map(Self.firstCitations) ?? [:]
            let new = Self.firstCitations(of: linked)
            let place = (order[slug] ?? 0, language)
            for target in Set(old.keys).union(new.keys) where old[target]?.excerpt != new[target]?.excerpt {
                var entries = site.citedBy.removeValue(forKey: target) ?? []
                // The list is in the plans' order, then the languages' (`assemble`): the version's place is found
                // by halving, not by a pass over a list that a national corpus makes 60,000 long.
                var (low, high) = (0, entries.count)
                while low < high {
                    let middle = (low + high) / 2
                    if (order[entries[middle].planSlug] ?? 0, entries[middle].language) < place { low = middle + 1 } else { high = middle }
                }
                var edit = CitedByEdit(target: target, index: low, removed: nil, inserted: new[target])
                if low < entries.count, entries[low].planSlug == slug, entries[low].language == language { edit.removed = entries.remove(at: low) }
                if let citation = edit.inserted { entries.insert(citation, at: low) }
                if !entries.isEmpty { site.citedBy[target] = entries }
                edits.append(edit)
                changes.insert(CitedByChange(target: target, language: language))
            }
            site.plans[slug, default: [:]][language] = linked
        }
        for slug in Set(versions.map(\.source.slug)).sorted() {
            guard let position = order[slug] else { continue }
            let plan = content.plans[position]
            assemblePlan(plan, index: site.index, into: &site, log: &log)
        }
        return changes
    }

    /// One change to a document's "Cited by" list: the citation taken out at `index`, the one put in there.
    struct CitedByEdit {
        var target: DocumentTarget
        var index: Int
        var removed: Citation?
        var inserted: Citation?

        /// Takes this change back out of `list`.
        func undo(in list: inout [Citation]) {
            if inserted != nil { list.remove(at: index) }
            if let removed { list.insert(removed, at: index) }
        }
    }

    /// A document whose "Cited by" list in one language changed.
    struct CitedByChange: Hashable {
        var target: DocumentTarget
        var language: Language
    }

    /// Resolves a symbol named in front matter (basis, appendix); unknown ones are warnings at the field.
    private func resolveListed(_ symbol: String, in source: PlanSource, line: Int, what: String, index: DocumentIndex,
                               log: inout DiagnosticLog) -> DocumentTarget? {
        switch index.resolve(symbol, textDate: nil, citingDate: source.date) {
        case .resolved(let target): return target
        case .unknown:
            log.report(.warning(source.path, line: line, "\(what) `\(symbol)` is not in the legal-document registry",
                                hint: "add `\(symbol)` to content/\(RegistryLoader.relativePath), or correct the symbol"))
        case .ambiguous(let targets):
            log.report(.warning(source.path, line: line, "\(what) `\(symbol)` matches \(targets.count) documents",
                                hint: "the registry has several documents with this symbol; correct the registry dates"))
        }
        return nil
    }

    /// The two language versions must list the same appendix documents, in the same order.
    private func checkAppendicesAgree(_ plan: Plan, log: inout DiagnosticLog) {
        guard let vi = plan.version(.vi), let en = plan.version(.en) else { return }
        let viLists = vi.appendices.map { $0.entries.map { CitationGrammar.key($0.symbol) } }
        let enLists = en.appendices.map { $0.entries.map { CitationGrammar.key($0.symbol) } }
        guard viLists != enLists else { return }
        log.report(.warning(en.path, line: en.fieldLines["appendix"],
                            "the appendix lists different documents than \(vi.path)",
                            hint: "copy the `documents` lists from the Vietnamese file; only titles and notes are translated"))
    }
}

extension Array {
    /// A copy in a buffer of its own, as large as its elements need (an array grown by appending keeps room
    /// for up to as many again).
    var exactCopy: [Element] {
        [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = buffer.initialize(fromContentsOf: self)
        }
    }
}
