import ArgumentParser
import Foundation
import PlanSite

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render Markdown from standard input to an HTML fragment on standard output.",
        discussion: "The output is byte-identical to Debian's `cmark` (with --unsafe: `cmark --unsafe`)."
    )

    @Flag(help: "Keep raw HTML and unsafe URLs (as `cmark --unsafe`).") var unsafe = false

    func run() throws {
        let input = FileHandle.standardInput.readDataToEndOfFile()
        let document = MarkdownDocument(parsing: [UInt8](input), options: MarkdownOptions(allowRawHTML: unsafe))
        FileHandle.standardOutput.write(Data(document.renderHTMLBytes()))
    }
}
