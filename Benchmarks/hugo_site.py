#!/usr/bin/env python3
"""Makes a Hugo 0.111 site equivalent to PlanSite's from a PlanSite content folder, for timing.

Same plan files (content/plans/<slug>.<lang>.md become Hugo translations by file name), two languages,
a single-page layout with the translation links, list pages, and taxonomies (topics, places) with their
term pages. Goldmark is set to plain CommonMark (no extensions, raw HTML omitted), which gives the same
HTML as cmark for these bodies.

usage: hugo_site.py <PlanSite content folder> <Hugo site folder>
"""
import os
import shutil
import sys

CONFIG = """baseURL = "https://thongtindoingoai.example.vn/"
title = "Cổng Kế hoạch Thông tin đối ngoại"
defaultContentLanguage = "vi"
defaultContentLanguageInSubdir = true
disableKinds = ["RSS"]
paginate = 10

[languages.vi]
languageName = "Tiếng Việt"
weight = 1
[languages.en]
languageName = "English"
weight = 2

[taxonomies]
topic = "topics"
place = "places"

[markup.goldmark.extensions]
definitionList = false
footnote = false
linkify = false
strikethrough = false
table = false
taskList = false
typographer = false
[markup.goldmark.parser]
autoHeadingID = false
[markup.goldmark.renderer]
unsafe = false
"""

BASEOF = """<!DOCTYPE html>
<html lang="{{ .Language.Lang }}">
<head><meta charset="utf-8"><title>{{ .Title }}</title>
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">{{ end }}
</head>
<body>
<header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
{{ range .Translations }}<a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a>{{ end }}</header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"""

SINGLE = """{{ define "main" }}
<article>
<p>{{ .Params.parent_issuer }}</p><p>{{ .Params.issuer }}</p><p>Số: {{ .Params.number }}</p>
<p>{{ .Params.place }}, {{ .Date.Format "02/01/2006" }}</p>
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Params.recipients }}<li>{{ . }}</li>{{ end }}</ul>
<p>{{ range .Params.signature.lines }}{{ . }} {{ end }}</p><p>{{ .Params.signature.name }}</p>
<p>{{ range (.GetTerms "topics") }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
</article>
{{ end }}
"""

LIST = """{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.number }} {{ .Date.Format "02/01/2006" }}<br>{{ .Summary }}</li>{{ end }}</ul>
{{ template "_internal/pagination.html" . }}
{{ end }}
"""

TERMS = """{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>
{{ end }}
"""


def main():
    source, target = sys.argv[1], sys.argv[2]
    if os.path.exists(target):
        shutil.rmtree(target)
    os.makedirs(os.path.join(target, "layouts", "_default"))
    with open(os.path.join(target, "hugo.toml"), "w", encoding="utf-8") as handle:
        handle.write(CONFIG)
    layouts = os.path.join(target, "layouts", "_default")
    for name, text in [("baseof.html", BASEOF), ("single.html", SINGLE), ("list.html", LIST), ("terms.html", TERMS)]:
        with open(os.path.join(layouts, name), "w", encoding="utf-8") as handle:
            handle.write(text)
    with open(os.path.join(target, "layouts", "index.html"), "w", encoding="utf-8") as handle:
        handle.write(LIST)
    shutil.copytree(os.path.join(source, "plans"), os.path.join(target, "content", "plans"))


if __name__ == "__main__":
    main()
