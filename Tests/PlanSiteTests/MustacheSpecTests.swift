import Foundation
import Testing
@testable import PlanSite

/// The template engine against the cases of the Mustache specification (github.com/mustache/spec,
/// specs/interpolation.yml, sections.yml, inverted.yml, comments.yml and partials.yml) for the tags the
/// site's templates use. Left out, because the engine refuses or lacks them on purpose: lambdas,
/// set-delimiter tags (a syntax error here), dynamic partial names and template inheritance.
@Suite("Mustache specification")
struct MustacheSpecTests {
    struct Case: @unchecked Sendable, CustomStringConvertible {
        var name: String
        var template: String
        var data: Any = [String: Any]()
        var partials: [String: String] = [:]
        var expected: String
        var description: String { name }
    }

    static func render(_ spec: Case) throws -> String {
        try TemplateEngineTests.render(spec.template, spec.data, partials: spec.partials)
    }

    static let interpolation: [Case] = [
        Case(name: "No Interpolation", template: "Hello from {Mustache}!\n", expected: "Hello from {Mustache}!\n"),
        Case(name: "Basic Interpolation", template: "Hello, {{subject}}!\n", data: ["subject": "world"], expected: "Hello, world!\n"),
        Case(name: "HTML Escaping", template: "These characters should be HTML escaped: {{forbidden}}\n", data: ["forbidden": "& \" < >"],
             expected: "These characters should be HTML escaped: &amp; &quot; &lt; &gt;\n"),
        Case(name: "Triple Mustache", template: "These characters should not be HTML escaped: {{{forbidden}}}\n",
             data: ["forbidden": "& \" < >"], expected: "These characters should not be HTML escaped: & \" < >\n"),
        Case(name: "Ampersand", template: "These characters should not be HTML escaped: {{&forbidden}}\n",
             data: ["forbidden": "& \" < >"], expected: "These characters should not be HTML escaped: & \" < >\n"),
        Case(name: "Basic Integer Interpolation", template: "\"{{mph}} miles an hour!\"", data: ["mph": 85], expected: "\"85 miles an hour!\""),
        Case(name: "Triple Mustache Integer Interpolation", template: "\"{{{mph}}} miles an hour!\"", data: ["mph": 85],
             expected: "\"85 miles an hour!\""),
        Case(name: "Ampersand Integer Interpolation", template: "\"{{&mph}} miles an hour!\"", data: ["mph": 85], expected: "\"85 miles an hour!\""),
        Case(name: "Basic Decimal Interpolation", template: "\"{{power}} jiggawatts!\"", data: ["power": 1.210], expected: "\"1.21 jiggawatts!\""),
        Case(name: "Basic Context Miss Interpolation", template: "I ({{cannot}}) be seen!", expected: "I () be seen!"),
        Case(name: "Triple Mustache Context Miss Interpolation", template: "I ({{{cannot}}}) be seen!", expected: "I () be seen!"),
        Case(name: "Ampersand Context Miss Interpolation", template: "I ({{&cannot}}) be seen!", expected: "I () be seen!"),
        Case(name: "Dotted Names - Basic Interpolation", template: "\"{{person.name}}\" == \"{{#person}}{{name}}{{/person}}\"",
             data: ["person": ["name": "Joe"]], expected: "\"Joe\" == \"Joe\""),
        Case(name: "Dotted Names - Triple Mustache Interpolation", template: "\"{{{person.name}}}\" == \"{{#person}}{{{name}}}{{/person}}\"",
             data: ["person": ["name": "Joe"]], expected: "\"Joe\" == \"Joe\""),
        Case(name: "Dotted Names - Ampersand Interpolation", template: "\"{{&person.name}}\" == \"{{#person}}{{&name}}{{/person}}\"",
             data: ["person": ["name": "Joe"]], expected: "\"Joe\" == \"Joe\""),
        Case(name: "Dotted Names - Arbitrary Depth", template: "\"{{a.b.c.d.e.name}}\" == \"Phil\"",
             data: ["a": ["b": ["c": ["d": ["e": ["name": "Phil"]]]]]], expected: "\"Phil\" == \"Phil\""),
        Case(name: "Dotted Names - Broken Chains", template: "\"{{a.b.c}}\" == \"\"", data: ["a": [String: Any]()], expected: "\"\" == \"\""),
        Case(name: "Dotted Names - Broken Chain Resolution", template: "\"{{a.b.c.name}}\" == \"\"",
             data: ["a": ["b": [String: Any]()], "c": ["name": "Jim"]], expected: "\"\" == \"\""),
        Case(name: "Dotted Names - Initial Resolution", template: "\"{{#a}}{{b.c.d.e.name}}{{/a}}\" == \"Phil\"",
             data: ["a": ["b": ["c": ["d": ["e": ["name": "Phil"]]]]], "b": ["c": ["d": ["e": ["name": "Wrong"]]]]],
             expected: "\"Phil\" == \"Phil\""),
        Case(name: "Dotted Names - Leading Dot", template: "{{#a}}{{.name}}{{/a}}{{#b}}{{.name}}{{/b}}",
             data: ["a": [String: Any](), "b": ["name": "Name"], "name": "Fail"], expected: "Name"),
        Case(name: "Dotted Names - Context Precedence", template: "{{#a}}{{b.c}}{{/a}}",
             data: ["a": ["b": [String: Any]()], "b": ["c": "ERROR"]], expected: ""),
        Case(name: "Implicit Iterators - Basic Interpolation", template: "Hello, {{.}}!\n", data: "world", expected: "Hello, world!\n"),
        Case(name: "Interpolation - Surrounding Whitespace", template: "| {{string}} |", data: ["string": "---"], expected: "| --- |"),
        Case(name: "Triple Mustache - Surrounding Whitespace", template: "| {{{string}}} |", data: ["string": "---"], expected: "| --- |"),
        Case(name: "Ampersand - Surrounding Whitespace", template: "| {{&string}} |", data: ["string": "---"], expected: "| --- |"),
        Case(name: "Interpolation - Standalone", template: "  {{string}}\n", data: ["string": "---"], expected: "  ---\n"),
        Case(name: "Triple Mustache - Standalone", template: "  {{{string}}}\n", data: ["string": "---"], expected: "  ---\n"),
        Case(name: "Ampersand - Standalone", template: "  {{&string}}\n", data: ["string": "---"], expected: "  ---\n"),
        Case(name: "Interpolation With Padding", template: "|{{ string }}|", data: ["string": "---"], expected: "|---|"),
        Case(name: "Triple Mustache With Padding", template: "|{{{ string }}}|", data: ["string": "---"], expected: "|---|"),
        Case(name: "Ampersand With Padding", template: "|{{& string }}|", data: ["string": "---"], expected: "|---|"),
    ]

    static let sections: [Case] = [
        Case(name: "Truthy", template: "\"{{#boolean}}This should be rendered.{{/boolean}}\"", data: ["boolean": true],
             expected: "\"This should be rendered.\""),
        Case(name: "Falsey", template: "\"{{#boolean}}This should not be rendered.{{/boolean}}\"", data: ["boolean": false], expected: "\"\""),
        Case(name: "Null is falsey", template: "\"{{#null}}This should not be rendered.{{/null}}\"", data: ["null": NSNull()], expected: "\"\""),
        Case(name: "Context", template: "\"{{#context}}Hi {{name}}.{{/context}}\"", data: ["context": ["name": "Joe"]], expected: "\"Hi Joe.\""),
        Case(name: "Parent contexts", template: "\"{{#sec}}{{a}}, {{b}}, {{c.d}}{{/sec}}\"",
             data: ["a": "foo", "b": "wrong", "sec": ["b": "bar"], "c": ["d": "baz"]], expected: "\"foo, bar, baz\""),
        Case(name: "Variable test", template: "\"{{#foo}}{{.}} is {{foo}}{{/foo}}\"", data: ["foo": "bar"], expected: "\"bar is bar\""),
        Case(name: "List Contexts",
             template: "{{#tops}}{{#middles}}{{tname.lower}}{{mname}}.{{#bottoms}}{{tname.upper}}{{mname}}{{bname}}.{{/bottoms}}{{/middles}}{{/tops}}",
             data: ["tops": [["tname": ["upper": "A", "lower": "a"],
                              "middles": [["mname": "1", "bottoms": [["bname": "x"], ["bname": "y"]]]]]]],
             expected: "a1.A1x.A1y."),
        Case(name: "Deeply Nested Contexts",
             template: """
             {{#a}}
             {{one}}
             {{#b}}
             {{one}}{{two}}{{one}}
             {{#c}}
             {{one}}{{two}}{{three}}{{two}}{{one}}
             {{#d}}
             {{one}}{{two}}{{three}}{{four}}{{three}}{{two}}{{one}}
             {{#five}}
             {{one}}{{two}}{{three}}{{four}}{{five}}{{four}}{{three}}{{two}}{{one}}
             {{one}}{{two}}{{three}}{{four}}{{.}}6{{.}}{{four}}{{three}}{{two}}{{one}}
             {{one}}{{two}}{{three}}{{four}}{{five}}{{four}}{{three}}{{two}}{{one}}
             {{/five}}
             {{one}}{{two}}{{three}}{{four}}{{three}}{{two}}{{one}}
             {{/d}}
             {{one}}{{two}}{{three}}{{two}}{{one}}
             {{/c}}
             {{one}}{{two}}{{one}}
             {{/b}}
             {{one}}
             {{/a}}

             """,
             data: ["a": ["one": 1], "b": ["two": 2], "c": ["three": 3, "d": ["four": 4, "five": 5]]],
             expected: "1\n121\n12321\n1234321\n123454321\n12345654321\n123454321\n1234321\n12321\n121\n1\n"),
        Case(name: "List", template: "\"{{#list}}{{item}}{{/list}}\"", data: ["list": [["item": 1], ["item": 2], ["item": 3]]], expected: "\"123\""),
        Case(name: "Empty List", template: "\"{{#list}}Yay lists!{{/list}}\"", data: ["list": [Any]()], expected: "\"\""),
        Case(name: "Strings Not Lists", template: "\"{{#section}}foo{{/section}}\"", data: ["section": "123"], expected: "\"foo\""),
        Case(name: "Doubled", template: "{{#bool}}\n* first\n{{/bool}}\n* {{two}}\n{{#bool}}\n* third\n{{/bool}}\n",
             data: ["bool": true, "two": "second"], expected: "* first\n* second\n* third\n"),
        Case(name: "Nested (Truthy)", template: "| A {{#bool}}B {{#bool}}C{{/bool}} D{{/bool}} E |", data: ["bool": true], expected: "| A B C D E |"),
        Case(name: "Nested (Falsey)", template: "| A {{#bool}}B {{#bool}}C{{/bool}} D{{/bool}} E |", data: ["bool": false], expected: "| A  E |"),
        Case(name: "Context Misses", template: "[{{#missing}}Found key 'missing'!{{/missing}}]", expected: "[]"),
        Case(name: "Implicit Iterator - String", template: "\"{{#list}}({{.}}){{/list}}\"", data: ["list": ["a", "b", "c", "d", "e"]],
             expected: "\"(a)(b)(c)(d)(e)\""),
        Case(name: "Implicit Iterator - Integer", template: "\"{{#list}}({{.}}){{/list}}\"", data: ["list": [1, 2, 3, 4, 5]],
             expected: "\"(1)(2)(3)(4)(5)\""),
        Case(name: "Implicit Iterator - Decimal", template: "\"{{#list}}({{.}}){{/list}}\"", data: ["list": [1.10, 2.20, 3.30, 4.40, 5.50]],
             expected: "\"(1.1)(2.2)(3.3)(4.4)(5.5)\""),
        Case(name: "Implicit Iterator - Array", template: "\"{{#list}}({{#.}}{{.}}{{/.}}){{/list}}\"",
             data: ["list": [[1, 2, 3], ["a", "b", "c"]] as [Any]], expected: "\"(123)(abc)\""),
        Case(name: "Dotted Names - Truthy", template: "\"{{#a.b.c}}Here{{/a.b.c}}\" == \"Here\"", data: ["a": ["b": ["c": true]]],
             expected: "\"Here\" == \"Here\""),
        Case(name: "Dotted Names - Falsey", template: "\"{{#a.b.c}}Here{{/a.b.c}}\" == \"\"", data: ["a": ["b": ["c": false]]],
             expected: "\"\" == \"\""),
        Case(name: "Dotted Names - Broken Chains", template: "\"{{#a.b.c}}Here{{/a.b.c}}\" == \"\"", data: ["a": [String: Any]()],
             expected: "\"\" == \"\""),
        Case(name: "Surrounding Whitespace", template: " | {{#boolean}}\t|\t{{/boolean}} | \n", data: ["boolean": true], expected: " | \t|\t | \n"),
        Case(name: "Internal Whitespace", template: " | {{#boolean}} {{! Important Whitespace }}\n {{/boolean}} | \n",
             data: ["boolean": true], expected: " |  \n  | \n"),
        Case(name: "Indented Inline Sections", template: " {{#boolean}}YES{{/boolean}}\n {{#boolean}}GOOD{{/boolean}}\n",
             data: ["boolean": true], expected: " YES\n GOOD\n"),
        Case(name: "Standalone Lines", template: "| This Is\n{{#boolean}}\n|\n{{/boolean}}\n| A Line\n", data: ["boolean": true],
             expected: "| This Is\n|\n| A Line\n"),
        Case(name: "Indented Standalone Lines", template: "| This Is\n  {{#boolean}}\n|\n  {{/boolean}}\n| A Line\n", data: ["boolean": true],
             expected: "| This Is\n|\n| A Line\n"),
        Case(name: "Standalone Line Endings", template: "|\r\n{{#boolean}}\r\n{{/boolean}}\r\n|", data: ["boolean": true], expected: "|\r\n|"),
        Case(name: "Standalone Without Previous Line", template: "  {{#boolean}}\n#{{/boolean}}\n/", data: ["boolean": true], expected: "#\n/"),
        Case(name: "Standalone Without Newline", template: "#{{#boolean}}\n/\n  {{/boolean}}", data: ["boolean": true], expected: "#\n/\n"),
        Case(name: "Padding", template: "|{{# boolean }}={{/ boolean }}|", data: ["boolean": true], expected: "|=|"),
    ]

    static let inverted: [Case] = [
        Case(name: "Falsey", template: "\"{{^boolean}}This should be rendered.{{/boolean}}\"", data: ["boolean": false],
             expected: "\"This should be rendered.\""),
        Case(name: "Null", template: "\"{{^boolean}}This should be rendered.{{/boolean}}\"", data: ["boolean": NSNull()],
             expected: "\"This should be rendered.\""),
        Case(name: "Truthy", template: "\"{{^boolean}}This should not be rendered.{{/boolean}}\"", data: ["boolean": true], expected: "\"\""),
        Case(name: "Context", template: "\"{{^context}}Hi {{name}}.{{/context}}\"", data: ["context": ["name": "Joe"]], expected: "\"\""),
        Case(name: "List", template: "\"{{^list}}{{n}}{{/list}}\"", data: ["list": [["n": 1], ["n": 2], ["n": 3]]], expected: "\"\""),
        Case(name: "Empty List", template: "\"{{^list}}Yay lists!{{/list}}\"", data: ["list": [Any]()], expected: "\"Yay lists!\""),
        Case(name: "Doubled", template: "{{^t}}\n* first\n{{/t}}\n* {{two}}\n{{^t}}\n* third\n{{/t}}\n", data: ["t": false, "two": "second"],
             expected: "* first\n* second\n* third\n"),
        Case(name: "Nested (Falsey)", template: "| A {{^t}}B {{^t}}C{{/t}} D{{/t}} E |", data: ["t": false], expected: "| A B C D E |"),
        Case(name: "Nested (Truthy)", template: "| A {{^t}}B {{^t}}C{{/t}} D{{/t}} E |", data: ["t": true], expected: "| A  E |"),
        Case(name: "Context Misses", template: "[{{^missing}}Found key 'missing'!{{/missing}}]", expected: "[Found key 'missing'!]"),
        Case(name: "Dotted Names - Truthy", template: "\"{{^a.b.c}}Not Here{{/a.b.c}}\" == \"\"", data: ["a": ["b": ["c": true]]],
             expected: "\"\" == \"\""),
        Case(name: "Dotted Names - Falsey", template: "\"{{^a.b.c}}Not Here{{/a.b.c}}\" == \"Not Here\"", data: ["a": ["b": ["c": false]]],
             expected: "\"Not Here\" == \"Not Here\""),
        Case(name: "Dotted Names - Broken Chains", template: "\"{{^a.b.c}}Not Here{{/a.b.c}}\" == \"Not Here\"", data: ["a": [String: Any]()],
             expected: "\"Not Here\" == \"Not Here\""),
        Case(name: "Surrounding Whitespace", template: " | {{^boolean}}\t|\t{{/boolean}} | \n", data: ["boolean": false], expected: " | \t|\t | \n"),
        Case(name: "Internal Whitespace", template: " | {{^boolean}} {{! Important Whitespace }}\n {{/boolean}} | \n",
             data: ["boolean": false], expected: " |  \n  | \n"),
        Case(name: "Indented Inline Sections", template: " {{^boolean}}NO{{/boolean}}\n {{^boolean}}WAY{{/boolean}}\n",
             data: ["boolean": false], expected: " NO\n WAY\n"),
        Case(name: "Standalone Lines", template: "| This Is\n{{^boolean}}\n|\n{{/boolean}}\n| A Line\n", data: ["boolean": false],
             expected: "| This Is\n|\n| A Line\n"),
        Case(name: "Standalone Indented Lines", template: "| This Is\n  {{^boolean}}\n|\n  {{/boolean}}\n| A Line\n", data: ["boolean": false],
             expected: "| This Is\n|\n| A Line\n"),
        Case(name: "Standalone Line Endings", template: "|\r\n{{^boolean}}\r\n{{/boolean}}\r\n|", data: ["boolean": false], expected: "|\r\n|"),
        Case(name: "Standalone Without Previous Line", template: "  {{^boolean}}\n^{{/boolean}}\n/", data: ["boolean": false], expected: "^\n/"),
        Case(name: "Standalone Without Newline", template: "^{{^boolean}}\n/\n  {{/boolean}}", data: ["boolean": false], expected: "^\n/\n"),
        Case(name: "Padding", template: "|{{^ boolean }}={{/ boolean }}|", data: ["boolean": false], expected: "|=|"),
    ]

    static let comments: [Case] = [
        Case(name: "Inline", template: "12345{{! Comment Block! }}67890", expected: "1234567890"),
        Case(name: "Multiline", template: "12345{{!\n  This is a\n  multi-line comment...\n}}67890\n", expected: "1234567890\n"),
        Case(name: "Standalone", template: "Begin.\n{{! Comment Block! }}\nEnd.\n", expected: "Begin.\nEnd.\n"),
        Case(name: "Indented Standalone", template: "Begin.\n  {{! Indented Comment Block! }}\nEnd.\n", expected: "Begin.\nEnd.\n"),
        Case(name: "Standalone Line Endings", template: "|\r\n{{! Standalone Comment }}\r\n|", expected: "|\r\n|"),
        Case(name: "Standalone Without Previous Line", template: "  {{! I'm Still Standalone }}\n!", expected: "!"),
        Case(name: "Standalone Without Newline", template: "!\n  {{! I'm Still Standalone }}", expected: "!\n"),
        Case(name: "Multiline Standalone", template: "Begin.\n{{!\nSomething's going on here...\n}}\nEnd.\n", expected: "Begin.\nEnd.\n"),
        Case(name: "Indented Multiline Standalone", template: "Begin.\n  {{!\n    Something's going on here...\n  }}\nEnd.\n",
             expected: "Begin.\nEnd.\n"),
        Case(name: "Indented Inline", template: "  12 {{! 34 }}\n", expected: "  12 \n"),
        Case(name: "Surrounding Whitespace", template: "12345 {{! Comment Block! }} 67890", expected: "12345  67890"),
        Case(name: "Variable Name Collision", template: "comments never show: >{{! comment }}<",
             data: ["! comment": 1, "! comment ": 2, "!comment": 3, "comment": 4], expected: "comments never show: ><"),
    ]

    static let partials: [Case] = [
        Case(name: "Basic Behavior", template: "\"{{>text}}\"", partials: ["text": "from partial"], expected: "\"from partial\""),
        Case(name: "Failed Lookup", template: "\"{{>text}}\"", expected: "\"\""),
        Case(name: "Context", template: "\"{{>partial}}\"", data: ["text": "content"], partials: ["partial": "*{{text}}*"], expected: "\"*content*\""),
        Case(name: "Recursion", template: "{{>node}}", data: ["content": "X", "nodes": [["content": "Y", "nodes": [Any]()]]],
             partials: ["node": "{{content}}<{{#nodes}}{{>node}}{{/nodes}}>"], expected: "X<Y<>>"),
        Case(name: "Nested", template: "{{>outer}}", data: ["a": "hello", "b": "world"],
             partials: ["outer": "*{{a}} {{>inner}}*", "inner": "{{b}}!"], expected: "*hello world!*"),
        Case(name: "Surrounding Whitespace", template: "| {{>partial}} |", partials: ["partial": "\t|\t"], expected: "| \t|\t |"),
        Case(name: "Inline Indentation", template: "  {{data}}  {{> partial}}\n", data: ["data": "|"], partials: ["partial": ">\n>"],
             expected: "  |  >\n>\n"),
        Case(name: "Standalone Line Endings", template: "|\r\n{{>partial}}\r\n|", partials: ["partial": ">"], expected: "|\r\n>|"),
        Case(name: "Standalone Without Previous Line", template: "  {{>partial}}\n>", partials: ["partial": ">\n>"], expected: "  >\n  >>"),
        Case(name: "Standalone Without Newline", template: ">\n  {{>partial}}", partials: ["partial": ">\n>"], expected: ">\n  >\n  >"),
        Case(name: "Standalone Indentation", template: "\\\n {{>partial}}\n/\n", data: ["content": "<\n->"],
             partials: ["partial": "|\n{{{content}}}a b{{{content}}}c\n|\n"], expected: "\\\n |\n <\n->a b<\n->c\n |\n/\n"),
        Case(name: "Padding Whitespace", template: "|{{> partial }}|", data: ["boolean": true], partials: ["partial": "[]"], expected: "|[]|"),
        // Not in the spec's file, but what its rule implies for nesting: both indentations, values untouched.
        Case(name: "Nested Standalone Indentation", template: "<ul>\n  {{> item}}\n</ul>\n", data: ["text": "a\nb"],
             partials: ["item": "<li>\n  {{> text}}\n</li>\n", "text": "<p>{{text}}</p>\n"],
             expected: "<ul>\n  <li>\n    <p>a\nb</p>\n  </li>\n</ul>\n"),
    ]

    static func failures(_ cases: [Case]) -> [String] {
        cases.compactMap { spec in
            do {
                let output = try render(spec)
                return output == spec.expected ? nil : "\(spec.name): got \(output.debugDescription), expected \(spec.expected.debugDescription)"
            } catch {
                return "\(spec.name): \(error)"
            }
        }
    }

    @Test func interpolationCases() { #expect(Self.failures(Self.interpolation) == []) }
    @Test func sectionCases() { #expect(Self.failures(Self.sections) == []) }
    @Test func invertedSectionCases() { #expect(Self.failures(Self.inverted) == []) }
    @Test func commentCases() { #expect(Self.failures(Self.comments) == []) }
    @Test func partialCases() { #expect(Self.failures(Self.partials) == []) }

    @Test func everyTagKindTheSiteUsesIsCovered() throws {
        // The cases above cover the tags that templates/ holds: if a template starts using another kind
        // (a set-delimiter tag, a lambda-like `{{$block}}`), this fails and the cases need extending.
        let files = try FileManager.default.subpathsOfDirectory(atPath: TestSupport.templates.path).filter { $0.hasSuffix(".mustache") }
        #expect(files.count >= 10)
        var sigils: Set<Character> = []
        for file in files {
            let text = try String(contentsOf: TestSupport.templates.appendingPathComponent(file), encoding: .utf8)
            var rest = text[...]
            while let open = rest.range(of: "{{") {
                if let sigil = rest[open.upperBound...].first, !sigil.isLetter, sigil != " " { sigils.insert(sigil) }
                rest = rest[open.upperBound...]
            }
        }
        #expect(sigils.isSubset(of: ["#", "^", "/", ">", "!", "{", "&", "."]), "tag kinds in templates/: \(sigils.sorted())")
    }

    /// A partial that includes itself with data that never ends stops at the depth limit instead of
    /// overflowing the stack.
    @Test func endlessPartialRecursionIsAnErrorNotACrash() throws {
        let templates = ["main": try TemplateParser.parse("{{> loop}}"), "loop": try TemplateParser.parse("[{{#self}}{{> loop}}{{/self}}]")]
        let renderer = TemplateRenderer(templates: templates)
        #expect(throws: PartialDepthError.self) { _ = try renderer.render("main", TemplateValue(["self": true])) }
        do {
            _ = try renderer.render("main", TemplateValue(["self": true]))
        } catch {
            #expect(error.chain.count == TemplateRenderer.maximumPartialDepth + 1)
            #expect(error.shortChain == "loop > loop > loop > … > loop > loop")
        }
        // Recursion that ends within the limit renders.
        var nested: [String: Any] = ["self": false]
        for _ in 0..<(TemplateRenderer.maximumPartialDepth - 1) { nested = ["self": nested] }
        let output = try #require(try renderer.render("main", TemplateValue(nested)))
        #expect(output.count == 2 * TemplateRenderer.maximumPartialDepth)
    }

    /// The same through `plansite build`: one diagnostic naming the partial, exit 1, the old site kept.
    @Test func endlessRecursionInTheSiteTemplatesIsADiagnostic() throws {
        let site = try CLITests.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        #expect(try TestSupport.run(TestSupport.plansite.path, ["build"], cwd: site).status == 0)
        let before = TestSupport.snapshot(site.appendingPathComponent("public"))
        try "<b>{{> partials/loop}}</b>\n".write(to: site.appendingPathComponent("templates/partials/loop.mustache"), atomically: true, encoding: .utf8)
        try DiagnosticCatalogTests.append("{{> partials/loop}}\n", to: "templates/pages/404.mustache", in: site)
        let result = try TestSupport.run(TestSupport.plansite.path, ["build"], cwd: site)
        #expect(result.status == 1)
        #expect(result.stderr.contains("templates/partials/loop.mustache: error: partials nest more than 64 deep "
                                       + "(partials/loop > partials/loop > partials/loop > … > partials/loop > partials/loop)"), "\(result.stderr)")
        #expect(result.stderr.contains("hint: a partial that includes itself must do so inside a section"), "\(result.stderr)")
        #expect(TestSupport.snapshot(site.appendingPathComponent("public")) == before)
    }
}
