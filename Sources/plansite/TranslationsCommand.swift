import ArgumentParser
import Foundation
import PlanSite

struct Translations: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show which English translations are up to date, stale or missing; record a finished translation.",
        discussion: """
        Each English file records the fingerprint of the Vietnamese text it translates (`translated_from`). \
        When the Vietnamese text changes, the translation becomes stale: the build warns and the English page \
        shows a note. After updating a translation, run `plansite translations --mark <slug>`.
        """
    )

    @OptionGroup var site: SiteOptions
    @Option(name: .customLong("mark"), help: "Record that the English file of this plan translates the current Vietnamese text (repeatable).")
    var marked: [String] = []
    @Flag(help: "Record it for every plan that has both files.") var markAll = false

    func run() throws {
        let reporter = Reporter(quiet: site.quiet, verbose: site.verbose)
        let builder = SiteBuilder(options: BuildOptions(contentDirectory: site.content, templatesDirectory: site.templates))
        let content: LoadedContent
        do {
            content = try builder.load().inputs.content
        } catch {
            reporter.diagnostics(error.diagnostics)
            reporter.summary("translations: the content has errors; fix them first")
            throw ExitCode(1)
        }
        let slugs = Set(content.plans.map(\.slug))
        for slug in marked where !slugs.contains(slug) {
            reporter.error("error: no plan with slug `\(slug)`\n    hint: slugs are the file names without .vi.md, e.g. 194-kh-btv-2023")
            throw ExitCode(1)
        }
        var markedCount = 0
        for plan in content.plans where markAll || marked.contains(plan.slug) {
            guard let vi = plan.version(.vi), let en = plan.version(.en) else {
                if markAll { continue }  // --mark-all marks the plans that have both files
                reporter.error("\(plan.slug): error: needs both a Vietnamese and an English file to be marked")
                throw ExitCode(1)
            }
            try TranslationMarker.mark(path: en.path, fingerprint: TranslationStatus.fingerprint(of: vi))
            markedCount += 1
        }
        let reloaded = markedCount > 0 ? try! builder.load().inputs.content : content
        let rows = reloaded.plans.map { plan in (plan.slug, TranslationStatus.of(plan)) }
        let width = max(4, rows.map(\.0.count).max() ?? 0)
        if !site.quiet {
            reporter.summary("plan".padding(toLength: width, withPad: " ", startingAt: 0) + "  English")
            for (slug, status) in rows {
                reporter.summary(slug.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + status.rawValue)
            }
        }
        let counts = Dictionary(grouping: rows, by: \.1).mapValues(\.count)
        let parts = [TranslationStatus.upToDate, .stale, .notRecorded, .missing].map { "\(counts[$0] ?? 0) \($0.rawValue)" }
        reporter.summary("translations: \(rows.count) plans: " + parts.joined(separator: ", ") + (markedCount > 0 ? "; marked \(markedCount)" : ""))
    }
}
