#!/usr/bin/env bash
# Renders the sample retrospective for a human to look at: the page (as the emulator shows storage format) and the
# PDF, turned into PNGs under docs/images/. Needs Debian's poppler-utils (pdftoppm) and chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
RENDER_SAMPLES_TO="$out" dotnet test tests/Worker.Tests --filter "FullyQualifiedName~SampleArtifactTests" -v quiet >/dev/null
mkdir -p docs/images
pdftoppm -png -r 60 -f 1 -l 2 "$out/sample-retrospective.pdf" docs/images/sample-pdf
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync \
  --no-first-run --user-data-dir="$out/chromium" --window-size=1000,1400 \
  --screenshot="$PWD/docs/images/sample-page.png" "file://$out/sample-retrospective.html" 2>/dev/null
ls -1 docs/images
