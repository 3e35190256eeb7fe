#!/usr/bin/env python3
"""Related words for crosscheck's matching: pairs of content-word stems that
news uses in the same contexts and WordNet relates ("buy" / "acquire",
"firm" / "company", "staff" / "workforce").

Synonym classes (`synonyms.tsv`) join only words that share a frequent
WordNet sense; paraphrases in news often use words that are close but not
synonyms. This table lets the matcher count such a pair as a partial match
(the `related_words` feature), weighted by how close the two are.

Two sources must agree, so that neither's typical error gets through:

* Distribution: word vectors from the background news corpus of
  `build_background_df.py` (Reuters-21578, BBC News, AllSides/NeuS; only
  counts leave this script): co-occurrence within a window of
  `WINDOW` content words, positive PMI with context smoothing (Levy,
  Goldberg & Dagan 2015), truncated SVD to `DIM` dimensions, cosine.
  Distribution alone puts co-hyponyms together ("killed" / "injured",
  "Monday" / "Tuesday", "Apple" / "Microsoft").
* WordNet 3.0 (Debian `wordnet-base`; WordNet 3.0 licence): the two words
  have senses within `MAX_PATH` hypernym steps of each other, counting
  senses ranked 1 to `SENSES` only. WordNet alone relates far too much.

Left out: stop words, words news mostly capitalises (names), weekday, month,
time and number words, country names and demonyms, antonym pairs, and pairs
already in one synonym class. WordNet steps are hypernym (and instance)
pointers only: similar-to and verb-group links joined words such as
"official" / "confirmed".

Output: `data/lexicon/related.tsv` (stem, related stem, cosine), both
directions, at most `TOP` per stem, deterministic.
Run from anywhere: `python3 scripts/build_related.py` (needs numpy and
scipy from PyPI, and the other lexicon files, built first by
`build_lexicon.py`).
"""

import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from scipy.sparse import coo_matrix, diags
from scipy.sparse.linalg import svds

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import build_background_df as background  # noqa: E402
from build_lexicon_wordnet import WordNet  # noqa: E402

REPO = HERE.parent
LEX = REPO / "data" / "lexicon"
OUT = LEX / "related.tsv"

# A stem needs this many documents for a usable vector.
MIN_DF = 10
# Context window: content words on each side.
WINDOW = 4
# Context distribution smoothing exponent.
ALPHA = 0.75
# Vector dimensions.
DIM = 300
# Most related stems kept per stem, and the least cosine.
TOP = 10
MIN_COSINE = 0.30
# WordNet: senses ranked 1..SENSES of each word, at most MAX_PATH hypernym
# steps apart (1: one is the other's hypernym; 2 would admit siblings,
# "copper" / "silver", which are different things).
SENSES = 3
MAX_PATH = 1
# A stem news capitalises in more than this share of its mid-sentence uses
# is a name.
NAME_SHARE = 0.5


def log(msg):
    print(f"build_related: {msg}", file=sys.stderr)


def rows(path):
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            yield line.split("\t")


def excluded_forms():
    """Forms that never enter the table: stop words, calendar, time and
    number words, countries and demonyms."""
    out = {r[0] for r in rows(LEX / "stopwords.txt")}
    out |= {r[0] for r in rows(LEX / "calendar.tsv")}
    out |= {r[0] for r in rows(LEX / "numbers.tsv")}
    # Time nouns ("day", "minute", "summer") measure or date; one is never
    # another's paraphrase.
    out |= {r[0] for r in rows(LEX / "noun_classes.tsv") if r[1] == "time"}
    out.add("time")
    for r in rows(LEX / "countries.tsv"):
        out |= {w for f in r[1:] for w in f.lower().replace(",", " ").split()}
    return out


def synonym_class():
    """Stem -> synonym class id (`S` rows of synonyms.tsv)."""
    return {r[1]: r[2] for r in rows(LEX / "synonyms.tsv") if r[0] == "S"}


def antonym_stems():
    return {(r[2], r[3]) for r in rows(LEX / "antonyms.tsv")} | {(r[3], r[2]) for r in rows(LEX / "antonyms.tsv")}


def tokenized_corpus(spelling, excluded):
    """Every document as a list of content-word forms, how often each form
    is capitalised mid-sentence, and how often it is used mid-sentence."""
    docs = []
    caps = Counter()
    mids = Counter()
    for _, texts in background.corpus():
        for text in texts:
            out = []
            sentence_start = True
            for m in background.WORD.finditer(text):
                raw = m.group(0)
                w = raw.translate(background.APOSTROPHES).lower()
                before = text[max(0, m.start() - 3):m.start()]
                if any(c in before for c in ".!?\n\"“"):
                    sentence_start = True
                if any(c.isdigit() for c in w):
                    sentence_start = False
                    continue
                if w.endswith("'s"):
                    w = w[:-2]
                w = spelling.get(w, w)
                if not sentence_start:
                    mids[w] += 1
                    caps[w] += raw[0].isupper()
                sentence_start = False
                if w and w not in excluded and len(w) > 1:
                    out.append(w)
            docs.append(out)
    return docs, caps, mids


def vectors(docs, vocab):
    """Unit word vectors (PPMI, SVD) for `vocab` (list of stems)."""
    index = {s: i for i, s in enumerate(vocab)}
    rows_, cols = [], []
    for doc in docs:
        ids = np.array([index.get(s, -1) for s in doc], dtype=np.int64)
        ids = ids[ids >= 0]
        for d in range(1, WINDOW + 1):
            if len(ids) > d:
                rows_.append(ids[:-d])
                cols.append(ids[d:])
    r = np.concatenate(rows_)
    c = np.concatenate(cols)
    n = len(vocab)
    m = coo_matrix((np.ones(len(r) * 2, dtype=np.float64), (np.concatenate([r, c]), np.concatenate([c, r]))), shape=(n, n)).tocsr()
    m.sum_duplicates()
    total = m.sum()
    word = np.asarray(m.sum(axis=1)).ravel()
    ctx = np.asarray(m.sum(axis=0)).ravel() ** ALPHA
    ctx = ctx / ctx.sum()
    m = m.tocoo()
    pmi = np.log(m.data / total) - np.log(word[m.row] / total) - np.log(ctx[m.col])
    keep = pmi > 0
    ppmi = coo_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=(n, n)).tocsr()
    log(f"PPMI: {n} words, {ppmi.nnz} non-zero cells")
    u, s, _ = svds(ppmi, k=DIM, random_state=0)
    v = u * np.sqrt(s)
    v /= np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
    return v


def wordnet_related(wn, forms_a, forms_b):
    """Whether senses ranked 1..SENSES of some lemma of each side are within
    MAX_PATH hypernym (or instance) steps."""
    def reach(forms):
        """Synsets within MAX_PATH steps of the forms' senses, with the
        fewest steps to each."""
        out = {}
        starts = []
        for form in forms:
            for pos in ("n", "v", "a", "r"):
                for lemma in dict.fromkeys(wn.morphy(form, pos)):
                    starts += wn.senses(lemma, pos)[:SENSES]
        for k in starts:
            frontier = {k}
            for depth in range(MAX_PATH + 1):
                for x in frontier:
                    out[x] = min(out.get(x, depth), depth)
                nxt = set()
                for x in frontier:
                    s = wn.synsets.get(x)
                    if s is not None:
                        nxt |= {t for sym, t, _, _ in s.pointers if sym in ("@", "@i")}
                frontier = nxt
        return out
    a, b = reach(forms_a), reach(forms_b)
    return any(a[x] + b[x] <= MAX_PATH for x in a.keys() & b.keys())


def main():
    spelling = background.read_spelling()
    excluded = excluded_forms()
    docs, caps, mids = tokenized_corpus(spelling, excluded)
    forms = Counter(f for doc in docs for f in set(doc))
    stems = background.rust_stems(sorted(forms))
    df = Counter()
    lemmas = defaultdict(Counter)
    for doc in docs:
        for f in set(doc):
            df[stems[f]] += 1
    for f, n in forms.items():
        lemmas[stems[f]][f] += n
    stem_caps, stem_mids = Counter(), Counter()
    for f, n in mids.items():
        if f in stems:
            stem_caps[stems[f]] += caps[f]
            stem_mids[stems[f]] += n
    name_stems = {s for s, n in stem_mids.items() if stem_caps[s] / n > NAME_SHARE}
    vocab = sorted(s for s, n in df.items() if n >= MIN_DF and s not in name_stems and s.isalpha())
    log(f"{len(docs)} documents, {len(forms)} forms, {len(vocab)} stems with df >= {MIN_DF}")
    stem_docs = [[stems[f] for f in doc] for doc in docs]
    v = vectors(stem_docs, vocab)

    classes = synonym_class()
    antonyms = antonym_stems()
    wn = WordNet()
    out = []
    block = 2048
    for start in range(0, len(vocab), block):
        sims = v[start:start + block] @ v.T
        for i in range(sims.shape[0]):
            a = vocab[start + i]
            row = sims[i]
            row[start + i] = -1.0
            best = np.argpartition(-row, TOP * 4)[:TOP * 4]
            best = best[np.argsort(-row[best], kind="stable")]
            kept = 0
            for j in best:
                cos = float(row[j])
                if cos < MIN_COSINE or kept == TOP:
                    break
                b = vocab[j]
                if (a, b) in antonyms or (a in classes and classes.get(a) == classes.get(b)):
                    continue
                la = [w for w, _ in lemmas[a].most_common(3)]
                lb = [w for w, _ in lemmas[b].most_common(3)]
                if not wordnet_related(wn, la, lb):
                    continue
                out.append((a, b, cos))
                kept += 1
    # Both directions, each pair once per direction.
    pairs = {}
    for a, b, c in out:
        for x, y in ((a, b), (b, a)):
            pairs[(x, y)] = max(pairs.get((x, y), 0.0), c)
    lines = [f"{a}\t{b}\t{c:.3f}" for (a, b), c in sorted(pairs.items())]
    head = [
        "# crosscheck lexicon: related words",
        "# generated by scripts/build_related.py; do not edit",
        f"# source: background news corpus (build_background_df.py; counts only): PPMI vectors (window {WINDOW},",
        f"# source:   alpha {ALPHA}, SVD {DIM} dims) over stems in >= {MIN_DF} documents, cosine >= {MIN_COSINE}, top {TOP};",
        f"# source:   kept only where WordNet 3.0 (WordNet 3.0 licence) puts senses 1-{SENSES} within {MAX_PATH} hypernym steps",
        "# format: stem<TAB>related stem<TAB>cosine; both directions",
    ]
    OUT.write_text("\n".join(head + lines) + "\n", encoding="utf-8")
    log(f"{OUT.relative_to(REPO)}: {len(lines)} rows")


if __name__ == "__main__":
    main()
