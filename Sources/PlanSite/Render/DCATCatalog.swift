import Foundation

/// `data/catalog.jsonld`: the site's data sets as a DCAT catalogue in the style of DCAT-AP, in JSON-LD. One
/// `dcat:Dataset` per data set (plans, cited documents, citation graph), each with its files as
/// `dcat:Distribution`s: download and access URL, IANA media type, EU file type, the byte size of the file
/// written in this build, and the licence (CC BY 4.0). Titles and descriptions in Vietnamese and English;
/// `dct:issued` and `dct:modified` are the earliest and latest dates of the documents a set describes, never
/// the build's clock, so the same content gives the same bytes.
///
/// When the plan files are cut into parts (`OpenDataParts`), the plans and the citation graph are each a
/// `dcat:DatasetSeries` (DCAT 3) with `dcat:first` and `dcat:last`, and each part a `dcat:Dataset` of its
/// own files, `dcat:inSeries` of it, with `dcat:prev` and `dcat:next` in part order: a part is a slice of
/// the data, not another form of the whole, so it is not a distribution of the series.
struct DCATCatalog {
    let urls: SiteURLs
    let site: ResolvedSite
    let catalogs: [Language: Catalog]
    let parts: OpenDataParts
    /// The earliest and latest plan date of each part, in part order, when the caller keeps them (an
    /// incremental rebuild changes no plan's date); else read from the plans.
    var partDates: [ClosedRange<PartialDate>?]? = nil
    /// The parts' data sets as written by the last catalogue of the same parts, when the caller keeps them.
    var partCache: PartCache? = nil

    /// Each part's data set as written, with the sizes and dates it was written for. A part's entry depends
    /// on nothing else that a rebuild can change (the parts, the texts and the addresses change only in a
    /// full build, which starts a new cache), so a citing edit writes again the entries of its part alone.
    final class PartCache: @unchecked Sendable {
        struct Entry {
            var sizes: [Int]
            var dates: ClosedRange<PartialDate>?
            var bytes: [UInt8]
        }
        private var entries: [String: Entry] = [:]
        private let lock = NSLock()

        init() {}

        /// The bytes kept for `identifier` if they were written for these sizes and dates, else `make()`'s, kept.
        func bytes(_ identifier: String, sizes: [Int], dates: ClosedRange<PartialDate>?, make: () -> [UInt8]) -> [UInt8] {
            if let entry = lock.withLock({ entries[identifier] }), entry.sizes == sizes, entry.dates == dates { return entry.bytes }
            let bytes = make()
            lock.withLock { entries[identifier] = Entry(sizes: sizes, dates: dates, bytes: bytes) }
            return bytes
        }
    }

    static let path = "data/catalog.jsonld"
    static let licence = "https://creativecommons.org/licenses/by/4.0/"

    /// A data set: its key in `dct:identifier` and in the catalog keys of its title and description, its
    /// files (or, for a series, none: its parts have them) and the earliest and latest date of the documents
    /// it describes.
    struct DataSet {
        var key: String
        var files: [String]
        var dates: ClosedRange<PartialDate>?
        /// The series's parts, each a data set of its own; empty for a data set that is not a series.
        var members: [Member] = []
    }

    /// A part of a series: its identifier (`plans-0001`), its number, its plans, its files and their dates.
    struct Member {
        var identifier: String
        var part: OpenDataParts.Part
        var files: [String]
        var dates: ClosedRange<PartialDate>?
    }

    /// The media type and EU file type of a data file, by its extension.
    static func format(_ path: String) -> (mediaType: String, fileType: String, label: String) {
        if path.hasSuffix(".csv") { return ("text/csv", "CSV", "CSV") }
        if path.hasSuffix(".jsonld") { return ("application/ld+json", "JSON_LD", "JSON-LD") }
        if path.hasSuffix(".xml") { return ("application/akn+xml", "XML", "Akoma Ntoso XML") }
        return ("application/json", "JSON", "JSON")
    }

    /// The earliest and latest of `dates`, nil when there is none.
    static func span(_ dates: some Sequence<PartialDate>) -> ClosedRange<PartialDate>? {
        var iterator = dates.makeIterator()
        guard let first = iterator.next() else { return nil }
        var (low, high) = (first, first)
        while let date = iterator.next() { (low, high) = (min(low, date), max(high, date)) }
        return low...high
    }

    /// The span of `spans` together.
    static func span(of spans: some Sequence<ClosedRange<PartialDate>?>) -> ClosedRange<PartialDate>? {
        span(spans.compactMap { $0 }.flatMap { [$0.lowerBound, $0.upperBound] })
    }

    private func dates(_ slugs: some Sequence<String>) -> ClosedRange<PartialDate>? {
        Self.span(slugs.lazy.flatMap { site.plans[$0]?.values.compactMap(\.source.date) ?? [] })
    }

    /// Each part's plan dates (`partDates`), in part order.
    func datesOfParts() -> [ClosedRange<PartialDate>?] { partDates ?? parts.parts.map { dates($0.slugs) } }

    func dataSets() -> [DataSet] {
        let documentDates = Self.span(site.index.registry.compactMap(\.date))
        let documents = DataSet(key: "documents", files: ["data/documents.json", "data/documents.csv"], dates: documentDates)
        guard parts.isSplit else {
            let part = parts.part(0), planDates = datesOfParts()[0]
            return [DataSet(key: "plans", files: [part.plansJSON, part.plansCSV], dates: planDates), documents,
                    DataSet(key: "citations", files: [part.citationsCSV], dates: planDates)]
        }
        // Each part's dates, read once for both series (the catalogue is made again at every citing edit).
        let all = zip(parts.parts, datesOfParts()).map { (part: $0, dates: $1) }
        let seriesDates = Self.span(of: all.map(\.dates))
        func series(_ key: String, _ files: (OpenDataParts.Part) -> [String]) -> DataSet {
            let members = all.map { Member(identifier: "\(key)-\($0.part.name)", part: $0.part, files: files($0.part), dates: $0.dates) }
            return DataSet(key: key, files: [], dates: seriesDates, members: members)
        }
        return [series("plans") { [$0.plansJSON, $0.plansCSV] }, documents, series("citations") { [$0.citationsCSV] }]
    }

    /// The catalogue of `files` (the data files of this build, with their sizes).
    func file(describing files: [OpenData.DataFile]) -> OutputFile {
        let sizes = Dictionary(files.map { ($0.path, $0.size) }, uniquingKeysWith: { first, _ in first })
        let publisher = urls.absolute("/")
        func texts(_ text: (Language) -> String) -> JSONValue {
            .array(Language.allCases.map { .object(["@value": .string(text($0)), "@language": .string($0.tag)]) })
        }
        func text(_ key: String) -> JSONValue { texts { catalogs[$0]![key] } }
        func reference(_ iri: String) -> JSONValue { .object(["@id": .string(iri)]) }
        let languages = JSONValue.array(Language.allCases.map { reference($0.euAuthority) })
        func dated(_ object: inout [String: JSONValue], _ dates: ClosedRange<PartialDate>?) {
            guard let dates else { return }
            object["dct:issued"] = .object(["@value": .string(Self.xsdDate(dates.lowerBound)), "@type": .string("xsd:date")])
            object["dct:modified"] = .object(["@value": .string(Self.xsdDate(dates.upperBound)), "@type": .string("xsd:date")])
        }
        func distributions(_ paths: [String]) -> JSONValue {
            .array(paths.map { path in
                let format = Self.format(path)
                let url = urls.absolute("/" + path)
                return .object([
                    "@id": .string(url + "#distribution"), "@type": .string("dcat:Distribution"),
                    "dct:title": .string(path.split(separator: "/").last.map(String.init) ?? path),
                    "dcat:downloadURL": reference(url), "dcat:accessURL": reference(url),
                    "dcat:mediaType": reference("https://www.iana.org/assignments/media-types/" + format.mediaType),
                    "dct:format": reference("http://publications.europa.eu/resource/authority/file-type/" + format.fileType),
                    "dcat:byteSize": .object(["@value": .string(String(sizes[path] ?? 0)), "@type": .string("xsd:nonNegativeInteger")]),
                    "dct:license": reference(Self.licence),
                ])
            })
        }
        func id(_ key: String) -> String { urls.absolute("/" + Self.path + "#\(key)") }
        /// What every data set and series says: who publishes it, its licence, languages and landing pages.
        func described(_ identifier: String, type: String, title: JSONValue, description: JSONValue) -> [String: JSONValue] {
            [
                "@id": .string(id(identifier)), "@type": .string(type), "dct:identifier": .string(identifier),
                "dct:title": title, "dct:description": description,
                "dct:publisher": reference(publisher), "dct:license": reference(Self.licence), "dct:language": languages,
                "dcat:landingPage": .array(Language.allCases.map { reference(urls.absolute(SiteURLs.openData($0))) }),
            ]
        }
        /// The data set of a series's part at `position`.
        func partSet(_ set: DataSet, _ position: Int) -> JSONValue {
            let member = set.members[position]
            let values: [String: String] = [
                "n": String(member.part.number), "count": String(set.members.count), "plans": String(member.part.slugs.count),
                "first": member.part.slugs.first ?? "", "last": member.part.slugs.last ?? "",
            ]
            var part = described(member.identifier, type: "dcat:Dataset",
                                 title: texts { catalogs[$0]!.format("open_data_part_title", values.merging(["set": catalogs[$0]!["open_data_\(set.key)_title"]]) { $1 }) },
                                 description: texts { catalogs[$0]!.format(member.part.slugs.count == 1 ? "open_data_part_one" : "open_data_part", values) + " " + catalogs[$0]!["open_data_\(set.key)"] })
            part["dcat:inSeries"] = reference(id(set.key))
            if position > 0 { part["dcat:prev"] = reference(id(set.members[position - 1].identifier)) }
            if position + 1 < set.members.count { part["dcat:next"] = reference(id(set.members[position + 1].identifier)) }
            part["dcat:distribution"] = distributions(member.files)
            dated(&part, member.dates)
            return .object(part)
        }
        let sets = dataSets()
        var dataSets: [JSONValue] = []
        for set in sets {
            var object = described(set.key, type: set.members.isEmpty ? "dcat:Dataset" : "dcat:DatasetSeries",
                                   title: text("open_data_\(set.key)_title"), description: text("open_data_\(set.key)"))
            if set.members.isEmpty {
                object["dcat:distribution"] = distributions(set.files)
            } else {
                object["dcat:first"] = reference(id(set.members.first!.identifier))
                object["dcat:last"] = reference(id(set.members.last!.identifier))
            }
            dated(&object, set.dates)
            dataSets.append(.object(object))
            for (position, member) in set.members.enumerated() {
                guard let cache = partCache else {
                    dataSets.append(partSet(set, position))
                    continue
                }
                let fileSizes = member.files.map { sizes[$0] ?? 0 }
                dataSets.append(.written(cache.bytes(member.identifier, sizes: fileSizes, dates: member.dates) { partSet(set, position).bytes }))
            }
        }
        var catalog: [String: JSONValue] = [
            "@context": .object([
                "dcat": .string("http://www.w3.org/ns/dcat#"), "dct": .string("http://purl.org/dc/terms/"),
                "foaf": .string("http://xmlns.com/foaf/0.1/"), "xsd": .string("http://www.w3.org/2001/XMLSchema#"),
            ]),
            "@id": .string(urls.absolute("/" + Self.path)), "@type": .string("dcat:Catalog"),
            "dct:title": text("open_data_catalog_title"), "dct:description": text("open_data_description"),
            "dct:publisher": .object(["@id": .string(publisher), "@type": .string("foaf:Organization"), "foaf:name": text("site_name")]),
            "dct:license": reference(Self.licence), "dct:language": languages,
            "foaf:homepage": reference(urls.absolute(SiteURLs.openData(.vi))),
            "dcat:dataset": .array(dataSets),
        ]
        dated(&catalog, Self.span(of: sets.map(\.dates)))
        return OutputFile(path: Self.path, bytes: JSONValue.object(catalog).bytes + [UInt8(ascii: "\n")])
    }

    /// The first day of what is known of a date, as `xsd:date`.
    static func xsdDate(_ date: PartialDate) -> String {
        "\(date.year)-\(PartialDate.twoDigits(date.month ?? 1))-\(PartialDate.twoDigits(date.day ?? 1))"
    }
}

extension SiteURLs {
    /// The open-data page, `/vi/data/`.
    static func openData(_ language: Language) -> String { "/\(language.rawValue)/data/" }
}
