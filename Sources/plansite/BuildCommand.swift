import ArgumentParser
import Foundation
import PlanSite

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site from content/ and templates/ into public/.",
        discussion: "The previous public/ is replaced only when the whole build succeeded; after an error it is unchanged."
    )

    @OptionGroup var site: SiteOptions
    @Option(help: "The output folder.") var output = "public"
    @Flag(help: "Treat warnings as errors (use in CI).") var strict = false
    @Flag(help: "After building, watch content/ and templates/ and rebuild only what each change affects (Ctrl-C to stop).")
    var watch = false

    func run() throws {
        let reporter = Reporter(quiet: site.quiet, verbose: site.verbose)
        if watch {
            try Watch.run(options: BuildOptions(contentDirectory: site.content, templatesDirectory: site.templates,
                                                outputDirectory: output, strict: strict), reporter: reporter)
        }
        let builder = SiteBuilder(options: BuildOptions(contentDirectory: site.content, templatesDirectory: site.templates,
                                                        outputDirectory: output, strict: strict),
                                  progress: reporter.progress)
        do {
            let report = try builder.build()
            reporter.diagnostics(report.diagnostics)
            reporter.summary("built \(report.pages) pages (\(report.files) files) into \(output)/ with \(Reporter.count(report.warnings, "warning")) in \(String(format: "%.2f", report.seconds)) s")
        } catch {
            reporter.diagnostics(error.diagnostics)
            let errors = error.diagnostics.filter { $0.severity == .error }.count
            reporter.summary("build failed: \(Reporter.count(errors, "error")); \(output)/ was left unchanged")
            throw ExitCode(1)
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check content, registry and templates without writing anything.",
        discussion: """
        Reports every problem compiler-style (file:line:column: error: … with a hint), then a summary line. \
        Exit 0 when clean, 1 when there are errors (with --strict: errors or warnings).
        """
    )

    @OptionGroup var site: SiteOptions
    @Flag(help: "Treat warnings as errors.") var strict = false

    func run() throws {
        let reporter = Reporter(quiet: site.quiet, verbose: site.verbose)
        let builder = SiteBuilder(options: BuildOptions(contentDirectory: site.content, templatesDirectory: site.templates,
                                                        strict: strict), progress: reporter.progress)
        let diagnostics: [Diagnostic]
        var pages = 0
        do {
            let result = try builder.render()
            diagnostics = result.diagnostics
            pages = result.files.filter { $0.path.hasSuffix(".html") }.count
        } catch {
            diagnostics = error.diagnostics
        }
        reporter.diagnostics(diagnostics)
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        let verdict = errors > 0 ? "failed" : "passed"
        reporter.summary("check \(verdict): \(Reporter.count(errors, "error")), \(Reporter.count(warnings, "warning"))\(pages > 0 ? " in \(pages) pages" : "") (\(reporter.seconds) s)")
        if errors > 0 { throw ExitCode(1) }
    }
}

/// `build --watch`: the incremental builder, asked every 250 ms whether an input changed (inotify where the
/// system has it, else the files' stamps).
enum Watch {
    static func run(options: BuildOptions, reporter: Reporter) throws -> Never {
        let builder = IncrementalBuilder(options: options)
        var first = true
        while true {
            defer { usleep(250_000) }
            if !first, !builder.inputsChanged() { continue }
            do {
                let result = first ? try builder.build() : try builder.rebuild()
                if result.kind != .unchanged {
                    reporter.diagnostics(result.diagnostics)
                    reporter.summary("\(result.kind.rawValue) build: \(result.pagesRendered) pages rendered, \(result.filesWritten) files written in \(String(format: "%.3f", result.seconds)) s; watching")
                }
            } catch {
                reporter.diagnostics(error.diagnostics)
                reporter.summary("build failed: \(Reporter.count(error.diagnostics.filter { $0.severity == .error }.count, "error")); watching")
            }
            first = false
        }
    }
}

/// `bench-rebuild`: builds once, then times one-file edits rebuilt by the incremental builder (for `make bench`).
/// Two kinds of edit, each undone after it is timed: a sentence that cites a document (the plan's open-data
/// record changes, so the corpus-wide data files are made again), then a sentence of text alone. The last
/// line printed is the text edit's (`make bench` reads its median).
struct BenchRebuild: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-rebuild", abstract: "Time one-file-edit rebuilds (used by make bench).", shouldDisplay: false)

    @OptionGroup var site: SiteOptions
    @Option var output = "public"
    @Option var runs = 5

    func run() throws {
        let builder = IncrementalBuilder(options: BuildOptions(contentDirectory: site.content, templatesDirectory: site.templates,
                                                               outputDirectory: output))
        do {
            let started = Date()
            try builder.build()
            // The first build's output (29 GB at 100,000 plans) is flushed to the disk before any edit is timed, as
            // it is long before an editor's first save; else the edits' writes wait behind that writeback.
            let built = Date()
            sync()
            print("first build: \(String(format: "%.1f", built.timeIntervalSince(started))) s, then "
                  + "\(String(format: "%.1f", Date().timeIntervalSince(built))) s until its output was on the disk (sync)")
            fflush(nil)  // every stream, so seen at once by whoever follows the run (a profiler started for the edits alone)
            let plans = (site.content as NSString).appendingPathComponent("plans")
            let names = (try FileManager.default.contentsOfDirectory(atPath: plans)).filter { $0.hasSuffix(".vi.md") }.sorted()
            let edits = [("citing edit", "Một câu thêm vào khi đo thời gian xây dựng lại, theo Kết luận số 112-KL/TW."),
                         ("text edit", "Một câu thêm vào khi đo thời gian xây dựng lại.")]
            for (name, sentence) in edits {
                var times: [Double] = [], written: [Int] = [], incremental = 0
                var steps: [String: [Double]] = [:], order: [String] = []
                for run in 0..<runs {
                    let path = (plans as NSString).appendingPathComponent(names[(run * 7919) % names.count])
                    let original = try String(contentsOfFile: path, encoding: .utf8)
                    try (original + "\n\(sentence)\n").write(toFile: path, atomically: true, encoding: .utf8)
                    let report = try builder.rebuild()
                    times.append(report.seconds * 1000)
                    written.append(report.filesWritten)
                    if report.kind == .incremental { incremental += 1 }
                    // Each step's time, then what no step holds (finding the changed file, before the first).
                    let laps = report.steps.steps.map { (name: $0.name, ms: $0.seconds * 1000) }
                    let other = max(0, report.seconds * 1000 - laps.reduce(0) { $0 + $1.ms })
                    for (step, ms) in laps + [("finding the change, other", other)] {
                        if steps[step] == nil { order.append(step) }
                        steps[step, default: []].append(ms)
                    }
                    try original.write(toFile: path, atomically: true, encoding: .utf8)
                    try builder.rebuild()
                }
                times.sort()
                written.sort()
                for step in order {
                    let values = steps[step]!.sorted()
                    print("  \(name): \(step): median \(String(format: "%.1f", values[values.count / 2])) ms")
                }
                print("one-file-edit rebuild, \(name), \(incremental) of \(runs) incremental, "
                      + "\(written[written.count / 2]) files written (median): median \(String(format: "%.1f", times[times.count / 2])) ms")
                fflush(nil)
            }
        } catch let failure as BuildFailure {
            Reporter(quiet: false, verbose: false).diagnostics(failure.diagnostics)
            throw ExitCode(1)
        }
    }
}
