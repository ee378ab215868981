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
        // Members in the order of their keys, as JSON objects are written (`JSONValue.members`).
        let citations: [JSONValue] = body.citations.map { citation in
            let path = index.path(of: citation.target, language)
            let target = JSONValue.members([
                ("eli", .string(eli.target(citation.target, index: index))),
                ("kind", .string({ if case .plan = citation.target { "plan" } else { "document" } }())),
                ("path", .string(path)),
                ("url", .string(urls.absolute(path))),
            ])
            var members: [(String, JSONValue)] = [
                ("column", .integer(citation.column)), ("field", .string(citation.field)), ("line", .integer(citation.line)),
                ("symbol", .string(index.symbol(of: citation.target))), ("target", target),
            ]
            if let offset = citation.textOffset { members.append(("text_offset", .integer(offset))) }
            members.append(("written", .string(citation.written)))
            return .members(members)
        }
        let appendices: [JSONValue] = source.appendices.map { appendix in
            .members([
                ("documents", .array(appendix.entries.map { entry in
                    .members([("notes", .string(entry.notes)), ("printed", optional(entry.printed)), ("symbol", .string(entry.symbol))])
                })),
                ("note", optional(appendix.note)), ("title", .string(appendix.title)),
            ])
        }
        var fields: [(String, JSONValue)] = [
            ("appendices", .array(appendices)), ("basis", .array(source.basis.map(JSONValue.string))),
            ("body", .members([("markdown", .string(source.body)), ("text", .utf8(body.text))])),
            ("citations", .array(citations)),
            ("data", .members([("akn", .string(urls.absolute(Self.aknPath(source.slug, language)))),
                               ("json", .string(urls.absolute(Self.jsonPath(source.slug, language))))])),
            ("date", .string(source.date?.description ?? "")), ("date_note", optional(source.dateNote)),
            ("eli", .string(work)), ("eli_expression", .string(ELI.expression(work, language))),
            ("image", optional(source.image)), ("issuer", .string(source.issuer)), ("issuer_note", optional(source.issuerNote)),
            ("language", .string(language.rawValue)),
            ("number", .string(source.number)), ("number_note", optional(source.numberNote)),
            ("parent_issuer", optional(source.parentIssuer)), ("place", .string(source.place)), ("place_note", optional(source.placeNote)),
            ("recipients", .array(source.recipients.map(JSONValue.string))),
            ("signature", .members([("lines", .array(source.signature.lines.map(JSONValue.string))), ("name", .string(source.signature.name))])),
            ("slug", .string(source.slug)), ("status", .string(source.status)), ("summary", optional(source.summary)),
            ("system", .string(source.system.rawValue)), ("title", .string(source.title)),
            ("topics", .array(source.topics.map(JSONValue.string))), ("translated_from", optional(source.translatedFrom)),
        ]
        if let translation {
            fields.append(("translation", .members([
                ("data", .string(urls.absolute(Self.jsonPath(translation.slug, translation.language)))),
                ("language", .string(translation.language.rawValue)),
                ("url", .string(urls.absolute(SiteURLs.plan(translation.slug, translation.language)))),
            ])))
        }
        fields += [("type", .string(source.type)), ("url", .string(urls.absolute(SiteURLs.plan(source.slug, language))))]
        return JSONValue.members(fields).bytes + [UInt8(ascii: "\n")]
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
