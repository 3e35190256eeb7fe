#!/usr/bin/env python3
"""Convert BASIL (../shared/data/basil, Fan et al. 2019) to crosscheck JSONL.

One record per article, in file order (year, triplet, 1..3):
  id      the file stem (`<triplet-uuid>_<n>`), stable and unique
  title, date, url    as BASIL states them
  outlet  BASIL's `source` code spelled out (nyt: The New York Times,
          fox: Fox News, hpo: HuffPost; the dataset's README names them)
  story   depends on --story: `triplet` (the event's triplet-uuid, the
          truth), `one` (all articles in one story, "basil"), or `none`
          (no story field: crosscheck groups them itself)
  event   the triplet-uuid, always (ignored by crosscheck's loader; for
          evaluation scripts)
  text    body paragraphs separated by blank lines, sentences by a space

Usage: scripts/basil_to_jsonl.py [--story triplet|one|none] [--data DIR] > basil.jsonl
"""
import argparse
import glob
import json
import os
import sys

OUTLETS = {"nyt": "The New York Times", "fox": "Fox News", "hpo": "HuffPost"}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--story", choices=["triplet", "one", "none"], default="triplet")
    ap.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "basil"))
    args = ap.parse_args()
    files = sorted(glob.glob(os.path.join(args.data, "articles", "*", "*.json")))
    if not files:
        sys.exit(f"basil_to_jsonl: no articles under {args.data}/articles")
    for path in files:
        with open(path, encoding="utf-8") as f:
            d = json.load(f)
        paragraphs = [" ".join(s.strip() for s in p if s.strip()) for p in d.get("body-paragraphs", [])]
        rec = {
            "id": os.path.splitext(os.path.basename(path))[0],
            "title": d.get("title"),
            "outlet": OUTLETS.get(str(d.get("source", "")).lower(), d.get("source")),
            "date": d.get("date"),
            "url": d.get("url"),
            "event": d.get("triplet-uuid"),
            "text": "\n\n".join(p for p in paragraphs if p),
        }
        if args.story == "triplet":
            rec["story"] = d.get("triplet-uuid")
        elif args.story == "one":
            rec["story"] = "basil"
        sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
