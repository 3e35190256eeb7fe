#!/usr/bin/env python3
"""Convert ECB+ (../shared/data/ecbplus, Cybulska & Vossen 2014) to crosscheck JSONL and gold sentence pairs.

ECB+ is held out: report on it, never tune to it (see ../shared/data/SOURCES.md).

(a) JSONL, one article per document, in a fixed order (topic number, then
    `ecb` before `ecbplus`, then document number):
      id     the file stem, e.g. `1_10ecb`, `1_10ecbplus`
      story  the topic number ("1"): both sub-topics of a topic (two events of
             the same type) share a story, the hard case for matching
      event  topic and sub-topic ("1_ecb", "1_ecbplus"): the true event
             (ignored by crosscheck's loader; for evaluation scripts)
      url    in `ecbplus` files, sentence 0 (the source URL, its tokens
             joined); absent in `ecb` files
      outlet the URL's host without "www." (ecbplus files only)
      text   the document's sentences detokenised (see `detokenise`), one
             sentence per paragraph (separated by a blank line), in sentence
             order; sentence 0 of an `ecbplus` file (the URL) is left out
(b) gold TSV (`--pairs`), one line per pair of sentences in different
    documents of one topic that are both listed in
    ECBplus_coreference_sentences.csv and both mention an event of the same
    CROSS_DOC_COREF chain whose instance is an ACTION_* markable:
      topic  id_a  sent_a  id_b  sent_b  chains  text_a  text_b
    with a header line; `sent_*` are ECB+ sentence numbers, `chains` the
    shared chains' instance ids (comma-separated), `text_*` the sentences
    exactly as they appear in the JSONL text (each is one paragraph of it).
    Pairs are ordered by (id_a, sent_a, id_b, sent_b), id_a before id_b in
    the JSONL order.
(c) optional TSV (`--sentences`) of every annotated sentence:
      topic  event  id  sent  chains  text
    (`chains`: its ACTION chains, comma-separated, maybe empty), from which
    negative pairs (same topic, no shared chain; or different sub-topics, a
    different event) can be drawn.

Counts go to standard error. Output is byte-for-byte reproducible.

Usage: scripts/ecbplus_to_jsonl.py [--data DIR] [--pairs gold.tsv] [--sentences sents.tsv] > ecbplus.jsonl
"""
import argparse
import collections
import csv
import glob
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "...", "''", "'", "n't", "'s", "'S",
                   "'re", "'ve", "'d", "'ll", "'m", "”", "’"}
NO_SPACE_AFTER = {"(", "[", "{", "$", "#", "``", "“", "‘"}
THOUSANDS = re.compile(r"[$£€]?\d{1,3}(,\d{3})*")
DECIMAL_HEAD = re.compile(r"(?:[A-Za-z]{1,3}|[$£€])?[\d,.]*\d")
DECIMAL_TAIL = re.compile(r"\d+[A-Za-z]{0,3}")


def detokenise(tokens):
    """Joins PTB-style tokens into a readable sentence.

    Spaces go between tokens except before closing punctuation, clitics
    ("n't", "'s") and closing quotes, and after opening brackets, currency
    signs and opening quotes. PTB quotes (`` and '', also when split in two
    tokens) become straight double quotes; a bare " opens or closes by turns
    within the sentence. Numbers split by the tokeniser are joined again
    ("1" "," "700" -> "1,700"; "1" "." "2" -> "1.2").
    """
    merged = []
    for tok in tokens:
        # Some files split '' and `` into two tokens.
        if merged and tok in ("'", "`") and merged[-1] == tok:
            merged[-1] = tok * 2
        else:
            merged.append(tok)
    # Numbers the tokeniser split ("1" "," "700"; "1" "." "2") are joined again.
    joined = []
    i = 0
    while i < len(merged):
        tok = merged[i]
        nxt = merged[i + 1] if i + 1 < len(merged) else ""
        if joined and tok == "," and THOUSANDS.fullmatch(joined[-1]) and re.fullmatch(r"\d{3}", nxt):
            joined[-1] += "," + nxt
            i += 2
        elif joined and tok == "." and DECIMAL_HEAD.fullmatch(joined[-1]) and DECIMAL_TAIL.fullmatch(nxt):
            joined[-1] += "." + nxt
            i += 2
        else:
            joined.append(tok)
            i += 1
    out = []
    no_space_next = True
    quote_open = False
    joined = [t.replace("\t", " ").replace("\n", " ").strip() for t in joined]
    joined = [t for t in joined if t]
    for i, tok in enumerate(joined):
        prev = joined[i - 1] if i else None
        nxt = joined[i + 1] if i + 1 < len(joined) else None
        if tok == "``":
            text, opening, closing = '"', True, False
        elif tok in ("''", '"'):
            # Closes an open quote, or one opened in an earlier sentence
            # (after punctuation, before punctuation or at the end); opens
            # at the start of a sentence; otherwise '' closes (PTB) and "
            # opens.
            if quote_open:
                closing = True
            elif prev is None:
                closing = nxt is None
            elif prev[-1] in ",.!?;:" or nxt is None or nxt in NO_SPACE_BEFORE:
                closing = True
            else:
                closing = tok == "''"
            opening = not closing
            text = '"'
        else:
            text = tok
            opening = tok in NO_SPACE_AFTER
            closing = tok in NO_SPACE_BEFORE or tok.lower() in NO_SPACE_BEFORE
        if opening and text == '"':
            quote_open = True
        if closing and text == '"':
            quote_open = False
        if out and not no_space_next and not closing:
            out.append(" ")
        out.append(text)
        no_space_next = opening
    return "".join(out).strip()


def doc_key(path):
    """Sort key: topic number, ecb before ecbplus, document number."""
    stem = os.path.splitext(os.path.basename(path))[0]
    m = re.fullmatch(r"(\d+)_(\d+)(ecb|ecbplus)", stem)
    if not m:
        return (10**9, 0, 0, stem)
    return (int(m.group(1)), 0 if m.group(3) == "ecb" else 1, int(m.group(2)), stem)


def parse_doc(path):
    """(sentences {number: [tokens]}, token sentence {t_id: number}, ACTION mentions by chain)."""
    root = ET.parse(path).getroot()
    sentences = collections.defaultdict(list)
    tok_sent = {}
    for t in root.iter("token"):
        n = int(t.get("sentence"))
        sentences[n].append((int(t.get("number")), t.text or ""))
        tok_sent[t.get("t_id")] = n
    sentences = {n: [w for _, w in sorted(ws)] for n, ws in sentences.items()}
    markables = root.find("Markables")
    mention_sents = {}
    instance_tag = {}
    if markables is not None:
        for m in markables:
            anchors = [a.get("t_id") for a in m.findall("token_anchor")]
            if anchors:
                mention_sents[m.get("m_id")] = {tok_sent[a] for a in anchors if a in tok_sent}
            if m.get("instance_id") is not None:
                instance_tag[m.get("m_id")] = (m.tag, m.get("instance_id"))
    chains = collections.defaultdict(set)  # chain id -> sentence numbers
    relations = root.find("Relations")
    if relations is not None:
        for r in relations.findall("CROSS_DOC_COREF"):
            target = r.find("target")
            tag, inst = instance_tag.get(target.get("m_id") if target is not None else None, (None, None))
            inst = inst or r.get("note")
            if not tag or not tag.startswith("ACTION_") or not inst:
                continue
            for s in r.findall("source"):
                chains[inst] |= mention_sents.get(s.get("m_id"), set())
    return sentences, chains


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data", "ecbplus"))
    ap.add_argument("--pairs", help="write the gold sentence pairs (TSV) here")
    ap.add_argument("--sentences", help="write every annotated sentence (TSV) here")
    args = ap.parse_args()
    files = sorted(glob.glob(os.path.join(args.data, "ECB+", "*", "*.xml")), key=doc_key)
    csv_path = os.path.join(args.data, "ECBplus_coreference_sentences.csv")
    if not files or not os.path.exists(csv_path):
        sys.exit(f"ecbplus_to_jsonl: no ECB+ documents or sentence list under {args.data}")
    annotated = collections.defaultdict(set)
    with open(csv_path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            annotated[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))

    order = []  # article ids in JSONL order
    sent_text = {}  # (id, n) -> text
    sent_chains = {}  # (id, n) -> set of chain ids, annotated sentences only
    meta = {}  # id -> (topic, event)
    counts = collections.Counter()
    out = sys.stdout
    for path in files:
        stem = os.path.splitext(os.path.basename(path))[0]
        m = re.fullmatch(r"(\d+)_(\d+)(ecb|ecbplus)", stem)
        if not m:
            print(f"ecbplus_to_jsonl: {path}: unexpected file name, skipped", file=sys.stderr)
            continue
        topic, sub = m.group(1), m.group(3)
        try:
            sentences, chains = parse_doc(path)
        except (ET.ParseError, ValueError, TypeError) as e:
            print(f"ecbplus_to_jsonl: {path}: {e}, skipped", file=sys.stderr)
            continue
        url = None
        if sub == "ecbplus" and 0 in sentences:
            url = "".join(sentences.pop(0))
        texts = []
        for n in sorted(sentences):
            t = detokenise(sentences[n])
            if t:
                texts.append(t)
                sent_text[(stem, n)] = t
        rec = {"id": stem, "story": topic, "event": f"{topic}_{sub}"}
        if url:
            rec["url"] = url
            host = re.sub(r"^www\.", "", re.sub(r"^[a-z]+://", "", url).split("/")[0])
            if host:
                rec["outlet"] = host
        rec["text"] = "\n\n".join(texts)
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        order.append(stem)
        meta[stem] = (topic, f"{topic}_{sub}")
        counts["documents"] += 1
        counts[f"documents {sub}"] += 1
        counts["sentences"] += len(texts)
        for n in sorted(annotated.get(stem, ())):
            if (stem, n) not in sent_text:
                counts["annotated sentences missing from the text"] += 1
                continue
            sent_chains[(stem, n)] = {c for c, ns in chains.items() if n in ns}
            counts["annotated sentences"] += 1
            if sent_chains[(stem, n)]:
                counts["annotated sentences with an ACTION chain"] += 1
        # A sentence whose text repeats in its own article cannot be located uniquely.
        seen = collections.Counter(texts)
        counts["sentences repeated within their article"] += sum(v for v in seen.values() if v > 1)

    rank = {a: i for i, a in enumerate(order)}
    keys = sorted(sent_chains, key=lambda k: (rank[k[0]], k[1]))
    by_topic = collections.defaultdict(list)
    for k in keys:
        by_topic[meta[k[0]][0]].append(k)
    pairs = []
    chain_docs = collections.defaultdict(set)
    for k, cs in sent_chains.items():
        for c in cs:
            chain_docs[(meta[k[0]][0], c)].add(k[0])
    for topic, ks in by_topic.items():
        for i, a in enumerate(ks):
            for b in ks[i + 1:]:
                if a[0] == b[0]:
                    continue
                counts["annotated sentence pairs across documents"] += 1
                same_event = meta[a[0]][1] == meta[b[0]][1]
                counts["  of the same event (sub-topic)" if same_event else "  of different events"] += 1
                shared = sent_chains[a] & sent_chains[b]
                if shared:
                    pairs.append((topic, a, b, sorted(shared)))
                    counts["coreferent pairs (gold)"] += 1
                    if not same_event:
                        counts["coreferent pairs across sub-topics"] += 1
    counts["ACTION chains in annotated sentences of two or more documents"] = sum(1 for docs in chain_docs.values() if len(docs) > 1)
    if args.pairs:
        with open(args.pairs, "w", encoding="utf-8", newline="\n") as f:
            f.write("topic\tid_a\tsent_a\tid_b\tsent_b\tchains\ttext_a\ttext_b\n")
            for topic, a, b, shared in pairs:
                f.write("\t".join([topic, a[0], str(a[1]), b[0], str(b[1]), ",".join(shared),
                                   sent_text[a], sent_text[b]]) + "\n")
    if args.sentences:
        with open(args.sentences, "w", encoding="utf-8", newline="\n") as f:
            f.write("topic\tevent\tid\tsent\tchains\ttext\n")
            for k in keys:
                f.write("\t".join([meta[k[0]][0], meta[k[0]][1], k[0], str(k[1]),
                                   ",".join(sorted(sent_chains[k])), sent_text[k]]) + "\n")
    for name in ["documents", "documents ecb", "documents ecbplus", "sentences", "annotated sentences",
                 "annotated sentences with an ACTION chain", "annotated sentences missing from the text",
                 "sentences repeated within their article", "ACTION chains in annotated sentences of two or more documents",
                 "annotated sentence pairs across documents", "  of the same event (sub-topic)",
                 "  of different events", "coreferent pairs (gold)", "coreferent pairs across sub-topics"]:
        print(f"ecbplus_to_jsonl: {name}: {counts[name]}", file=sys.stderr)


if __name__ == "__main__":
    main()
