import Foundation

/// The parsed templates of `templates/`, each parsed once. `layouts/base.mustache` is registered as `layouts/base`.
public struct TemplateSet: @unchecked Sendable {
    let renderer: TemplateRenderer
    public let names: [String]

    /// Template names a site must provide.
    static let required = ["layouts/base", "pages/plan", "pages/home", "pages/landing", "pages/document", "pages/documents",
                                   "pages/facet", "pages/listing", "pages/search", "pages/404"]

    static func load(templatesDirectory: String, log: inout DiagnosticLog) -> TemplateSet? {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: templatesDirectory, isDirectory: &isDirectory), isDirectory.boolValue else {
            log.report(.error(templatesDirectory, "the templates folder does not exist",
                              hint: "restore it from git (`git checkout -- templates`) or pass `--templates <folder>`"))
            return nil
        }
        let files = (fileManager.subpaths(atPath: templatesDirectory) ?? []).filter { $0.hasSuffix(".mustache") }.sorted()
        var parsed: [String: [TemplateNode]] = [:]
        var names: [String] = []
        var failed = false
        for file in files {
            let path = (templatesDirectory as NSString).appendingPathComponent(file)
            guard let data = fileManager.contents(atPath: path),
                  case .success(let text) = SourceText.decode([UInt8](data)) else {
                log.report(.error(path, "cannot read the template as UTF-8", hint: "save it as UTF-8"))
                failed = true
                continue
            }
            do {
                let name = String(file.dropLast(".mustache".count))
                parsed[name] = try TemplateParser.parse(text)
                names.append(name)
            } catch {
                log.report(.error(path, line: error.line, column: error.column, "template syntax error: \(error.message)",
                                  hint: "check that every {{#section}} has its {{/section}} and every tag is closed with }}"))
                failed = true
            }
        }
        for name in required where !names.contains(name) && !failed {
            log.report(.error((templatesDirectory as NSString).appendingPathComponent(name + ".mustache"),
                              "required template is missing", hint: "restore it from git"))
            failed = true
        }
        return failed ? nil : TemplateSet(renderer: TemplateRenderer(templates: parsed), names: names)
    }

    /// Renders `value` with the template `name`; nil if the template does not exist.
    func render(_ value: TemplateValue, template name: String) throws(PartialDepthError) -> [UInt8]? {
        try renderer.render(name, value)
    }
}
