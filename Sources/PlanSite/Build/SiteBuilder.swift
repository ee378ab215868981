import Foundation

/// Where a build reads and writes.
public struct BuildOptions: Sendable {
    public var contentDirectory: String
    public var templatesDirectory: String
    public var outputDirectory: String
    /// Treat warnings as errors (CI).
    public var strict: Bool

    public init(contentDirectory: String = "content", templatesDirectory: String = "templates",
                outputDirectory: String = "public", strict: Bool = false) {
        self.contentDirectory = contentDirectory
        self.templatesDirectory = templatesDirectory
        self.outputDirectory = outputDirectory
        self.strict = strict
    }
}

/// What a successful build did.
public struct BuildReport: Sendable {
    public var pages: Int
    public var files: Int
    public var diagnostics: [Diagnostic]
    public var seconds: Double

    public var warnings: Int { diagnostics.filter { $0.severity == .warning }.count }
}

/// Progress of a long stage, for terminals: stage name, items done, items in all.
public typealias ProgressHandler = (_ stage: String, _ done: Int, _ total: Int) -> Void

/// What the stages read: templates, catalogs, content and static files.
public struct SiteInputs {
    let templates: TemplateSet
    let catalogs: [Language: Catalog]
    public internal(set) var content: LoadedContent
    let assets: [OutputFile]
}

/// Runs the stages in order: load → resolve → render → write. Any error stops the build before `public/`
/// is touched.
public struct SiteBuilder {
    public var options: BuildOptions
    public var progress: ProgressHandler?

    public init(options: BuildOptions, progress: ProgressHandler? = nil) {
        self.options = options
        self.progress = progress
    }

    /// Stage 1 alone: everything read and checked file by file; without `keepBodies`, each plan's body is
    /// dropped once its file is checked (a streaming build reads it again when it links the plan).
    public func load(keepBodies: Bool = true) throws(BuildFailure) -> (inputs: SiteInputs, diagnostics: [Diagnostic]) {
        var log = DiagnosticLog()
        progress?("loading", 0, 1)
        let templates = TemplateSet.load(templatesDirectory: options.templatesDirectory, log: &log)
        // Without templates every later message would be a consequence of that one; stop here.
        if templates == nil, !FileManager.default.fileExists(atPath: options.templatesDirectory) {
            throw BuildFailure(log.sorted)
        }
        var catalogs: [Language: Catalog] = [:]
        for language in Language.allCases {
            catalogs[language] = Catalog.load(templatesDirectory: options.templatesDirectory, language: language, log: &log)
        }
        let content = ContentLoader(contentDirectory: options.contentDirectory,
                                    knownTypes: catalogs[.vi]?.documentTypes ?? [],
                                    knownKinds: catalogs[.vi]?.documentKinds ?? [], keepBodies: keepBodies).load(log: &log)
        var assets = AssetCollector(folder: (options.templatesDirectory as NSString).appendingPathComponent("assets"),
                                    publishedAs: "assets").collect(log: &log)
        assets += AssetCollector(folder: (options.contentDirectory as NSString).appendingPathComponent("images"),
                                 publishedAs: "images").collect(log: &log)
        guard !log.hasErrors, let templates, let content, catalogs.count == Language.allCases.count else {
            throw BuildFailure(log.sorted)
        }
        return (SiteInputs(templates: templates, catalogs: catalogs, content: content, assets: assets), log.diagnostics)
    }

    /// Loads, resolves and renders without writing: the files the site would have, or the diagnostics that
    /// stop it. `plansite check` is this and nothing more.
    public func render() throws(BuildFailure) -> (files: [OutputFile], diagnostics: [Diagnostic]) {
        let state = try renderState()
        return (state.files, state.diagnostics)
    }

    /// Everything a render produced, kept by the incremental builder.
    struct RenderState {
        var inputs: SiteInputs
        var site: ResolvedSite
        var files: [OutputFile]
        var diagnostics: [Diagnostic]
        /// Each language's search items in index order, when the build was asked to keep them.
        var searchEntries: [Language: [SearchIndex.Entry]] = [:]
    }

    /// Loads, resolves and renders; with a `sink`, the build streams: files are written there as they are
    /// made and do not come back (the sink counts them), plan bodies are not held (`PlanPass`), and the site it returns
    /// keeps no plan's HTML. `keepSearchEntries` keeps the streamed search items for the incremental builder.
    func renderState(sink: StagingWriter? = nil, keepSearchEntries: Bool = false) throws(BuildFailure) -> RenderState {
        let (inputs, loadDiagnostics) = try load(keepBodies: sink == nil)
        var log = DiagnosticLog()
        log.report(contentsOf: loadDiagnostics)
        progress?("checking", 0, 1)
        ContentChecks(content: inputs.content).run(translations: sink == nil, log: &log)
        progress?("resolving citations", 0, inputs.content.plans.count)
        let resolver = SiteResolver(content: inputs.content)
        let site: ResolvedSite
        var streamed: PlanPass.Outcome?
        var search: [Language: SearchIndexStream] = [:]
        if let sink {
            let content = inputs.content
            for language in Language.allCases {
                let items = content.plans.filter { $0.version(language) != nil }.count + content.registry.count
                let spill = PostingSpill(folder: sink.scratchFolder, name: language.rawValue, report: sink.report)
                search[language] = SearchIndexStream(language: language, itemCount: items, spill: spill,
                                                     keepsEntries: keepSearchEntries, write: sink.write)
            }
            let index = resolver.index
            let context = PageContext(urls: SiteURLs(baseURL: content.config.baseURL), catalogs: inputs.catalogs,
                                      itemCache: DocumentItemCache())
            let pass = PlanPass(content: content, index: index, context: context, writer: PageWriter(templates: inputs.templates),
                                sink: sink, search: search)
            var outcome = pass.run(log: &log, progress: progress)
            progress?("building backlinks", 0, 1)
            site = resolver.assemble(index: index, linked: outcome.linked, log: &log)
            outcome.linked = [:]  // the site holds them now
            streamed = outcome
        } else {
            site = resolver.resolve(log: &log, progress: progress)
        }
        let renderer = SiteRenderer(content: inputs.content, site: site, catalogs: inputs.catalogs,
                                    templates: inputs.templates, assets: inputs.assets, progress: progress, sink: sink)
        let files = renderer.render(log: &log, streamed: streamed, search: search)
        Self.releaseInBackground(consume renderer)  // its list-item cache holds an item per registry document
        progress?("checking links", 0, 1)
        if let sink {
            LinkCheck { sink.holds($0) }.run(site, log: &log)
        } else {
            let outputPaths = Set(files.map(\.path))
            LinkCheck { outputPaths.contains($0) }.run(site, log: &log)
        }
        if log.hasErrors || (options.strict && !log.diagnostics.isEmpty) {
            throw BuildFailure(log.sorted.map { diagnostic in
                var promoted = diagnostic
                if options.strict { promoted.severity = .error }
                return promoted
            })
        }
        var state = RenderState(inputs: inputs, site: site, files: files, diagnostics: log.sorted)
        for (language, stream) in search { state.searchEntries[language] = stream.keptEntries }
        return state
    }

    /// A streaming build up to the swap: the site is in the staging folder of the writer it returns, and
    /// `commit(_:diagnostics:)` puts it in place. On failure the staging folder is gone and `public/` is as it was.
    func stage(keepSearchEntries: Bool = false) throws(BuildFailure) -> (state: RenderState, staging: StagingWriter) {
        let staging: StagingWriter
        do {
            staging = try StagingWriter(outputDirectory: options.outputDirectory)
        } catch {
            // The output folder cannot take the site: render first, so that content problems are reported too.
            let diagnostics = try render().diagnostics
            throw BuildFailure(diagnostics + [Self.diagnostic(for: error, output: options.outputDirectory)])
        }
        do {
            return (try renderState(sink: staging, keepSearchEntries: keepSearchEntries), staging)
        } catch {
            staging.abort()
            throw error
        }
    }

    /// Swaps a staged site in (the build's `diagnostics` are reported with a failure to do so).
    func commit(_ staging: StagingWriter, diagnostics: [Diagnostic]) throws(BuildFailure) {
        do {
            progress?("replacing the output folder", 0, 1)
            try staging.commit()  // throws the first failed write, or a failed swap
        } catch {
            staging.abort()
            throw BuildFailure(diagnostics + [Self.diagnostic(for: error, output: options.outputDirectory)])
        }
    }

    /// Builds the site into the output folder: pages are written into a staging folder as they are rendered,
    /// and the folder replaces the output only when the whole build succeeded.
    public func build() throws(BuildFailure) -> BuildReport {
        let start = Date()
        let (state, staging) = try stage()
        try commit(staging, diagnostics: state.diagnostics)
        let written = staging.written
        let report = BuildReport(pages: written.pages, files: written.files, diagnostics: state.diagnostics,
                                 seconds: Date().timeIntervalSince(start))
        Self.releaseInBackground(consume state)
        return report
    }

    /// Frees a rendered site (or the renderer's item cache) on another thread: tens of thousands of plans,
    /// citations and strings take a noticeable time to deallocate, and a `plansite build` that exits
    /// meanwhile need not wait for it. The value must be given up (`consume`): if the caller kept a copy and
    /// the other thread dropped its own first, the caller would free it all after all.
    static func releaseInBackground<Value>(_ value: consuming Value) {
        let box = ReleaseBox(value)
        DispatchQueue.global(qos: .background).async { box.value = nil }
    }

    /// The diagnostic for a failure of the writer.
    static func diagnostic(for error: Error, output: String) -> Diagnostic {
        switch error {
        case SiteWriter.WriteError.io(let path, let message):
            .error(path, message, hint: "choose an output folder you can write to with `--output <folder>`, or fix its permissions; the disk may also be full")
        case SiteWriter.WriteError.unsafePath(let path):
            .error(path, "refusing to write outside the output folder", hint: "use a plain slug")
        default:
            .error(output, "cannot write the site: \(error)", hint: "check that the folder is writable")
        }
    }
}

/// Holds a value until another thread lets go of it (see `SiteBuilder.releaseInBackground`).
private final class ReleaseBox<Value>: @unchecked Sendable {
    var value: Value?
    init(_ value: consuming Value) { self.value = value }
}
