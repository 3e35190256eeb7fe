#!/usr/bin/env bash
# Huge-input stress test of the whole pipeline (`crosscheck export`):
# generates, in a temporary directory (never in the repository),
#   big.txt          a ~100 MB article: news paragraphs, many lines
#   line-prose.txt   a single ~10 MB line of sentences
#   line-nostop.txt  a single ~10 MB line with no sentence stop at all
#   big-jsonl.jsonl  ~100 MB of JSONL records (one per line)
#   sentences.txt    1 million short sentences with figures, ~90 MB
# and runs `crosscheck export` on each RUNS times (default 3) under
# /usr/bin/time -v, printing the median wall time, the median peak RSS and
# that peak per input byte.
#
#   scripts/stress.sh                 # all files, full size
#   SCALE=0.1 RUNS=1 scripts/stress.sh line-nostop   # a tenth of the size
#   BIN=/path/to/crosscheck scripts/stress.sh big    # another build
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
scale=${SCALE:-1}
names=("$@")
[ ${#names[@]} -eq 0 ] && names=(big line-prose line-nostop big-jsonl sentences)
dir=$(mktemp -d -t crosscheck-stress.XXXXXX)
trap 'rm -rf "$dir"' EXIT

if [ -n "${BIN:-}" ]; then
    bin=$BIN
else
    cargo build --release --quiet
    bin=target/release/crosscheck
fi

python3 - "$dir" "$scale" <<'PY'
import json, pathlib, random, sys
d = pathlib.Path(sys.argv[1]); scale = float(sys.argv[2])
random.seed(7)
paras = []
for p in sorted(pathlib.Path("data/articles").glob("*.txt")):
    paras += [l for l in p.read_text().splitlines() if len(l.split()) > 8]
def para():
    p = random.choice(paras)
    return p.replace("11,000", f"{random.randint(1, 99)},000")
def fill(path, size, sep):
    with open(path, "w") as f:
        n = 0
        while n < size:
            s = para() + sep
            f.write(s); n += len(s.encode())
MB = 1 << 20
fill(d / "big.txt", int(100 * MB * scale), "\n\n")
fill(d / "line-prose.txt", int(10 * MB * scale), " ")
words = " ".join(paras).replace(".", "").replace("!", "").replace("?", "").split()
with open(d / "line-nostop.txt", "w") as f:
    n = 0
    while n < 10 * MB * scale:
        w = random.choice(words) + " "
        f.write(w); n += len(w)
with open(d / "big-jsonl.jsonl", "w") as f:
    n, i = 0, 0
    while n < 100 * MB * scale:
        rec = json.dumps({"id": f"r{i}", "story": f"s{i // 5}", "text": "\n\n".join(para() for _ in range(8))}) + "\n"
        f.write(rec); n += len(rec.encode()); i += 1
# Short sentences with figures, ten to a paragraph (about 90 bytes each).
who = ["Officials", "The ministry", "A spokesman for the army", "Local authorities", "Witnesses"]
what = ["troops arrived in", "soldiers were killed near", "civilians fled from", "drones were shot down over", "shells hit"]
where = ["Kursk", "Kharkiv", "Belgorod", "Donetsk", "Sumy", "Zaporizhzhia"]
when = ["on Monday", "on Tuesday", "overnight", "last week", "early on Friday"]
with open(d / "sentences.txt", "w") as f:
    for i in range(int(1_000_000 * scale)):
        f.write(f"{random.choice(who)} said {random.randint(2, 99_999):,} {random.choice(what)} {random.choice(where)} {random.choice(when)}, according to reports.")
        f.write("\n\n" if i % 10 == 9 else " ")
PY

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for name in "${names[@]}"; do
    file=$(ls "$dir/$name".* 2>/dev/null | head -1)
    [ -n "$file" ] || { echo "no such input: $name" >&2; exit 1; }
    size=$(du -m "$file" | cut -f1)
    : >"$dir/times"; : >"$dir/rss"
    for _ in $(seq "$runs"); do
        /usr/bin/time -v "$bin" export "$file" >"$dir/out.json" 2>"$dir/err" || {
            echo "$name: crosscheck failed:"; tail -3 "$dir/err"; exit 1; }
        grep "Elapsed (wall" "$dir/err" | awk -F': ' '{print $2}' |
            awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }' >>"$dir/times"
        grep "Maximum resident" "$dir/err" | awk -F': ' '{print $2}' >>"$dir/rss"
    done
    claims=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['claims']))" "$dir/out.json")
    bytes=$(stat -c %s "$file")
    rss=$(median <"$dir/rss")
    printf '%-12s %5s MB  median %6.1f s  peak RSS %6d MB = %5.1f x input  (%s runs, %s claims)\n' \
        "$name" "$size" "$(median <"$dir/times")" "$(( rss / 1024 ))" \
        "$(awk -v r="$rss" -v b="$bytes" 'BEGIN { print r * 1024 / b }')" "$runs" "$claims"
done
