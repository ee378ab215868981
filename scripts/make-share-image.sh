#!/bin/sh
# Regenerates templates/assets/share.png (1200×630, the default sharing preview) from scripts/share-card.html.
set -eu
cd "$(dirname "$0")/.."
chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,630 \
  --screenshot=templates/assets/share.png "file://$PWD/scripts/share-card.html"
