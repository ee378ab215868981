#!/bin/sh
# Installs what building and testing need when it is missing: Debian's libcmark-dev (the C library the
# generator links), libmimalloc-dev (the allocator the plansite command links on Linux: builds are about a
# sixth faster than on glibc's malloc, see docs/performance.md) and cmark (the reference CLI the parity tests
# compare against). Uses sudo when not root.
set -eu
missing=""
pkg-config --exists libcmark 2>/dev/null || missing="$missing libcmark-dev"
command -v cmark >/dev/null 2>&1 || missing="$missing cmark"
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
