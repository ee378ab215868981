import Foundation

/// Everything read from `content/`, before resolution.
public struct LoadedContent: Sendable {
    public var config: SiteConfig
    public var plans: [Plan]
    public var registry: [LegalDocument]
}

/// Stage 1: reads the site config and every plan file. Files are read in sorted order so output never
/// depends on the file system's order.
public struct ContentLoader {
    public var contentDirectory: String
    /// Plan type codes (`ke-hoach`, …) and registry kind codes (`ket-luan`, …) the catalogs name.
    public var knownTypes: Set<String>
    public var knownKinds: Set<String>
    /// False for a build that streams: each body is dropped as soon as its file is checked, and read again
    /// when the plan is linked (`PlanLoader.body(of:)`), so a corpus is never held with its bodies.
    public var keepBodies: Bool

    public init(contentDirectory: String, knownTypes: Set<String>, knownKinds: Set<String>, keepBodies: Bool = true) {
        self.contentDirectory = contentDirectory
        self.knownTypes = knownTypes
        self.knownKinds = knownKinds
        self.keepBodies = keepBodies
    }

    public func load(log: inout DiagnosticLog) -> LoadedContent? {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: contentDirectory, isDirectory: &isDirectory), isDirectory.boolValue else {
            log.report(.error(contentDirectory, "the content folder does not exist",
                              hint: "run plansite from the site's folder, or pass `--content <folder>`"))
            return nil
        }
        let config = loadConfig(log: &log)
        let plansDirectory = (contentDirectory as NSString).appendingPathComponent("plans")
        // Plans may be filed in sub-folders (by year, by body); slugs stay unique across all of them.
        let names = (fileManager.subpaths(atPath: plansDirectory) ?? []).filter { $0.hasSuffix(".md") }.sorted()
        if names.isEmpty {
            log.report(.warning(plansDirectory, "no plans found", hint: "add `content/plans/<slug>.vi.md` files"))
        }
        let loader = PlanLoader(contentDirectory: contentDirectory, knownTypes: knownTypes)
        let root = URL(fileURLWithPath: contentDirectory).resolvingSymlinksInPath().path + "/"
        let loaded = parallelMap(names) { name -> (PlanSource?, [Diagnostic]) in
            let path = (plansDirectory as NSString).appendingPathComponent(name)
            var local = DiagnosticLog()
            if let problem = Self.outside(path, root: root) {
                local.report(problem)
                return (nil, local.diagnostics)
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                local.report(.error(path, "cannot read the file", hint: "check its permissions"))
                return (nil, local.diagnostics)
            }
            let source = loader.load(path: path, bytes: [UInt8](data), log: &local)
            return (keepBodies ? source : source?.replacingBody(""), local.diagnostics)
        }
        var sources: [PlanSource] = []
        for (source, diagnostics) in loaded {
            log.report(contentsOf: diagnostics)
            if let source { sources.append(source) }
        }
        let registry = RegistryLoader(knownTypes: knownKinds).load(contentDirectory: contentDirectory, log: &log)
        guard let config, let registry else { return nil }
        return LoadedContent(config: config, plans: Self.pair(sources, log: &log), registry: registry)
    }

    /// A file that resolves (through a symbolic link) to somewhere outside `root` is refused: the build reads
    /// only its own folders.
    static func outside(_ path: String, root: String) -> Diagnostic? {
        // realpath(3) costs a fraction of Foundation's resolvingSymlinksInPath, which runs for every plan file.
        let resolved: String
        if let real = realpath(path, nil) {
            resolved = String(cString: real)
            free(real)
        } else {
            resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path  // a dangling link, say
        }
        guard !resolved.hasPrefix(root) else { return nil }
        return .error(path, "the file is a link to \(resolved), outside \(root.dropLast())",
                      hint: "copy the file into the folder instead of linking to it")
    }

    /// Groups language versions by slug, in slug order. Two files with the same slug and language are an error.
    static func pair(_ sources: [PlanSource], log: inout DiagnosticLog) -> [Plan] {
        var bySlug: [String: Plan] = [:]
        for source in sources {
            if let first = bySlug[source.slug]?.versions[source.language] {
                log.report(.error(source.path, line: 1, "duplicate slug `\(source.slug)`: \(first.path) has the same slug and language",
                                  hint: "rename one of the files; slugs are URLs and must be unique"))
                continue
            }
            bySlug[source.slug, default: Plan(slug: source.slug, versions: [:])].versions[source.language] = source
        }
        return bySlug.keys.sorted().map { bySlug[$0]! }
    }

    private func loadConfig(log: inout DiagnosticLog) -> SiteConfig? {
        let path = (contentDirectory as NSString).appendingPathComponent("site.yml")
        guard let node = YAMLFields.loadFile(path, missing: ("the site config is missing", "create it with at least `base_url: https://…`"),
                                             log: &log) else { return nil }
        var fields = YAMLFields(file: path, lineOffset: 1, node: node, context: "the site config")
        let baseURL = fields.string("base_url", required: true, hint: "e.g. `base_url: https://thongtindoingoai.example.vn`")
        let allowRawHTML = fields.bool("allow_raw_html", default: false)
        /// A whole number above 0, `fallback` when the field is absent.
        func count(_ key: String, _ fallback: Int) -> Int {
            guard let text = fields.string(key, required: false, hint: "a whole number, e.g. \(fallback)"),
                  let node = fields.value(key) else { return fallback }
            if let value = Int(text), value > 0 { return value }
            fields.error(node, "`\(key)` must be a whole number above 0", hint: "e.g. `\(key): \(fallback)`")
            return fallback
        }
        let pageSize = count("listing_page_size", 10)
        let partPlans = count("data_part_plans", 500)
        if let baseURL, !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://")), let valueNode = fields.value("base_url") {
            fields.error(valueNode, "`base_url` must be an absolute http(s) URL", hint: "e.g. `https://thongtindoingoai.example.vn`")
        }
        log.report(contentsOf: fields.log.diagnostics)
        guard let baseURL, !fields.log.hasErrors else { return nil }
        var trimmed = baseURL
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        return SiteConfig(baseURL: trimmed, allowRawHTML: allowRawHTML, listingPageSize: pageSize, dataPartPlans: partPlans)
    }
}

import Yams
