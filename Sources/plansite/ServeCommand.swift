import ArgumentParser
import Foundation
import PlanSite
import PlanSiteServe

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site, serve it on 127.0.0.1, and rebuild and reload the browser when a file changes.",
        discussion: """
        Watches content/ and templates/. When a rebuild fails, the errors are printed here and shown on the \
        open page, and the last good site keeps being served. Stop with Ctrl-C.
        """
    )

    @OptionGroup var site: SiteOptions
    @Option(help: "The output folder the preview serves.") var output = "public"
    @Option(help: "The port on 127.0.0.1 (0 picks a free one).") var port: UInt16 = 8080

    func run() async throws {
        let reporter = Reporter(quiet: site.quiet, verbose: site.verbose)
        let server = DevServer(options: BuildOptions(contentDirectory: site.content, templatesDirectory: site.templates,
                                                     outputDirectory: output),
                               port: port) { diagnostics, summary in
            reporter.diagnostics(diagnostics)
            reporter.summary(summary)
        }
        try await server.run { address in
            reporter.summary("serving \(address) (Ctrl-C to stop)")
        }
    }
}
