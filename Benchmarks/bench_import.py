#!/usr/bin/env python3
"""Import benchmark: the time `plansite import` takes for a long plan, from a text PDF and from .docx.

Makes a plan of about --pages pages from the real content (the five plans' bodies one after another, as
many times as needed, under one header), publishes it with `plansite build`, prints its page to PDF with
headless Chromium (the text PDF an office would export), converts its Markdown to .docx with pandoc, then
times --runs imports of each with the release build and prints the medians. A benchmark, not a test: it
prints figures and asserts nothing.

usage: bench_import.py [--pages 30] [--runs 5] [--work /tmp/plansite-bench-import]
"""
import argparse
import functools
import http.server
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLANSITE = os.path.join(ROOT, ".build", "release", "plansite")
SLUG = "999-kh-ubnd-2024"


def plan_bodies():
    """The Vietnamese bodies of the published plans, front matter removed."""
    bodies = []
    folder = os.path.join(ROOT, "content", "plans")
    for name in sorted(os.listdir(folder)):
        if name.endswith(".vi.md"):
            text = open(os.path.join(folder, name), encoding="utf-8").read()
            bodies.append(text.split("\n---\n", 1)[1].split("\n---\n")[0].strip())
    return bodies


HEADER = """---
type: ke-hoach
number: "999/KH-UBND"
status: issued
system: state
parent_issuer: "Ủy ban nhân dân Thành phố Hồ Chí Minh"
issuer: "Ủy ban nhân dân huyện Hóc Môn"
place: "Hóc Môn"
date: "2024-03-05"
title: "Tổng hợp các kế hoạch thông tin đối ngoại (văn bản dài để đo thời gian nhập)"
basis: ["57-KL/TW"]
signature:
  lines: ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
  name: "Huỳnh Thị Xuân Mai"
recipients: ["Như trên", "Lưu: VT."]
topics: [thong-tin-doi-ngoai]
summary: "Văn bản dài ghép từ nội dung các kế hoạch đã đăng, chỉ dùng để đo thời gian nhập."
---
"""


def long_plan(paragraphs):
    """A plan whose body is the first `paragraphs` paragraphs of the five bodies, cycled."""
    pool = [paragraph for body in plan_bodies() for paragraph in body.split("\n\n")]
    return HEADER + "\n" + "\n\n".join(pool[index % len(pool)] for index in range(paragraphs)) + "\n"


def serve(folder):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=folder)
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def pdf_pages(path):
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def make_inputs(work, pages):
    """The site with the long plan, its printed PDF (about `pages` pages) and its .docx."""
    paragraphs = 200
    for _ in range(5):  # scale the body until the printed plan has the pages asked for (±1)
        site = os.path.join(work, "site")
        shutil.rmtree(site, ignore_errors=True)
        shutil.copytree(os.path.join(ROOT, "content"), os.path.join(site, "content"))
        open(os.path.join(site, "content", "plans", SLUG + ".vi.md"), "w", encoding="utf-8").write(long_plan(paragraphs))
        subprocess.run([PLANSITE, "build", "-q", "--content", os.path.join(site, "content"),
                        "--templates", os.path.join(ROOT, "templates"), "--output", os.path.join(site, "public")],
                       check=True, stdout=subprocess.DEVNULL)
        server = serve(os.path.join(site, "public"))
        pdf = os.path.join(work, "plan.pdf")
        subprocess.run(["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--print-to-pdf={pdf}", f"http://127.0.0.1:{server.server_address[1]}/vi/plans/{SLUG}/"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
        server.shutdown()
        count = pdf_pages(pdf)
        if abs(count - pages) <= 1:
            break
        paragraphs = max(1, round(paragraphs * pages / count))
    # The Word file an office would have: the printed header, title, body and closing as paragraphs.
    body = long_plan(paragraphs).split("\n---\n", 1)[1]
    document = os.path.join(work, "plan-for-word.md")
    open(document, "w", encoding="utf-8").write(
        "Số: 999/KH-UBND\n\nHóc Môn, ngày 05 tháng 3 năm 2024\n\nKẾ HOẠCH\n\n"
        "Tổng hợp các kế hoạch thông tin đối ngoại (văn bản dài để đo thời gian nhập)\n\n" + body
        + "\n\nNơi nhận:\n\n- Như trên;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\n\nPHÓ CHỦ TỊCH\n\nHuỳnh Thị Xuân Mai\n")
    docx = os.path.join(work, "plan.docx")
    subprocess.run(["pandoc", "-f", "markdown", "-t", "docx", "-o", docx, document], check=True)
    return site, pdf, docx, count


def time_import(path, site, runs):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([PLANSITE, "import", path, "--content", os.path.join(site, "content"), "--slug", "bench-import", "--force", "-q"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=30)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", default="/tmp/plansite-bench-import")
    args = parser.parse_args()
    if not os.access(PLANSITE, os.X_OK):
        sys.exit("build the release binary first: swift build -c release --product plansite")
    os.makedirs(args.work, exist_ok=True)
    site, pdf, docx, pages = make_inputs(args.work, args.pages)
    print(f"machine: {os.cpu_count()} cores; {PLANSITE}; inputs in {args.work}")
    print(f"{'input':<28}{'pages':>6}{'bytes':>11}{'median s':>10}{'min s':>8}{'max s':>8}  (runs: {args.runs})")
    for label, path, count in [("text PDF (Chromium print)", pdf, pages), ("Word (.docx from pandoc)", docx, "-")]:
        times = time_import(path, site, args.runs)
        print(f"{label:<28}{count:>6}{os.path.getsize(path):>11}{statistics.median(times):>10.3f}{min(times):>8.3f}{max(times):>8.3f}")


if __name__ == "__main__":
    main()
