/// What an incremental rebuild changes in the state the builder keeps, as it was before the rebuild.
///
/// The rebuild changes that state in place: a copy of its dictionaries (every plan, every search posting)
/// would cost time in proportion to the corpus at every edit. A rebuild that fails puts these entries back,
/// so the next one starts from the last build that succeeded.
struct RebuildUndo {
    private var plans: [Int: Plan] = [:]
    private var linked: [String: [Language: LinkedPlan]?] = [:]
    /// The changes to "Cited by" lists, in the order they were made: a list is not copied (a document cited
    /// by every plan has a list as long as the corpus), each change is taken back.
    private var citedByEdits: [SiteResolver.CitedByEdit] = []
    private var appendixTargets: [String: [Language: [[DocumentTarget?]]]?] = [:]
    private var basis: [DocumentTarget: [DocumentTarget]?] = [:]
    private var searchEntries: [(language: Language, position: Int, entry: SearchIndex.Entry)] = []
    private var records: [IncrementalBuilder.DataKey: OpenData.Record?] = [:]

    /// Keeps the plan at `index` of the content as it is now (the first time only).
    mutating func save(plan index: Int, of content: LoadedContent) {
        if plans[index] == nil { plans[index] = content.plans[index] }
    }

    /// Keeps what `SiteResolver.update` changes for these plans, but their "Cited by" entries (`save(citedByEdits:)`).
    mutating func save(slugs: Set<String>, of site: ResolvedSite) {
        for slug in slugs where linked.index(forKey: slug) == nil {
            linked[slug] = .some(site.plans[slug])
            appendixTargets[slug] = .some(site.appendixTargets[slug])
            basis[.plan(slug: slug)] = .some(site.basis[.plan(slug: slug)])
        }
    }

    /// Keeps the changes `SiteResolver.update` made to "Cited by" lists, in the order it made them.
    mutating func save(citedByEdits edits: [SiteResolver.CitedByEdit]) {
        citedByEdits += edits
    }

    /// The "Cited by" list of `target` before the rebuild, from the list now (a copy of it, the edits taken back).
    func citedByBefore(_ target: DocumentTarget, in site: ResolvedSite) -> [Citation] {
        var list = site.citedBy[target] ?? []
        for edit in citedByEdits.reversed() where edit.target == target { edit.undo(in: &list) }
        return list
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
        for edit in citedByEdits.reversed() {
            var list = state.site.citedBy.removeValue(forKey: edit.target) ?? []
            edit.undo(in: &list)
            if !list.isEmpty { state.site.citedBy[edit.target] = list }
        }
        for (slug, value) in appendixTargets { state.site.appendixTargets[slug] = value }
        for (target, value) in basis { state.site.basis[target] = value }
        // Last saved first: an item replaced twice gets its first entry back.
        for saved in searchEntries.reversed() {
            _ = searchIndexes[saved.language]?.replace(saved.position, with: saved.entry, language: saved.language)
        }
        for (key, value) in records { dataRecords[key] = value }
    }
}
