#!/usr/bin/env bash
# Command-line benchmarks on Reuters-21578 (../shared/data/reuters21578),
# converted into a temporary directory (never into the repository):
#
#   1. `crosscheck export --format json --output /dev/null` without the
#      cache: the first half (9,522 articles) and the whole (19,043): median
#      wall time and peak RSS of RUNS runs (GNU time), and the ratio;
#   2. the same export read from a warm cache;
#   3. `crosscheck search QUERY reuters.jsonl` (warm cache) beside
#      `fzf --filter QUERY` over the same texts (every title and claim, one
#      per line, from the export): median wall time of SEARCH_RUNS runs each
#      and the ratio fzf / crosscheck.
#
#   scripts/bench.sh                 # RUNS=3, SEARCH_RUNS=5
#   RUNS=1 scripts/bench.sh
#
# Needs python3, GNU time (/usr/bin/time) and fzf (Debian: apt-get install
# fzf). The machine's load average is printed with every table: these are
# wall times on a shared machine.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
search_runs=${SEARCH_RUNS:-5}
command -v fzf >/dev/null || { echo "bench.sh: fzf not found (apt-get install fzf)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench.sh: /usr/bin/time not found (apt-get install time)" >&2; exit 1; }
dir=$(mktemp -d -t crosscheck-bench.XXXXXX)
trap 'rm -rf "$dir"' EXIT
export XDG_CACHE_HOME="$dir/cache"

cargo build --release --quiet
bin=$PWD/target/release/crosscheck
python3 scripts/reuters_to_jsonl.py > "$dir/reuters.jsonl" 2>/dev/null
head -n 9522 "$dir/reuters.jsonl" > "$dir/reuters-half.jsonl"

# measure RUNS CMD...: prints "median_wall_s median_peak_rss_mb"
measure() {
    local n=$1; shift
    for _ in $(seq "$n"); do
        /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1
    done | python3 -c '
import sys, statistics
rows = [l.split() for l in sys.stdin if l.strip()]
print(f"{statistics.median(float(r[0]) for r in rows):.2f} {statistics.median(int(r[1]) for r in rows) / 1024:.0f}")'
}

load() { cut -d" " -f1-3 /proc/loadavg; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); crosscheck $(git rev-parse --short HEAD)"
echo
echo "## export --format json --output /dev/null (no cache), median of $runs"
echo "load before: $(load)"
read -r half_s half_mb < <(measure "$runs" "$bin" export --no-cache --format json --output /dev/null "$dir/reuters-half.jsonl")
read -r full_s full_mb < <(measure "$runs" "$bin" export --no-cache --format json --output /dev/null "$dir/reuters.jsonl")
printf "| input | articles | wall (s) | peak RSS (MB) |\n|---|---|---|---|\n"
printf "| Reuters first half | 9,522 | %s | %s |\n" "$half_s" "$half_mb"
printf "| Reuters-21578 | 19,043 | %s | %s |\n" "$full_s" "$full_mb"
python3 -c "print(f'| ratio full / half | 2x | {$full_s / $half_s:.2f}x | {$full_mb / $half_mb:.2f}x |')"
echo "load after: $(load)"

echo
echo "## the same export from a warm cache, median of $runs"
"$bin" export --format json --output /dev/null "$dir/reuters.jsonl"
read -r warm_s warm_mb < <(measure "$runs" "$bin" export --format json --output /dev/null "$dir/reuters.jsonl")
echo "cache entry: $(du -m "$XDG_CACHE_HOME"/crosscheck/*.bin | cut -f1) MB"
printf "| input | wall (s) | peak RSS (MB) | vs no cache |\n|---|---|---|---|\n"
python3 -c "print(f'| Reuters-21578, cached | $warm_s | $warm_mb | {$full_s / $warm_s:.0f}x faster |')"
echo "load after: $(load)"

echo
echo "## search (warm cache) vs fzf --filter over the same texts, median of $search_runs"
"$bin" export --format json "$dir/reuters.jsonl" | python3 -c '
import json, sys
d = json.load(sys.stdin)
with open(sys.argv[1], "w") as out:
    for a in d["articles"]:
        out.write(" ".join((a["title"] or a["id"]).split()) + "\n")
    for c in d["claims"]:
        out.write(" ".join(c["text"].split()) + "\n")
' "$dir/texts.txt"
echo "texts: $(wc -l < "$dir/texts.txt") lines (titles and claims)"
printf "| query | crosscheck (s) | hits | fzf (s) | hits | fzf / crosscheck |\n|---|---|---|---|---|---|\n"
for q in cocoa "opec output" bundesbank "north sea oil" "dlrs per share"; do
    read -r ours _ < <(measure "$search_runs" "$bin" search "$q" "$dir/reuters.jsonl")
    read -r theirs _ < <(measure "$search_runs" sh -c 'fzf --filter "$1" < "$2"' sh "$q" "$dir/texts.txt")
    n_ours=$("$bin" search "$q" "$dir/reuters.jsonl" | wc -l)
    n_fzf=$(fzf --filter "$q" < "$dir/texts.txt" | wc -l)
    python3 -c "print(f'| $q | $ours | $n_ours | $theirs | $n_fzf | {$theirs / $ours:.2f}x |')"
done
echo "load after: $(load)"
