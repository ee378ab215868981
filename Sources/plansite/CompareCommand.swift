import ArgumentParser
import Foundation
import PlanSite

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare an imported draft with a plan file: header fields and body blocks.",
        discussion: """
        Fields (type, number, place, date, title, basis, signature, recipients) agree when equal after white
        space is folded; body blocks when of the same kind with the same rendered text, or within 2 % of its
        characters. Prints a table, or JSON with --json.
        """
    )

    @Argument(help: "The imported draft.") var imported: String
    @Argument(help: "The plan file to compare it with.") var reference: String
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        var texts: [String] = []
        for path in [imported, reference] {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("\(path): error: cannot read the file\n    hint: check the path\n".utf8))
                throw ExitCode(1)
            }
            texts.append(String(decoding: data, as: UTF8.self))
        }
        let comparison = PlanComparison(imported: texts[0], reference: texts[1])
        if json {
            FileHandle.standardOutput.write(Data(comparison.json.utf8))
            return
        }
        var lines = ["field       agree  imported / reference"]
        for field in comparison.fields {
            let values = field.agree ? field.imported : "\(field.imported)  ≠  \(field.reference)"
            lines.append(field.field.padding(toLength: 12, withPad: " ", startingAt: 0) + (field.agree ? "yes    " : "no     ") + String(values.prefix(120)))
        }
        lines.append(String(format: "blocks: %d of %d agree (%.1f %%; %d exact), %d imported",
                            comparison.agreeing, comparison.referenceBlocks.count, comparison.ratio * 100, comparison.exact,
                            comparison.importedBlocks.count))
        FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}
