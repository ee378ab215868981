import ArgumentParser
import Foundation
import PlanSite

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create new content from a template.",
        subcommands: [NewPlan.self]
    )
}

struct NewPlan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Create content/plans/<slug>.vi.md (and, with --english, its .en.md twin) with every field, ready to fill."
    )

    @Argument(help: "The plan's slug: lowercase ASCII and hyphens, usually the symbol and year, e.g. 12-kh-ubnd-2024.")
    var slug: String
    @Option(help: "Document type code (ke-hoach or huong-dan).") var type = "ke-hoach"
    @Flag(help: "Also create the English twin.") var english = false
    @Option(help: "The content folder.") var content = "content"

    func validate() throws {
        guard TextFolding.isSlug(slug) else {
            throw ValidationError("`\(slug)` is not a slug; use lowercase ASCII letters, digits and hyphens, e.g. `\(TextFolding.slug(slug))`")
        }
    }

    func run() throws {
        let folder = (content as NSString).appendingPathComponent("plans")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var created: [String] = []
        for language in english ? [Language.vi, .en] : [.vi] {
            let path = (folder as NSString).appendingPathComponent("\(slug).\(language.rawValue).md")
            if FileManager.default.fileExists(atPath: path) {
                FileHandle.standardError.write(Data("\(path): error: the file already exists\n    hint: choose another slug or edit the existing file\n".utf8))
                throw ExitCode(1)
            }
            try Scaffold.plan(slug: slug, language: language, type: type).write(toFile: path, atomically: true, encoding: .utf8)
            created.append(path)
        }
        FileHandle.standardOutput.write(Data("created \(created.joined(separator: " and ")); fill in the fields, then run `plansite check`\n".utf8))
    }
}
