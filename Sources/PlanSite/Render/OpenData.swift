/// The site's data as files for machines (open data): every plan version and every registry document, in
/// JSON and in CSV, under `/data/`. Built from the same resolved site as the pages, so the symbols, titles
/// and citations are the pages' own.
///
/// - `data/plans.json`: `{"plans": [...]}`, one object per plan and language with its front-matter fields
///   and the documents it cites (symbol, and the address of the page the citation links to); the bodies are
///   on the plans' pages, not here (a national corpus's bodies would make one file of gigabytes);
/// - `data/plans.csv`: one row per plan and language, the columns of `planColumns`;
/// - `data/documents.json` and `data/documents.csv`: the registry, with how many plans cite each document;
/// - `data/citations.csv`: the citation graph, one row per plan version and document it cites (`citationColumns`);
/// - `data/catalog.jsonld`: the DCAT catalogue of these files (`DCATCatalog`).
///
/// Past `partSize` plans, the three files of plan records are cut into parts (`OpenDataParts`).
struct OpenData {
    let urls: SiteURLs
    let site: ResolvedSite
    let catalogs: [Language: Catalog]
    /// Plans per part of the plan files (`data_part_plans`).
    let partSize: Int
    /// The plans' slugs, sorted (the content's order of plans).
    let slugs: [String]
    /// Each part's earliest and latest plan date, when the caller keeps them (`DCATCatalog.partDates`).
    var partDates: [ClosedRange<PartialDate>?]? = nil
    /// The catalogue's part entries of the last edit, when the caller keeps them (`DCATCatalog.partCache`).
    var partCache: DCATCatalog.PartCache? = nil

    static let planColumns = ["slug", "language", "url", "type", "number", "status", "system", "parent_issuer", "issuer",
                              "place", "date", "title", "basis", "topics", "signature", "recipients", "cited_documents", "eli"]
    static let documentColumns = ["symbol", "type", "date", "issuer_vi", "issuer_en", "title_vi", "title_en", "url_vi",
                                  "url_en", "cited_by_plans", "eli"]
    /// `plan`, `language`: the citing version; `plan_eli`: its ELI expression; `cited_symbol`, `cited_kind`
    /// (`document` or `plan`), `cited_eli` (work), `cited_url` (the page the citation links to, in the citing
    /// version's language); `citations`: how many times the version cites it (body and title).
    static let citationColumns = ["plan", "language", "plan_eli", "cited_symbol", "cited_kind", "cited_eli", "cited_url", "citations"]

    /// One plan version's record, as bytes: its JSON object, its CSV line and its lines of the citation graph.
    struct Record: Equatable {
        var json: [UInt8]
        var row: [UInt8]
        var citationRows: [UInt8]
    }

    /// A site-wide data file: where it is, its size, its bytes when it was made in memory (nil when it was
    /// written as it was made, or kept from the last build), and the part of the plan files it belongs to.
    struct DataFile: Sendable {
        var path: String
        var size: Int
        var file: OutputFile?
        var part: OpenDataParts.Part? = nil
    }

    /// How the plan files are cut.
    var parts: OpenDataParts { OpenDataParts(slugs: slugs, size: partSize) }

    /// Every file, the plan records made as they are written (a corpus's records are never all held).
    func files(into output: StreamedFiles = StreamedFiles(sink: nil)) -> [DataFile] {
        files(into: output, remaking: nil, record: planRecord, documents: documentRecords(), keptSize: { _ in 0 })
    }

    /// The files after an edit: the plan files (of the parts) named in `remaking` made again from the records
    /// `record` gives (an edit keeps every record but its plan's), each other one as the last build wrote it, of
    /// the size `keptSize` tells. The registry's files (from `documents`, the records of `documentRecord`) and
    /// the catalogue are made each time: the cited-by counts follow every plan, and the catalogue lists every size.
    func files(remaking: Set<String>, record: (String, Language) -> Record?, documents: [Record],
               keptSize: (String) -> Int) -> [DataFile] {
        files(into: StreamedFiles(sink: nil), remaking: remaking, record: record, documents: documents, keptSize: keptSize)
    }

    /// Which of a part's three plan files a record is written into.
    enum PlanFile: CaseIterable {
        case plansJSON, plansCSV, citationsCSV

        func path(in part: OpenDataParts.Part) -> String {
            switch self {
            case .plansJSON: part.plansJSON
            case .plansCSV: part.plansCSV
            case .citationsCSV: part.citationsCSV
            }
        }

        /// What of `record` this file holds.
        func bytes(of record: Record) -> [UInt8] {
            switch self {
            case .plansJSON: record.json
            case .plansCSV: record.row
            case .citationsCSV: record.citationRows
            }
        }
    }

    /// The plan files whose bytes change when a version's record goes from `old` to `new`.
    static func changedFiles(_ old: Record?, _ new: Record?) -> [PlanFile] {
        PlanFile.allCases.filter { file in old.map(file.bytes) != new.map(file.bytes) }
    }

    /// One plan file of `part` made from the records, in slug and language order, as the streamed build writes it.
    private static func planFile(_ file: PlanFile, of part: OpenDataParts.Part, record: (String, Language) -> Record?) -> [UInt8] {
        var records: [Record] = []
        records.reserveCapacity(part.slugs.count * Language.allCases.count)
        for slug in part.slugs {
            for language in Language.allCases { if let found = record(slug, language) { records.append(found) } }
        }
        let items = records.map(file.bytes)
        return switch file {
        case .plansJSON: jsonList("plans", items)
        case .plansCSV: csv(planColumns, items)
        case .citationsCSV: csv(citationColumns, items)
        }
    }

    /// The files: each part's plans.json, plans.csv and citations.csv written through `output` side by side,
    /// record by record in slug and language order; the registry's files; and the DCAT catalogue of them all
    /// with their sizes. A site that is not split keeps the order of its single files.
    private func files(into output: StreamedFiles, remaking: Set<String>?, record: (String, Language) -> Record?,
                       documents: [Record], keptSize: (String) -> Int) -> [DataFile] {
        let parts = self.parts
        func data(_ path: String, _ made: (file: OutputFile?, size: Int), _ part: OpenDataParts.Part? = nil) -> DataFile {
            DataFile(path: path, size: made.size, file: made.file, part: part)
        }
        var planFiles: [DataFile] = []
        for part in parts.parts {
            let labelled = parts.isSplit ? part : nil
            if let remaking {
                planFiles += PlanFile.allCases.map { file in
                    let path = file.path(in: part)
                    guard remaking.contains(path) else { return DataFile(path: path, size: keptSize(path), file: nil, part: labelled) }
                    let bytes = Self.planFile(file, of: part, record: record)
                    return DataFile(path: path, size: bytes.count, file: OutputFile(path: path, bytes: bytes), part: labelled)
                }
                continue
            }
            var plansCSV: DataFile?, citationsCSV: DataFile?
            let plansJSON = data(part.plansJSON, output.make(part.plansJSON) { json in
                plansCSV = data(part.plansCSV, output.make(part.plansCSV) { csv in
                    citationsCSV = data(part.citationsCSV, output.make(part.citationsCSV) { citations in
                        json.append(contentsOf: Self.jsonListOpening("plans"))
                        csv.append(contentsOf: Self.csvLine(Self.planColumns))
                        citations.append(contentsOf: Self.csvLine(Self.citationColumns))
                        var first = true
                        for slug in part.slugs {
                            for language in Language.allCases {
                                guard let record = record(slug, language) else { continue }
                                if !first { json.append(UInt8(ascii: ",")) }
                                first = false
                                json.append(contentsOf: record.json)
                                csv.append(contentsOf: record.row)
                                citations.append(contentsOf: record.citationRows)
                            }
                        }
                        json.append(contentsOf: Self.jsonListClosing)
                    }, labelled)
                }, labelled)
            }, labelled)
            planFiles += [plansJSON, plansCSV!, citationsCSV!]
        }
        let registry = [
            data("data/documents.json", output.make("data/documents.json") { $0.append(contentsOf: Self.jsonList("documents", documents.map(\.json))) }),
            data("data/documents.csv", output.make("data/documents.csv") { $0.append(contentsOf: Self.csv(Self.documentColumns, documents.map(\.row))) }),
        ]
        let files = parts.isSplit ? registry + planFiles : [planFiles[0], planFiles[1]] + registry + [planFiles[2]]
        let catalog = DCATCatalog(urls: urls, site: site, catalogs: catalogs, parts: parts, partDates: partDates, partCache: partCache)
            .file(describing: files)
        return files + [data(catalog.path, output.make(catalog.path) { $0.append(contentsOf: catalog.bytes) })]
    }

    static func jsonListOpening(_ name: String) -> [UInt8] { Array("{\"\(name)\":[".utf8) }
    static let jsonListClosing = Array("]}\n".utf8)

    static func jsonList(_ name: String, _ items: [[UInt8]]) -> [UInt8] {
        var bytes = jsonListOpening(name)
        bytes.reserveCapacity(items.reduce(32) { $0 + $1.count + 1 })
        for (position, item) in items.enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes += item
        }
        bytes += jsonListClosing
        return bytes
    }

    /// The address a citation of `target` links to, in `language`.
    private func address(_ target: DocumentTarget, _ language: Language) -> String {
        switch target {
        case .plan(let slug): SiteURLs.plan(slug, language)
        case .registry(let index): SiteURLs.document(site.index.registry[index].slug, language)
        }
    }

    private func symbol(_ target: DocumentTarget) -> String {
        switch target {
        case .plan(let slug): site.plans[slug]?.values.first?.source.number ?? ""
        case .registry(let index): site.index.registry[index].symbol
        }
    }

    /// The record of one plan version, nil when the plan has no such version.
    func planRecord(_ slug: String, _ language: Language) -> Record? {
        guard let linked = site.plans[slug]?[language] else { return nil }
        let source = linked.source
        var seen: Set<DocumentTarget> = []
        let cited = linked.citations.filter { seen.insert($0.target).inserted }
        let eli = ELI.expression(ELI(baseURL: urls.baseURL).target(.plan(slug: slug), index: site.index), language)
        let citations = cited.map { JSONValue.object(["symbol": .string(symbol($0.target)), "url": .string(address($0.target, language))]) }
        let fields: [String: JSONValue] = [
            "slug": .string(slug), "language": .string(language.rawValue), "url": .string(urls.absolute(SiteURLs.plan(slug, language))),
            "type": .string(source.type), "number": .string(source.number), "status": .string(source.status),
            "system": .string(source.system.rawValue), "parent_issuer": .string(source.parentIssuer ?? ""),
            "issuer": .string(source.issuer), "place": .string(source.place), "date": .string(source.date?.description ?? ""),
            "title": .string(source.title), "basis": .array(source.basis.map(JSONValue.string)),
            "topics": .array(source.topics.map(JSONValue.string)), "summary": .string(source.summary ?? ""),
            "signature": .object(["lines": .array(source.signature.lines.map(JSONValue.string)), "name": .string(source.signature.name)]),
            "recipients": .array(source.recipients.map(JSONValue.string)), "citations": .array(citations),
            "eli": .string(eli),
        ]
        let row = [slug, language.rawValue, urls.absolute(SiteURLs.plan(slug, language)), source.type, source.number,
                   source.status, source.system.rawValue, source.parentIssuer ?? "", source.issuer, source.place,
                   source.date?.description ?? "", source.title, source.basis.joined(separator: "; "),
                   source.topics.joined(separator: "; "), (source.signature.lines + [source.signature.name]).joined(separator: " / "),
                   source.recipients.joined(separator: "; "), cited.map { symbol($0.target) }.joined(separator: "; "), eli]
        return Record(json: JSONValue.object(fields).bytes, row: Self.csvLine(row), citationRows: citationRows(linked))
    }

    /// The version's lines of `data/citations.csv`: one per cited document, in the order first cited.
    private func citationRows(_ linked: LinkedPlan) -> [UInt8] {
        let source = linked.source, language = source.language
        let eli = ELI(baseURL: urls.baseURL)
        let cited = linked.citedDocuments()
        let planELI = ELI.expression(eli.target(.plan(slug: source.slug), index: site.index), language)
        return cited.reduce(into: []) { bytes, document in
            let (target, count) = document
            let kind = if case .plan = target { "plan" } else { "document" }
            bytes += Self.csvLine([source.slug, language.rawValue, planELI, site.index.symbol(of: target), kind,
                                   eli.target(target, index: site.index), urls.absolute(address(target, language)),
                                   String(count)])
        }
    }

    /// The registry documents' records, in registry order.
    func documentRecords() -> [Record] { site.index.registry.indices.map(documentRecord) }

    /// How many plans cite a document, from its "Cited by" list (which holds a plan's versions next to each
    /// other: it follows the plans' order, then the languages').
    static func citingPlans(_ citations: [Citation]) -> Int {
        citations.indices.count { $0 == 0 || citations[$0].planSlug != citations[$0 - 1].planSlug }
    }

    /// The record of the registry document at `index`: its fields and how many plans cite it.
    func documentRecord(_ index: Int) -> Record {
        let document = site.index.registry[index]
        let eli = ELI(baseURL: urls.baseURL).document(document)
        let citing = Self.citingPlans(site.citedBy[.registry(index: index)] ?? [])
        let fields: [String: JSONValue] = [
            "symbol": .string(document.symbol), "type": .string(document.type), "date": .string(document.date?.description ?? ""),
            "issuer": .object(["vi": .string(document.issuer.vi), "en": .string(document.issuer.en)]),
            "title": .object(["vi": .string(document.title.vi), "en": .string(document.title.en)]),
            "url": .object(["vi": .string(urls.absolute(SiteURLs.document(document.slug, .vi))),
                            "en": .string(urls.absolute(SiteURLs.document(document.slug, .en)))]),
            "cited_by_plans": .integer(citing), "eli": .string(eli),
        ]
        let row = [document.symbol, document.type, document.date?.description ?? "", document.issuer.vi, document.issuer.en,
                   document.title.vi, document.title.en, urls.absolute(SiteURLs.document(document.slug, .vi)),
                   urls.absolute(SiteURLs.document(document.slug, .en)), String(citing), eli]
        return Record(json: JSONValue.object(fields).bytes, row: Self.csvLine(row), citationRows: [])
    }

    /// RFC 4180: CRLF line ends, a field quoted when it holds a comma, a quote or a line break.
    static func csvLine(_ fields: [String]) -> [UInt8] {
        var line: [UInt8] = []
        line.reserveCapacity(fields.reduce(2) { $0 + $1.utf8.count + 3 })
        for (position, field) in fields.enumerated() {
            if position > 0 { line.append(UInt8(ascii: ",")) }
            let utf8 = field.utf8
            // Looked at byte by byte: a CR LF pair is one Character, so a test by Character would miss it.
            guard utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) else {
                line.append(contentsOf: utf8)
                continue
            }
            line.append(UInt8(ascii: "\""))
            for byte in utf8 {
                line.append(byte)
                if byte == UInt8(ascii: "\"") { line.append(byte) }
            }
            line.append(UInt8(ascii: "\""))
        }
        line.append(contentsOf: [0x0D, 0x0A])
        return line
    }

    static func csv(_ header: [String], _ rows: [[UInt8]]) -> [UInt8] {
        var bytes = csvLine(header)
        bytes.reserveCapacity(rows.reduce(bytes.count) { $0 + $1.count })
        for row in rows { bytes += row }
        return bytes
    }
}
