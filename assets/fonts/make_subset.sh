#!/bin/sh
# Makes DejaVuSans-playground.ttf: Debian's DejaVu Sans (fonts-dejavu-core) cut down to the
# characters the playground draws, 757 kB -> ~40 kB, so the page's UI module stays small:
# printable ASCII, the Latin-1 and Latin Extended-A letters (file names such as "Müller-Übung.bin"
# or "Łódź.bin"), Greek (the course's alpha, beta, sigma), typographic quotes and
# dashes, arrows and the play/pause marks. ui/main.cpp asks ImGui for the same ranges
# (kTextRanges). Needs python3-fonttools (pyftsubset). Re-run to remake it.
# No layout tables: Dear ImGui 1.86 places glyphs by their advances alone (no kerning, no
# substitution), so GPOS, GSUB, GDEF and MATH were 10 kB of the page's first load it never read.
set -eu
cd "$(dirname "$0")"
/usr/bin/python3 -m fontTools.subset /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf \
  --unicodes='U+0020-007E,U+00A0-017F,U+0391-03A9,U+03B1-03C9,U+2010-2027,U+2030-203A,U+2190-2193,U+2212,U+221A,U+2248,U+2264,U+2265,U+25B6,U+23F8' \
  --layout-features='' --drop-tables+=GPOS,GSUB,GDEF,MATH --no-hinting --desubroutinize \
  --output-file=DejaVuSans-playground.ttf
cp /usr/share/doc/fonts-dejavu-core/copyright DejaVuSans-LICENSE.txt
