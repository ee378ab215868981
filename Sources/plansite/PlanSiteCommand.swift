import ArgumentParser

@main
struct PlanSiteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plansite",
        abstract: "Publish Vietnamese government plans as a bilingual static site.",
        discussion: """
        Exit codes:
          0   success (warnings may have been printed; --strict makes them errors)
          1   the content, registry or templates have errors; nothing was written, public/ is unchanged
          64  wrong command-line usage
        In CI (CI=true or GITHUB_ACTIONS=true) diagnostics are also printed as GitHub Actions annotations.
        """,
        subcommands: [Build.self, Check.self, Serve.self, Translations.self, New.self, Import.self, Compare.self, Render.self, BenchRebuild.self],
        defaultSubcommand: Build.self
    )
}

/// Options shared by the commands that read a site.
struct SiteOptions: ParsableArguments {
    @Option(help: "The content folder (plans, legal/documents.yml, site.yml).") var content = "content"
    @Option(help: "The templates folder (templates, i18n catalogs, assets).") var templates = "templates"
    @Flag(name: .shortAndLong, help: "Print only errors and the summary line.") var quiet = false
    @Flag(name: .shortAndLong, help: "Print each stage and its time.") var verbose = false
}
