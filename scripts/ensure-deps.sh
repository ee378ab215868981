#!/bin/sh
# Installs what building and testing need when it is missing: Debian's libcmark-dev (the C library the
# generator links), libmimalloc-dev (the allocator the plansite command links on Linux: builds are about a
# sixth faster than on glibc's malloc, see docs/performance.md), cmark (the reference CLI the parity tests
# compare against), and what `plansite import` reads documents with: poppler-utils, pandoc, tesseract-ocr and
# tesseract-ocr-vie. Uses sudo when not root.
set -eu
missing=""
pkg-config --exists libcmark 2>/dev/null || missing="$missing libcmark-dev"
command -v cmark >/dev/null 2>&1 || missing="$missing cmark"
# plansite import: poppler's pdftotext/pdfinfo/pdftoppm, pandoc for Word, Tesseract with its Vietnamese model.
command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
command -v pandoc >/dev/null 2>&1 || missing="$missing pandoc"
command -v tesseract >/dev/null 2>&1 || missing="$missing tesseract-ocr"
tesseract --list-langs 2>/dev/null | grep -qx vie || missing="$missing tesseract-ocr-vie"
if [ "$(uname -s)" = Linux ]; then
  found=""
  for library in /usr/lib/*/libmimalloc.so /usr/lib/libmimalloc.so /usr/local/lib/libmimalloc.so; do
    [ -e "$library" ] && found=yes
  done
  [ -n "$found" ] || missing="$missing libmimalloc-dev"
fi
[ -z "$missing" ] && exit 0
echo "installing:$missing"
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq $missing
