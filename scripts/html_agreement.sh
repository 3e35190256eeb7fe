#!/usr/bin/env bash
# Agreement of crosscheck's page metadata with Mozilla readability.js on its
# own test suite (130 real and synthetic pages: news sites, blogs, wikis),
# as shipped in the `readabilityrs` crate (tests/test-pages/*/source.html
# and expected-metadata.json, the metadata readability.js extracts).
# `cargo info` fetches that crate's source into the cargo registry; nothing
# is copied into this repository.
#
#   scripts/html_agreement.sh
#
# Prints pages loaded, and for pages where readability.js states the field:
# titles equal, bylines equal (whitespace and a leading "By" ignored), site
# names equal to the outlet, publication dates equal.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo info readabilityrs@0.1.4 >/dev/null 2>&1
pages=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/readabilityrs-0.1.4/tests/test-pages | head -1)
[ -d "$pages" ] || { echo "readabilityrs test pages not found" >&2; exit 1; }
dir=$(mktemp -d -t crosscheck-agreement.XXXXXX)
trap 'rm -rf "$dir"' EXIT
for d in "$pages"/*/; do cp "$d/source.html" "$dir/$(basename "$d").html"; done
cargo build --release --quiet
target/release/crosscheck articles "$dir" --output "$dir/out.jsonl" 2>"$dir/err" || true
echo "not loaded (one line each):"; sed 's/^/  /' "$dir/err"
python3 - "$pages" "$dir/out.jsonl" <<'PY'
import json, pathlib, sys
pages, out = pathlib.Path(sys.argv[1]), sys.argv[2]
got = {json.loads(l)["id"]: json.loads(l) for l in open(out)}
norm = lambda s: " ".join(s.split())
def bl(s):
    s = norm(s)
    for p in ("By ", "by "):
        s = s.removeprefix(p)
    return s
counts = {k: [0, 0] for k in ("title", "byline", "siteName", "publishedTime")}
n = 0
for p in sorted(x for x in pages.iterdir() if x.is_dir()):
    exp = json.load(open(p / "expected-metadata.json"))
    g = got.get(p.name)
    if g is None:
        continue
    n += 1
    checks = {
        "title": lambda e: g.get("title") == e.strip(),
        "byline": lambda e: bl(g.get("byline", "")) == bl(e),
        "siteName": lambda e: g.get("outlet") == e.strip(),
        "publishedTime": lambda e: g.get("date") == e.strip()[:10],
    }
    for k, ok in checks.items():
        if exp.get(k):
            counts[k][1] += 1
            counts[k][0] += bool(ok(exp[k]))
total = sum(1 for x in pages.iterdir() if x.is_dir())
print(f"pages loaded {n}/{total}; " + "; ".join(f"{k} {a}/{b}" for k, (a, b) in counts.items()))
PY
