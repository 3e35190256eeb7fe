#!/usr/bin/env python3
"""Convert Reuters-21578 (../shared/data/reuters21578, SGML) to crosscheck JSONL.

One record per <REUTERS> element that has a <BODY> (19,043 of 21,578), in
file order (reut2-000.sgm ... reut2-021.sgm):
  id        `reuters-<NEWID>`, stable and unique
  title     the <TITLE>, where given
  date      the <DATE> as ISO 8601 (`26-FEB-1987 15:01:01.79` -> `1987-02-26`)
  outlet    "Reuters"
  dateline  the <DATELINE> as printed ("SALVADOR, Feb 26"), for reference
  topics    the <TOPICS> codes (ignored by crosscheck; for evaluation)
  text      the dateline and the body, as the wire printed them
            ("SALVADOR, Feb 26 - Showers continued ..."), hard-wrapped lines
            kept as they are
  no story: crosscheck groups the articles into stories itself

The files are read as Latin-1 (they are ASCII). Numeric character references
(`&#N;`) are decoded and the control characters they stand for (wire
transmission codes such as &#2;, &#3;, &#5;, &#22;, &#127;) are dropped;
`&lt;`, `&gt;` and `&amp;` are decoded.

Usage: scripts/reuters_to_jsonl.py [--data DIR] [--limit N] > reuters.jsonl
"""
import argparse
import glob
import html
import json
import os
import re
import sys

REUTERS = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S)
NEWID = re.compile(r'NEWID="(\d+)"')
MONTHS = {m: i + 1 for i, m in enumerate(
    ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"])}


def field(tag, doc):
    m = re.search(rf"<{tag}\b[^>]*>(.*?)</{tag}>", doc, re.S)
    return m.group(1) if m else None


def clean(s):
    """Decodes entities and drops control characters other than newline and tab."""
    s = re.sub(r"&#(\d+);", lambda m: chr(int(m.group(1))), s)
    s = html.unescape(s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
    return "".join(c for c in s if c in "\n\t" or not (ord(c) < 32 or 127 <= ord(c) < 160))


def iso_date(s):
    m = re.match(r"\s*(\d{1,2})-([A-Z]{3})-(\d{4})", s or "")
    if not m or m.group(2) not in MONTHS:
        return None
    return f"{int(m.group(3)):04d}-{MONTHS[m.group(2)]:02d}-{int(m.group(1)):02d}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=os.path.join(
        os.path.dirname(__file__), "..", "..", "shared", "data", "reuters21578"))
    ap.add_argument("--limit", type=int, default=0, help="stop after N records (0: all)")
    args = ap.parse_args()
    files = sorted(glob.glob(os.path.join(args.data, "reut2-*.sgm")))
    if not files:
        sys.exit(f"reuters_to_jsonl: no reut2-*.sgm under {args.data}")
    n = 0
    out = sys.stdout
    for path in files:
        with open(path, encoding="latin-1") as f:
            data = f.read()
        for m in REUTERS.finditer(data):
            attrs, doc = m.group(1), m.group(2)
            body = field("BODY", doc)
            if body is None:
                continue
            newid = NEWID.search(attrs)
            title = field("TITLE", doc)
            dateline = field("DATELINE", doc)
            topics = re.findall(r"<D>(.*?)</D>", field("TOPICS", doc) or "")
            body = clean(body).strip()
            dl = clean(dateline).strip().rstrip("-").strip() if dateline else None
            text = f"{dl} - {body}" if dl else body
            rec = {
                "id": f"reuters-{newid.group(1) if newid else n + 1}",
                "title": clean(title).strip() if title else None,
                "date": iso_date(field("DATE", doc)),
                "outlet": "Reuters",
                "dateline": dl,
                "topics": topics,
                "text": text,
            }
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
            if args.limit and n >= args.limit:
                return
    print(f"reuters_to_jsonl: {n} records", file=sys.stderr)


if __name__ == "__main__":
    main()
