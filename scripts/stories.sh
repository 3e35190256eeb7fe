#!/usr/bin/env bash
# Fits (with --fit) and evaluates the story grouping: converts BASIL and
# Reuters-21578 from ../shared/data into a temporary directory (never into
# the repository), then runs examples/stories.rs, which prints pairwise
# precision/recall of "same story" on BASIL (fitting events, held-out
# events, all) and the size distribution of Reuters stories.
#
#   scripts/stories.sh          # evaluate the stored data/stories.toml
#   scripts/stories.sh --fit    # refit data/stories.toml, then evaluate
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d -t crosscheck-stories.XXXXXX)
trap 'rm -rf "$dir"' EXIT
python3 scripts/basil_to_jsonl.py --story none > "$dir/basil.jsonl"
python3 scripts/reuters_to_jsonl.py > "$dir/reuters.jsonl"
cargo run --release --quiet --example stories -- "$@" "$dir/basil.jsonl" "$dir/reuters.jsonl"
