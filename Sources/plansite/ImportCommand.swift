import ArgumentParser
import Foundation
import PlanSite

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Turn a signed plan (.pdf, scanned .pdf, .docx, .txt/.md or - for standard input) into a draft plan file.",
        discussion: """
        Writes content/plans/<slug>.vi.md in the project's front matter, with the fields an editor must check
        listed at its top, and adds a stub to content/legal/documents.yml for each cited document the registry
        lacks. Text left out of the draft (page numbers, the national header, scan noise) is reported, line by
        line, as warnings. Scanned PDFs are read with Tesseract's Vietnamese model.
        """
    )

    @Argument(help: "The signed plan: a .pdf, .docx, .txt or .md file, or - for standard input.") var file: String
    @Option(help: "The plan's slug (default: its symbol and year, e.g. 194-kh-btv-2023).") var slug: String?
    @Option(help: "The content folder.") var content = "content"
    @Flag(help: "Replace the plan file if it exists.") var force = false
    @Option(help: "Also write the text as extracted (before recognition) to this file.") var extracted: String?
    @Flag(name: .shortAndLong, help: "Print only errors and the summary line.") var quiet = false

    func run() throws {
        let reporter = Reporter(quiet: quiet, verbose: false)
        let bytes: [UInt8]
        if file == "-" {
            bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        } else if let size = (try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int,
                  let problem = DocumentReader.sizeProblem(path: file, size: size) {
            reporter.diagnostics([problem])
            reporter.summary("import failed: nothing was written")
            throw ExitCode(1)
        } else if let data = FileManager.default.contents(atPath: file) {
            bytes = [UInt8](data)
        } else {
            let exists = FileManager.default.fileExists(atPath: file)
            reporter.diagnostics([.error(file, exists ? "cannot read the file" : "the file does not exist",
                                         hint: exists ? "check its permissions" : "check the path; pass - to read standard input")])
            throw ExitCode(1)
        }
        do throws(Diagnostic) {
            let result = try PlanImporter(contentDirectory: content, slug: slug, force: force, extractedTextPath: extracted).run(bytes, path: file)
            reporter.diagnostics(result.warnings)
            let stubs = result.stubs == 0 ? "no registry stub needed" : "\(Reporter.count(result.stubs, "registry stub")) added to \(result.registryPath)"
            let ocr = result.extracted.method == .pdfOCR ? " by OCR" : ""
            reporter.summary("imported \(file)\(ocr) into \(result.draftPath): \(Reporter.count(result.draft.checks.count, "field")) to check, "
                             + "\(stubs), \(Reporter.count(result.warnings.count, "piece")) left out (\(reporter.seconds) s)")
        } catch {
            reporter.diagnostics([error])
            reporter.summary("import failed: nothing was written")
            throw ExitCode(1)
        }
    }
}
