#!/usr/bin/env python3
"""Background document frequencies for crosscheck's term weights.

Counts, for every word stem, in how many documents of a general news corpus
it occurs, so that term weights mean something even when only two articles
are loaded. The corpus is built from `../shared/data/` (relative to the
repository root), never shipped, and only counts leave this script:

* Reuters-21578 (`reuters21578/reut2-*.sgm`): every document with a <BODY>,
  title plus body, the trailing "Reuter" signature dropped (1987 newswire);
* BBC News (`bbc/*/*.txt`, Greene & Cunningham 2006): every article;
* AllSides / NeuS (`allsides_neus/`): the roundup and the three outlets'
  excerpts of every story in the crawled JSONL, and every article of the
  probe `.source` files (train, val and test; 2021 news).

Not used: the MSRP test split, ECB+ (both evaluation-only), BASIL, FNC-1,
STS-B, PolNeAR (held for evaluation and training elsewhere). Exact duplicate
documents (same lower-cased, whitespace-collapsed text) count once.

Words are found as crosscheck's tokenizer finds them: runs of letters and
digits, an apostrophe between letters kept inside ("doesn't"), the
possessive "'s" dropped, lower-cased; words with digits are skipped. Each
word is mapped to American spelling with `data/lexicon/spelling.tsv` and to
its English Snowball stem with the `rust-stemmers` crate the engine uses (by
running `cargo run --example lexicon_stems`). A stem counts once per
document; stems in fewer than 3 documents are dropped.

Output: `data/lexicon/background_df.tsv`, sorted by stem, deterministic.
Run from anywhere: `python3 scripts/build_background_df.py`. Also imported
by `build_lexicon.py`, which needs the per-word-form counts.
"""

import hashlib
import html
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "data"
OUT = REPO / "data" / "lexicon" / "background_df.tsv"
SPELLING = REPO / "data" / "lexicon" / "spelling.tsv"
MIN_DF = 3

# A word: letters/digits, with apostrophes between letters kept inside.
WORD = re.compile(r"[^\W_]+(?:['’ʼ‘`´][^\W_]+)*")
APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "´": "'"})


def fail(msg):
    sys.exit(f"build_background_df: {msg}")


def words(text):
    """Lower-cased word forms of `text`, as the engine's tokenizer finds them
    (digits skipped, possessive dropped)."""
    out = []
    for m in WORD.finditer(text):
        w = m.group(0).translate(APOSTROPHES).lower()
        if any(c.isdigit() for c in w):
            continue
        if w.endswith("'s"):
            w = w[:-2]
        if w:
            out.append(w)
    return out


def reuters_docs():
    folder = SHARED / "reuters21578"
    files = sorted(folder.glob("reut2-*.sgm"))
    if len(files) != 22:
        fail(f"{folder}: expected 22 reut2-*.sgm files, found {len(files)}")
    for path in files:
        text = path.read_bytes().decode("latin-1")
        for doc in re.finditer(r"<REUTERS.*?</REUTERS>", text, re.S):
            body = re.search(r"<BODY>(.*?)</BODY>", doc.group(0), re.S)
            if not body:
                continue
            title = re.search(r"<TITLE>(.*?)</TITLE>", doc.group(0), re.S)
            b = re.sub(r"\s*reuter\s*(&#3;)?\s*$", "", body.group(1), flags=re.I)
            t = title.group(1) if title else ""
            yield html.unescape(t + "\n" + b)


def bbc_docs():
    folder = SHARED / "bbc"
    files = sorted(folder.glob("*/*.txt"))
    if len(files) < 2000:
        fail(f"{folder}: expected the 2,225 BBC articles, found {len(files)}")
    for path in files:
        raw = path.read_bytes()
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError:
            yield raw.decode("latin-1")  # sport/199.txt


def allsides_docs():
    folder = SHARED / "allsides_neus"
    jsonl = folder / "headline_11_2021-10-19_crawled_all.jsonl"
    if not jsonl.is_file():
        fail(f"{jsonl}: missing")
    for n, line in enumerate(jsonl.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            story = json.loads(line)
        except json.JSONDecodeError as e:
            fail(f"{jsonl}:{n}: {e}")
        roundup = story.get("roundup") or []
        if roundup:
            yield "\n".join(roundup)
        for side in (story.get("news") or {}).values():
            body = side.get("newBody") or []
            title = side.get("newsTitle") or ""
            if body or title:
                yield title + "\n" + "\n".join(body)
    probe = folder / "naacl2022_lrc_roundup_random_order_probe"
    for split in ("train", "val", "test"):
        path = probe / f"{split}.source"
        if not path.is_file():
            fail(f"{path}: missing")
        for line in path.read_text(encoding="utf-8").splitlines():
            for article in line.split("[SEP]"):
                article = article.replace("TITLE=>", " ").replace("ARTICLE=>", " ")
                if article.strip():
                    yield article


def corpus():
    """(name, documents) of every sub-corpus, exact duplicates removed across
    all of them."""
    if not SHARED.is_dir():
        fail(f"{SHARED}: not found (the corpora live in ../shared/data beside the repository)")
    seen = set()
    out = []
    for name, gen in (("reuters21578", reuters_docs), ("bbc", bbc_docs), ("allsides_neus", allsides_docs)):
        docs = []
        for doc in gen():
            key = hashlib.sha1(" ".join(doc.lower().split()).encode()).digest()
            if key in seen:
                continue
            seen.add(key)
            docs.append(doc)
        out.append((name, docs))
    return out


def form_document_frequencies():
    """Document frequency of every lower-cased word form, the number of
    documents per sub-corpus, and the total number of documents."""
    df = Counter()
    sizes = {}
    total = 0
    for name, docs in corpus():
        sizes[name] = len(docs)
        for doc in docs:
            df.update(set(words(doc)))
        total += len(docs)
    return df, sizes, total


def rust_stems(forms):
    """English Snowball stems of `forms` from the engine's own stemmer crate."""
    forms = list(forms)
    if any("\n" in f or "\t" in f for f in forms):
        fail("a word form contains a tab or newline")
    res = subprocess.run(
        ["cargo", "run", "--quiet", "--example", "lexicon_stems"],
        input="\n".join(forms) + "\n",
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    if res.returncode != 0:
        fail(f"cargo run --example lexicon_stems failed:\n{res.stderr}")
    stems = {}
    for line in res.stdout.splitlines():
        form, _, stem = line.partition("\t")
        stems[form] = stem
    missing = [f for f in forms if f not in stems]
    if missing:
        fail(f"lexicon_stems returned no stem for {len(missing)} forms, e.g. {missing[:3]}")
    return stems


def read_spelling():
    if not SPELLING.is_file():
        fail(f"{SPELLING}: missing (run scripts/build_lexicon.py, which writes it first)")
    table = {}
    for n, line in enumerate(SPELLING.read_text(encoding="utf-8").splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2:
            fail(f"{SPELLING}:{n}: expected 2 tab-separated fields")
        table[parts[0]] = parts[1]
    return table


def build(form_df=None, sizes=None, total=None, spelling=None):
    """Writes background_df.tsv; returns (entries, total documents)."""
    if form_df is None:
        form_df, sizes, total = form_document_frequencies()
    spelling = spelling if spelling is not None else read_spelling()
    # Stem df must count documents, not sum forms: recount per document.
    american = {f: spelling.get(f, f) for f in form_df}
    stems = rust_stems(sorted(set(american.values())))
    stem_of = {f: stems[a] for f, a in american.items()}
    df = Counter()
    for _, docs in corpus():
        for doc in docs:
            df.update({stem_of[w] for w in set(words(doc))})
    rows = sorted((s, n) for s, n in df.items() if n >= MIN_DF and s)
    parts = ", ".join(f"{k} {v}" for k, v in sizes.items())
    header = [
        "# crosscheck background document frequencies (generated by scripts/build_background_df.py; do not edit)",
        f"# documents: {total} ({parts}; exact duplicates removed)",
        "# sources: ../shared/data/reuters21578 (Reuters-21578, Reuters Ltd, research use),",
        "#   bbc (BBC News, Greene & Cunningham 2006), allsides_neus (AllSides roundups and excerpts, NeuS 2022).",
        "#   Only counts are shipped, no text.",
        "# words: lower-cased, possessive dropped, no digits, American spelling (spelling.tsv),",
        f"#   English Snowball stem (rust-stemmers); df >= {MIN_DF}",
        "# format: stem<TAB>df, sorted by stem; the line below gives the total number of documents",
        f"@docs\t{total}",
    ]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(header) + "\n")
        for s, n in rows:
            f.write(f"{s}\t{n}\n")
    return len(rows), total


if __name__ == "__main__":
    n, total = build()
    print(f"{OUT.relative_to(REPO)}: {n} stems over {total} documents, {OUT.stat().st_size} bytes")
