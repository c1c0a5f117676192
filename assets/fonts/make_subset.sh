#!/bin/sh
# Makes DejaVuSans-playground.ttf: Debian's DejaVu Sans (fonts-dejavu-core) cut down to the
# characters the playground draws (printable ASCII and a few marks), 757 kB -> ~25 kB, so the
# page's UI module stays small. Needs python3-fonttools (pyftsubset). Re-run to remake it.
set -eu
cd "$(dirname "$0")"
/usr/bin/python3 -m fontTools.subset /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf \
  --unicodes='U+0020-007E,U+00B7,U+00D7,U+2013,U+2014,U+2026,U+2190-2193,U+25B6,U+23F8' \
  --layout-features='kern' --no-hinting --desubroutinize \
  --output-file=DejaVuSans-playground.ttf
cp /usr/share/doc/fonts-dejavu-core/copyright DejaVuSans-LICENSE.txt
