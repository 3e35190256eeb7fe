#!/usr/bin/env bash
# Hostile and huge web pages through `crosscheck articles` (release build):
# generates, in a temporary directory (never in the repository),
#   attr.html     a 100 MB attribute on an article paragraph
#   nested.html   a million nested <div>s around a paragraph (refused)
#   flat.html     200,000 paragraphs (~15 MB) in one <article>
#   saved.html    the three saved-page fixtures, each run on its own
# and runs each RUNS times (default 3) under /usr/bin/time -v, printing the
# median wall time and peak RSS.
#
#   scripts/html_stress.sh                # all inputs
#   RUNS=5 scripts/html_stress.sh attr
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
names=("$@")
[ ${#names[@]} -eq 0 ] && names=(attr nested flat harbour-gazette wire-service riverside-notes)
dir=$(mktemp -d -t crosscheck-html-stress.XXXXXX)
trap 'rm -rf "$dir"' EXIT

cargo build --release --quiet
bin=target/release/crosscheck

python3 - "$dir" <<'PY'
import pathlib, sys
d = pathlib.Path(sys.argv[1])
para = ("The council said on Tuesday that the harbour bridge, closed for two years of repairs, "
        "would reopen to traffic next week after engineers finished replacing its cables.")
with open(d / "attr.html", "w") as f:
    f.write('<html><head><title>Attr</title></head><body><article><p data-blob="')
    block = "a" * (1 << 20)
    for _ in range(100):
        f.write(block)
    f.write(f'">{para}</p><p>{para}</p></article></body></html>')
n = 1_000_000
(d / "nested.html").write_text(f"<html><body>{'<div>' * n}<p>{para}</p>{'</div>' * n}</body></html>")
(d / "flat.html").write_text("<html><head><title>Flat</title></head><body><article>"
    + "".join(f"<p>Paragraph {i}: {para}</p>" for i in range(200_000)) + "</article></body></html>")
PY
for f in tests/fixtures/html/*.html; do cp "$f" "$dir/"; done

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for name in "${names[@]}"; do
    file="$dir/$name.html"
    [ -f "$file" ] || { echo "no such input: $name" >&2; exit 1; }
    size=$(du -k "$file" | cut -f1)
    : >"$dir/times"; : >"$dir/rss"
    for _ in $(seq "$runs"); do
        # Exit status 2 (nothing loaded) is the expected answer for nested.html.
        /usr/bin/time -v "$bin" articles "$file" >"$dir/out.jsonl" 2>"$dir/err" || true
        grep "Elapsed (wall" "$dir/err" | awk -F': ' '{print $2}' |
            awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }' >>"$dir/times"
        grep "Maximum resident" "$dir/err" | awk -F': ' '{print $2}' >>"$dir/rss"
    done
    result=$(head -c 80 "$dir/out.jsonl"; grep -m1 '^crosscheck:' "$dir/err" | cut -c1-100 || true)
    printf '%-16s %7s KB  median %6.2f s  peak RSS %5d MB  (%s runs)  %s\n' \
        "$name" "$size" "$(median <"$dir/times")" "$(( $(median <"$dir/rss") / 1024 ))" "$runs" \
        "$(echo "$result" | tr '\n' ' ' | cut -c1-90)"
done
