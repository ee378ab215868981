#!/usr/bin/env python3
"""Checks that `plansite import` gets every plan back from the formats offices really send.

For each plan content/plans/<slug>.vi.md, three documents are made from the published plan:
  * a text PDF: the built Vietnamese plan page, served on 127.0.0.1, printed by headless Chromium;
  * a Word file: the whole signed document (number, place and date, type, title, body, Nơi nhận, signature)
    written as Markdown from the plan file and converted by pandoc;
  * a scanned PDF: the text PDF's pages rasterised by pdftoppm (200 dpi, grey) and printed back to PDF as
    images only, so that the import has to go through OCR.
Each is imported with `plansite import <file> --slug rt-<slug> --content <work>/content --force` into a copy
of content/, and the draft is compared with the plan by `plansite compare … --json`: the body's blocks must
agree with a ratio of at least 0.95 (text PDF, Word) or 0.85 (OCR); the front-matter fields that agree are
reported, not required. Then each plan of the work content is replaced by its last draft (a plan and its
draft share a number, which the build refuses as a duplicate), the work content must build with
`plansite build` with no error, and each draft's page must link its citations to /vi/documents/.

Run by `make test` after the strict site build:
    .venv/bin/python Tests/import/check_roundtrip.py .build/strict-site/public \\
        --plansite .build/debug/plansite --work .build/roundtrip
Everything made (PDFs, page images, Markdown, .docx, drafts, compare JSON, import logs) stays in the work
folder under deterministic names. Prints a table and then `N passed, M failed`; exits 1 if any check failed
or a tool is missing.
"""
import argparse
import dataclasses
import functools
import http.server
import json
import pathlib
import shutil
import struct
import subprocess
import sys
import threading
import time

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
CHROMIUM_TIMEOUT = 60
IMPORT_TIMEOUT = 120
TOOL_TIMEOUT = 60
BUILD_TIMEOUT = 120
A4_RATIO = 210 / 297
MAX_SCAN_LETTERS = 20
# The programs this check runs (plansite import needs Tesseract for the scans), with the Debian package and
# the make target that installs each.
TOOLS = {
    "chromium": ("chromium", "make browser-deps"),
    "pdfinfo": ("poppler-utils", "make deps"),
    "pdftoppm": ("poppler-utils", "make deps"),
    "pdftotext": ("poppler-utils", "make deps"),
    "pandoc": ("pandoc", "make deps"),
    "tesseract": ("tesseract-ocr tesseract-ocr-vie", "make deps"),
}
TYPE_LINES = {"ke-hoach": "KẾ HOẠCH", "huong-dan": "HƯỚNG DẪN"}


class CheckError(Exception):
    pass


@dataclasses.dataclass(frozen=True)
class Format:
    name: str
    minimum_ratio: float


FORMATS = (Format("pdf", 0.95), Format("docx", 0.95), Format("scan-pdf", 0.85))


@dataclasses.dataclass
class Result:
    plan: str
    format: Format
    exit_code: object = "-"
    fields: str = "-"
    blocks: str = "-"
    ratio: object = None
    seconds: object = None
    problem: str = ""

    @property
    def passed(self):
        return not self.problem


def run(arguments, timeout, cwd=ROOT):
    """Runs a program to its end; a timeout or a missing program is a CheckError."""
    try:
        return subprocess.run([str(a) for a in arguments], cwd=cwd, capture_output=True, text=True,
                              timeout=timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise CheckError(f"`{pathlib.Path(str(arguments[0])).name}` did not finish in {timeout} s") from None
    except OSError as error:
        raise CheckError(f"cannot run `{arguments[0]}`: {error}") from None


def run_ok(arguments, timeout):
    """Runs a program that must succeed; returns its standard output."""
    completed = run(arguments, timeout)
    if completed.returncode != 0:
        last = (completed.stderr.strip().splitlines() or ["no message"])[-1]
        raise CheckError(f"`{pathlib.Path(str(arguments[0])).name}` exited {completed.returncode}: {last}")
    return completed.stdout


def missing_tools(plansite):
    problems = [f"`{tool}` is not installed (Debian's {package}); `{target}` installs it"
                for tool, (package, target) in TOOLS.items() if shutil.which(tool) is None]
    if not plansite.is_file():
        problems.append(f"{plansite} does not exist; `make build` builds it")
        return problems
    # Without an import command, `plansite import --help` prints the help of the default subcommand, build.
    try:
        has_import = "plansite import" in run([plansite, "import", "--help"], TOOL_TIMEOUT).stdout
    except CheckError:
        has_import = False
    if not has_import:
        problems.append(f"{plansite} has no `import` command; `make build` builds the current one")
    return problems


# ---- the plans

def read_plan(path):
    """The front matter (a dict) and the body (the Markdown after the closing `---`) of a plan file."""
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n") or "\n---\n" not in text[3:]:
        raise CheckError(f"{path}: no front matter between two `---` lines")
    front, body = text[3:].split("\n---\n", 1)
    try:
        return yaml.safe_load(front) or {}, body.strip("\n")
    except yaml.YAMLError as error:
        raise CheckError(f"{path}: the front matter is not YAML: {error}") from None


def date_line(place, date):
    """`<place>, ngày DD tháng MM năm YYYY`, with the day (and month) left empty when the date is partial."""
    year, month, day = (str(date).split("-") + ["", ""])[:3]
    words = f"ngày {day} tháng {month} năm {year}".replace("  ", " ")
    return f"{place}, {words}" if place else words


def signed_document(front, body):
    """The whole signed document as Markdown, one header item per paragraph, as an office's Word file has it."""
    paragraphs = []
    if front.get("number"):
        paragraphs.append(f"Số: {front['number']}")
    if front.get("date"):
        paragraphs.append(date_line(front.get("place", ""), front["date"]))
    if front.get("type") not in TYPE_LINES:
        raise CheckError(f"unknown plan type {front.get('type')!r}: no type line for the Word file")
    paragraphs += [TYPE_LINES[front["type"]], front.get("title", ""), body]
    recipients = front.get("recipients") or []
    if recipients:
        paragraphs += ["Nơi nhận:", "\n".join(f"- {recipient}" for recipient in recipients)]
    signature = front.get("signature") or {}
    paragraphs += list(signature.get("lines") or []) + ([signature["name"]] if signature.get("name") else [])
    return "\n\n".join(paragraphs) + "\n"


# ---- the three documents

class SiteServer:
    """The built site on 127.0.0.1 at a free port, served from a thread."""

    def __init__(self, folder):
        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
        self.port = self.httpd.server_address[1]

    def __enter__(self):
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"


def print_to_pdf(url, pdf, profile):
    pdf.unlink(missing_ok=True)
    run_ok(["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
            f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", url], CHROMIUM_TIMEOUT)
    if not pdf.is_file():
        raise CheckError(f"Chromium wrote no {pdf.name} for {url}")
    return page_count(pdf)


def page_count(pdf):
    for line in run_ok(["pdfinfo", pdf], TOOL_TIMEOUT).splitlines():
        if line.startswith("Pages:") and int(line.split()[1]) >= 1:
            return int(line.split()[1])
    raise CheckError(f"pdfinfo finds no pages in {pdf.name}")


def make_text_pdf(server, slug, work):
    pdf = work / f"{slug}.pdf"
    print_to_pdf(server.url(f"/vi/plans/{slug}/"), pdf, work / "chromium-profile")
    return pdf


def make_docx(front, body, slug, work):
    markdown, docx = work / f"{slug}.md", work / f"{slug}.docx"
    markdown.write_text(signed_document(front, body), encoding="utf-8")
    docx.unlink(missing_ok=True)
    run_ok(["pandoc", "-f", "markdown", "-t", "docx", "-o", docx, markdown], TOOL_TIMEOUT)
    return docx


def png_size(path):
    header = path.read_bytes()[:24]
    if header[:8] != b"\x89PNG\r\n\x1a\n":
        raise CheckError(f"{path.name} is not a PNG")
    return struct.unpack(">II", header[16:24])


def rasterise(pdf, slug, work):
    """The PDF's pages as 200 dpi grey PNGs, in page order, each checked to be A4-shaped."""
    for old in work.glob(f"{slug}-page-*.png"):
        old.unlink()
    run_ok(["pdftoppm", "-r", "200", "-gray", "-png", pdf, work / f"{slug}-page"], TOOL_TIMEOUT)
    pages = sorted(work.glob(f"{slug}-page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    for page in pages:
        width, height = png_size(page)
        if abs(width / height - A4_RATIO) > 0.01 * A4_RATIO:
            raise CheckError(f"{page.name} is {width}×{height}, not A4-shaped: the scan would not fit its pages")
    return pages


def make_scan_pdf(pdf, slug, work):
    if not pdf.is_file():
        raise CheckError(f"no text PDF {pdf.name} to scan")
    pages = rasterise(pdf, slug, work)
    html = work / f"{slug}-scan.html"
    images = "\n".join(f'<img src="{page.name}" alt="">' for page in pages)
    html.write_text("<!doctype html>\n<html><head><meta charset=\"utf-8\"><style>"
                    "@page { size: A4; margin: 0 } body { margin: 0 } "
                    "img { width: 210mm; height: 297mm; display: block; page-break-after: always } "
                    "img:last-child { page-break-after: auto }"
                    f"</style></head><body>\n{images}\n</body></html>\n", encoding="utf-8")
    scan = work / f"{slug}-scan.pdf"
    printed = print_to_pdf(html.as_uri(), scan, work / "chromium-profile")
    if printed != len(pages):
        raise CheckError(f"{scan.name} has {printed} pages, the text PDF {len(pages)}")
    letters = sum(character.isalpha() for character in run_ok(["pdftotext", scan, "-"], TOOL_TIMEOUT))
    if letters >= MAX_SCAN_LETTERS:
        raise CheckError(f"{scan.name} has a text layer ({letters} letters): it would not exercise OCR")
    return scan


# ---- import and compare

def import_and_compare(plansite, document, slug, format, work, result):
    """Imports one document as rt-<slug>, compares the draft with the plan and fills in the result."""
    content = work / "content"
    draft = content / "plans" / f"rt-{slug}.vi.md"
    before = modified(draft)
    started = time.monotonic()
    completed = run([plansite, "import", document, "--slug", f"rt-{slug}", "--content", content, "--force"],
                    IMPORT_TIMEOUT)
    result.seconds = time.monotonic() - started
    result.exit_code = completed.returncode
    stem = work / f"{slug}.{format.name}"
    pathlib.Path(f"{stem}.import.log").write_text(completed.stdout + completed.stderr, encoding="utf-8")
    print(f"{slug} {format.name}: exit {completed.returncode} in {result.seconds:.1f} s: {completed.stdout.strip()}")
    if completed.returncode != 0:
        print(indented(completed.stderr))
        raise CheckError(f"import exited {completed.returncode}")
    if modified(draft) in (None, before):
        raise CheckError(f"import exited 0 but wrote no {draft.relative_to(work)}")
    shutil.copyfile(draft, f"{stem}.draft.md")
    report = compare(plansite, draft, slug)
    pathlib.Path(f"{stem}.compare.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    score(report, format, result)


def modified(path):
    return path.stat().st_mtime_ns if path.is_file() else None


def compare(plansite, draft, slug):
    completed = run([plansite, "compare", draft, f"content/plans/{slug}.vi.md", "--json"], TOOL_TIMEOUT)
    try:
        report = json.loads(completed.stdout)
    except json.JSONDecodeError:
        last = (completed.stderr.strip().splitlines() or ["no output"])[-1]
        raise CheckError(f"compare exited {completed.returncode} without JSON: {last}") from None
    if not isinstance(report, dict) or not isinstance(report.get("blocks"), dict):
        raise CheckError("compare's JSON has no `blocks` object")
    return report


def score(report, format, result):
    fields = [field for field in report.get("fields", []) if isinstance(field, dict)]
    agreeing = [field.get("field", "?") for field in fields if field.get("agree") is True]
    result.fields = f"{len(agreeing)}/{len(fields)}"
    print(f"    fields agree: {', '.join(agreeing) or 'none'}")
    for field in fields:
        if field.get("agree") is not True:
            print(f"    field {field.get('field', '?')} differs: imported {shorten(field.get('imported'))}, "
                  f"reference {shorten(field.get('reference'))}")
    blocks = report["blocks"]
    agree, reference = blocks.get("agree", 0), blocks.get("reference", 0)
    result.blocks = f"{agree}/{reference}"
    ratio = blocks.get("ratio")
    result.ratio = ratio if isinstance(ratio, (int, float)) else (agree / reference if reference else 0.0)
    differences = report.get("differences") or []
    for difference in differences[:8]:
        print(f"    difference: {shorten(difference, 300)}")
    if len(differences) > 8:
        print(f"    … {len(differences) - 8} more differences in the compare JSON")
    if result.ratio < format.minimum_ratio:
        raise CheckError(f"blocks ratio {result.ratio:.3f} < {format.minimum_ratio}")


def shorten(value, limit=120):
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def indented(text):
    return "\n".join("    " + line for line in text.strip().splitlines())


# ---- the drafts in a built site

def replace_by_drafts(slugs, work):
    """Removes from the work content each plan (both languages) that has a draft; returns the slugs drafted."""
    plans = work / "content" / "plans"
    drafted = [slug for slug in slugs if (plans / f"rt-{slug}.vi.md").is_file()]
    for slug in drafted:
        for language in ("vi", "en"):
            (plans / f"{slug}.{language}.md").unlink(missing_ok=True)
    return drafted


def check_site(plansite, slugs, work):
    """Builds the work content with the drafts in place of their plans and checks each draft's page;
    returns the problems."""
    drafted = replace_by_drafts(slugs, work)
    problems = [f"no draft of {slug} to build: every import of it failed" for slug in slugs if slug not in drafted]
    site = work / "site" / "public"
    shutil.rmtree(work / "site", ignore_errors=True)
    completed = run([plansite, "build", "--content", work / "content", "--templates", "templates",
                     "--output", site], BUILD_TIMEOUT)
    print(f"site build: exit {completed.returncode}: {completed.stdout.strip()}")
    if completed.returncode != 0:
        print(indented(completed.stderr))
        return problems + [f"plansite build of {work / 'content'} exited {completed.returncode}"]
    for slug in drafted:
        page = site / "vi" / "plans" / f"rt-{slug}" / "index.html"
        if not page.is_file():
            problems.append(f"the build has no page {page.relative_to(work)}")
        elif 'href="/vi/documents/' not in page.read_text(encoding="utf-8"):
            problems.append(f"{page.relative_to(work)} links no citation to /vi/documents/")
    return problems


# ---- the run

def check_plan(plansite, server, plan, work):
    """The three round trips of one plan, a Result each."""
    slug = plan.name.removesuffix(".vi.md")
    makers = {
        "pdf": lambda: make_text_pdf(server, slug, work),
        "docx": lambda: make_docx(*read_plan(plan), slug, work),
        "scan-pdf": lambda: make_scan_pdf(work / f"{slug}.pdf", slug, work),
    }
    results = []
    for format in FORMATS:
        result = Result(slug, format)
        try:
            import_and_compare(plansite, makers[format.name](), slug, format, work, result)
        except CheckError as error:
            result.problem = str(error)
            print(f"FAIL: {slug} {format.name}: {error}")
        results.append(result)
    return results


def table(results):
    header = ("plan", "format", "exit", "fields", "blocks", "ratio", "import s", "result")
    rows = [(r.plan, r.format.name, str(r.exit_code), r.fields, r.blocks,
             "-" if r.ratio is None else f"{r.ratio:.3f}", "-" if r.seconds is None else f"{r.seconds:.1f}",
             "ok" if r.passed else f"FAIL: {r.problem}") for r in results]
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header) - 1)]
    for row in (header, *rows):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=pathlib.Path, help="the built site (e.g. .build/strict-site/public)")
    parser.add_argument("--plansite", type=pathlib.Path, required=True, help="the plansite binary")
    parser.add_argument("--work", type=pathlib.Path, required=True, help="folder for everything made")
    arguments = parser.parse_args()
    site, plansite, work = (path.resolve() for path in (arguments.site, arguments.plansite, arguments.work))
    plans = sorted((ROOT / "content" / "plans").glob("*.vi.md"))
    checks = len(plans) * len(FORMATS)
    started = time.monotonic()

    problems = missing_tools(plansite)
    if not (site / "vi" / "plans").is_dir():
        problems.append(f"{site} is not a built site (no vi/plans/); build it first with `make strict-site`")
    if problems:
        for problem in problems:
            print(f"error: {problem}")
        print(f"0 passed, {checks} failed")
        return 1

    work.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(work / "content", ignore_errors=True)
    shutil.copytree(ROOT / "content", work / "content")
    with SiteServer(site) as server:
        results = [result for plan in plans for result in check_plan(plansite, server, plan, work)]
    site_problems = check_site(plansite, [plan.name.removesuffix(".vi.md") for plan in plans], work)
    for problem in site_problems:
        print(f"FAIL: {problem}")

    print()
    table(results)
    passed = sum(result.passed for result in results)
    print(f"\nround trips of {len(plans)} plans in {time.monotonic() - started:.0f} s; "
          f"the drafts' site build: {'ok' if not site_problems else 'FAILED'}")
    print(f"{passed} passed, {len(results) - passed} failed")
    return 0 if passed == len(results) and not site_problems else 1


if __name__ == "__main__":
    sys.exit(main())
