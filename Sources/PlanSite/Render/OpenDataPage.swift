import Foundation

/// The site-wide data files of one render, made once and shared by the job that writes them and the two
/// "Open data" pages that list their sizes. Whichever asks first makes them; the other waits for them. The
/// incremental builder hands in the files it made from the kept records (`set`).
final class OpenDataFiles: @unchecked Sendable {
    private var files: [OpenData.DataFile]?
    private let lock = NSLock()

    func get(_ make: () -> [OpenData.DataFile]) -> [OpenData.DataFile] {
        lock.withLock {
            if let files { return files }
            let made = make()
            files = made
            return made
        }
    }

    func set(_ files: [OpenData.DataFile]) {
        lock.withLock { self.files = files }
    }
}

/// The rows of the "Open data" pages' table of parts, in each language, as the last render made them: a
/// national corpus's page lists hundreds of parts, and an edit changes the sizes of one part's files. The
/// incremental builder keeps one across edits; a row is made again when its part's file sizes change.
final class OpenDataRows: @unchecked Sendable {
    private struct Key: Hashable {
        var part: Int
        var language: Language
    }
    private var rows: [Key: (sizes: [Int], row: TemplateValue)] = [:]
    private let lock = NSLock()

    func row(part: Int, language: Language, sizes: [Int], make: () -> TemplateValue) -> TemplateValue {
        let key = Key(part: part, language: language)
        if let kept = lock.withLock({ rows[key] }), kept.sizes == sizes { return kept.row }
        let row = make()
        lock.withLock { rows[key] = (sizes, row) }
        return row
    }
}

extension SiteRenderer {
    /// The site-wide data files (`OpenData`), made once per render (written as they are made when there is
    /// a sink).
    func siteDataFiles() -> [OpenData.DataFile] {
        openDataFiles.get { openData.files(into: StreamedFiles(sink: sink)) }
    }
}

extension PageContext {
    /// "Dữ liệu mở" / "Open data": the data files of this build with their formats and real sizes, the
    /// per-plan files, the ELI identifiers and the licence.
    func openData(language: Language, files: [OpenData.DataFile]) -> Page {
        let catalog = catalogs[language]!
        let alternates = Dictionary(uniqueKeysWithValues: Language.allCases.map { ($0, SiteURLs.openData($0)) })
        let path = SiteURLs.openData(language)
        var context = common(language: language, path: path, title: catalog["open_data_title"],
                             description: catalog["open_data_description"], translationPath: alternates[language.other],
                             alternates: alternates, xDefault: alternates[.vi]!)
        context["breadcrumbs"] = [["href": SiteURLs.home(language), "label": catalog["breadcrumb_home"]]]
        let contents: [String: String] = [
            "data/plans.json": "open_data_plans", "data/plans.csv": "open_data_plans",
            "data/documents.json": "open_data_documents", "data/documents.csv": "open_data_documents",
            "data/citations.csv": "open_data_citations", DCATCatalog.path: "open_data_catalog",
        ]
        /// A file's row, made as a template value (a national corpus's page lists hundreds of parts' files).
        func described(_ file: OpenData.DataFile) -> TemplateValue {
            let format = DCATCatalog.format(file.path)
            return .object([
                "href": .string("/" + file.path),
                "name": .string(file.path.split(separator: "/").last.map(String.init) ?? file.path),
                "format": .string(format.label),
                "media_type": .string(format.mediaType),
                "bytes": .string(String(file.size)),
                "size": .string(catalog.format("open_data_size", ["n": Self.grouped(file.size, language)])),
                "contents": .string(contents[file.path].map { catalog[$0] } ?? ""),
            ])
        }
        context["data_files"] = TemplateValue.list(files.filter { $0.part == nil }.map(described))
        // Parts of the plan files (`OpenDataParts`): one row per part, with its plans and its three files.
        var parts: [(part: OpenDataParts.Part, files: [OpenData.DataFile])] = []
        for file in files {
            guard let part = file.part else { continue }
            if parts.last?.part.number == part.number { parts[parts.count - 1].files.append(file) } else { parts.append((part, [file])) }
        }
        if let size = parts.map(\.part.slugs.count).max() {
            context["data_parts"] = [
                "intro": catalog.format("open_data_parts_intro", [
                    "plans": Self.grouped(parts.reduce(0) { $0 + $1.part.slugs.count }, language),
                    "parts": Self.grouped(parts.count, language), "size": Self.grouped(size, language),
                ]),
                "rows": TemplateValue.list(parts.map { part, files in
                    func row() -> TemplateValue {
                        .object([
                            "number": .string(String(part.number)),
                            "plans": .string(catalog.format(part.slugs.count == 1 ? "open_data_part_plans_one" : "open_data_part_plans", [
                                "n": Self.grouped(part.slugs.count, language), "first": part.slugs.first ?? "", "last": part.slugs.last ?? "",
                            ])),
                            "files": .list(files.map(described)),
                        ])
                    }
                    // A part's plans do not change between builds that keep the rows (the incremental builder's).
                    return openDataRows?.row(part: part.number, language: language, sizes: files.map(\.size), make: row) ?? row()
                }),
            ] as [String: Any]
        }
        context["licence_url"] = DCATCatalog.licence
        context["eli_base"] = urls.baseURL
        return Page(path: path, template: "pages/open-data", context: context, alternates: alternates)
    }

    /// A whole number with its thousands grouped as each language writes them: 33.314 / 33,314.
    static func grouped(_ number: Int, _ language: Language) -> String {
        let digits = Array(String(number))
        var out = ""
        for (position, digit) in digits.enumerated() {
            if position > 0, (digits.count - position) % 3 == 0 { out += language == .vi ? "." : "," }
            out.append(digit)
        }
        return out
    }
}
