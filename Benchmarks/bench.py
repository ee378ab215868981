#!/usr/bin/env python3
"""PlanSite benchmark: PlanSite against Hugo 0.111 and the raw cmark limit, on the same generated corpus.

For each N (plans; each has a Vietnamese and an English file) it prints, as medians of --runs cold runs:
wall time, pages per second, Markdown MB per second and peak memory for PlanSite (release build), Hugo and
a C program that only renders every body with cmark; the one-file-edit rebuild time of PlanSite's
incremental mode; and the ratios PlanSite/Hugo and PlanSite/cmark.

usage: bench.py [--sizes 500,2000,10000] [--runs 5] [--work /tmp/plansite-bench]
"""
import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(command, cwd=None):
    """Runs a command; returns (wall seconds, peak RSS in MiB, stdout)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = b"", b""
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    out = process.stdout.read()
    err = process.stderr.read()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(command)}\n{err.decode()[-2000:]}")
    return wall, usage.ru_maxrss / 1024, out.decode()


def count_html(folder):
    return sum(1 for _, _, files in os.walk(folder) for name in files if name.endswith(".html"))


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


class Trash:
    """Moves outputs of earlier runs aside instead of deleting them, and deletes them all at the end.

    On a journal-less ext4 (as on the benchmark machines) the kernel skips inodes deleted in the last minute
    when it creates a file (`recently_deleted`), so a build right after deleting a few thousand files pays a
    cost that grows with the square of their number, for PlanSite and Hugo alike. A CI checkout does not
    start from thousands of just-deleted files, so the benchmark does not either."""

    def __init__(self, work):
        self.folder = os.path.join(work, "trash")
        self.count = 0
        os.makedirs(self.folder, exist_ok=True)
        # tmpfs has no such cost, and what it holds is memory: there, outputs are deleted at once.
        self.delete_at_once = file_system(work) == "tmpfs"

    def move(self, path):
        if os.path.exists(path):
            if self.delete_at_once:
                shutil.rmtree(path)
                return
            self.count += 1
            os.rename(path, os.path.join(self.folder, str(self.count)))

    def empty(self):
        shutil.rmtree(self.folder, ignore_errors=True)
        os.makedirs(self.folder, exist_ok=True)


def median_of(runs, prepare, command, cwd=None):
    walls, memories = [], []
    for _ in range(runs):
        prepare()
        wall, memory, _ = run(command, cwd)
        walls.append(wall)
        memories.append(memory)
    return statistics.median(walls), statistics.median(memories)


def main():
    arguments = argparse.ArgumentParser()
    arguments.add_argument("--sizes", default="500,2000,10000")
    arguments.add_argument("--runs", type=int, default=5)
    arguments.add_argument("--work", default="/tmp/plansite-bench")
    options = arguments.parse_args()
    plansite = os.path.join(ROOT, ".build", "release", "plansite")
    limit = os.path.join(options.work, "cmark_limit")
    os.makedirs(options.work, exist_ok=True)
    subprocess.run(["gcc", "-O2", "-o", limit, os.path.join(ROOT, "Benchmarks", "cmark_limit.c"), "-lcmark"], check=True)
    hugo_version = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.split()[1]
    # The allocator the plansite binary links (Package.swift links mimalloc on Linux; glibc's malloc otherwise).
    needed = subprocess.run(["readelf", "-d", plansite], capture_output=True, text=True).stdout
    allocator = "mimalloc" if "libmimalloc" in needed else "the C library's malloc"
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    print(f"machine: {cpu}, {os.cpu_count()} cores, {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, "
          f"{platform.system()} {platform.release()}; hugo {hugo_version}; PlanSite on {allocator}; work folder on "
          f"{file_system(options.work)}; medians of {options.runs} cold runs")
    rows = []
    trash = Trash(options.work)
    trash.empty()
    for size in [int(s) for s in options.sizes.split(",")]:
        site = os.path.join(options.work, f"site-{size}")
        content = os.path.join(site, "content")
        if not os.path.exists(os.path.join(content, "plans")):
            subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "make_corpus.py"), "--plans", str(size),
                            "--seed", "1", "--out", content], check=True)
        if os.path.exists(os.path.join(site, "templates")):
            shutil.rmtree(os.path.join(site, "templates"))
        shutil.copytree(os.path.join(ROOT, "templates"), os.path.join(site, "templates"))
        plans = os.path.join(content, "plans")
        megabytes = markdown_bytes(plans) / 1e6
        output = os.path.join(site, "public")

        def clean_plansite():
            trash.move(output)
        p_wall, p_memory = median_of(options.runs, clean_plansite, [plansite, "build", "--quiet"], cwd=site)
        p_pages = count_html(output)

        hugo = os.path.join(options.work, f"hugo-{size}")
        subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "hugo_site.py"), content, hugo], check=True)

        def clean_hugo():
            trash.move(os.path.join(hugo, "public"))
            trash.move(os.path.join(hugo, "resources"))
        h_wall, h_memory = median_of(options.runs, clean_hugo, ["hugo", "--quiet", "--noTimes"], cwd=hugo)
        h_pages = count_html(os.path.join(hugo, "public"))

        limit_out = os.path.join(options.work, f"cmark-{size}")

        def clean_limit():
            trash.move(limit_out)
            os.makedirs(limit_out)
        c_wall, c_memory = median_of(options.runs, clean_limit, [limit, plans, limit_out])

        _, _, edit = run([plansite, "bench-rebuild", "--content", content, "--templates", os.path.join(site, "templates"),
                          "--output", output, "--runs", str(options.runs)])
        edit_ms = float(edit.strip().split()[-2])
        rows.append((size, p_wall, p_pages, p_memory, h_wall, h_pages, h_memory, c_wall, c_memory, megabytes, edit_ms))
        print(f"\nN = {size} plans ({2 * size} plan files, {megabytes:.1f} MB of Markdown)")
        print(f"  PlanSite  {p_wall:8.2f} s  {p_pages:6d} pages  {p_pages / p_wall:8.0f} pages/s  {megabytes / p_wall:6.1f} MB/s  peak {p_memory:7.0f} MiB")
        print(f"  Hugo      {h_wall:8.2f} s  {h_pages:6d} pages  {h_pages / h_wall:8.0f} pages/s  {megabytes / h_wall:6.1f} MB/s  peak {h_memory:7.0f} MiB")
        print(f"  cmark     {c_wall:8.2f} s  {2 * size:6d} files  {megabytes / c_wall:6.1f} MB/s  peak {c_memory:7.0f} MiB")
        print(f"  one-file-edit rebuild (PlanSite, incremental): {edit_ms:.0f} ms")
        print(f"  ratios: PlanSite/Hugo {p_wall / h_wall:.2f} (target ≤ 0.5), PlanSite/cmark {p_wall / c_wall:.2f} (target ≤ 3), "
              f"memory PlanSite/Hugo {p_memory / h_memory:.2f} (target < 1)")
    trash.empty()
    print("\n| N | PlanSite s | pages/s | MB/s | peak MiB | Hugo s | Hugo peak MiB | cmark s | PlanSite/Hugo | PlanSite/cmark | edit rebuild ms |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for size, p_wall, p_pages, p_memory, h_wall, h_pages, h_memory, c_wall, c_memory, megabytes, edit_ms in rows:
        print(f"| {size} | {p_wall:.2f} | {p_pages / p_wall:.0f} | {megabytes / p_wall:.1f} | {p_memory:.0f} | {h_wall:.2f} | "
              f"{h_memory:.0f} | {c_wall:.2f} | {p_wall / h_wall:.2f} | {p_wall / c_wall:.2f} | {edit_ms:.0f} |")


if __name__ == "__main__":
    main()
