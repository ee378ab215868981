/// Fills a page's template and the base layout around it: the page's HTML file, or a diagnostic.
struct PageWriter: Sendable {
    let templates: TemplateSet

    func render(_ page: Page, into files: inout [OutputFile], log: inout DiagnosticLog) {
        do throws(PartialDepthError) {
            guard case .object(var values) = TemplateValue(page.context),
                  let inner = try templates.render(.object(values), template: page.template) else {
                log.report(.error("templates/\(page.template).mustache", "template is missing", hint: "restore it from git"))
                return
            }
            values["content"] = .bytes(inner)
            guard let html = try templates.render(.object(values), template: "layouts/base") else {
                log.report(.error("templates/layouts/base.mustache", "template is missing", hint: "restore it from git"))
                return
            }
            files.append(OutputFile(path: SiteURLs.file(for: page.path), bytes: html))
        } catch {
            let innermost = error.chain.last ?? page.template
            log.report(.error("templates/\(innermost).mustache",
                              "partials nest more than \(TemplateRenderer.maximumPartialDepth) deep (\(error.shortChain)) on page \(page.path)",
                              hint: "a partial that includes itself must do so inside a section whose list or value ends, e.g. {{#children}}{{> \(innermost)}}{{/children}}"))
        }
    }
}
