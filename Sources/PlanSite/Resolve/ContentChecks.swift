/// Checks across files that no single file can see: duplicate symbols, the two language versions of a plan
/// disagreeing, stale translations.
struct ContentChecks {
    let content: LoadedContent

    /// All checks; without `translations`, not the stale-translation check, which needs the bodies: a
    /// streaming build, which loads without them, runs `translationFresh` on each plan in `PlanPass`.
    func run(translations: Bool = true, log: inout DiagnosticLog) {
        duplicateSymbols(log: &log)
        for plan in content.plans {
            languagesAgree(plan, log: &log)
            if translations { Self.translationFresh(plan, log: &log) }
        }
    }

    /// The checks one plan's edit can change (its numbers stay the same on this path).
    func run(plans: [Plan], log: inout DiagnosticLog) {
        for plan in plans {
            languagesAgree(plan, log: &log)
            Self.translationFresh(plan, log: &log)
        }
    }

    /// Two published plans with one number, or two registry entries with one symbol and date, cannot both be
    /// the target of a citation; two registry entries with one slug (one symbol dated twice in a year, or
    /// symbols that fold alike) would share a page and an ELI identifier.
    private func duplicateSymbols(log: inout DiagnosticLog) {
        var plansByKey: [String: PlanSource] = [:]
        for plan in content.plans {
            guard let number = DocumentIndex.publishedNumber(of: plan),
                  let source = plan.version(.vi) ?? plan.versions.values.first else { continue }
            let key = CitationGrammar.key(number)
            if let first = plansByKey[key] {
                log.report(.error(source.path, line: source.fieldLines["number"],
                                  "duplicate symbol `\(number)`: \(first.path) has the same number",
                                  hint: "check the số ký hiệu on the signed documents; each published plan has its own"))
            } else {
                plansByKey[key] = source
            }
        }
        var registryByKey: [String: LegalDocument] = [:]
        var registryBySlug: [String: LegalDocument] = [:]
        for document in content.registry {
            let key = CitationGrammar.key(document.symbol) + "@" + (document.date?.description ?? "")
            if let first = registryByKey[key] {
                log.report(.error(document.location.file, line: document.location.line,
                                  "duplicate symbol `\(document.symbol)` dated \(document.date?.description ?? "never"): also at line \(first.location.line)",
                                  hint: "merge the two entries; documents that share a symbol must have different dates"))
            } else if let first = registryBySlug[document.slug] {
                log.report(.error(document.location.file, line: document.location.line,
                                  "`\(document.symbol)` would have the same page and identifier `\(document.slug)` as `\(first.symbol)` at line \(first.location.line)",
                                  hint: "documents that share a symbol must be dated in different years; if they are one document, merge the entries"))
            } else {
                registryByKey[key] = document
                registryBySlug[document.slug] = document
            }
        }
    }

    /// Fields that are not translated must be the same in both files.
    private func languagesAgree(_ plan: Plan, log: inout DiagnosticLog) {
        guard let vi = plan.version(.vi), let en = plan.version(.en) else { return }
        let pairs: [(String, String, String)] = [
            ("type", vi.type, en.type), ("number", vi.number, en.number),
            ("date", vi.date?.description ?? "", en.date?.description ?? ""),
            ("system", vi.system.rawValue, en.system.rawValue), ("status", vi.status, en.status),
            ("basis", vi.basis.joined(separator: ", "), en.basis.joined(separator: ", ")),
            ("topics", vi.topics.joined(separator: ", "), en.topics.joined(separator: ", ")),
        ]
        for (field, viValue, enValue) in pairs where viValue != enValue {
            log.report(.warning(en.path, line: en.fieldLines[field] ?? 1,
                                "`\(field)` is `\(enValue)` here but `\(viValue)` in \(vi.path)",
                                hint: "copy `\(field)` from the Vietnamese file; it is not translated"))
        }
    }

    /// A warning when the English version records a fingerprint that the Vietnamese one (with its body) no
    /// longer has.
    static func translationFresh(_ plan: Plan, log: inout DiagnosticLog) {
        guard TranslationStatus.of(plan) == .stale, let en = plan.version(.en), let vi = plan.version(.vi) else { return }
        log.report(.warning(en.path, line: en.fieldLines["translated_from"],
                            "the translation is stale: \(vi.path) changed since it was translated",
                            hint: "update the English text, then run `plansite translations --mark \(plan.slug)`"))
    }
}
