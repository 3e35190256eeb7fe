#!/usr/bin/env bash
# Accuracy and F1 of `crosscheck pairs` on the MSRP paraphrase corpus.
#
#   scripts/eval_msrp.sh            # train split (the model is fitted on it)
#   scripts/eval_msrp.sh test       # test split: final evaluation only
#
# Needs ../shared/data/msrp/ beside the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
split=${1:-train}
file=../shared/data/msrp/msr_paraphrase_${split}.txt
[ -f "$file" ] || { echo "missing $file" >&2; exit 2; }
cargo build --release --quiet
tail -n +2 "$file" | cut -f4,5 | ./target/release/crosscheck pairs > "/tmp/crosscheck-msrp-$split.out"
tail -n +2 "$file" | cut -f1 | paste - "/tmp/crosscheck-msrp-$split.out" | python3 -c '
import sys
tp=fp=tn=fn=0
for line in sys.stdin:
    gold, score, pred = line.rstrip("\n").split("\t")
    g, p = gold == "1", pred == "1"
    tp += g and p; fp += p and not g; tn += not g and not p; fn += g and not p
n = tp + fp + tn + fn
print(f"MSRP '"$split"': {n} pairs  accuracy {(tp+tn)/n:.4f}  F1 {2*tp/(2*tp+fp+fn):.4f}  (tp {tp} fp {fp} tn {tn} fn {fn})")
'
