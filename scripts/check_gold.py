#!/usr/bin/env python3
"""Check the hand-written gold files: BASIL facts and contrast pairs.

BASIL gold (`tests/gold/basil_*.toml`, the format of `tests/gold/seeds.toml`
read by `src/evaluation.rs`). For every fact:
  - `label` and `relation` (agrees, differs or contradicts) are present;
  - every `[article id prefix, substring]` names exactly one article of the
    JSONL, and the substring occurs exactly once in that article's text;
  - the substring lies inside one sentence of the article as BASIL segments
    it (the converter joins a paragraph's sentences with one space, so the
    sentence spans are known exactly), a BASIL sentence being cut further
    where it holds a sentence break ('. ' before a capital, not after a
    known abbreviation), since crosscheck's splitter would cut there;
  - the same sentence is not listed twice in one fact;
  - the fact cites at least two articles, unless it is marked `single = true`
    (a single-source near miss kept to test precision), and then exactly one;
    a `differs` or `contradicts` fact cites at least two;
  - a `contradicts` fact names in `opposite` the sentences of the minority
    polarity, each also listed in `sentences`; no other fact has `opposite`;
  - every cited and `absent` article belongs to one event, no article is both
    cited and absent, and cited + absent cover the event's three articles.
Each file must hold only facts of the events it declares in its header
comment (`# event <triplet-uuid>` lines), and the train and validation files
must not share an event.

Contrast pairs (`tests/gold/contrast.toml`): every `[[pair]]` has a known
`category`, a `split` (train, validation or test), non-empty distinct `a` and `b`,
and an `expected` outcome allowed for its category; each category has at
least 12 pairs with train and validation within one pair of each other.

Usage:
  scripts/check_gold.py [--jsonl basil.jsonl] [--basil DIR] [--show] [GOLD.toml ...]
Without --jsonl the JSONL is built in memory by scripts/basil_to_jsonl.py's
rules from --basil (default ../shared/data/basil). Without GOLD files, checks
tests/gold/basil_train.toml, tests/gold/basil_validation.toml and
tests/gold/contrast.toml. --show prints every fact with its full sentences,
for review. Exit status: 0 when all checks pass (or BASIL is absent: the
BASIL checks are then skipped, said on stderr), 1 when any check fails.
"""
import argparse
import collections
import glob
import json
import os
import re
import sys

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    try:
        import tomli as tomllib
    except ModuleNotFoundError:
        sys.exit("check_gold: needs Python 3.11+ (tomllib) or the tomli package")

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_BASIL = os.path.join(ROOT, "..", "shared", "data", "basil")
RELATIONS = {"agrees", "differs", "contradicts"}
# Words after which ". " does not end a sentence.
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "rev", "sen", "rep", "reps", "gov", "gen", "jr", "sr", "st", "no",
    "u.s", "d.c", "calif", "fla", "ark", "va", "ill", "nev", "conn", "tex", "n.y", "n.j",
    "d", "r", "i", "a", "b", "c", "e", "f", "g", "h", "j", "k", "l", "m", "n", "o", "p",
    "q", "s", "t", "u", "v", "w", "x", "y", "z", "ft", "p.m", "a.m", "vs", "inc", "corp",
}
BREAK = re.compile(r"([\w.]+)[.!?][\"”’']?(\s+)[\"“‘']?[A-Z]")

# Contrast categories and the outcomes each allows.
CATEGORIES = {
    "differing_figures": {"differs"},
    "different_dates": {"differs"},
    "paraphrase_same_figures": {"agrees"},
    "negation": {"contradicts"},
    "different_subject": {"none"},
    "shared_name_only": {"none"},
    "shared_figure_only": {"none"},
    "same_topic_other_fact": {"none"},
    "different_quantities": {"none", "agrees"},
    "attribution_one_side": {"agrees"},
}
MIN_PAIRS = 12


def split_breaks(text, span):
    """Cuts a BASIL sentence where it holds another sentence break."""
    start, end = span
    pieces = []
    for m in BREAK.finditer(text, start, end):
        if m.group(1).lower().rstrip(".") in ABBREVIATIONS:
            continue
        pieces.append((start, m.start(2)))
        start = m.end(2)
    pieces.append((start, end))
    return pieces


def basil_articles(basil_dir):
    """id -> (text, [(start, end) of each sentence], event), as the converter writes them."""
    files = sorted(glob.glob(os.path.join(basil_dir, "articles", "*", "*.json")))
    out = {}
    for path in files:
        with open(path, encoding="utf-8") as f:
            d = json.load(f)
        parts, spans, pos = [], [], 0
        for p in d.get("body-paragraphs", []):
            sents = [s.strip() for s in p if s.strip()]
            if not sents:
                continue
            if parts:
                pos += 2  # "\n\n"
            for i, s in enumerate(sents):
                if i:
                    pos += 1  # " "
                spans.append((pos, pos + len(s)))
                pos += len(s)
            parts.append(" ".join(sents))
        text = "\n\n".join(parts)
        assert len(text) == pos, path
        spans = [piece for span in spans for piece in split_breaks(text, span)]
        aid = os.path.splitext(os.path.basename(path))[0]
        out[aid] = (text, spans, d.get("triplet-uuid"))
    return out


def load_jsonl(path):
    recs = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                r = json.loads(line)
            except json.JSONDecodeError as e:
                sys.exit(f"check_gold: {path}:{n}: not JSON: {e}")
            recs[r["id"]] = r
    return recs


def declared_events(path):
    """Triplet uuids named on `# event <uuid>` header lines."""
    events = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"#\s*event\s+([0-9a-f-]{36})\b", line)
            if m:
                events.append(m.group(1))
    return events


def check_basil(path, texts, spans, events_of, show):
    """Errors and per-relation counts for one BASIL gold file."""
    errors = []
    with open(path, "rb") as f:
        try:
            gold = tomllib.load(f)
        except tomllib.TOMLDecodeError as e:
            return [f"{path}: not TOML: {e}"], collections.Counter(), set()
    declared = declared_events(path)
    if not declared:
        errors.append(f"{path}: no `# event <triplet-uuid>` header lines")
    by_event = collections.defaultdict(list)
    for aid, ev in events_of.items():
        by_event[ev].append(aid)
    counts = collections.Counter()
    used_events = set()
    for i, fact in enumerate(gold.get("fact", []), 1):
        where = f"{path}: fact {i} ({fact.get('label', '?')!r})"
        rel = fact.get("relation")
        if not fact.get("label"):
            errors.append(f"{where}: no label")
        if rel not in RELATIONS:
            errors.append(f"{where}: relation {rel!r} is not one of {sorted(RELATIONS)}")
        single = fact.get("single", False)
        cited, seen = set(), set()
        fact_events = set()
        if show:
            print(f"\n## {i}. [{rel}{' single' if single else ''}] {fact.get('label')}")
        for entry in fact.get("sentences", []):
            if not (isinstance(entry, list) and len(entry) == 2):
                errors.append(f"{where}: entry {entry!r} is not [prefix, substring]")
                continue
            prefix, sub = entry
            ids = [a for a in texts if a.startswith(prefix)]
            if len(ids) != 1:
                errors.append(f"{where}: prefix {prefix!r} names {len(ids)} articles")
                continue
            aid = ids[0]
            text = texts[aid]
            n = text.count(sub)
            if n != 1:
                errors.append(f"{where}: {aid}: substring occurs {n} times: {sub!r}")
                continue
            start = text.find(sub)
            end = start + len(sub)
            sent = [s for s in spans[aid] if s[0] <= start and end <= s[1]]
            if not sent:
                errors.append(f"{where}: {aid}: substring crosses a sentence boundary: {sub!r}")
                continue
            if (aid, sent[0]) in seen:
                errors.append(f"{where}: {aid}: the same sentence is listed twice: {sub!r}")
            seen.add((aid, sent[0]))
            cited.add(aid)
            fact_events.add(events_of[aid])
            if show:
                print(f"  {aid[-2:]} {events_of[aid][:8]}: {text[sent[0][0]:sent[0][1]]}")
        absent = set()
        for prefix in fact.get("absent", []):
            ids = [a for a in texts if a.startswith(prefix)]
            if len(ids) != 1:
                errors.append(f"{where}: absent prefix {prefix!r} names {len(ids)} articles")
                continue
            absent.add(ids[0])
            fact_events.add(events_of[ids[0]])
        opposite = fact.get("opposite", [])
        listed = {tuple(e) for e in fact.get("sentences", []) if isinstance(e, list)}
        if rel == "contradicts":
            if not opposite:
                errors.append(f"{where}: a contradicts fact needs `opposite` (the minority polarity)")
            for e in opposite:
                if tuple(e) not in listed:
                    errors.append(f"{where}: opposite entry {e!r} is not in `sentences`")
            if len(opposite) >= len(listed):
                errors.append(f"{where}: every sentence is `opposite`")
        elif opposite:
            errors.append(f"{where}: `opposite` only belongs to contradicts facts")
        if show and opposite:
            print(f"  opposite: {', '.join(e[1] for e in opposite)}")
        if show and absent:
            print(f"  absent: {', '.join(sorted(a[-2:] for a in absent))}")
        if len(fact_events) > 1:
            errors.append(f"{where}: cites articles of {len(fact_events)} events")
        if cited & absent:
            errors.append(f"{where}: both cited and absent: {sorted(cited & absent)}")
        if len(fact_events) == 1:
            ev = next(iter(fact_events))
            used_events.add(ev)
            if declared and ev not in declared:
                errors.append(f"{where}: event {ev} is not declared in the header")
            missing = set(by_event[ev]) - cited - absent
            if missing:
                errors.append(f"{where}: neither cited nor absent: {sorted(missing)}")
        if single:
            if len(cited) != 1:
                errors.append(f"{where}: marked single but cites {len(cited)} articles")
        elif len(cited) < 2:
            errors.append(f"{where}: cites {len(cited)} article(s); mark it `single = true` or add counterparts")
        counts[("single " if single else "") + str(rel)] += 1
    for ev in declared:
        if ev not in used_events:
            errors.append(f"{path}: declared event {ev} has no facts")
    return errors, counts, set(declared)


def check_contrast(path):
    errors = []
    with open(path, "rb") as f:
        try:
            data = tomllib.load(f)
        except tomllib.TOMLDecodeError as e:
            return [f"{path}: not TOML: {e}"], {}
    table = collections.defaultdict(collections.Counter)
    seen = set()
    for i, p in enumerate(data.get("pair", []), 1):
        where = f"{path}: pair {i}"
        cat, split, exp = p.get("category"), p.get("split"), p.get("expected")
        a, b = p.get("a", ""), p.get("b", "")
        if cat not in CATEGORIES:
            errors.append(f"{where}: unknown category {cat!r}")
            continue
        if split not in ("train", "validation", "test"):
            errors.append(f"{where}: split {split!r} is not train, validation or test")
        if exp not in CATEGORIES[cat]:
            errors.append(f"{where}: expected {exp!r} not allowed for {cat} ({sorted(CATEGORIES[cat])})")
        if not a.strip() or not b.strip() or a.strip() == b.strip():
            errors.append(f"{where}: a and b must be non-empty and different")
        if (a, b) in seen or (b, a) in seen:
            errors.append(f"{where}: duplicate pair")
        seen.add((a, b))
        if "\n" in a or "\n" in b or "\t" in a or "\t" in b:
            errors.append(f"{where}: a sentence holds a newline or tab")
        table[cat][split] += 1
        table[cat]["expected " + str(exp)] += 1
    for cat in CATEGORIES:
        c = table[cat]
        n = c["train"] + c["validation"]
        if n < MIN_PAIRS:
            errors.append(f"{path}: category {cat} has {n} pairs (< {MIN_PAIRS})")
        if abs(c["train"] - c["validation"]) > 1:
            errors.append(f"{path}: category {cat} split {c['train']} train / {c['validation']} validation")
    return errors, table


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="*")
    ap.add_argument("--jsonl", help="BASIL JSONL from scripts/basil_to_jsonl.py")
    ap.add_argument("--basil", default=DEFAULT_BASIL, help="BASIL folder (sentence boundaries)")
    ap.add_argument("--show", action="store_true", help="print every fact with its sentences")
    args = ap.parse_args()
    golds = args.gold or [
        os.path.join(ROOT, "tests", "gold", n)
        for n in ("basil_train.toml", "basil_validation.toml", "contrast.toml")
    ]
    errors = []
    basil_golds = [g for g in golds if os.path.basename(g) != "contrast.toml"]
    if basil_golds:
        if not os.path.isdir(os.path.join(args.basil, "articles")):
            print(f"check_gold: {args.basil} absent: BASIL checks skipped", file=sys.stderr)
        else:
            arts = basil_articles(args.basil)
            texts = {a: t for a, (t, _, _) in arts.items()}
            spans = {a: s for a, (_, s, _) in arts.items()}
            events_of = {a: e for a, (_, _, e) in arts.items()}
            if args.jsonl:
                recs = load_jsonl(args.jsonl)
                for aid, r in recs.items():
                    if aid in texts and r.get("text") != texts[aid]:
                        errors.append(f"{args.jsonl}: {aid}: text differs from the converter's rules")
                texts = {a: r.get("text", "") for a, r in recs.items() if a in texts}
            events_by_file = {}
            for g in basil_golds:
                errs, counts, evs = check_basil(g, texts, spans, events_of, args.show)
                errors += errs
                events_by_file[g] = evs
                total = sum(counts.values())
                detail = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
                print(f"{os.path.relpath(g, ROOT)}: {len(evs)} events, {total} facts ({detail})")
            files = list(events_by_file)
            for i, a in enumerate(files):
                for b in files[i + 1:]:
                    shared = events_by_file[a] & events_by_file[b]
                    if shared:
                        errors.append(f"{a} and {b} share events {sorted(shared)}")
    for g in golds:
        if os.path.basename(g) == "contrast.toml":
            errs, table = check_contrast(g)
            errors += errs
            for cat in CATEGORIES:
                c = table.get(cat, collections.Counter())
                exp = ", ".join(f"{k[9:]} {v}" for k, v in sorted(c.items()) if k.startswith("expected "))
                print(f"{os.path.relpath(g, ROOT)}: {cat}: {c['train']} train, {c['validation']} validation ({exp})")
    for e in errors:
        print(e, file=sys.stderr)
    if errors:
        print(f"check_gold: {len(errors)} problem(s)", file=sys.stderr)
        return 1
    print("check_gold: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
