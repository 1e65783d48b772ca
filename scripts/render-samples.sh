#!/usr/bin/env bash
# Renders the sample retrospective for a human to look at: the page (as the emulator shows storage format) and the
# PDF, turned into PNGs under docs/images/. Needs Debian's poppler-utils (pdftoppm) and chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
RENDER_SAMPLES_TO="$out" dotnet test tests/Worker.Tests --filter "FullyQualifiedName~SampleArtifactTests" -v quiet >/dev/null
mkdir -p docs/images
screenshot() { # html png
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync \
    --no-first-run --user-data-dir="$out/chromium" --window-size=1000,1400 --screenshot="$PWD/docs/images/$2" "file://$out/$1" 2>/dev/null
}
pdftoppm -png -r 60 -f 1 -l 2 "$out/sample-retrospective.pdf" docs/images/sample-pdf
screenshot sample-retrospective.html sample-page.png
for name in multilingual-retrospective health-check; do
  pdftoppm -png -r 60 -f 1 -l 1 "$out/$name.pdf" "docs/images/$name-pdf" 2>/dev/null
  screenshot "$name.html" "$name-page.png"
done
ls -1 docs/images
