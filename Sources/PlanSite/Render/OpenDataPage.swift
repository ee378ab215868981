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

extension SiteRenderer {
    /// The site-wide data files (`OpenData`), made once per render (written as they are made when there is
    /// a sink).
    func siteDataFiles() -> [OpenData.DataFile] {
        openDataFiles.get { OpenData(urls: context.urls, site: site, catalogs: catalogs).files(into: StreamedFiles(sink: sink)) }
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
        context["data_files"] = files.map { file in
            [
                "href": "/" + file.path,
                "name": file.path.split(separator: "/").last.map(String.init) ?? file.path,
                "format": DCATCatalog.format(file.path).label,
                "media_type": DCATCatalog.format(file.path).mediaType,
                "bytes": String(file.size),
                "size": catalog.format("open_data_size", ["n": Self.grouped(file.size, language)]),
                "contents": contents[file.path].map { catalog[$0] } ?? "",
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
