/// `data/catalog.jsonld`: the site's data sets as a DCAT catalogue in the style of DCAT-AP, in JSON-LD. One
/// `dcat:Dataset` per data set (plans, cited documents, citation graph), each with its files as
/// `dcat:Distribution`s: download and access URL, IANA media type, EU file type, the byte size of the file
/// written in this build, and the licence (CC BY 4.0). Titles and descriptions in Vietnamese and English;
/// `dct:issued` and `dct:modified` are the earliest and latest dates of the documents a set describes, never
/// the build's clock, so the same content gives the same bytes.
struct DCATCatalog {
    let urls: SiteURLs
    let site: ResolvedSite
    let catalogs: [Language: Catalog]

    static let path = "data/catalog.jsonld"
    static let licence = "https://creativecommons.org/licenses/by/4.0/"

    /// A data set: its key in `dct:identifier`, the catalog keys of its title and description, its files.
    struct DataSet {
        var key: String
        var files: [String]
        var dates: [PartialDate]
    }

    /// The media type and EU file type of a data file, by its extension.
    static func format(_ path: String) -> (mediaType: String, fileType: String, label: String) {
        if path.hasSuffix(".csv") { return ("text/csv", "CSV", "CSV") }
        if path.hasSuffix(".jsonld") { return ("application/ld+json", "JSON_LD", "JSON-LD") }
        if path.hasSuffix(".xml") { return ("application/akn+xml", "XML", "Akoma Ntoso XML") }
        return ("application/json", "JSON", "JSON")
    }

    func dataSets() -> [DataSet] {
        let planDates = site.plans.values.flatMap { $0.values.compactMap(\.source.date) }
        let documentDates = site.index.registry.compactMap(\.date)
        return [
            DataSet(key: "plans", files: ["data/plans.json", "data/plans.csv"], dates: planDates),
            DataSet(key: "documents", files: ["data/documents.json", "data/documents.csv"], dates: documentDates),
            DataSet(key: "citations", files: ["data/citations.csv"], dates: planDates),
        ]
    }

    /// The catalogue of `files` (the data files of this build, with their sizes).
    func file(describing files: [OpenData.DataFile]) -> OutputFile {
        let sizes = Dictionary(files.map { ($0.path, $0.size) }, uniquingKeysWith: { first, _ in first })
        let publisher = urls.absolute("/")
        func text(_ key: String) -> JSONValue {
            .array(Language.allCases.map { .object(["@value": .string(catalogs[$0]![key]), "@language": .string($0.tag)]) })
        }
        func reference(_ iri: String) -> JSONValue { .object(["@id": .string(iri)]) }
        let languages = JSONValue.array(Language.allCases.map { reference($0.euAuthority) })
        func dated(_ object: inout [String: JSONValue], _ dates: [PartialDate]) {
            guard let first = dates.min(), let last = dates.max() else { return }
            object["dct:issued"] = .object(["@value": .string(Self.xsdDate(first)), "@type": .string("xsd:date")])
            object["dct:modified"] = .object(["@value": .string(Self.xsdDate(last)), "@type": .string("xsd:date")])
        }
        let sets = dataSets()
        let dataSets: [JSONValue] = sets.map { set in
            let distributions: [JSONValue] = set.files.map { path in
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
            }
            var object: [String: JSONValue] = [
                "@id": .string(urls.absolute("/" + Self.path + "#\(set.key)")), "@type": .string("dcat:Dataset"),
                "dct:identifier": .string(set.key),
                "dct:title": text("open_data_\(set.key)_title"), "dct:description": text("open_data_\(set.key)"),
                "dct:publisher": reference(publisher), "dct:license": reference(Self.licence), "dct:language": languages,
                "dcat:landingPage": .array(Language.allCases.map { reference(urls.absolute(SiteURLs.openData($0))) }),
                "dcat:distribution": .array(distributions),
            ]
            dated(&object, set.dates)
            return .object(object)
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
        dated(&catalog, sets.flatMap(\.dates))
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
