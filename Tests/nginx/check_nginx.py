#!/usr/bin/env python3
"""Serves a built PlanSite site with Debian's nginx and the config in Tests/nginx/plansite.conf on 127.0.0.1,
fetches every file once (status 200, the right Content-Type with UTF-8 charset), checks the 404 pages, then
holds a short bounded load with wrk on loopback and requires 0 errors. Prints the figures.

usage: check_nginx.py <public folder> [--seconds 10] [--connections 32]
"""
import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

EXPECTED_TYPES = {
    ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "application/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8", ".xml": "application/xml; charset=utf-8", ".txt": "text/plain; charset=utf-8",
    ".png": "image/png", ".webmanifest": "application/manifest+json",
    ".csv": "text/csv; charset=utf-8", ".jsonld": "application/ld+json; charset=utf-8",
}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get("Content-Type"), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type"), error.read()


def main():
    arguments = argparse.ArgumentParser()
    arguments.add_argument("site")
    arguments.add_argument("--seconds", type=int, default=10)
    arguments.add_argument("--connections", type=int, default=32)
    options = arguments.parse_args()
    root = os.path.abspath(options.site)
    temp = tempfile.mkdtemp(prefix="plansite-nginx-")
    port = free_port()
    config = open(os.path.join(os.path.dirname(__file__), "plansite.conf"), encoding="utf-8").read()
    config = config.replace("@ROOT@", root).replace("@PORT@", str(port)).replace("@TEMP@", temp)
    path = os.path.join(temp, "nginx.conf")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(config)
    nginx = subprocess.Popen(["nginx", "-c", path, "-g", "daemon off;"], stderr=subprocess.PIPE)
    failures = []
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                fetch(base + "/")
                break
            except OSError:
                time.sleep(0.05)
        fetched = 0
        for folder, _, files in os.walk(root):
            for name in files:
                relative = "/" + os.path.relpath(os.path.join(folder, name), root)
                if name == "README.md":
                    continue
                url = base + (relative[: -len("index.html")] if name == "index.html" else relative)
                status, content_type, _ = fetch(url)
                fetched += 1
                expected = EXPECTED_TYPES.get(os.path.splitext(name)[1])
                if status != 200:
                    failures.append(f"{url}: status {status}")
                elif expected and content_type != expected:
                    failures.append(f"{url}: Content-Type {content_type}, expected {expected}")
        for url, marker in [("/vi/khong-co/", 'lang="vi"'), ("/en/no-such-page/", 'lang="en"'), ("/nothing-here", "not-found")]:
            status, content_type, body = fetch(base + url)
            if status != 404 or marker.encode() not in body:
                failures.append(f"{url}: expected the 404 page ({marker}), got {status}")
        print(f"nginx: fetched {fetched} files once, {len(failures)} failures")
        load = subprocess.run(["wrk", "-t2", f"-c{options.connections}", f"-d{options.seconds}s", "--latency",
                               base + "/vi/plans/535-kh-ubnd-2023/"], capture_output=True, text=True)
        print(load.stdout)
        errors = re.search(r"Socket errors: (.*)", load.stdout)
        non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", load.stdout)
        if load.returncode != 0 or errors or non2xx:
            failures.append("wrk reported errors: " + (errors.group(0) if errors else "") + (non2xx.group(0) if non2xx else ""))
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
        shutil.rmtree(temp, ignore_errors=True)
    for failure in failures:
        print("FAIL:", failure)
    if failures:
        sys.exit(1)
    print("nginx checks passed")


if __name__ == "__main__":
    main()
