import Testing
@testable import PlanSite

/// The template engine on its own: Mustache semantics the site's templates rely on, escaping, and
/// syntax errors with their line and column.
@Suite("template engine")
struct TemplateEngineTests {
    static func render(_ template: String, _ value: Any, partials: [String: String] = [:]) throws -> String {
        var templates = ["main": try TemplateParser.parse(template)]
        for (name, text) in partials { templates[name] = try TemplateParser.parse(text) }
        let bytes = try TemplateRenderer(templates: templates).render("main", TemplateValue(value)) ?? []
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func variablesAreEscapedUnlessTriple() throws {
        let value = ["x": "<a href=\"j\">Hà & 'Nội'</a>"]
        #expect(try Self.render("{{x}}|{{{x}}}|{{& x}}", value)
                == "&lt;a href=&quot;j&quot;&gt;Hà &amp; &#39;Nội&#39;&lt;/a&gt;|<a href=\"j\">Hà & 'Nội'</a>|<a href=\"j\">Hà & 'Nội'</a>")
    }

    @Test func dottedNamesAndTheCurrentValue() throws {
        let value: [String: Any] = ["t": ["site": "Cổng"], "items": ["một", "hai"], "title": "Kế hoạch"]
        #expect(try Self.render("{{t.site}} {{t.missing}}{{#items}}[{{.}}/{{title}}]{{/items}}", value)
                == "Cổng [một/Kế hoạch][hai/Kế hoạch]")
    }

    nonisolated(unsafe) static let truthCases: [String: (value: [String: Any], expected: String)] = [
        "absent": ([:], "no"),
        "false": (["v": false], "no"),
        "empty string": (["v": ""], "no"),
        "empty list": (["v": [String]()], "no"),
        "true": (["v": true], "yes"),
        "text": (["v": "a"], "yes"),
        "object": (["v": ["k": "a"]], "yes"),
    ]

    @Test(arguments: truthCases.keys.sorted())
    func truthInSections(_ name: String) throws {
        let (value, expected) = Self.truthCases[name]!
        #expect(try Self.render("{{#v}}yes{{/v}}{{^v}}no{{/v}}", value) == expected, "\(name)")
    }

    /// Page data of every shape the pages build converts the same whether its type is known at once (a
    /// dictionary, a list of dictionaries, of template values, of anything) or found by casting (inside `Any`).
    @Test func pageDataOfEveryShapeConverts() throws {
        let items: [[String: Any]] = [["k": "a", "n": 1], ["k": "b", "flag": true]]
        let made: [[String: TemplateValue]] = [["k": .string("c")], ["k": .bytes(Array("<d>".utf8))]]
        let mixed: [Any] = ["e", TemplateValue.string("f"), ["k": "g"] as [String: Any]]
        let shapes: [String: Any] = [
            "items": items, "made": made, "mixed": mixed, "strings": ["h", "i"], "values": [TemplateValue.string("j")],
            "object": ["k": TemplateValue.string("l")] as [String: TemplateValue], "bytes": Array("m&".utf8),
            "none": [[String: Any]](), "nothing": [Any](),
        ]
        let template = "{{#items}}{{k}}{{n}}{{flag}};{{/items}}|{{#made}}{{k}};{{/made}}|{{#mixed}}{{.}}{{k}};{{/mixed}}|"
            + "{{#strings}}{{.}}{{/strings}}|{{#values}}{{.}}{{/values}}|{{object.k}}|{{bytes}}|{{^none}}0{{/none}}{{^nothing}}0{{/nothing}}"
        let expected = "a1;btrue;|c;&lt;d&gt;;|e;f;g;|hi|j|l|m&amp;|00"
        #expect(try Self.render(template, shapes) == expected)
        // The same data seen through `Any` at every level converts alike.
        #expect(try Self.render(template, shapes as Any) == expected)
        #expect(try Self.render("{{#x}}" + template + "{{/x}}", ["x": [shapes as Any]]) == expected)
    }

    @Test func anEmptyValueStopsTheLookupAtItsOwnLevel() throws {
        // An undated item must not show its parent's date.
        let value: [String: Any] = ["date": "2023", "items": [["date": ""], ["date": "2024"]]]
        #expect(try Self.render("{{#items}}({{date}}){{/items}}", value) == "()(2024)")
    }

    @Test func standaloneTagsRemoveTheirLines() throws {
        let template = "<ul>\n  {{#items}}\n<li>{{.}}</li>\n  {{/items}}\n{{! a comment }}\n</ul>\n{{#none}}x{{/none}}\n"
        #expect(try Self.render(template, ["items": ["a", "b"]]) == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n\n")
    }

    @Test func partialsRecurseAndKeepTheirIndentation() throws {
        let value: [String: Any] = ["children": [["label": "A", "children": [["label": "B", "children": [Any]()]]]]]
        let tree = "{{#children}}\n<li>{{label}}\n  {{> tree}}\n</li>\n{{/children}}\n"
        #expect(try Self.render("{{> tree}}", value, partials: ["tree": tree])
                == "<li>A\n  <li>B\n  </li>\n</li>\n")
    }

    @Test(arguments: [
        ("a\n{{#x}\n", "a tag is not closed with }}", 2, 5),
        ("{{#a}}\n  {{#b}}\n{{/a}}", "a section is closed with a different name than it was opened with", 3, 1),
        ("x\n  {{#section}}\nnever closed", "a section is never closed", 2, 3),
        ("Hà Nội {{/x}}", "a section is closed with a different name than it was opened with", 1, 8),
        ("{{=<% %>=}}", "set-delimiter tags are not supported", 1, 1),
        ("{{ }}", "a tag has no name", 1, 4),
        ("{{{raw}}", "a tag is not closed with }}", 1, 7),
    ])
    func syntaxErrorsHaveTheirPosition(_ template: String, _ message: String, _ line: Int, _ column: Int) {
        #expect(throws: TemplateSyntaxError(message: message, line: line, column: column)) {
            _ = try TemplateParser.parse(template)
        }
    }
}
