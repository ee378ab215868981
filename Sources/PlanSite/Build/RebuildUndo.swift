/// What an incremental rebuild changes in the state the builder keeps, as it was before the rebuild.
///
/// The rebuild changes that state in place: a copy of its dictionaries (every plan, every search posting)
/// would cost time in proportion to the corpus at every edit. A rebuild that fails puts these entries back,
/// so the next one starts from the last build that succeeded.
struct RebuildUndo {
    private var plans: [Int: Plan] = [:]
    private var linked: [String: [Language: LinkedPlan]?] = [:]
    private var citedBy: [DocumentTarget: [Citation]?] = [:]
    private var appendixTargets: [String: [Language: [[DocumentTarget?]]]?] = [:]
    private var basis: [DocumentTarget: [DocumentTarget]?] = [:]
    private var searchEntries: [(language: Language, position: Int, entry: SearchIndex.Entry)] = []
    private var records: [IncrementalBuilder.DataKey: OpenData.Record?] = [:]

    /// Keeps the plan at `index` of the content as it is now (the first time only).
    mutating func save(plan index: Int, of content: LoadedContent) {
        if plans[index] == nil { plans[index] = content.plans[index] }
    }

    /// Keeps what `SiteResolver.update` may change for these plans and documents.
    mutating func save(slugs: Set<String>, targets: Set<DocumentTarget>, of site: ResolvedSite) {
        for slug in slugs where linked.index(forKey: slug) == nil {
            linked[slug] = .some(site.plans[slug])
            appendixTargets[slug] = .some(site.appendixTargets[slug])
            basis[.plan(slug: slug)] = .some(site.basis[.plan(slug: slug)])
        }
        for target in targets where citedBy.index(forKey: target) == nil {
            citedBy[target] = .some(site.citedBy[target])
        }
    }

    /// The "Cited by" list of `target` before the rebuild (saved by `save(slugs:targets:of:)`).
    func citedByBefore(_ target: DocumentTarget) -> [Citation] {
        (citedBy[target] ?? nil) ?? []
    }

    mutating func save(searchEntry entry: SearchIndex.Entry, at position: Int, language: Language) {
        searchEntries.append((language, position, entry))
    }

    mutating func save(record: OpenData.Record?, for key: IncrementalBuilder.DataKey) {
        if records.index(forKey: key) == nil { records[key] = .some(record) }
    }

    /// Puts every saved entry back.
    func restore(_ state: inout SiteBuilder.RenderState, searchIndexes: inout [Language: SearchIndex],
                 records dataRecords: inout [IncrementalBuilder.DataKey: OpenData.Record]) {
        for (index, plan) in plans { state.inputs.content.plans[index] = plan }
        for (slug, value) in linked { state.site.plans[slug] = value }
        for (target, value) in citedBy { state.site.citedBy[target] = value }
        for (slug, value) in appendixTargets { state.site.appendixTargets[slug] = value }
        for (target, value) in basis { state.site.basis[target] = value }
        // Last saved first: an item replaced twice gets its first entry back.
        for saved in searchEntries.reversed() {
            _ = searchIndexes[saved.language]?.replace(saved.position, with: saved.entry, language: saved.language)
        }
        for (key, value) in records { dataRecords[key] = value }
    }
}
