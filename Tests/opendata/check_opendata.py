#!/usr/bin/env python3
"""Checks the open data of a built site (`make opendata-test`):

- every JSON data file (data/plans.json, data/documents.json, data/catalog.jsonld, each plan's plan.json)
  against its JSON Schema (Draft 2020-12) in Tests/opendata/schemas/;
- a site whose plan files are cut into parts (data/plans-0001.json, data/plans-0001.csv,
  data/citations-0001.csv, …; `data_part_plans` in site.yml): the parts numbered from 0001 without a gap,
  each with its three files, every plan version of the site in exactly one part, the plans in slug order
  across the parts, every part but the last of the same number of plans; in the catalogue, the plans and the
  citations each a dcat:DatasetSeries whose dcat:first … dcat:next … dcat:last chain is the parts in order,
  each part a dcat:Dataset dcat:inSeries of it with the distributions of its own files;
- every CSV file (data/*.csv) with Python's csv module: UTF-8, CRLF line ends, the expected header, as many
  fields in every row as in the header;
- every plan.akn.xml: well-formed, and valid against the OASIS Akoma Ntoso 3.0 schema kept in
  Tests/opendata/akn/ (lxml);
- data/catalog.jsonld parsed as JSON-LD by rdflib: every distribution's download URL is a file of the site
  and its dcat:byteSize is that file's size;
- the data agree with the pages (HTML parsed with lxml): the same titles, the same citations (link targets
  and symbols, in order), a head link to each data file, an Akoma Ntoso <ref> per citation and an hcontainer
  per heading, the open-data pages listing the files with their real sizes;
- every ELI identifier unique, all text in Unicode NFC.

With --content <folder>, also that each citation is written at its line and column in its plan file.

Usage: check_opendata.py <public folder> [--content <content folder>]. Prints what it checked with figures; exits 1 with one line per
problem (file: what is wrong).
"""
import csv
import io
import json
import os
import sys
import unicodedata
from collections import Counter
from urllib.parse import urlparse

import jsonschema
import rdflib
from lxml import etree, html

HERE = os.path.dirname(os.path.abspath(__file__))
AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")

COLUMNS = {
    "plans": ["slug", "language", "url", "type", "number", "status", "system", "parent_issuer", "issuer",
                       "place", "date", "title", "basis", "topics", "signature", "recipients", "cited_documents", "eli"],
    "documents": ["symbol", "type", "date", "issuer_vi", "issuer_en", "title_vi", "title_en", "url_vi",
                           "url_en", "cited_by_plans", "eli"],
    "citations": ["plan", "language", "plan_eli", "cited_symbol", "cited_kind", "cited_eli", "cited_url",
                           "citations"],
}
REGISTRY_FILES = ["data/documents.json", "data/documents.csv", "data/catalog.jsonld"]
SINGLE_PART = {"name": "", "json": "data/plans.json", "csv": "data/plans.csv", "citations": "data/citations.csv"}


def part_files(name):
    return {"name": name, "json": f"data/plans-{name}.json", "csv": f"data/plans-{name}.csv",
            "citations": f"data/citations-{name}.csv"}


class Checker:
    def __init__(self, public, content=None):
        self.public = public
        self.content = content
        self.problems = []
        self.figures = Counter()
        self.parts = self.discover_parts()
        self.site_files = REGISTRY_FILES[:2] + [path for part in self.parts for path in (part["json"], part["csv"], part["citations"])] \
            + REGISTRY_FILES[2:]

    @property
    def split(self):
        return self.parts != [SINGLE_PART]

    def discover_parts(self):
        """The single plan files, or the parts data/plans-NNNN.json found, numbered 0001, 0002, … without a gap."""
        folder = self.path("data")
        names = sorted(os.listdir(folder)) if os.path.isdir(folder) else []
        numbered = sorted(name[len("plans-"):-len(".json")] for name in names
                          if name.startswith("plans-") and name.endswith(".json"))
        if not numbered:
            return [SINGLE_PART]
        if "plans.json" in names or "plans.csv" in names or "citations.csv" in names:
            self.fail("data", "has both the single plan files and parts (plans-NNNN.json)")
        width = max(4, len(str(len(numbered))))
        expected = [str(number).zfill(width) for number in range(1, len(numbered) + 1)]
        if numbered != expected:
            self.fail("data", f"parts {numbered[:5]}…, expected {expected[:5]}… numbered from 1 without a gap")
        parts = [part_files(name) for name in numbered]
        for name in names:
            for prefix, suffix in (("plans-", ".csv"), ("citations-", ".csv")):
                if name.startswith(prefix) and name.endswith(suffix) and name[len(prefix):-len(suffix)] not in numbered:
                    self.fail(f"data/{name}", "a part file without its data/plans-NNNN.json")
        return parts

    def fail(self, path, message):
        self.problems.append(f"{path}: {message}")

    def path(self, relative):
        return os.path.join(self.public, relative)

    def read(self, relative):
        with open(self.path(relative), "rb") as handle:
            return handle.read()

    def text(self, relative):
        data = self.read(relative)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            self.fail(relative, f"not UTF-8: {error}")
            return None
        if unicodedata.normalize("NFC", text) != text:
            self.fail(relative, "text is not in Unicode NFC")
        return text

    # JSON ------------------------------------------------------------------------------------------------
    def schema(self, name):
        with open(os.path.join(HERE, "schemas", f"{name}.schema.json"), encoding="utf-8") as handle:
            schema = json.load(handle)
        jsonschema.Draft202012Validator.check_schema(schema)
        return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())

    def json_file(self, relative, validator):
        text = self.text(relative)
        if text is None:
            return None
        try:
            value = json.loads(text)
        except json.JSONDecodeError as error:
            self.fail(relative, f"not JSON: {error}")
            return None
        errors = sorted(validator.iter_errors(value), key=lambda e: list(e.absolute_path))
        for error in errors[:5]:
            where = "/".join(str(part) for part in error.absolute_path) or "(top)"
            self.fail(relative, f"schema {validator.schema['$id'].rsplit('/', 1)[-1]}: at {where}: {error.message[:200]}")
        self.figures["json files"] += 1
        self.figures["json bytes"] += len(text.encode("utf-8"))
        return value

    # CSV -------------------------------------------------------------------------------------------------
    def csv_file(self, relative, kind):
        text = self.text(relative)
        if text is None:
            return []
        if "\n" in text.replace("\r\n", ""):
            self.fail(relative, "a line ends without CRLF (RFC 4180)")
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
        expected = COLUMNS[kind]
        if not rows or rows[0] != expected:
            self.fail(relative, f"header is {rows[0] if rows else 'missing'}, expected {expected}")
            return []
        for number, row in enumerate(rows[1:], start=2):
            if len(row) != len(expected):
                self.fail(relative, f"row {number} has {len(row)} fields, the header {len(expected)}")
        self.figures["csv files"] += 1
        self.figures["csv rows"] += len(rows) - 1
        return [dict(zip(expected, row)) for row in rows[1:]]

    # XML -------------------------------------------------------------------------------------------------
    def akn_schema(self):
        return etree.XMLSchema(etree.parse(os.path.join(HERE, "akn", "akomantoso30.xsd")))

    def xml_file(self, relative, schema):
        try:
            document = etree.parse(self.path(relative))
        except etree.XMLSyntaxError as error:
            self.fail(relative, f"not well-formed XML: {error}")
            return None
        self.text(relative)
        if not schema.validate(document):
            for error in list(schema.error_log)[:5]:
                self.fail(relative, f"line {error.line}: not valid Akoma Ntoso 3.0: {error.message[:200]}")
        self.figures["akn files"] += 1
        self.figures["akn bytes"] += os.path.getsize(self.path(relative))
        return document

    # DCAT ------------------------------------------------------------------------------------------------
    def catalog(self, base):
        relative = "data/catalog.jsonld"
        graph = rdflib.Graph()
        try:
            graph.parse(self.path(relative), format="json-ld")
        except Exception as error:  # rdflib raises many kinds
            self.fail(relative, f"not JSON-LD: {error}")
            return
        self.figures["dcat triples"] = len(graph)
        catalogs = list(graph.subjects(rdflib.RDF.type, DCAT.Catalog))
        series = list(graph.subjects(rdflib.RDF.type, DCAT.DatasetSeries))
        datasets = list(graph.subjects(rdflib.RDF.type, DCAT.Dataset)) + series
        if len(catalogs) != 1:
            self.fail(relative, f"{len(catalogs)} dcat:Catalog, expected 1")
        if len(datasets) < 3:
            self.fail(relative, f"{len(datasets)} dcat:Dataset, expected plans, documents and citations")
        for subject in catalogs + datasets:
            for term in (DCT.title, DCT.description):
                languages = {literal.language for literal in graph.objects(subject, term)}
                if languages != {"vi", "en"}:
                    self.fail(relative, f"{subject}: {term} in {sorted(filter(None, languages))}, expected vi and en")
            if (subject, DCT.license, None) not in graph:
                self.fail(relative, f"{subject}: no dct:license")
            languages = {str(o) for o in graph.objects(subject, DCT.language)}
            expected = {"http://publications.europa.eu/resource/authority/language/VIE",
                        "http://publications.europa.eu/resource/authority/language/ENG"}
            if languages != expected:
                self.fail(relative, f"{subject}: dct:language {sorted(languages)}")
        listed = set()
        for distribution in graph.subjects(rdflib.RDF.type, DCAT.Distribution):
            url = graph.value(distribution, DCAT.downloadURL)
            size = graph.value(distribution, DCAT.byteSize)
            if url is None or not str(url).startswith(base):
                self.fail(relative, f"{distribution}: download URL {url} is not on the site {base}")
                continue
            local = urlparse(str(url)).path.lstrip("/")
            listed.add(local)
            if not os.path.isfile(self.path(local)):
                self.fail(relative, f"download URL {url}: no file {local} in {self.public}")
                continue
            if size is None or int(size) != os.path.getsize(self.path(local)):
                self.fail(relative, f"{local}: dcat:byteSize {size}, the file has {os.path.getsize(self.path(local))} bytes")
            self.figures["dcat distributions"] += 1
        missing = set(self.site_files) - {"data/catalog.jsonld"} - listed
        if missing:
            self.fail(relative, f"no distribution for {sorted(missing)}")
        self.series(graph, base, series)

    def series(self, graph, base, series):
        """Split: the plans and the citations each a series, its parts chained first → next → last in part order,
        each part in the series with its own files. Single: no series at all."""
        relative = "data/catalog.jsonld"
        if not self.split:
            if series:
                self.fail(relative, f"{len(series)} dcat:DatasetSeries, but the plan files are not cut into parts")
            return
        for key, files in (("plans", ("json", "csv")), ("citations", ("citations",))):
            subject = rdflib.URIRef(f"{base}/data/catalog.jsonld#{key}")
            if subject not in series:
                self.fail(relative, f"no dcat:DatasetSeries {subject}")
                continue
            if (subject, DCAT.distribution, None) in graph:
                self.fail(relative, f"{subject}: a series has no distribution of its own, its parts have them")
            chain, member = [], graph.value(subject, DCAT.first)
            while member is not None and len(chain) <= len(self.parts):
                chain.append(member)
                member = graph.value(member, DCAT.next)
            expected = [rdflib.URIRef(f"{base}/data/catalog.jsonld#{key}-{part['name']}") for part in self.parts]
            if chain != expected:
                self.fail(relative, f"{key}: dcat:first/dcat:next give {len(chain)} parts, expected {len(expected)} in part order")
            if graph.value(subject, DCAT.last) != expected[-1]:
                self.fail(relative, f"{key}: dcat:last is {graph.value(subject, DCAT.last)}, expected {expected[-1]}")
            in_series = set(graph.subjects(DCAT.inSeries, subject))
            if in_series != set(expected):
                self.fail(relative, f"{key}: {len(in_series)} data sets dcat:inSeries, expected the {len(expected)} parts")
            for position, (part, dataset) in enumerate(zip(self.parts, expected)):
                if (dataset, rdflib.RDF.type, DCAT.Dataset) not in graph:
                    self.fail(relative, f"{dataset}: not a dcat:Dataset")
                previous = graph.value(dataset, DCAT.prev)
                if previous != (expected[position - 1] if position else None):
                    self.fail(relative, f"{dataset}: dcat:prev is {previous}")
                urls = {str(graph.value(d, DCAT.downloadURL)) for d in graph.objects(dataset, DCAT.distribution)}
                want = {f"{base}/{part[file]}" for file in files}
                if urls != want:
                    self.fail(relative, f"{dataset}: distributions {sorted(urls)}, expected {sorted(want)}")
            self.figures["dcat series parts"] += len(chain)

    # Pages -----------------------------------------------------------------------------------------------
    @staticmethod
    def is_citation_link(href, own):
        return href is not None and href != own and (
            href.startswith("/vi/documents/") or href.startswith("/en/documents/")
            or href.startswith("/vi/plans/") or href.startswith("/en/plans/"))

    def plan_page(self, relative_dir, data, akn):
        page_path = f"{relative_dir}/index.html"
        own = "/" + relative_dir + "/"
        tree = html.fromstring(self.read(page_path))
        subject = tree.xpath('//h1[@class="document__title"]/span[@class="document__subject"]')
        if not subject or subject[0].text_content() != data["title"]:
            self.fail(page_path, f"title on the page differs from plan.json's {data['title']!r}")
        page_title_links = [(a.get("href"), a.text_content()) for a in (subject[0].iter("a") if subject else [])
                            if self.is_citation_link(a.get("href"), own)]
        body = tree.xpath('//div[@class="document__body"]')
        page_body_links = [(a.get("href"), a.text_content()) for a in (body[0].iter("a") if body else [])
                           if self.is_citation_link(a.get("href"), own)]
        cited = [(c["target"]["path"], c["written"]) for c in data["citations"]]
        expected = [(c["target"]["path"], c["written"]) for c in data["citations"] if c["field"] == "body"] + \
                   [(c["target"]["path"], c["written"]) for c in data["citations"] if c["field"] == "title"]
        if page_body_links + page_title_links != expected:
            self.fail(page_path, f"{len(page_body_links + page_title_links)} citation links on the page, plan.json has "
                                 f"{len(cited)}; first difference: " + str(next(
                                     ((a, b) for a, b in zip(page_body_links + page_title_links, expected) if a != b), "lengths")))
        self.figures["citations matched with pages"] += len(cited)
        heads = {link.get("type"): link.get("href") for link in tree.xpath('//head/link[@rel="alternate"][@type]')}
        for media, name in (("application/json", "plan.json"), ("application/akn+xml", "plan.akn.xml")):
            if heads.get(media) != own + name:
                self.fail(page_path, f"no <link rel=alternate type={media} href={own + name}> in the head")
        visible = [a.get("href") for a in tree.xpath('//p[@class="plan-data"]/a')]
        if own + "plan.json" not in visible or own + "plan.akn.xml" not in visible:
            self.fail(page_path, "no visible link to plan.json and plan.akn.xml")
        if akn is not None:
            ns = {"a": AKN}
            title = akn.xpath("//a:preface//a:docTitle", namespaces=ns)
            if not title or "".join(title[0].itertext()) != data["title"]:
                self.fail(relative_dir + "/plan.akn.xml", "docTitle differs from the page's title")
            body_refs = [r.get("href") for r in akn.xpath("//a:mainBody//a:ref", namespaces=ns)]
            title_refs = [r.get("href") for r in akn.xpath("//a:preface//a:ref", namespaces=ns)]
            want_body = [c["target"]["eli"] for c in data["citations"] if c["field"] == "body"]
            want_title = [c["target"]["eli"] for c in data["citations"] if c["field"] == "title"]
            if body_refs != want_body or title_refs != want_title:
                self.fail(relative_dir + "/plan.akn.xml", f"{len(body_refs) + len(title_refs)} <ref>, plan.json has {len(cited)} citations")
            headings = len(body[0].xpath(".//h1|.//h2|.//h3|.//h4|.//h5|.//h6")) if body else 0
            containers = len(akn.xpath("//a:mainBody//a:hcontainer", namespaces=ns))
            if headings != containers:
                self.fail(relative_dir + "/plan.akn.xml", f"{containers} hcontainers, the page has {headings} headings")
            self.figures["akn refs"] += len(body_refs) + len(title_refs)
            self.figures["akn sections"] += containers
            tlc = {r.get("href") for r in akn.xpath("//a:references/a:TLCReference", namespaces=ns)}
            if tlc != {c["target"]["eli"] for c in data["citations"]}:
                self.fail(relative_dir + "/plan.akn.xml", "the TLCReference elements are not the cited documents")

    def positions(self, relative_dir, data):
        """Each body citation at its line and column of the plan file and at its offset in body.text."""
        text = data["body"]["text"]
        for citation in data["citations"]:
            offset = citation.get("text_offset")
            if citation["field"] == "body" and (offset is None or text[offset:offset + len(citation["written"])] != citation["written"]):
                self.fail(relative_dir + "/plan.json", f"{citation['written']!r} is not at text_offset {offset} of body.text")
        if not self.content:
            return
        source = os.path.join(self.content, "plans", f"{data['slug']}.{data['language']}.md")
        with open(source, encoding="utf-8-sig") as handle:
            lines = handle.read().replace("\r\n", "\n").split("\n")
        for citation in data["citations"]:
            line = lines[citation["line"] - 1] if 0 < citation["line"] <= len(lines) else ""
            if citation["field"] == "body" and not line[citation["column"] - 1:].startswith(citation["written"]):
                self.fail(source, f"line {citation['line']} column {citation['column']}: plan.json places {citation['written']!r} there")
            elif citation["field"] == "title" and citation["written"] not in line:
                self.fail(source, f"line {citation['line']}: the title's citation {citation['written']!r} is not on it")
            self.figures["citation positions checked"] += 1

    def open_data_page(self, language):
        relative = f"{language}/data/index.html"
        if not os.path.isfile(self.path(relative)):
            self.fail(relative, "missing")
            return
        tree = html.fromstring(self.read(relative))
        listed = {}
        for row in tree.xpath('//table[@class="data-files"]/tbody/tr'):
            link = row.xpath(".//a/@href")
            size = row.xpath(".//data/@value")
            if link and size:
                listed[link[0].lstrip("/")] = int(size[0])
        parts = {}
        for row in tree.xpath('//table[@class="data-parts"]/tbody/tr'):
            for item in row.xpath(".//li"):
                link, size = item.xpath(".//a/@href"), item.xpath(".//data/@value")
                if link and size:
                    parts[link[0].lstrip("/")] = int(size[0])
        tables = {path: (parts if path.startswith(("data/plans-", "data/citations-")) else listed) for path in self.site_files}
        for path, table in tables.items():
            actual = os.path.getsize(self.path(path)) if os.path.isfile(self.path(path)) else None
            if table.get(path) != actual:
                self.fail(relative, f"lists {path} with {table.get(path)} bytes, the file has {actual}")
        extra = (set(listed) | set(parts)) - set(self.site_files)
        if extra:
            self.fail(relative, f"lists files that are not the site's: {sorted(extra)}")
        part_rows = len(tree.xpath('//table[@class="data-parts"]/tbody/tr'))
        if part_rows != (len(self.parts) if self.split else 0):
            self.fail(relative, f"the parts table has {part_rows} rows, the site {len(self.parts) if self.split else 0} parts")
        other = "en" if language == "vi" else "vi"
        if not tree.xpath(f'//head/link[@rel="alternate"][@hreflang="{other}"]'):
            self.fail(relative, f"no hreflang link to the {other} version")
        self.figures["open-data pages"] += 1

    def plan_parts(self, schema):
        """The plan records of every part, in order: each part's plans.json, plans.csv and citations.csv of the
        same plans, the slugs ascending across the parts, every part but the last of the same size, and every
        plan version that has a page in exactly one record."""
        records, sizes, last = [], [], None
        self.rows = {"plans": [], "citations": []}
        for part in self.parts:
            part_records = (self.json_file(part["json"], schema) or {"plans": []})["plans"]
            keys = [(r["slug"], r["language"]) for r in part_records]
            plan_rows, citation_rows = self.csv_file(part["csv"], "plans"), self.csv_file(part["citations"], "citations")
            self.rows["plans"] += plan_rows
            self.rows["citations"] += citation_rows
            rows = [(r["slug"], r["language"]) for r in plan_rows]
            if rows != keys:
                self.fail(part["csv"], f"{len(rows)} rows, not the {len(keys)} records of {part['json']} in their order")
            cited = {(r["plan"], r["language"]) for r in citation_rows}
            if not cited <= set(keys):
                self.fail(part["citations"], f"rows for plans that are not in {part['json']}: {sorted(cited - set(keys))[:3]}")
            slugs = list(dict.fromkeys(slug for slug, _ in keys))
            if slugs != sorted(slugs) or (last is not None and slugs and slugs[0] <= last):
                self.fail(part["json"], "its plans are not in slug order after the part before it")
            last = slugs[-1] if slugs else last
            sizes.append(len(slugs))
            records += part_records
        if self.split:
            if any(size != sizes[0] for size in sizes[:-1]) or sizes[-1] > sizes[0] or 0 in sizes:
                self.fail("data", f"parts of {sizes} plans: every part but the last should hold the same number")
            self.figures["plan parts"] = len(self.parts)
        on_site = {(name.split(os.sep)[2], name.split(os.sep)[0]) for language in ("vi", "en")
                   for name in [os.path.relpath(os.path.join(root), self.public)
                                for root, _, files in os.walk(self.path(f"{language}/plans")) if "plan.json" in files]}
        in_data = Counter((r["slug"], r["language"]) for r in records)
        if set(in_data) != on_site or any(count > 1 for count in in_data.values()):
            self.fail("data", f"{len(in_data)} plan records for {len(on_site)} plan versions with a page; each should be in "
                              f"exactly one part ({sorted(set(in_data) ^ on_site)[:3]})")
        return records

    def run(self):
        plans_schema, documents_schema = self.schema("plans"), self.schema("documents")
        plan_schema, catalog_schema = self.schema("plan"), self.schema("catalog")
        for relative in self.site_files:
            if not os.path.isfile(self.path(relative)):
                self.fail(relative, "missing")
        if self.problems:
            return
        plans = {"plans": self.plan_parts(plans_schema)}
        documents = self.json_file("data/documents.json", documents_schema) or {"documents": []}
        catalog = self.json_file("data/catalog.jsonld", catalog_schema) or {}
        rows = dict(self.rows, documents=self.csv_file("data/documents.csv", "documents"))
        base = catalog.get("dct:publisher", {}).get("@id", "").rstrip("/")
        self.catalog(base)
        schema = self.akn_schema()
        identifiers = Counter()
        for record in documents["documents"]:
            identifiers[record["eli"]] += 1
        csv_citations = Counter((r["plan"], r["language"], r["cited_url"]) for r in rows["citations"])
        for record in plans["plans"]:
            slug, language = record["slug"], record["language"]
            relative_dir = f"{language}/plans/{slug}"
            identifiers[record["eli"]] += 1
            if not os.path.isfile(self.path(relative_dir + "/plan.json")):
                self.fail(relative_dir, "no plan.json")
                continue
            data = self.json_file(relative_dir + "/plan.json", plan_schema)
            akn = self.xml_file(relative_dir + "/plan.akn.xml", schema) if os.path.isfile(self.path(relative_dir + "/plan.akn.xml")) \
                else self.fail(relative_dir, "no plan.akn.xml")
            if data is None:
                continue
            for key in ("title", "number", "date", "issuer", "type"):
                if data[key] != record[key]:
                    self.fail(relative_dir + "/plan.json", f"{key} {data[key]!r} differs from data/plans.json's {record[key]!r}")
            if data["eli_expression"] != record["eli"]:
                self.fail(relative_dir + "/plan.json", "eli_expression differs from data/plans.json")
            unique = []
            for citation in data["citations"]:
                if (citation["symbol"], citation["target"]["path"]) not in unique:
                    unique.append((citation["symbol"], citation["target"]["path"]))
            if [(c["symbol"], c["url"]) for c in record["citations"]] != unique:
                self.fail(relative_dir + "/plan.json", "its cited documents differ from data/plans.json's")
            counts = Counter(c["target"]["url"] for c in data["citations"])
            for url, count in counts.items():
                if csv_citations.get((slug, language, url)) != 1:
                    self.fail("data/citations.csv", f"no single row for {slug} ({language}) citing {url}")
            for row in rows["citations"]:
                if row["plan"] == slug and row["language"] == language and int(row["citations"]) != counts.get(row["cited_url"]):
                    self.fail("data/citations.csv", f"{slug} ({language}) cites {row['cited_url']} {counts.get(row['cited_url'])} times, the row says {row['citations']}")
            self.positions(relative_dir, data)
            self.figures["plan versions"] += 1
            self.plan_page(relative_dir, data, akn)
        for identifier, count in identifiers.items():
            if count > 1:
                self.fail("data", f"ELI {identifier} is used {count} times")
        self.figures["unique ELI identifiers"] = len(identifiers)
        for language in ("vi", "en"):
            self.open_data_page(language)


def main():
    arguments = sys.argv[1:]
    content = None
    if len(arguments) == 3 and arguments[1] == "--content":
        content = arguments[2]
        arguments = arguments[:1]
    if len(arguments) != 1:
        print("usage: check_opendata.py <public folder> [--content <content folder>]", file=sys.stderr)
        return 64
    checker = Checker(arguments[0], content)
    checker.run()
    for path in checker.site_files:
        if os.path.isfile(checker.path(path)):
            print(f"  {path}: {os.path.getsize(checker.path(path))} bytes")
    f = checker.figures
    print(f"checked {f['plan versions']} plan versions: {f['json files']} JSON files ({f['json bytes']} bytes) against "
          f"their schemas, {f['csv files']} CSV files ({f['csv rows']} rows), {f['akn files']} Akoma Ntoso files "
          f"({f['akn bytes']} bytes, {f['akn sections']} sections, {f['akn refs']} refs) against the OASIS schema, "
          f"{f['dcat triples']} DCAT triples with {f['dcat distributions']} distributions, "
          f"{f['citations matched with pages']} citations matched with the pages ({f['citation positions checked']} positions "
          f"in the plan files), {f['unique ELI identifiers']} unique "
          f"ELI identifiers, {f['open-data pages']} open-data pages"
          + (f", {f['plan parts']} parts of the plan files ({f['dcat series parts']} parts in the DCAT series)" if checker.split else ""))
    if checker.problems:
        for problem in checker.problems:
            print(f"FAIL {problem}")
        print(f"{len(checker.problems)} problems")
        return 1
    print("open data: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
