/// The data files of one plan version, written beside its page by the page's own render job:
///
/// - `/<lang>/plans/<slug>/plan.json`: every front-matter field, the body as Markdown and as plain text, the
///   ELI identifiers, and every citation with the symbol as written, the registry's symbol, where it is
///   (`field`, `line`, `column` in the source file, `text_offset` in Unicode scalars into `body.text`) and
///   its target (ELI work, page URL);
/// - `/<lang>/plans/<slug>/plan.akn.xml`: the same version as Akoma Ntoso 3.0 (`AkomaNtoso`).
///
/// Made from the `LinkedPlan` and the document index alone, never from a list of the whole corpus.
struct PlanData {
    let linked: LinkedPlan
    let translation: PlanSource?
    let index: DocumentIndex
    let urls: SiteURLs
    let catalog: Catalog
    let options: MarkdownOptions
    /// The body as `CitationLinker.linkWithBody` made it with the page; nil to parse and link it again.
    var body: PlanBody? = nil

    static func jsonPath(_ slug: String, _ language: Language) -> String { SiteURLs.plan(slug, language) + "plan.json" }
    static func aknPath(_ slug: String, _ language: Language) -> String { SiteURLs.plan(slug, language) + "plan.akn.xml" }

    func files() -> [OutputFile] {
        let source = linked.source
        let body = self.body ?? PlanBody(source, index: index, options: options)
        let eli = ELI(baseURL: urls.baseURL)
        let akn = AkomaNtoso(source: source, body: body, eli: eli, index: index, urls: urls, catalog: catalog,
                             allowUnsafeURLs: options.allowRawHTML)
        return [
            OutputFile(path: SiteURLs.file(for: Self.jsonPath(source.slug, source.language)), bytes: json(body, eli: eli)),
            OutputFile(path: SiteURLs.file(for: Self.aknPath(source.slug, source.language)), bytes: akn.document()),
        ]
    }

    func json(_ body: PlanBody, eli: ELI) -> [UInt8] {
        let source = linked.source
        let language = source.language
        let work = eli.target(.plan(slug: source.slug), index: index)
        func optional(_ value: String?) -> JSONValue { .string(value ?? "") }
        let citations: [JSONValue] = body.citations.map { citation in
            var object: [String: JSONValue] = [
                "written": .string(citation.written), "symbol": .string(index.symbol(of: citation.target)),
                "field": .string(citation.field), "line": .integer(citation.line), "column": .integer(citation.column),
                "target": .object([
                    "kind": .string({ if case .plan = citation.target { "plan" } else { "document" } }()),
                    "eli": .string(eli.target(citation.target, index: index)),
                    "url": .string(urls.absolute(index.path(of: citation.target, language))),
                    "path": .string(index.path(of: citation.target, language)),
                ]),
            ]
            if let offset = citation.textOffset { object["text_offset"] = .integer(offset) }
            return .object(object)
        }
        let appendices: [JSONValue] = source.appendices.map { appendix in
            .object(["title": .string(appendix.title), "note": optional(appendix.note),
                     "documents": .array(appendix.entries.map { entry in
                         .object(["symbol": .string(entry.symbol), "notes": .string(entry.notes), "printed": optional(entry.printed)])
                     })])
        }
        var fields: [String: JSONValue] = [
            "slug": .string(source.slug), "language": .string(language.rawValue),
            "url": .string(urls.absolute(SiteURLs.plan(source.slug, language))),
            "eli": .string(work), "eli_expression": .string(ELI.expression(work, language)),
            "data": .object(["json": .string(urls.absolute(Self.jsonPath(source.slug, language))),
                             "akn": .string(urls.absolute(Self.aknPath(source.slug, language)))]),
            "type": .string(source.type), "number": .string(source.number), "number_note": optional(source.numberNote),
            "status": .string(source.status), "system": .string(source.system.rawValue),
            "parent_issuer": optional(source.parentIssuer), "issuer": .string(source.issuer), "issuer_note": optional(source.issuerNote),
            "place": .string(source.place), "place_note": optional(source.placeNote),
            "date": .string(source.date?.description ?? ""), "date_note": optional(source.dateNote),
            "title": .string(source.title), "basis": .array(source.basis.map(JSONValue.string)),
            "signature": .object(["lines": .array(source.signature.lines.map(JSONValue.string)), "name": .string(source.signature.name)]),
            "recipients": .array(source.recipients.map(JSONValue.string)), "topics": .array(source.topics.map(JSONValue.string)),
            "summary": optional(source.summary), "image": optional(source.image), "translated_from": optional(source.translatedFrom),
            "appendices": .array(appendices),
            "body": .object(["markdown": .string(source.body), "text": .string(body.text)]),
            "citations": .array(citations),
        ]
        if let translation {
            fields["translation"] = .object([
                "language": .string(translation.language.rawValue),
                "url": .string(urls.absolute(SiteURLs.plan(translation.slug, translation.language))),
                "data": .string(urls.absolute(Self.jsonPath(translation.slug, translation.language))),
            ])
        }
        return JSONValue.object(fields).bytes + [UInt8(ascii: "\n")]
    }
}

extension SiteRenderer {
    /// The data files rendered with a page (a plan version's `plan.json` and `plan.akn.xml`); none for other pages.
    func dataFiles(for spec: PageSpec) -> [OutputFile] {
        guard case let .plan(slug, language) = spec, let linked = site.plans[slug]?[language] else { return [] }
        return PlanData(linked: linked, translation: site.plans[slug]?[language.other]?.source, index: site.index,
                        urls: context.urls, catalog: catalogs[language]!,
                        options: MarkdownOptions(allowRawHTML: content.config.allowRawHTML)).files()
    }
}
