#!/usr/bin/env python3
"""PlanSite benchmark: PlanSite against Hugo 0.111 and the raw cmark limit, on the same generated corpus.

For each N (plans; each has a Vietnamese and an English file) it prints, as medians of --runs cold runs:
wall time, time per plan, pages per second, Markdown MB per second and peak memory for PlanSite (release
build), Hugo and a C program that only renders every body with cmark; the largest HTML page of PlanSite's
output and how many are over 200 KB; the one-file-edit rebuild time of PlanSite's incremental mode; the
ratios PlanSite/Hugo and PlanSite/cmark; the write floor, PlanSite's files written again by a C loop that computes
nothing (Benchmarks/write_floor.c, on every core: what the file system alone costs); and search in the browser on PlanSite's output
(Benchmarks/bench_search.py, when .venv/bin/python has selenium: `make browser-deps`). Then a Markdown table
of it all, and how the time per plan grows from the smallest N to the largest.

Memory: on tmpfs (/dev/shm) the work folder is RAM. At 100,000 plans the corpus is about 4 GB, PlanSite's
output about 12 GB and the cmark loop's about 4 GB, so at most one output exists at a time: each program's
output is deleted as soon as it is measured and counted, and a size's corpus and outputs once that size is
done (--keep keeps them). Hugo (peak 5.9 GiB at 10,000 plans, linear in N) is skipped when its estimated
peak exceeds the memory available (MemAvailable less what its site and output would add to tmpfs); so is
the edit rebuild, which holds the search index and the link graph in memory (or give --skip-hugo,
--skip-rebuild). The edit rebuild times two kinds of one-file edit: a sentence of text alone (the table's
"edit rebuild ms", issue 17's criterion 4) and a sentence that cites a document ("citing edit ms"), which
makes the corpus-wide open-data files again.

At 100,000 plans PlanSite's output (about 29 GB with the per-plan data files) does not fit in the tmpfs of a
24 GiB machine: --outputs puts every program's output (PlanSite's, the edit rebuild's, Hugo's and the cmark
loop's) in another folder, e.g. on disk, while the corpora stay in --work on tmpfs. On a disk, outputs of
earlier runs are moved aside and deleted at the end of a size, or sooner when the disk could not hold one
more; then the next run waits a minute, so that it does not pay for the inodes just deleted (see `Trash`).

usage: bench.py [--sizes 500,2000,10000] [--runs 5] [--work /tmp/plansite-bench] [--outputs DIR] [--keep]
                [--skip-hugo] [--skip-rebuild] [--rebuild-timeout S] [--skip-search] [--pretend-memory-gib G]
"""
import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "Benchmarks"))
sys.dont_write_bytecode = True  # no __pycache__ in the checkout
import bench_search  # noqa: E402  (its report table only: the browser part runs in .venv/bin/python)

GIB = 2 ** 30
LARGE_PAGE = 200 * 1024  # "over 200 KB" (KB = 1,024 bytes, as in the rest of the project)
HUGO_GIB_PER_1000_PLANS = 0.6  # Hugo's peak when no smaller size was measured in the run (5.9 GiB at 10,000)
DASH = "—"


class Failed(Exception):
    pass


def run(command, cwd=None, timeout=None):
    """Runs a command; returns (wall seconds, peak RSS in MiB, stdout, stderr, exit code, timed out).

    Output goes to temporary files (a pipe would block a child that writes more than its buffer). After
    `timeout` seconds the command is killed."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err)
        expired = threading.Event()
        timer = None
        if timeout:
            def kill():
                expired.set()
                process.kill()
            timer = threading.Timer(timeout, kill)
            timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        if timer:
            timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return (wall, usage.ru_maxrss / 1024, out.read().decode(errors="replace"), err.read().decode(errors="replace"),
                process.returncode, expired.is_set())


def run_checked(command, cwd=None):
    wall, memory, out, err, code, _ = run(command, cwd)
    if code != 0:
        raise Failed(f"failed ({exit_reason(code)}): {' '.join(command)}\n{err[-2000:]}")
    return wall, memory, out


def exit_reason(code):
    if code < 0:
        return f"killed by signal {-code}" + (", probably out of memory" if code == -9 else "")
    return f"exit status {code}"


def walk_output(folder):
    """HTML pages, the largest (bytes, path), pages over LARGE_PAGE, and the bytes all files take (tmpfs blocks)."""
    pages, largest, largest_path, large, used = 0, 0, "", 0, 0
    stack = [folder]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                    continue
                info = entry.stat(follow_symlinks=False)
                used += info.st_blocks * 512
                if entry.name.endswith(".html"):
                    pages += 1
                    if info.st_size > largest:
                        largest, largest_path = info.st_size, entry.path
                    if info.st_size > LARGE_PAGE:
                        large += 1
    return pages, largest, os.path.relpath(largest_path, folder) if largest_path else "", large, used


def disk_bytes(folder):
    return walk_output(folder)[4] if os.path.isdir(folder) else 0


def markdown_bytes(plans):
    total = 0
    for name in os.listdir(plans):
        with open(os.path.join(plans, name), "rb") as handle:
            text = handle.read()
        close = text.find(b"\n---\n", 4)
        total += len(text) - (close + 5 if close >= 0 else 0)
    return total


def file_system(path):
    """The type of the file system that holds `path` (the longest mount point above it in /proc/mounts)."""
    path, best, kind = os.path.realpath(path), "", "?"
    with open("/proc/mounts") as mounts:
        for line in mounts:
            fields = line.split()
            point = fields[1]
            if (path == point or path.startswith(point.rstrip("/") + "/")) and len(point) > len(best):
                best, kind = point, fields[2]
    return kind


def memory_available(pretend_gib=None):
    """MemAvailable of /proc/meminfo in bytes (or --pretend-memory-gib). Files already on tmpfs are not in it."""
    if pretend_gib is not None:
        return pretend_gib * GIB
    with open("/proc/meminfo") as meminfo:
        for line in meminfo:
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    return 0


def linear_estimate(history, size, fallback):
    """Estimates a quantity at `size` from (size, value) pairs measured at smaller sizes in this run: the line
    through the two largest (never below proportional scaling of the largest when it would fall), or scaled
    in proportion from one; `fallback(size)` when none was measured."""
    points = sorted((s, v) for s, v in history if s < size)
    if not points:
        return fallback(size)
    s1, v1 = points[-1]
    proportional = v1 * size / s1
    if len(points) == 1:
        return proportional
    s0, v0 = points[-2]
    slope = (v1 - v0) / (s1 - s0) if s1 != s0 else 0
    line = v1 + slope * (size - s1)
    return line if slope > 0 else proportional


def hugo_decision(size, hugo_history, plans_bytes, on_tmpfs, available):
    """(run Hugo?, estimated peak bytes, bytes available to it): Hugo runs when its estimated peak fits in
    what is available, less the copy of the plans and the output it would put on tmpfs."""
    peak = linear_estimate([(s, m) for s, m, _ in hugo_history], size,
                           lambda n: HUGO_GIB_PER_1000_PLANS * GIB * n / 1000)
    output = linear_estimate([(s, o) for s, _, o in hugo_history], size, lambda n: 1.5 * plans_bytes)
    usable = available - ((plans_bytes + output) if on_tmpfs else 0)
    return peak <= usable, peak, usable


def rebuild_decision(size, rebuild_history, build_peak, site_bytes, on_tmpfs, available):
    """(run the edit rebuild?, estimated peak bytes, bytes available): it streams its first build as a build
    does but keeps each language's search index, postings included, and the link graph, and writes the output
    again, to tmpfs when the work is there. With no smaller size measured in the run, its peak is taken as 4 × a
    build's peak (measured at N = 10,000: 1,097 MiB against a build's 290-310 MiB)."""
    peak = linear_estimate(rebuild_history, size, lambda n: 4 * build_peak)
    usable = available - (site_bytes if on_tmpfs else 0)
    return peak <= usable, peak, usable


def peak_target(size):
    """Issue 17: at most 1 GiB at 10,000 plans, 2 GiB at 100,000."""
    if size <= 10000:
        return 1024
    if size <= 100000:
        return 2048
    return None


def gib(n):
    return f"{n / GIB:.1f}" if abs(n) >= GIB else f"{n / GIB:.2f}"


def verdict(passed):
    return "pass" if passed else "FAIL"


class Trash:
    """Moves outputs of earlier runs aside instead of deleting them, and deletes them all at the end of a size.

    On a journal-less ext4 (as on the benchmark machines) the kernel skips inodes deleted in the last minute
    when it creates a file (`recently_deleted`), so a build right after deleting a few thousand files pays a
    cost that grows with the square of their number, for PlanSite and Hugo alike. A CI checkout does not
    start from thousands of just-deleted files, so the benchmark does not either."""

    # How long the kernel skips a deleted inode (`recently_deleted` in ext4: a minute), with a margin.
    SETTLE_SECONDS = 65

    def __init__(self, work):
        self.folder = os.path.join(work, "trash")
        self.count = 0
        self.largest = 0  # bytes of the largest output moved aside: what the next run may write
        os.makedirs(self.folder, exist_ok=True)
        # tmpfs has no such cost, and what it holds is memory: there, outputs are deleted at once.
        self.delete_at_once = file_system(work) == "tmpfs"

    def move(self, path):
        if os.path.exists(path):
            if self.delete_at_once:
                shutil.rmtree(path)
                return
            self.largest = max(self.largest, disk_bytes(path))
            self.count += 1
            os.rename(path, os.path.join(self.folder, str(self.count)))
            # A disk that could not hold one more output of this size (a national corpus's outputs are tens of
            # gigabytes): the trash is emptied now, and the next run waits until the kernel reuses the inodes.
            if shutil.disk_usage(self.folder).free < 1.2 * self.largest + GIB:
                self.empty()
                print(f"  (outputs moved aside deleted to make room; waiting {self.SETTLE_SECONDS} s for the disk to settle)",
                      flush=True)
                time.sleep(self.SETTLE_SECONDS)

    def empty(self):
        shutil.rmtree(self.folder, ignore_errors=True)
        os.makedirs(self.folder, exist_ok=True)


def median_of(runs, prepare, command, cwd=None):
    walls, memories = [], []
    for _ in range(runs):
        prepare()
        wall, memory, _ = run_checked(command, cwd)
        walls.append(wall)
        memories.append(memory)
    return statistics.median(walls), statistics.median(memories)


def search_python():
    """.venv/bin/python when it has selenium (and Chromium's driver is there), else None and why not."""
    python = os.path.join(ROOT, ".venv", "bin", "python")
    if not os.path.exists(python):
        return None, f"{python} is missing (make browser-deps)"
    if subprocess.run([python, "-c", "import selenium"], capture_output=True).returncode != 0:
        return None, f"{python} has no selenium (make browser-deps)"
    if not os.path.exists("/usr/bin/chromedriver"):
        return None, "/usr/bin/chromedriver is missing (make browser-deps)"
    return python, ""


def cell(value, format_spec):
    return DASH if value is None else format(value, format_spec)


def main():
    arguments = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    arguments.add_argument("--sizes", default="500,2000,10000")
    arguments.add_argument("--runs", type=int, default=5)
    arguments.add_argument("--work", default="/tmp/plansite-bench")
    arguments.add_argument("--outputs", help="where the programs' outputs go (default: the work folder)")
    arguments.add_argument("--keep", action="store_true",
                           help="keep each size's corpus and the last outputs (by default deleted once a size is done)")
    arguments.add_argument("--skip-hugo", action="store_true", help="do not run Hugo")
    arguments.add_argument("--skip-rebuild", action="store_true", help="do not time the one-file-edit rebuild")
    arguments.add_argument("--rebuild-timeout", type=float,
                           help="seconds after which the edit rebuild is stopped (default: 20 × PlanSite's build, at least 600)")
    arguments.add_argument("--skip-search", action="store_true", help="do not measure search in the browser")
    arguments.add_argument("--pretend-memory-gib", type=float,
                           help="take this as the memory available (to try the Hugo and rebuild estimates)")
    options = arguments.parse_args()
    if options.runs < 1:
        sys.exit("--runs must be at least 1")
    try:
        failures = bench(options)
    except Failed as failure:
        sys.exit(str(failure))
    if failures:
        print("\n" + "\n".join(f"FAIL: {failure}" for failure in failures))
        sys.exit(1)


def bench(options):
    plansite = os.path.join(ROOT, ".build", "release", "plansite")
    limit = os.path.join(options.work, "cmark_limit")
    floor = os.path.join(options.work, "write_floor")
    os.makedirs(options.work, exist_ok=True)
    subprocess.run(["gcc", "-O2", "-o", limit, os.path.join(ROOT, "Benchmarks", "cmark_limit.c"), "-lcmark"], check=True)
    subprocess.run(["gcc", "-O2", "-o", floor, os.path.join(ROOT, "Benchmarks", "write_floor.c"), "-lpthread"], check=True)
    hugo_version = "(not run)"
    if not options.skip_hugo:
        hugo_version = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.split()[1]
    # The allocator the plansite binary links (Package.swift links mimalloc on Linux; glibc's malloc otherwise).
    needed = subprocess.run(["readelf", "-d", plansite], capture_output=True, text=True).stdout
    allocator = "mimalloc" if "libmimalloc" in needed else "the C library's malloc"
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    outputs = options.outputs or options.work
    os.makedirs(outputs, exist_ok=True)
    # What tmpfs holds is memory: the estimates below count the outputs when they are written there.
    on_tmpfs = file_system(outputs) == "tmpfs"
    print(f"machine: {cpu}, {os.cpu_count()} cores, {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / GIB:.0f} GiB "
          f"({memory_available() / GIB:.1f} GiB available), {platform.system()} {platform.release()}; hugo {hugo_version}; "
          f"PlanSite on {allocator}; corpora on {file_system(options.work)}, outputs on {file_system(outputs)}; "
          f"medians of {options.runs} cold runs")
    python, no_search = (None, "--skip-search") if options.skip_search else search_python()
    rows, searches, failures = [], [], []
    # Measured in this run, for the estimates at larger sizes: (N, peak bytes, output bytes), and for the
    # edit rebuild (N, peak bytes).
    plansite_history, hugo_history, rebuild_history = [], [], []
    trash = Trash(outputs)
    trash.empty()
    for size in [int(s) for s in options.sizes.split(",")]:
        site = os.path.join(options.work, f"site-{size}")
        try:
            content = os.path.join(site, "content")
            if not os.path.exists(os.path.join(content, "plans")):
                subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "make_corpus.py"), "--plans", str(size),
                                "--seed", "1", "--out", content], check=True)
            if os.path.exists(os.path.join(site, "templates")):
                shutil.rmtree(os.path.join(site, "templates"))
            shutil.copytree(os.path.join(ROOT, "templates"), os.path.join(site, "templates"))
            plans = os.path.join(content, "plans")
            megabytes = markdown_bytes(plans) / 1e6
            plans_bytes = disk_bytes(plans)
            output = os.path.join(outputs, f"site-{size}", "public") if options.outputs else os.path.join(site, "public")
            os.makedirs(os.path.dirname(output), exist_ok=True)
            print(f"\nN = {size} plans ({2 * size} plan files, {megabytes:.1f} MB of Markdown)")

            # PlanSite: the last run's output is counted, walked and searched, then deleted. It is not skipped,
            # but a warning says when the sizes measured before this one predict that it will not fit.
            if plansite_history:
                peak = linear_estimate([(s, m) for s, m, _ in plansite_history], size, None)
                written = linear_estimate([(s, o) for s, _, o in plansite_history], size, None) if on_tmpfs else 0
                available = memory_available(options.pretend_memory_gib)
                if peak + written > available:
                    print(f"  warning: PlanSite may need ~{gib(peak + written)} GiB (peak ~{gib(peak)} GiB"
                          + (f", output ~{gib(written)} GiB on tmpfs" if on_tmpfs else "") + f"), {gib(available)} GiB available")

            def clean_plansite():
                trash.move(output)
            p_wall, p_memory = median_of(options.runs, clean_plansite, [plansite, "build", "--quiet", "--output", output], cwd=site)
            p_pages, largest, largest_path, large, site_bytes = walk_output(output)
            plansite_history.append((size, p_memory * 2 ** 20, site_bytes))
            target = peak_target(size)
            memory_ok = target is None or p_memory <= target
            print(f"  PlanSite  {p_wall:8.2f} s  {p_pages:6d} pages  {p_pages / p_wall:8.0f} pages/s  {megabytes / p_wall:6.1f} MB/s  "
                  f"peak {p_memory:7.0f} MiB" + (f" (target ≤ {target}: {verdict(memory_ok)})" if target else ""))
            print(f"            {1000 * p_wall / size:.3f} ms per plan; output {site_bytes / GIB:.2f} GiB; largest HTML page "
                  f"{largest} bytes ({largest_path}); {large} pages over 200 KB (target 0: {verdict(large == 0)})")
            # The write floor: PlanSite's files written again, same folders and sizes, by a C loop on every core
            # that computes nothing (write_floor.c): the least time any program takes to put this site there.
            f_wall = None
            floor_out = os.path.join(os.path.dirname(output), "write-floor")
            room = memory_available(options.pretend_memory_gib) if on_tmpfs else shutil.disk_usage(os.path.dirname(output)).free
            if room < 1.5 * site_bytes + GIB:
                print(f"  write floor: skipped, a second copy of the output ({gib(site_bytes)} GiB) does not fit")
            else:
                walls = []
                # A national corpus's output (tens of GB on a disk) is written once: one run takes minutes.
                floor_runs = options.runs if site_bytes < 8 * GIB else 1
                for _ in range(floor_runs):
                    trash.move(floor_out)
                    _, _, out = run_checked([floor, output, floor_out, str(os.cpu_count())])
                    walls.append(float(out.split(" in ")[1].split()[0]))
                trash.move(floor_out)
                f_wall = statistics.median(walls)
                print(f"  write floor {f_wall:6.2f} s  (only writing PlanSite's files and folders again, on {os.cpu_count()} "
                      f"threads: {100 * f_wall / p_wall:.0f} % of PlanSite's build; median of {floor_runs})")
            search = None
            if python:
                report = os.path.join(options.work, f"search-{size}.json")
                if os.path.exists(report):
                    os.remove(report)
                status = subprocess.run([python, os.path.join(ROOT, "Benchmarks", "bench_search.py"), output,
                                         "--size", str(size), "--json", report])
                if os.path.exists(report):
                    with open(report, encoding="utf-8") as handle:
                        search = json.load(handle)
                    os.remove(report)
                    failures += [f"search at N = {size}: {failure}" for failure in search["failures"]]
                if status.returncode != 0 and not (search and search["failures"]):
                    failures.append(f"search at N = {size}: bench_search.py failed ({exit_reason(status.returncode)})")
            else:
                print(f"  search in the browser: skipped, {no_search}")
            searches.append((size, search))
            if not options.keep:
                trash.move(output)

            # The one-file-edit rebuild: builds the site once (into the output folder, which must not hold a site:
            # the swap would keep two), then times edits.
            edit_ms, cite_ms, edit_line = None, None, f"  one-file-edit rebuild (PlanSite, incremental): {DASH}"
            if options.skip_rebuild:
                print("  one-file-edit rebuild: skipped (--skip-rebuild)")
            else:
                fits, need, usable = rebuild_decision(size, rebuild_history, p_memory * 2 ** 20, site_bytes, on_tmpfs,
                                                      memory_available(options.pretend_memory_gib))
                if not fits:
                    print(f"  one-file-edit rebuild: skipped, would need ~{gib(need)} GiB "
                          f"(the site held in memory{', and its output on tmpfs' if on_tmpfs else ''}); {gib(usable)} GiB available")
                else:
                    trash.move(output)
                    timeout = options.rebuild_timeout or max(600, 20 * p_wall)
                    wall, memory, out, err, code, timed_out = run(
                        [plansite, "bench-rebuild", "--content", content, "--templates", os.path.join(site, "templates"),
                         "--output", output, "--runs", str(options.runs)], timeout=timeout)
                    if timed_out or code != 0:
                        print(f"  one-file-edit rebuild: stopped after {timeout:.0f} s (--rebuild-timeout)" if timed_out else
                              f"  one-file-edit rebuild: failed ({exit_reason(code)}): {err.strip()[-500:]}")
                        # A killed build leaves its staging folder beside the output, and may leave one plan edited.
                        for name in os.listdir(os.path.dirname(output)):
                            if name.startswith((".public.staging-", ".public.old-")):
                                shutil.rmtree(os.path.join(os.path.dirname(output), name), ignore_errors=True)
                        if options.keep:
                            print(f"  (the corpus may keep the edit of one plan: delete {content} to make it again)")
                    else:
                        # Each edit's last line starts "one-file-edit rebuild, <edit>" and ends "median <ms> ms" (the lines
                        # before it are its steps'): the citing edit's, then the text edit's.
                        lines = out.strip().splitlines()
                        try:
                            edit_ms = float(lines[-1].split()[-2])
                            cite_ms = float(next(l for l in lines if l.startswith("one-file-edit rebuild, citing edit")).split()[-2])
                        except (IndexError, ValueError, StopIteration):
                            print(f"  one-file-edit rebuild: could not read its output: {out.strip()[-300:]!r}")
                        rebuild_history.append((size, memory * 2 ** 20))
                        for line in lines:
                            print("  " + line.strip())
                        if edit_ms is not None:
                            edit_line = (f"  one-file-edit rebuild (PlanSite, incremental): {edit_ms:.1f} ms, citing edit "
                                         f"{cell(cite_ms, '.0f')} ms (bench-rebuild: {wall:.1f} s in all, peak {memory:.0f} MiB)")
                    if not options.keep:
                        trash.move(output)

            # Hugo, when its estimated peak fits.
            h_wall = h_pages = h_memory = None
            hugo = os.path.join(options.work, f"hugo-{size}")
            if options.skip_hugo:
                print("  Hugo: skipped (--skip-hugo)")
            else:
                fits, need, usable = hugo_decision(size, hugo_history, plans_bytes, on_tmpfs,
                                                   memory_available(options.pretend_memory_gib))
                if not fits:
                    print(f"  Hugo: skipped, would need ~{gib(need)} GiB ({gib(usable)} GiB available"
                          + (" once its copy of the plans and its output are on tmpfs)" if on_tmpfs else ")"))
                else:
                    subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "hugo_site.py"), content, hugo], check=True)

                    hugo_public = os.path.join(outputs, f"hugo-{size}-public")

                    def clean_hugo():
                        trash.move(hugo_public)
                        shutil.rmtree(os.path.join(hugo, "resources"), ignore_errors=True)  # Hugo's cache, beside the corpus
                    try:
                        h_wall, h_memory = median_of(options.runs, clean_hugo,
                                                     ["hugo", "--quiet", "--noTimes", "--destination", hugo_public], cwd=hugo)
                        h_pages, _, _, _, h_bytes = walk_output(hugo_public)
                        hugo_history.append((size, h_memory * 2 ** 20, h_bytes))
                        print(f"  Hugo      {h_wall:8.2f} s  {h_pages:6d} pages  {h_pages / h_wall:8.0f} pages/s  "
                              f"{megabytes / h_wall:6.1f} MB/s  peak {h_memory:7.0f} MiB")
                    except Failed as failure:
                        h_wall = h_pages = h_memory = None
                        print(f"  Hugo: {failure}")
                    if not options.keep:
                        clean_hugo()
                        shutil.rmtree(hugo, ignore_errors=True)

            # The raw cmark loop.
            limit_out = os.path.join(outputs, f"cmark-{size}")

            def clean_limit():
                trash.move(limit_out)
                os.makedirs(limit_out)
            c_wall, c_memory = median_of(options.runs, clean_limit, [limit, plans, limit_out])
            print(f"  cmark     {c_wall:8.2f} s  {2 * size:6d} files  {megabytes / c_wall:6.1f} MB/s  peak {c_memory:7.0f} MiB")
            if not options.keep:
                trash.move(limit_out)

            print(edit_line)
            ratios = [f"PlanSite/Hugo {p_wall / h_wall:.2f} (target ≤ 0.5)" if h_wall else f"PlanSite/Hugo {DASH}",
                      f"PlanSite/cmark {p_wall / c_wall:.2f} (target ≤ 3: {verdict(p_wall / c_wall <= 3)})",
                      f"memory PlanSite/Hugo {p_memory / h_memory:.2f} (target < 1)" if h_memory else f"memory PlanSite/Hugo {DASH}"]
            if f_wall is not None:
                ratios.append(f"write floor/cmark {f_wall / c_wall:.2f}")
            print("  ratios: " + ", ".join(ratios))
            rows.append((size, p_wall, p_pages, p_memory, h_wall, h_memory, c_wall, megabytes, edit_ms, cite_ms, largest, large, f_wall))
        finally:
            # Also after a failure: what a size leaves on tmpfs is memory.
            trash.empty()
            if not options.keep:
                for folder in (site, os.path.join(options.work, f"hugo-{size}"), os.path.join(outputs, f"hugo-{size}-public"),
                               os.path.join(outputs, f"cmark-{size}"), os.path.join(outputs, f"site-{size}")):
                    shutil.rmtree(folder, ignore_errors=True)

    print("\n| N | PlanSite s | ms/plan | pages/s | MB/s | peak MiB | peak target | Hugo s | Hugo peak MiB | cmark s | "
          "write floor s | PlanSite/Hugo | PlanSite/cmark (≤ 3) | largest HTML bytes | HTML > 200 KB | edit rebuild ms (< 50) | "
          "citing edit ms |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for size, p_wall, p_pages, p_memory, h_wall, h_memory, c_wall, megabytes, edit_ms, cite_ms, largest, large, f_wall in rows:
        target = peak_target(size)
        print(f"| {size} | {p_wall:.2f} | {1000 * p_wall / size:.3f} | {p_pages / p_wall:.0f} | {megabytes / p_wall:.1f} | "
              f"{p_memory:.0f} | {f'≤ {target}: ' + verdict(p_memory <= target) if target else DASH} | {cell(h_wall, '.2f')} | "
              f"{cell(h_memory, '.0f')} | {c_wall:.2f} | {cell(f_wall, '.2f')} | {cell(p_wall / h_wall if h_wall else None, '.2f')} | "
              f"{p_wall / c_wall:.2f} {verdict(p_wall / c_wall <= 3)} | {largest} | {large} | "
              f"{cell(edit_ms, '.1f')}{' ' + verdict(edit_ms < 50) if edit_ms is not None else ''} | {cell(cite_ms, '.0f')} |")
    if len(rows) > 1:
        small, large_row = min(rows), max(rows)
        growth = (large_row[1] / large_row[0]) / (small[1] / small[0])
        print(f"\nlinear cost: time per plan at {large_row[0]} is {growth:.2f}× that at {small[0]} "
              f"(target ≤ 1.2: {verdict(growth <= 1.2)})")
    for size, search in searches:
        print()
        if search is None:
            print(f"Search in the browser (N = {size}): {DASH} ({no_search or 'bench_search.py failed'})")
        else:
            print("\n".join(bench_search.table(search, size)))
    return failures


if __name__ == "__main__":
    main()
