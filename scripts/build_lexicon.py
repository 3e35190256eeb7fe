#!/usr/bin/env python3
"""Builds crosscheck's general lexical resources under data/lexicon/.

Every file is generated from a named, licensed source; re-running gives
byte-identical output. See data/lexicon/README.md for the formats. Sources
(installed by this script where missing):

* WordNet 3.0 (Debian `wordnet-base`, /usr/share/wordnet; WordNet 3.0
  licence): synonym and derivation classes, antonyms, noun classes, toll
  verbs, titles, country aliases, demonyms and capitals, international bodies, currency
  names, "common word" flags.
* world-countries 5.1.0 (npm, mledoze/countries; ODbL 1.0): countries,
  official names, alternative spellings, demonyms, capitals, currencies and
  their symbols.
* stopwords 1.0.2 (PyPI; ISC): `languages/english/default.txt`, which is the
  Snowball project's English stop-word list.
* breame 0.1.2 (PyPI; Apache-2.0): British -> American spelling pairs
  (`breame/data/spelling_constants.py`, read as data, not imported).
* Python's `calendar` module (C locale): weekday and month names.
* Closed grammatical classes written here (CC0): number words, negation
  cues, title abbreviations and title modifiers, a few synonym links that
  WordNet lacks. Each is listed below with its reason.
* The background news corpus of `build_background_df.py` (only word-form
  counts): which words news uses, to keep the tables small.

Run: `python3 scripts/build_lexicon.py` from anywhere (needs apt-get, pip,
npm and cargo on the first run; the downloads are cached in
~/.cache/crosscheck-lexicon).
"""

import ast
import calendar
import json
import locale
import math
import re
import subprocess
import sys
import tarfile
import unicodedata
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import build_background_df as background  # noqa: E402
from build_lexicon_wordnet import WORDNET_DIR, WordNet  # noqa: E402

REPO = HERE.parent
OUT = REPO / "data" / "lexicon"
CACHE = Path.home() / ".cache" / "crosscheck-lexicon"

WORLD_COUNTRIES = ("world-countries", "5.1.0")
STOPWORDS = ("stopwords", "1.0.2")
BREAME = ("breame", "0.1.2")

# ---------------------------------------------------------------- parameters
# A word is "news vocabulary" when its forms occur in at least this many
# documents of the background corpus.
MIN_NODE_DF = 5
# Senses kept for synonymy: sense 1, and sense 2 when its tag count is at
# least this share of sense 1's (and at least 2).
SECOND_SENSE_SHARE = 0.5
# Two classes merge when their links number at least this x sqrt(|A| x |B|).
LINKAGE = 0.4
# Antonym pointers count between the words' senses ranked 1 to this.
ANTONYM_SENSES = 3
# Word forms listed in the index tables: corpus document frequency.
MIN_FORM_DF = 3
# A verb form's verb reading must be tagged at least this often in the
# semantic concordance (an untagged reading is no evidence of use), and a
# form that is itself a noun tagged this often is left out as ambiguous.
MIN_VERB_TAGS = 1
# Noun class table: noun forms in at least this many documents.
MIN_NOUN_DF = 5
# Counted-noun kinds: hypernym steps followed up from a noun's first sense
# ("soldier" -> enlisted person -> serviceman -> skilled worker -> worker
# -> person is five), and the fewest steps an ancestor must lie below
# WordNet's root on its shortest path (entity, abstraction, physical entity,
# object, group are too general to say two counts are of one kind).
UNIT_DEPTH = 5
UNIT_MIN_ROOT_DISTANCE = 3
# Forms whose count means persons although WordNet files their first sense
# as a group: "people" is the plural of "person" in counts (English grammar).
PERSON_PLURALS = ["people", "persons"]

# ------------------------------------------------- closed classes, by hand
# Synonym links WordNet lacks, each with its reason: (lemma, pos, lemma, pos).
EXTRA_LINKS = [
    # News reports "confirm" in the sense "acknowledge as true"; WordNet
    # files it only with "corroborate".
    ("confirm", "v", 1, "acknowledge", "v", 1, "reporting sense: confirm = acknowledge as true"),
    ("dead", "a", 1, "die", "v", 1, "the adjective of dying; WordNet has no derivation link"),
    ("hurt", "v", 2, "injure", "v", 1, "hurt = cause bodily harm; WordNet ranks 'be the source of pain' first"),
    ("wounded", "a", 1, "wound", "v", 1, "the participle adjective; WordNet has no participle link"),
    ("lift", "v", 1, "raise", "v", 1, "news lifts rates and prices as it raises them"),
    ("hike", "v", 1, "increase", "v", 2, "hike = increase (WordNet's gloss of hike, 'boost')"),
    ("hike", "n", 2, "increase", "n", 1, "a hike is an increase (WordNet's gloss)"),
    ("soldier", "n", 1, "troops", "n", 1, "troops = soldiers collectively (WordNet's gloss)"),
    ("raise", "v", 1, "increase", "v", 2, "raise the amount = increase it (WordNet's hypernym)"),
]
# Negation cues: closed class of English grammar.
NEGATION_CUES = [
    "not", "no", "never", "n't", "nor", "neither", "none", "nobody", "nothing",
    "nowhere", "without", "cannot", "nor", "no one", "no longer", "not any",
]
# Negative implicative verbs (Karttunen 1971, "Implicative verbs", Language
# 47(2); Nairn, Condoravdi & Karttunen 2006): "X refused to resign" entails
# that X did not resign, so they negate the verb they govern. Only verbs
# whose every common reading is implicative: "decline" (also "fall") and
# "deny" (an opposite of "admit" in WordNet) are left out.
NEGATIVE_IMPLICATIVES = [
    "fail", "fails", "failed", "failing",
    "refuse", "refuses", "refused", "refusing",
    "refrain", "refrains", "refrained", "refraining",
    "neglect", "neglects", "neglected", "neglecting",
]
# Phrasal verbs that say their object does not hold or will not happen:
# "police ruled out arson" (it was not arson), "the union called off the
# strike" (there is no strike). Written for this project (CC0); a cue
# negates what follows it, so the passive ("the strike was called off")
# is not read.
NEGATIVE_PHRASAL_VERBS = [
    "rule out", "rules out", "ruled out", "ruling out",
    "call off", "calls off", "called off", "calling off",
]
NEGATED_AUXILIARIES = [
    "ain't", "aren't", "can't", "couldn't", "didn't", "doesn't", "don't",
    "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't", "needn't",
    "shan't", "shouldn't", "wasn't", "weren't", "won't", "wouldn't",
]
# Light verbs: with an adjective they say what one verb says, and WordNet's
# glosses define verbs that way ("convict": "find or declare guilty";
# "legalize": "make legal"; "worsen": "make worse"). Closed class of
# causative, declarative and inchoative verbs, written here (CC0).
LIGHT_VERBS = [
    "make", "render", "declare", "find", "pronounce", "prove", "hold", "keep",
    "set", "become", "get", "grow", "turn", "go", "fall",
]
# A gloss defines its verb this way only for the verb's first senses: a
# phrase is kept when the glossed sense is ranked at most this.
PHRASE_SENSES = 2
# A WordNet title is kept when the background corpus uses it before a name
# in at least this many documents.
MIN_TITLE_USES = 3
# Title abbreviations (news style) -> the WordNet title they stand for.
TITLE_ABBREVIATIONS = {
    "adm": "admiral", "amb": "ambassador", "brig gen": "brigadier general",
    "capt": "captain", "cdr": "commander", "cmdr": "commander", "col": "colonel",
    "cpl": "corporal", "det": "detective", "dr": "doctor", "fr": "father",
    "gen": "general", "gov": "governor", "lt": "lieutenant",
    "lt col": "lieutenant colonel", "lt gen": "lieutenant general",
    "lt gov": "lieutenant governor", "maj": "major", "maj gen": "major general",
    "mr": "mister", "mrs": "mrs", "ms": "ms", "msgr": "monsignor",
    "pres": "president", "prof": "professor", "pvt": "private",
    "rep": "representative", "rev": "reverend", "sen": "senator",
    "sgt": "sergeant", "supt": "superintendent", "pm": "prime minister",
    "vice adm": "vice admiral", "rear adm": "rear admiral",
}
# Words that combine with a title ("deputy minister", "acting president").
TITLE_MODIFIERS = [
    "acting", "assistant", "associate", "chief", "deputy", "ex", "first",
    "former", "interim", "junior", "principal", "senior", "under", "vice",
]
# WordNet synsets whose hyponyms (not instances) are titles and roles:
# (lemma, sense number).
TITLE_ROOTS = [
    ("head of state", 1), ("military officer", 1), ("official", 1),
    ("lawgiver", 1), ("sovereign", 1), ("aristocrat", 1), ("title", 6),
    ("clergyman", 1), ("executive", 1), ("diplomat", 1), ("spokesperson", 1),
    ("judge", 1), ("pope", 1), ("head", 4), ("chairman", 1), ("mayor", 1),
    ("governor", 1), ("professor", 1), ("doctor", 4), ("enlisted person", 1),
    ("police officer", 1), ("detective", 1), ("commissioner", 1),
    ("politician", 2), ("secretary", 1), ("minister", 2),
]
# WordNet synsets whose named members are international bodies.
BODY_ROOTS = ["international organization", "United Nations agency"]
# The last word of a number phrase multiplies it.
MAGNITUDES = [
    ("hundred", 1e2), ("thousand", 1e3), ("lakh", 1e5), ("million", 1e6),
    ("crore", 1e7), ("billion", 1e9), ("trillion", 1e12),
    ("k", 1e3), ("m", 1e6), ("mn", 1e6), ("mln", 1e6), ("bn", 1e9),
    ("bln", 1e9), ("b", 1e9), ("tn", 1e12), ("trn", 1e12),
]
UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
         "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
         "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
        "eighty", "ninety"]
ORDINAL_UNITS = ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth",
                 "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth",
                 "thirteenth", "fourteenth", "fifteenth", "sixteenth",
                 "seventeenth", "eighteenth", "nineteenth"]
# Common variants of the calendar's abbreviations.
CALENDAR_VARIANTS = {"tues": ("weekday", 2), "thur": ("weekday", 4),
                     "thurs": ("weekday", 4), "sept": ("month", 9)}


def log(msg):
    print(msg, file=sys.stderr)


def fail(msg):
    sys.exit(f"build_lexicon: {msg}")


# -------------------------------------------------------------- the sources
def ensure_apt(package, probe):
    if Path(probe).exists():
        return
    log(f"installing Debian package {package}")
    for cmd in (["apt-get", "update"], ["apt-get", "install", "-y", package]):
        if subprocess.run(cmd, stdout=subprocess.DEVNULL).returncode != 0:
            fail(f"{' '.join(cmd)} failed; install {package} by hand")
    if not Path(probe).exists():
        fail(f"{package} installed but {probe} is missing")


def pypi_file(name, version):
    """Path of the downloaded wheel or sdist of name==version."""
    folder = CACHE / "pypi" / f"{name}-{version}"
    files = sorted(folder.glob("*")) if folder.is_dir() else []
    if not files:
        folder.mkdir(parents=True, exist_ok=True)
        log(f"downloading {name}=={version} from PyPI")
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(folder), f"{name}=={version}"]
        if subprocess.run(cmd, stdout=subprocess.DEVNULL).returncode != 0:
            fail(f"{' '.join(cmd)} failed")
        files = sorted(folder.glob("*"))
    return files[0]


def archive_member(path, suffix):
    """Text of the member of a wheel (zip) or sdist (tar.gz) ending in suffix."""
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as z:
            names = [n for n in z.namelist() if n.endswith(suffix)]
            if names:
                return z.read(names[0]).decode("utf-8")
    else:
        with tarfile.open(path) as t:
            names = [m for m in t.getmembers() if m.name.endswith(suffix)]
            if names:
                return t.extractfile(names[0]).read().decode("utf-8")
    fail(f"{path}: no member ending in {suffix}")


def npm_file(name, version, member):
    folder = CACHE / "npm"
    tgz = folder / f"{name}-{version}.tgz"
    if not tgz.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        log(f"downloading {name}@{version} from npm")
        if subprocess.run(["npm", "pack", f"{name}@{version}"], cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode != 0:
            fail(f"npm pack {name}@{version} failed")
    with tarfile.open(tgz) as t:
        return t.extractfile(f"package/{member}").read().decode("utf-8")


def ascii_fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


WORD_RE = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def key(phrase):
    """The lookup key of a phrase, as `src/lexicon.rs` computes it: words
    (letters and digits, apostrophes inside), possessive "'s" dropped,
    lower-cased, joined by one space."""
    out = []
    for m in WORD_RE.finditer(phrase.replace("’", "'").lower()):
        w = m.group(0)
        if w.endswith("'s"):
            w = w[:-2]
        out.append(w)
    return " ".join(out)


def abbreviation(form):
    """"U.S.A." -> "USA": an all-capital abbreviation without its dots, or None."""
    letters = form.replace(".", "").replace(" ", "")
    if 2 <= len(letters) <= 6 and letters.isascii() and letters.isalpha() and letters.isupper():
        return letters
    return None


def header(title, sources, fmt):
    lines = [f"# crosscheck lexicon: {title}", "# generated by scripts/build_lexicon.py; do not edit"]
    lines += [f"# source: {s}" for s in sources]
    lines += [f"# format: {f}" for f in fmt]
    return "\n".join(lines) + "\n"


def write(name, head, rows):
    path = OUT / name
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(head)
        for r in rows:
            f.write(r + "\n")
    log(f"{path.relative_to(REPO)}: {len(rows)} rows, {path.stat().st_size} bytes")
    return path


# ------------------------------------------------------------ shared models
class Context:
    """Everything the sections share: WordNet, corpus counts, stems."""

    def __init__(self):
        ensure_apt("wordnet-base", WORDNET_DIR / "data.noun")
        self.wn = WordNet()
        self.form_df, self.sizes, self.total = background.form_document_frequencies()
        log(f"background corpus: {self.total} documents, {len(self.form_df)} word forms")
        # Lower-cased words written in lower case somewhere in WordNet.
        self.common = set()
        for s in self.wn.synsets.values():
            for w in s.words:
                if w.islower():
                    self.common.add(w)
        self.stems = {}

    def lemma_dfs(self):
        """(lemma, pos) -> documents containing a form of it (an upper bound:
        a form may belong to several lemmas)."""
        if not hasattr(self, "_lemma_dfs"):
            table = Counter()
            for form, n in self.form_df.items():
                if not form.isalpha():
                    continue
                for pos in "nvar":
                    for base in self.wn.morphy(form, pos):
                        table[(base, pos)] += n
            self._lemma_dfs = table
        return self._lemma_dfs

    def stem_all(self, forms):
        todo = sorted({f for f in forms if f not in self.stems})
        if todo:
            self.stems.update(background.rust_stems(todo))
        return {f: self.stems[f] for f in forms}


# --------------------------------------------------------------- stop words
def build_stopwords(ctx):
    text = archive_member(pypi_file(*STOPWORDS), "languages/english/default.txt")
    words = sorted({w.strip().lower() for w in text.splitlines() if w.strip()})
    head = header("English stop words",
                  [f"PyPI {STOPWORDS[0]} {STOPWORDS[1]} (ISC licence), languages/english/default.txt,",
                   "  which is the Snowball project's English stop-word list (BSD-3-Clause)"],
                  ["one lower-case word per line, sorted"])
    write("stopwords.txt", head, words)
    return set(words)


# ----------------------------------------------------------------- spelling
def build_spelling(ctx):
    text = archive_member(pypi_file(*BREAME), "breame/data/spelling_constants.py")
    tree = ast.parse(text)
    pairs = None
    for node in tree.body:
        if isinstance(node, ast.Assign) and node.targets[0].id == "BRITISH_ENGLISH_SPELLINGS":
            pairs = ast.literal_eval(node.value)
    if not pairs:
        fail("breame: BRITISH_ENGLISH_SPELLINGS not found")
    rows = []
    for brit, amer in sorted(pairs.items()):
        brit, amer = brit.strip().lower(), amer.strip().lower()
        if brit and amer and brit != amer and " " not in brit and " " not in amer:
            rows.append((brit, amer))
    head = header("British -> American spelling",
                  [f"PyPI {BREAME[0]} {BREAME[1]} (Apache-2.0), breame/data/spelling_constants.py",
                   "  (BRITISH_ENGLISH_SPELLINGS), lower-cased, single words only"],
                  ["british<TAB>american, sorted by the British form"])
    write("spelling.tsv", head, [f"{b}\t{a}" for b, a in rows])
    return dict(rows)


# ---------------------------------------------------------------- countries
COUNTRY_HYPERNYM = re.compile(r"\b(country|nation|state|kingdom|republic|sultanate|emirate|principality|monarchy|federation|commonwealth|island|archipelago|colony|dependency|territory|land)\b")


def wordnet_country(ctx, names, capitals):
    """The WordNet synset of a country: a noun.location instance of a
    country-like class among the senses of its names, preferring the one with
    a capital among its parts and avoiding former states."""
    wn = ctx.wn
    best = None
    for name in names:
        for rank, k in enumerate(wn.senses(name.lower(), "n")):
            s = wn.synsets[k]
            if s.lexfile != "noun.location":
                continue
            hyper = [wn.synsets[t] for sym, t, _, _ in s.pointers if sym == "@i"]
            if not any(COUNTRY_HYPERNYM.search(" ".join(h.words).lower()) for h in hyper):
                continue
            score = 0
            parts = [wn.synsets[t] for sym, t, _, _ in s.pointers if sym == "%p"]
            if any(c.lower() in (w.lower() for p in parts for w in p.words) for c in capitals):
                score += 2
            if re.match(r"(a |an )?(former|formerly|ancient)", s.gloss):
                score -= 3
            cand = (score, -rank, k)
            if best is None or cand > best:
                best = cand
    if best is None or best[0] < 0:
        return None
    return wn.synsets[best[2]]


def holonyms(ctx, synset, depth=3):
    """Synsets the synset is part of, up to `depth` levels."""
    out, frontier = set(), {synset.key}
    for _ in range(depth):
        frontier = {t for k in frontier for sym, t, _, _ in ctx.wn.synsets[k].pointers if sym == "#p"}
        out |= frontier
    return out


def capital_synonyms(ctx, capital, country):
    """Other names of a capital: the words of its WordNet synset, an instance
    of a capital that lies in the country's synset."""
    out = []
    for k in ctx.wn.senses(capital.lower(), "n"):
        s = ctx.wn.synsets[k]
        hyper = " ".join(w for sym, t, _, _ in s.pointers if sym == "@i" for w in ctx.wn.synsets[t].words)
        if "capital" in hyper and country.key in holonyms(ctx, s):
            out += [w for w in s.words if not abbreviation(w)]
    return out


def first_noun_sense_is(ctx, lemma, synset):
    """Whether the synset is the lemma's first noun sense among places and
    groups: "Turkey" the country is the first place, group or natural object called "turkey" (the bird
    does not count); "Europe" is first the continent, not the EU."""
    kinds = {"noun.location", "noun.group", "noun.object"}
    wn = ctx.wn
    lw = lemma.lower()
    all_senses = wn.senses(lw, "n")
    senses = [k for k in all_senses if wn.synsets[k].lexfile in kinds]
    if not senses or senses[0] != synset.key:
        return False
    # An ordinary word used mostly in other senses ("Man" for the Isle of
    # Man) is no alias: its other senses are tagged < 10 times in WordNet's
    # concordance ("turkey" the bird, "china" the porcelain are rare).
    other = sum(wn.tag_count(lw, "n", i) for i, k in enumerate(all_senses, 1) if wn.synsets[k].lexfile not in kinds)
    other += sum(wn.tag_count(lw, p, i) for p in "va" for i in range(1, len(wn.senses(lw, p)) + 1))
    return other < 10


def pertainyms_to(ctx, synset):
    """Adjectives pertaining to the synset ("French" -> France)."""
    wn = ctx.wn
    if not hasattr(ctx, "_pert_index"):
        idx = defaultdict(set)
        for s in wn.synsets.values():
            if s.pos != "a":
                continue
            for sym, t, src, _ in s.pointers:
                if sym == "\\" and src:
                    idx[t].add(s.words[src - 1])
        ctx._pert_index = idx
    return sorted(ctx._pert_index.get(synset.key, ()))


def inhabitants_of(ctx, synset):
    """Nouns for its people: noun.person synsets derived from the country or
    glossed "a native or inhabitant of <name>"."""
    wn = ctx.wn
    if not hasattr(ctx, "_inhab_index"):
        idx = defaultdict(set)
        for s in wn.synsets.values():
            if s.lexfile != "noun.person":
                continue
            m = re.match(r"(a |an )?(native|inhabitant|citizen|resident)( or (native|inhabitant|citizen|resident))? of (the )?([A-Z][\w' -]+?)(;|,|$| \()", s.gloss)
            if m:
                idx[m.group(6).strip().lower()].update(w for w in s.words if w[0].isupper())
        ctx._inhab_index = idx
    out = set()
    for w in synset.words:
        out |= ctx._inhab_index.get(w.lower(), set())
    return sorted(out)


def plural_forms(ctx, forms):
    """"+s" plurals of demonyms and currency names that the news corpus uses."""
    out = []
    for f in forms:
        for p in (f + "s",):
            if ctx.form_df.get(p.lower(), 0) >= MIN_FORM_DF and not p.lower().endswith("ss"):
                out.append(p)
    return out


def build_countries(ctx, stop):
    data = json.loads(npm_file(*WORLD_COUNTRIES, "countries.json"))
    wn = ctx.wn
    claims = defaultdict(set)  # key -> {(priority, code)}
    records = []
    for c in sorted(data, key=lambda c: c["cca3"]):
        name = c["name"]["common"]
        official = c["name"]["official"]
        capitals = list(c.get("capital") or [])
        aliases = {official}
        abbrevs = set()
        for alt in c.get("altSpellings", []):
            if alt == c["cca2"]:
                continue  # the bare ISO code: "IN", "IT", "TO" are words
            a = abbreviation(alt)
            if a:
                abbrevs.add(a)
            elif all(ord(ch) < 0x250 for ch in alt):  # Latin script only
                if "," in alt:
                    head_, _, tail = alt.partition(",")  # "Korea, Republic of"
                    alt = f"{tail.strip()} {head_.strip()}"
                aliases.add(alt)
        demonyms = set()
        eng = (c.get("demonyms") or {}).get("eng") or {}
        for g in ("m", "f"):
            if eng.get(g):
                demonyms.add(eng[g])
        syn = wordnet_country(ctx, [name, official] + sorted(aliases), capitals)
        if syn is not None:
            for w in syn.words:
                a = abbreviation(w)
                if a:
                    abbrevs.add(a)
                elif not w.lower().startswith("the ") and (w == name or first_noun_sense_is(ctx, w, syn)):
                    aliases.add(w)
            demonyms.update(pertainyms_to(ctx, syn))
            demonyms.update(inhabitants_of(ctx, syn))
            for cap in list(capitals):
                capitals += capital_synonyms(ctx, cap, syn)
        demonyms = {d for d in demonyms if d[0].isupper()}
        demonyms.update(plural_forms(ctx, sorted(demonyms)))
        aliases |= {ascii_fold(a) for a in aliases}
        capitals += [ascii_fold(c) for c in capitals if ascii_fold(c) != c]
        aliases.discard(name)
        rec = {
            "code": c["cca3"], "kind": "country", "name": name,
            "tier": 0 if c.get("unMember") else 1,
            "aliases": sorted(aliases), "abbrevs": sorted(abbrevs),
            "demonyms": sorted(demonyms), "capitals": sorted(set(capitals) - {name}),
        }
        records.append(rec)
    # International bodies: WordNet's international organizations.
    members = []
    for root_name in BODY_ROOTS:
        root = wn.synsets[wn.senses(root_name.lower(), "n")[0]]
        members += [t for sym, t, _, _ in sorted(root.pointers, key=lambda p: p[1]) if sym in ("~", "~i")]
    for t in members:
        s = wn.synsets[t]
        if s.words[0][0].islower():
            continue  # a kind of organization, not one body
        abbrevs = list(dict.fromkeys(abbreviation(w) for w in s.words if abbreviation(w)))
        name = next((w for w in s.words if not abbreviation(w)), None)
        if not abbrevs or name is None:
            continue  # only bodies known by an abbreviation: the major ones
        aliases = sorted(w for w in s.words if not abbreviation(w) and w != name and first_noun_sense_is(ctx, w, s))
        records.append({
            "code": abbrevs[0], "kind": "body", "name": name, "aliases": aliases, "tier": 0,
            "abbrevs": abbrevs, "demonyms": [], "capitals": [],
        })
    # Resolve keys claimed by several places: the higher priority wins (a
    # name before an alias, a demonym, a capital; a UN member before a
    # territory), a tie between two places drops the key ("Congo").
    prio = {"name": 0, "alias": 2, "abbrev": 2, "demonym": 4, "capital": 6}
    for rec in records:
        for kind, forms in (("name", [rec["name"]]), ("alias", rec["aliases"]), ("demonym", rec["demonyms"]), ("capital", rec["capitals"])):
            for f in forms:
                claims[key(f)].add((prio[kind] + rec["tier"], rec["code"]))
        for a in rec["abbrevs"]:
            claims["@" + a].add((prio["abbrev"] + rec["tier"], rec["code"]))
    dropped = set()
    for k, cl in claims.items():
        best = min(p for p, _ in cl)
        winners = {code for p, code in cl if p == best}
        if len(winners) > 1:
            dropped.add(k)
    out = []
    ambiguous = sorted(k for k in dropped)
    for rec in records:
        def keep(forms, abbrev=False):
            res = []
            for f in forms:
                k = ("@" + f) if abbrev else key(f)
                if not k or k in dropped:
                    continue
                best = min(p for p, _ in claims[k])
                if (best, rec["code"]) in claims[k]:
                    res.append(f)
            return sorted(set(res))
        cols = [keep(rec["aliases"]), keep(rec["abbrevs"], True), keep(rec["demonyms"]), keep(rec["capitals"])]
        common = sorted({f for f in [rec["name"]] + cols[0] + cols[2] + cols[3] if key(f) in ctx.common or key(f) in stop})
        out.append("\t".join([rec["code"], rec["kind"], rec["name"]] + ["|".join(x) for x in cols] + ["|".join(common)]))
    head = header("countries and international bodies",
                  [f"npm {WORLD_COUNTRIES[0]} {WORLD_COUNTRIES[1]} (mledoze/countries, ODbL 1.0): countries.json",
                   "  (common and official names, alternative spellings without the bare ISO code, English",
                   "  demonyms, capitals); WordNet 3.0 (WordNet 3.0 licence): the country's synset (more aliases",
                   "  and abbreviations), adjectives pertaining to it, nouns for its people, its capital's synset;",
                   "  bodies: WordNet members of 'international organization' and 'United Nations agency' known by an abbreviation.",
                   "  Plural demonyms: '+s' forms found in the background news corpus.",
                   f"  Keys claimed by two places with the same rank are dropped: {', '.join(k.lstrip('@') for k in ambiguous) or 'none'}."],
                  ["code<TAB>kind<TAB>name<TAB>aliases<TAB>abbreviations<TAB>demonyms<TAB>capitals<TAB>common",
                   "  lists are '|'-separated; code: ISO 3166-1 alpha-3 or the body's abbreviation; kind: country|body;",
                   "  abbreviations are matched only in capitals (dots ignored); common: forms that are also",
                   "  ordinary lower-case English words (WordNet), to be trusted only when capitalised"])
    write("countries.tsv", head, out)
    return records


# ------------------------------------------------------------------- titles
TOKEN_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|[.!?;:\"“”]")
FUNCTION_WORDS = {"of", "the", "for", "and", "on", "to", "in"}


def noun_weight(wn, lemma):
    return sum(wn.tag_count(lemma, "n", i) for i in range(1, len(wn.senses(lemma, "n")) + 1))


def adjective_weight(wn, lemma):
    return sum(wn.tag_count(lemma, "a", i) for i in range(1, len(wn.senses(lemma, "a")) + 1))


def title_usage(ctx, candidates):
    """In how many background documents each candidate stands, capitalised,
    before a capitalised word inside a sentence ("Defense Secretary Caspar
    Weinberger", "Gen Smith"): how news uses titles."""
    longest = max(len(c.split()) for c in candidates)
    docs_with = Counter()
    for _, docs in background.corpus():
        for doc in docs:
            toks = TOKEN_RE.findall(doc)
            found = set()
            for i, t in enumerate(toks):
                if not t[0].isupper() or i == 0 or not toks[i - 1][0].isalnum():
                    continue
                words_ = []
                for j in range(i, min(i + longest, len(toks) - 1)):
                    w = toks[j]
                    if not w[0].isalnum() or not (w[0].isupper() or (words_ and w in FUNCTION_WORDS)):
                        break
                    words_.append(w)
                    k = key(" ".join(words_))
                    nxt = toks[j + 1]
                    # The next word must look like a name: capitalised and
                    # not an ordinary word ("Federal Reserve" is no title).
                    if k in candidates and nxt[0].isupper() and nxt[0].isalpha() and nxt.lower() not in ctx.common:
                        found.add(k)
            docs_with.update(found)
    return docs_with


def build_titles(ctx, stop):
    wn = ctx.wn
    titles = {}
    for lemma, sense in TITLE_ROOTS:
        root = wn.senses(lemma, "n")[sense - 1]
        seen, stack = set(), [root]
        while stack:
            k = stack.pop()
            if k in seen:
                continue
            seen.add(k)
            s = wn.synsets[k]
            stack += [t for sym, t, _, _ in s.pointers if sym == "~"]
            for w in s.words:
                if abbreviation(w) and len(w.replace(".", "")) > 3:
                    continue
                lw = w.lower()
                words_ = key(lw).split()
                # Proper names are not titles: every word must be an
                # ordinary word or a title word.
                if not words_ or not all(x in ctx.common or x in stop for x in words_):
                    continue
                senses = wn.senses(lw, "n")
                if k not in senses[:2]:
                    continue  # a rare sense of the word ("voice", "coyote")
                if " " not in lw and adjective_weight(wn, lw) > noun_weight(wn, lw):
                    continue  # mostly an adjective ("federal", "regular")
                titles[key(w)] = "title"
    usage = title_usage(ctx, set(titles))
    titles = {k: v for k, v in titles.items() if usage[k] >= MIN_TITLE_USES}
    for full in TITLE_ABBREVIATIONS.values():
        titles[key(full)] = "title"
    for abbr, full in sorted(TITLE_ABBREVIATIONS.items()):
        if key(full) not in titles and not wn.senses(full, "n") and not wn.senses(full.replace(" ", "-"), "n"):
            fail(f"title abbreviation {abbr}: {full} is not a WordNet noun")
    rows = [f"{k}\ttitle\t" for k in sorted(titles)]
    rows += [f"{k}\tabbreviation\t{key(v)}" for k, v in sorted(TITLE_ABBREVIATIONS.items())]
    rows += [f"{m}\tmodifier\t" for m in sorted(TITLE_MODIFIERS)]
    head = header("titles, honorifics and roles",
                  ["WordNet 3.0 (WordNet 3.0 licence): hyponyms (not instances) of " + ", ".join(f"{l}#{s}" for l, s in TITLE_ROOTS) + ";",
                   "  a word is kept when that synset is among its two most frequent noun senses, it is no proper",
                   "  name nor mostly an adjective (cntlist tag counts), and news uses it as a title: capitalised",
                   "  inside a sentence before a capitalised word that is no ordinary lower-case word (a name),",
                   f"  in >= {MIN_TITLE_USES} background documents; plus the expansions of the abbreviations.",
                   "  Abbreviations and modifiers: news style, written for this project (CC0)."],
                  ["key<TAB>kind<TAB>expansion; key: lower-case words without dots joined by one space;",
                   "  kind: title | abbreviation (expansion given) | modifier (combines with a title)"])
    write("titles.tsv", head, rows)
    return titles


# ---------------------------------------------------------- synonym classes
def frequent_senses(wn, lemma, pos):
    senses = wn.senses(lemma, pos)
    if not senses:
        return []
    out = [senses[0]]
    if len(senses) > 1:
        t1, t2 = wn.tag_count(lemma, pos, 1), wn.tag_count(lemma, pos, 2)
        if t2 >= 2 and t2 >= SECOND_SENSE_SHARE * t1:
            out.append(senses[1])
    return out


def synonym_edges(ctx, nodes, freq, first):
    """Candidate links between news words, as (strength, a, b, kind, sense of
    a, sense of b); lower strength is stronger. See synonyms.tsv's header."""
    wn = ctx.wn
    out = {}

    def add(a, b, strength, kind, sa, sb):
        if a == b:
            return
        if b < a:
            a, b, sa, sb = b, a, sb, sa
        if (a, b, sa, sb) not in out or strength < out[(a, b, sa, sb)][0]:
            out[(a, b, sa, sb)] = (strength, kind)

    for n in sorted(nodes):
        lemma, pos = n
        for k in sorted(freq[n]):
            s = wn.synsets[k]
            # Synonyms: the synset is a frequent sense of both words (adverbs
            # join only through their adjective).
            if pos != "r":
                for w in s.lemmas():
                    m = (w, pos)
                    if m in nodes and k in freq[m]:
                        add(n, m, 0 if k == first[n] and k == first[m] else 2, "synonym", k, k)
            # Derivation, pertainym, participle: lexical pointers between
            # frequent senses of both words.
            for sym, t, tw in wn.lexical_pointers(s, lemma, {"+", "\\", "<"}):
                m = (tw, wn.synsets[t].pos) if tw else None
                if m in nodes and t in freq[m]:
                    both_first = k == first[n] and t == first[m]
                    kind = {"+": "derivation", "\\": "pertainym", "<": "participle"}[sym]
                    add(n, m, 1 if both_first else 3, kind, k, t)
            # Cause ("kill" > "die") from the word's first sense.
            for sym, t, src, _ in s.pointers:
                if sym == ">" and src == 0 and k == first[n]:
                    for w in wn.synsets[t].lemmas():
                        m = (w, "v")
                        if m in nodes and t in freq[m]:
                            add(n, m, 1, "cause", k, t)
    for a, pa, sa, b, pb, sb, _why in EXTRA_LINKS:
        if (a, pa) not in nodes or (b, pb) not in nodes:
            fail(f"extra link {a}.{pa} ~ {b}.{pb}: not in the news vocabulary")
        add((a, pa), (b, pb), -1, "extra", wn.senses(a, pa)[sa - 1], wn.senses(b, pb)[sb - 1])
    return sorted((st, a, b, kind, sa, sb) for (a, b, sa, sb), (st, kind) in out.items())


def cluster(nodes, edges, weight):
    """Merges linked words into classes, strongest links and most frequent
    words first. Each word takes part in one sense only: the sense of its
    first accepted link (so "decline" joins "worsen" or "reject", not both).
    Two classes merge only when the links between them number at least
    LINKAGE x sqrt(|A| x |B|): one link may add a word to a small class, a
    large class needs several, so chains of one-off links do not snowball.
    A noun and a verb spelt alike ("increase") always join."""
    adj = defaultdict(set)
    for _, a, b, *_ in edges:
        adj[a].add(b)
        adj[b].add(a)
    members = {n: {n} for n in nodes}
    root = {n: n for n in nodes}
    sense = {}
    order = sorted(edges, key=lambda e: (e[0], -min(weight[e[1]], weight[e[2]]), e[1], e[2]))
    for _ in range(2):
        for _, a, b, _, sa, sb in order:
            ra, rb = root[a], root[b]
            if ra == rb or sense.get(a, sa) != sa or sense.get(b, sb) != sb:
                continue
            small, big = (ra, rb) if len(members[ra]) <= len(members[rb]) else (rb, ra)
            links = sum(1 for x in members[small] for y in adj[x] if root[y] == big)
            same_word = a[0] == b[0]  # "increase" the noun and the verb
            if not same_word and links < LINKAGE * math.sqrt(len(members[small]) * len(members[big])):
                continue
            sense[a], sense[b] = sa, sb
            for x in members[small]:
                root[x] = big
            members[big] |= members.pop(small)
    return [sorted(g) for g in members.values()], sense


def build_synonyms(ctx, stop, spelling):
    wn = ctx.wn
    lemma_df = ctx.lemma_dfs()
    nodes = {n for n, df in lemma_df.items() if df >= MIN_NODE_DF and n[0].isalpha() and " " not in n[0] and n[0] not in stop}
    freq = {n: set(frequent_senses(wn, *n)) for n in nodes}
    # Names are for the place tables, not synonym classes: a word must be
    # written in lower case in one of its frequent senses.
    nodes = {n for n in nodes if any(n[0] in (w for w in wn.synsets[k].words) for k in freq[n])}
    freq = {n: freq[n] for n in nodes}
    first = {n: wn.senses(*n)[0] for n in nodes}
    edges = synonym_edges(ctx, nodes, freq, first)
    links = Counter(e[3] for e in edges)
    groups, joined_by = cluster(nodes, edges, lemma_df)
    classes = [g for g in groups if len({l for l, _ in g}) >= 2]
    # Deterministic ids: by the class's most frequent member, then its name.
    def label(g):
        return max(g, key=lambda n: (lemma_df[n], -len(n[0]), n[0]))
    classes.sort(key=lambda g: (label(g)[0], label(g)[1]))
    class_of = {}
    for i, g in enumerate(classes, 1):
        for n in g:
            class_of[n] = i
    # Word forms: every corpus form (and every member lemma) -> the class of
    # its most frequent reading.
    weight = {}
    for n in nodes:
        l, p = n
        weight[n] = sum(wn.tag_count(l, p, i) for i in range(1, len(wn.senses(l, p)) + 1))
    forms = {}
    candidates = {f for f, df in ctx.form_df.items() if df >= MIN_FORM_DF and f.isalpha()}
    candidates |= {n[0] for g in classes for n in g}
    for f in sorted(candidates):
        if f in stop:
            continue
        readings = []
        for pos in "vnar":
            for base in wn.morphy(f, pos):
                n = (base, pos)
                if n in nodes:
                    readings.append((weight[n], lemma_df[n], n))
        if not readings:
            continue
        best = max(readings)[2]
        if best in class_of:
            forms[f] = class_of[best]
    # Stems: the class with most document mass among the stem's forms.
    american = {f: spelling.get(f, f) for f in forms}
    stems = ctx.stem_all(sorted(set(american.values()) | set(forms)))
    mass = defaultdict(Counter)
    for f, c in forms.items():
        mass[stems[american[f]]][c] += max(ctx.form_df.get(f, 0), 1)
    stem_class = {s: max(cnt.items(), key=lambda kv: (kv[1], -kv[0]))[0] for s, cnt in mass.items()}
    rows = []
    for i, g in enumerate(classes, 1):
        lab = label(g)
        rows.append(f"C\t{i}\t{lab[0]}\t" + " ".join(f"{l}.{p}" for l, p in g))
    rows += [f"W\t{f}\t{c}" for f, c in sorted(forms.items())]
    rows += [f"S\t{s}\t{c}" for s, c in sorted(stem_class.items())]
    head = header("synonym and derivation classes",
                  ["WordNet 3.0 (WordNet 3.0 licence). Words: single-word lemmas whose forms occur in at least",
                   f"  {MIN_NODE_DF} documents of the background news corpus, stop words excluded. A word's frequent",
                   f"  senses: sense 1, and sense 2 when its tag count (cntlist) is >= {SECOND_SENSE_SHARE} x sense 1's and >= 2.",
                   "  Two words are linked when they share a synset that is a frequent sense of both, or when a",
                   "  derivation, pertainym, participle or cause pointer joins frequent senses of both. Classes",
                   "  grow from the strongest links (first senses of both words) and the most frequent words;",
                   "  each word joins through one sense only, and two classes merge only when the links between",
                   f"  them number >= {LINKAGE} x sqrt(|A| x |B|) (a noun and verb spelt alike always join). Links added by hand (WordNet lacks them): "
                   + "; ".join(f"{a}.{pa}#{sa} ~ {b}.{pb}#{sb} ({why})" for a, pa, sa, b, pb, sb, why in EXTRA_LINKS) + "."],
                  ["C<TAB>id<TAB>label<TAB>members (lemma.pos, space-separated): one line per class",
                   f"W<TAB>word form<TAB>class id: lower-cased forms (corpus df >= {MIN_FORM_DF}, and the members) ->",
                   "  the class of their most frequent reading (cntlist tag counts)",
                   "S<TAB>stem<TAB>class id: English Snowball stems (rust-stemmers) of the American spelling of",
                   "  those forms -> the class holding most of the stem's corpus documents"])
    write("synonyms.tsv", head, rows)
    log(f"synonym links: {dict(links)}; {len(classes)} classes; {len(forms)} forms; {len(stem_class)} stems")
    return classes, class_of, nodes, freq, joined_by


# ------------------------------------------------------------------ polarity
# English negative prefixes: "unsafe", "illegal", "disapprove", "nonbinding".
NEGATIVE_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non", "non-")


def affixal_negation(a, b):
    """Whether one word is the other with a negative prefix."""
    return any(y == p + x for x, y in ((a, b), (b, a)) for p in NEGATIVE_PREFIXES)


# Parts of speech whose antonym pointers extend to the target synset's
# other words.
MATE_POS = ("v", "a")


def dominant_pos(wn, lemma):
    """The part of speech a word is mostly used as: most semantic-concordance
    tags over all its senses, then most senses."""
    def weight(p):
        n = len(wn.senses(lemma, p))
        return (sum(wn.tag_count(lemma, p, i) for i in range(1, n + 1)), n)
    return max("nvar", key=weight)


def build_polarity(ctx, stop, spelling, syn):
    classes, class_of, nodes, freq, joined_by = syn
    wn = ctx.wn
    senses_of = defaultdict(set)  # (word, antonym) -> {(node, sense)}

    def top(n):
        return wn.senses(*n)[:ANTONYM_SENSES]

    for n in sorted(nodes):
        lemma, pos = n
        for k in top(n):
            s = wn.synsets[k]
            for sym, t, tw in wn.lexical_pointers(s, lemma, {"!"}):
                # The partner may be rarer than news vocabulary ("unsafe",
                # "unlawful"): an affixal opposite (the word with a negative
                # prefix) is kept when news uses it at all. Other rare
                # partners are left out: their Snowball stems often collide
                # with common words ("socialism" -> "social").
                # The affixal opposite may also be a synonym of the word the
                # pointer names ("safe" points at "dangerous", whose synset
                # holds "unsafe").
                # For verbs and adjectives the pointer's other words are
                # opposites too ("approve" points at "disapprove", whose
                # synset holds "reject" in its sense "deem wrong"): news
                # words mostly used as that part of speech ("husband" is a
                # noun first), whose top senses hold the target, outside
                # the word's own class. Noun synsets are roles and things
                # ("boy" / "daughter"), not polarity.
                partners = [tw] if tw else []
                partners += [w for w in wn.synsets[t].lemmas() if w != tw and affixal_negation(lemma, w)]
                mates = []
                if pos in MATE_POS:
                    mates = [w for w in wn.synsets[t].lemmas()
                             if w not in partners and " " not in w and dominant_pos(wn, w) == pos]
                for w in partners + mates:
                    m = (w, wn.synsets[t].pos)
                    rare_ok = affixal_negation(lemma, w) and ctx.form_df.get(w, 0) >= 1
                    if w in mates and (m not in nodes or (n in class_of and class_of.get(n) == class_of.get(m))):
                        continue
                    if (m in nodes or rare_ok) and t in top(m):
                        # The pair extends to the words' classes when each
                        # word joined its class through a sense the
                        # pointers link.
                        a, b = sorted([n, m])
                        senses_of[(a, b)] |= {(n, k), (m, t)}
    merged = {}
    for (a, b), used in senses_of.items():
        merged[(a, b)] = (a, joined_by.get(a)) in used and (b, joined_by.get(b)) in used
    same = [(a, b) for a, b in merged if a in class_of and class_of.get(a) == class_of.get(b)]
    if same:
        fail(f"antonyms inside one synonym class: {same[:10]}")
    forms = {l for p in merged for l, _ in p}
    stems = ctx.stem_all(sorted({spelling.get(f, f) for f in forms}))
    # The engine compares stems, and a stem may belong to a word of another
    # part of speech: "follower" (n) stems to "follow", the verb, so the
    # nouns "follower" / "leader" would make "follows" the opposite of
    # "leader". A pair of nouns (roles and things, not polarity) is dropped
    # when a stem is itself a news word that is never a noun; adjective and
    # adverb pairs ("confirmed" / "unconfirmed") keep their verbs' stems.
    pos_of = defaultdict(set)
    for l, p in nodes:
        pos_of[l].add(p)

    def owned_elsewhere(n):
        st = stems[spelling.get(n[0], n[0])]
        return n[1] == "n" and st != n[0] and pos_of.get(st) and n[1] not in pos_of[st]

    dropped = sorted(p for p in merged if owned_elsewhere(p[0]) or owned_elsewhere(p[1]))
    for p in dropped:
        del merged[p]
    log(f"antonyms: {len(dropped)} noun pairs dropped whose stem is another part of speech, e.g. {dropped[:3]}")

    def cls(n, ext):
        return str(class_of.get(n, 0)) if ext else "0"

    rows = sorted(
        f"{a[0]}\t{b[0]}\t{stems[spelling.get(a[0], a[0])]}\t{stems[spelling.get(b[0], b[0])]}\t{a[1]}\t{cls(a, ext)}\t{cls(b, ext)}"
        for (a, b), ext in merged.items()
    )
    head = header("antonym pairs",
                  [f"WordNet 3.0 (WordNet 3.0 licence): antonym pointers between senses ranked 1 to {ANTONYM_SENSES} of two",
                   "  news words (as in synonyms.tsv). A pair extends to the words' synonym classes when both",
                   "  words joined their classes through senses that antonym pointers link. A noun pair is dropped",
                   "  when a word's stem is a news word that is never a noun ('follower' -> 'follow')."],
                  ["word<TAB>antonym<TAB>stem<TAB>antonym stem<TAB>part of speech (n, v, a, r)<TAB>class id of the",
                   "  word<TAB>class id of the antonym (0: the pair holds for these stems only)"])
    write("antonyms.tsv", head, rows)
    cues = sorted(set(NEGATION_CUES) | set(NEGATED_AUXILIARIES) | set(NEGATIVE_IMPLICATIVES)
                  | set(NEGATIVE_PHRASAL_VERBS))
    head = header("negation cues", ["closed class of English grammar, written for this project (CC0); negative",
                                    "  implicative verbs after Karttunen (1971) and Nairn, Condoravdi & Karttunen (2006);",
                                    "  phrasal verbs negating their object ('ruled out arson', 'called off the strike')"],
                  ["one lower-case cue per line (a phrase has its words joined by one space); any word ending",
                   "  in \"n't\" is a cue too"])
    write("negation.txt", head, cues)
    return merged


# ----------------------------------------------------------------- phrases
def build_phrases(ctx, stop):
    """Light-verb phrases that mean one verb ("found the banker guilty" is
    "convicted"): from WordNet verb glosses of the form "<light verb> [or
    <light verb>] <adjective>", so that the verb's synonyms and opposites
    ("acquit") meet the phrase."""
    wn = ctx.wn

    def tags(lemma, pos):
        return sum(wn.tag_count(lemma, pos, i) for i in range(1, len(wn.senses(lemma, pos)) + 1))

    def news(word):
        return word.isalpha() and word.islower() and ctx.form_df.get(word, 0) >= MIN_NODE_DF

    gloss = re.compile(r"^(\w+)(?: or (\w+))? (\w+)$")
    meaning = {}
    for synset in sorted(wn.synsets.values(), key=lambda x: x.key):
        if synset.pos != "v":
            continue
        first = re.sub(r"\(.*?\)", "", synset.gloss.split(";")[0]).strip()
        m = gloss.match(first)
        if not m:
            continue
        lights = [w for w in (m.group(1), m.group(2)) if w]
        adjective = m.group(3)
        if not all(w in LIGHT_VERBS for w in lights) or not news(adjective) or adjective in stop:
            continue
        # Not a number ("became one of ..."): numbers are figures.
        if adjective in UNITS or adjective in ORDINAL_UNITS:
            continue
        # The word is mostly an adjective ("guilty"; not "back", "up").
        as_adjective = tags(adjective, "a") + tags(adjective, "s")
        if as_adjective == 0 or any(as_adjective < tags(adjective, p) for p in "nvr"):
            continue
        # Verbs mostly read as verbs ("convict"; not "legitimate", "bare").
        verbs = [w for w in synset.words
                 if news(w) and w != adjective and w not in stop
                 and synset.key in wn.senses(w, "v")[:PHRASE_SENSES]
                 and all(tags(w, "v") >= tags(w, p) for p in "nasr")]
        for light in lights:
            for verb in verbs:
                meaning.setdefault((light, adjective), set()).add(verb)
    # The verb news uses most, where several mean the phrase.
    chosen = {k: max(v, key=lambda w: (ctx.form_df[w], w)) for k, v in meaning.items()}
    forms = defaultdict(set)
    for f, df in ctx.form_df.items():
        if df >= MIN_FORM_DF and f.isalpha():
            for base in wn.morphy(f, "v"):
                if base in LIGHT_VERBS:
                    forms[base].add(f)
    rows = sorted(f"{form}\t{adjective}\t{verb}"
                  for (light, adjective), verb in chosen.items()
                  for form in sorted(forms[light] | {light}))
    head = header("light-verb phrases",
                  ["WordNet 3.0 (WordNet 3.0 licence): verb glosses of the form '<light verb> [or <light verb>]",
                   "  <adjective>' ('convict': 'find or declare guilty'), for the verb's senses ranked 1 to "
                   f"{PHRASE_SENSES};",
                   "  light verbs: a closed class written here (CC0); adjectives mostly read as adjectives and",
                   "  verbs as verbs (semantic-concordance tags), both in >= "
                   f"{MIN_NODE_DF} background documents; of several",
                   "  verbs, the one most documents use; the light verb's forms by morphy"],
                  ["light verb form<TAB>adjective<TAB>the verb the two mean"])
    write("phrases.tsv", head, rows)
    log(f"phrases: {len(chosen)} light verb + adjective pairs")


# ------------------------------------------------------------------- tolls
# The verbs every toll is a kind of: die and kill (a death), injure and hurt
# (an injury), as WordNet synsets (lemma, sense number).
TOLL_ROOTS = {"killed": [("die", 1), ("kill", 1)], "injured": [("injure", 1), ("hurt", 2)]}
# Hypernym steps from a verb's sense up to a toll root.
TOLL_DEPTH = 3


def build_tolls(ctx, stop):
    """Verbs that state a death or an injury without the words "die",
    "kill" or "injure": WordNet troponyms ("drown", "behead", "maim").
    A verb's readings: its first sense, and those of its next senses up to
    ANTONYM_SENSES tagged at least half as often as the first (and at least
    once), so that a rare reading ("eliminate": kill) does not make a
    common word a toll. A verb with a toll reading is a toll word; one with
    readings of both tolls ("shoot": hit, or kill) is neither."""
    wn = ctx.wn
    roots = {toll: {wn.senses(l, "v")[i - 1] for l, i in pairs} for toll, pairs in TOLL_ROOTS.items()}

    def tolls_of(k):
        seen, frontier = {k}, [k]
        for _ in range(TOLL_DEPTH):
            frontier = [t for f in frontier for sym, t, _, _ in wn.synsets[f].pointers if sym in ("@", "@i")]
            seen.update(frontier)
        return {toll for toll, r in roots.items() if seen & r}

    lemma_toll = {}
    for (lemma, pos), keys in sorted(wn.index.items()):
        if pos != "v" or not lemma.isalpha():
            continue
        first = wn.tag_count(lemma, "v", 1)
        readings = [k for i, k in enumerate(keys[:ANTONYM_SENSES], 1)
                    if i == 1 or wn.tag_count(lemma, "v", i) >= max(1, SECOND_SENSE_SHARE * first)]
        found = set().union(*(tolls_of(k) for k in readings))
        if len(found) == 1:
            lemma_toll[lemma] = found.pop()
    rows = []
    for f, df in sorted(ctx.form_df.items()):
        if df < MIN_FORM_DF or not f.isalpha() or f in stop:
            continue
        # A form that is also a noun ("flights", "stones", "james") is no
        # toll, unless it is a participle ("drowning", "wounded").
        if wn.morphy(f, "n") and not f.endswith(("ed", "ing")):
            continue
        found = {lemma_toll[b] for b in wn.morphy(f, "v") if b in lemma_toll}
        if len(found) == 1:
            rows.append(f"{f}\t{found.pop()}")
    head = header("toll verbs",
                  [f"WordNet 3.0 (WordNet 3.0 licence): verbs with a reading (sense 1, or senses 2 to {ANTONYM_SENSES} tagged",
                   f"  >= {SECOND_SENSE_SHARE} x sense 1's count and >= 1) that is a troponym (up to {TOLL_DEPTH} hypernym steps) of",
                   "  die.v#1 or kill.v#1 (killed) or of injure.v#1 or hurt.v#2 (injured), and no reading of the other",
                   f"  toll; their verb forms (morphy) found in >= {MIN_FORM_DF} background documents, except forms",
                   "  that are also nouns and not participles ('flights', 'stones')"],
                  ["word form<TAB>toll (killed or injured)"])
    write("tolls.tsv", head, rows)
    log(f"tolls: {len(lemma_toll)} verbs, {len(rows)} forms")


# ------------------------------------------------------------- noun classes
def noun_forms(ctx, stop):
    """Noun forms news uses (in >= MIN_NOUN_DF background documents), with
    their WordNet base forms (morphy)."""
    for f, df in sorted(ctx.form_df.items()):
        if df < MIN_NOUN_DF or not f.isalpha() or f in stop:
            continue
        bases = ctx.wn.morphy(f, "n")
        if bases:
            yield f, bases


def build_noun_classes(ctx, stop):
    wn = ctx.wn
    rows = []
    for f, bases in noun_forms(ctx, stop):
        base = bases[0]
        lex = wn.synsets[wn.senses(base, "n")[0]].lexfile
        rows.append(f"{f}\t{lex.split('.', 1)[1]}")
    head = header("counted-noun classes",
                  ["WordNet 3.0 (WordNet 3.0 licence): the lexicographer file of the first (most frequent) noun",
                   f"  sense of the word's base form (morphy); words: noun forms in >= {MIN_NOUN_DF} background documents"],
                  ["word form<TAB>class (WordNet noun.* file without 'noun.': person, group, artifact, quantity,",
                   "  possession, time, event, location, act, ...)"])
    write("noun_classes.tsv", head, rows)


# -------------------------------------------------------- counted-noun kinds
def root_distance(wn, key, memo):
    """Fewest hypernym steps from synset `key` up to a root."""
    if key not in memo:
        memo[key] = 0  # a guard against cycles
        ups = [t for sym, t, _, _ in wn.synsets[key].pointers if sym in ("@", "@i")]
        memo[key] = 1 + min((root_distance(wn, u, memo) for u in ups), default=-1)
    return memo[key]


def build_units(ctx, stop):
    """Which counted nouns count the same kind of thing: a noun's own first
    sense, named by that synset's first word ("automobiles" -> car), and
    the first words of its ancestors ("cars" -> vehicle). Two counts are of
    one kind when one's name is the other's name or one of its ancestors:
    "120,000 cars" and "120 thousand vehicles", "12 soldiers" and "12
    people", but not "soldiers" and "civilians" (siblings)."""
    wn = ctx.wn
    memo = {}
    first_word = lambda key: wn.synsets[key].words[0].lower()
    entries = []
    for f, bases in noun_forms(ctx, stop):
        if f in PERSON_PLURALS:
            bases = ["person"]
        # The base most often meant: "years" is a lemma (old age), but
        # counts of years are of "year".
        base = max(bases, key=lambda b: (wn.tag_count(b, "n", 1), -bases.index(b)))
        own = wn.senses(base, "n")[0]
        ancestors, frontier = [], [own]
        for _ in range(UNIT_DEPTH):
            frontier = [t for k in frontier for sym, t, _, _ in wn.synsets[k].pointers if sym == "@"]
            for k in frontier:
                name = first_word(k)
                if root_distance(wn, k, memo) >= UNIT_MIN_ROOT_DISTANCE and name not in ancestors:
                    ancestors.append(name)
        entries.append((f, first_word(own), ancestors))
    # Only ancestors that name some listed noun can ever be met.
    names = {own for _, own, _ in entries}
    rows = []
    for f, own, ancestors in entries:
        kept = [a for a in ancestors if a in names and a != own and " " not in a]
        rows.append(f"{f}\t{own}\t{','.join(kept)}")
    head = header("counted-noun kinds",
                  ["WordNet 3.0 (WordNet 3.0 licence): a noun form's first sense (of its base form, morphy,",
                   f"  whose first sense is tagged most often), named by the synset's first word, and the first words of its hypernyms up to {UNIT_DEPTH}",
                   f"  steps up that lie >= {UNIT_MIN_ROOT_DISTANCE} steps below the root and name a listed noun; 'people' and",
                   f"  'persons' count persons; words: noun forms in >= {MIN_NOUN_DF} background documents"],
                  ["word form<TAB>kind<TAB>ancestor kinds, comma-separated (may be empty)"])
    write("units.tsv", head, rows)


# -------------------------------------------------------------------- verbs
def build_verbs(ctx, stop):
    """Word forms that are verbs wherever news uses them: what a claim says
    happened ("sold", "drew"), as opposed to who or what it is about."""
    wn = ctx.wn

    def weight(lemma, pos):
        n = len(wn.senses(lemma, pos))
        return sum(wn.tag_count(lemma, pos, i) for i in range(1, n + 1))

    rows = []
    for f, df in sorted(ctx.form_df.items()):
        if df < MIN_NODE_DF or not f.isalpha() or f in stop:
            continue
        readings = [(weight(base, pos), pos) for pos in "vnar" for base in wn.morphy(f, pos)]
        if not readings:
            continue
        # The most tagged reading; on a tie, a noun or adjective wins.
        tags, pos = max(readings, key=lambda r: (r[0], r[1] != "v"))
        # A form that is itself a tagged noun ("meeting", "deal", "attack")
        # may be either in a sentence: only unambiguous forms are listed.
        if pos == "v" and tags >= MIN_VERB_TAGS and weight(f, "n") < MIN_VERB_TAGS:
            rows.append(f)
    head = header("verb forms",
                  ["WordNet 3.0 (WordNet 3.0 licence): lower-case word forms in >= "
                   f"{MIN_NODE_DF} background documents whose",
                   "  most frequent reading is a verb: over the base forms of every part of speech (morphy), the",
                   "  one with the most semantic-concordance tags (cntlist) over all its senses is a verb with",
                   f"  >= {MIN_VERB_TAGS} tags (a tie goes to the noun or adjective), and the form is not itself a noun",
                   f"  with >= {MIN_VERB_TAGS} tags ('meeting', 'attack': either in a sentence)"],
                  ["one word form per line"])
    write("verbs.tsv", head, rows)
    log(f"verbs: {len(rows)} forms")


# ----------------------------------------------------- numbers and currency
def build_numbers(ctx):
    rows = []
    for i, w in enumerate(UNITS):
        rows.append((w, i, "cardinal"))
    for t in range(2, 10):
        rows.append((TENS[t], t * 10, "cardinal"))
        for u in range(1, 10):
            rows.append((f"{TENS[t]} {UNITS[u]}", t * 10 + u, "cardinal"))
    for i, w in enumerate(ORDINAL_UNITS[1:], 1):
        rows.append((w, i, "ordinal"))
    for t in range(2, 10):
        rows.append((TENS[t][:-1] + "ieth", t * 10, "ordinal"))
        for u in range(1, 10):
            rows.append((f"{TENS[t]} {ORDINAL_UNITS[u]}", t * 10 + u, "ordinal"))
    for w, v in MAGNITUDES:
        rows.append((w, v, "magnitude"))
    for w, v in MAGNITUDES[:7]:
        rows.append((w + "s", v, "vague"))  # "thousands of": an order of magnitude
    rows += [("dozen", 12, "cardinal"), ("dozens", 12, "vague"), ("scores", 20, "vague"),
             ("half", 0.5, "fraction"), ("halves", 0.5, "fraction"), ("quarter", 0.25, "fraction"),
             ("quarters", 0.25, "fraction"), ("thirds", 1 / 3, "fraction"),
             ("percent", 1, "percent"), ("per cent", 1, "percent"), ("%", 1, "percent"),
             ("pct", 1, "percent"), ("percentage point", 1, "points"), ("percentage points", 1, "points"),
             ("basis point", 0.01, "points"), ("basis points", 0.01, "points")]
    def fmt(v):
        return repr(float(v)) if not float(v).is_integer() else str(int(v)) if abs(v) < 1e15 else repr(float(v))
    out = [f"{w}\t{fmt(v)}\t{k}" for w, v, k in rows]
    head = header("number words, magnitudes, fractions, percent",
                  ["English number grammar, generated by this script (CC0)"],
                  ["key<TAB>value<TAB>kind; kind: cardinal | ordinal | magnitude (multiplies the number before",
                   "  it: \"3 billion\", \"$3bn\") | vague (\"thousands\": an order of magnitude, not a figure) |",
                   "  fraction | percent | points (percentage or basis points); \"third\" is an ordinal here,",
                   "  and a fraction (1/3) after a number"])
    write("numbers.tsv", head, out)


def is_money(synset):
    return synset.lexfile == "noun.quantity" and ("money" in synset.gloss or "monetary" in synset.gloss)


def generic_currency_word(ctx, word):
    """Whether a one-word currency name ("dollar", "yen") may stand alone: it
    is no ordinary word, or a monetary unit is among its two most frequent
    noun senses and it is mostly a noun ("real", "mark", "bonds" are not)."""
    wn = ctx.wn
    lw = word.lower()
    if any(base != lw for base in wn.morphy(lw, "v")) or any(base != lw for base in wn.morphy(lw, "n")):
        return False  # an inflected form ("won", "bonds")
    if lw not in ctx.common:
        return True
    senses = wn.senses(lw, "n")[:2]
    if not any(is_money(wn.synsets[k]) for k in senses):
        return False
    return adjective_weight(wn, lw) <= noun_weight(wn, lw)


def build_currencies(ctx, records):
    data = json.loads(npm_file(*WORLD_COUNTRIES, "countries.json"))
    wn = ctx.wn
    users = defaultdict(list)  # code -> [country common names]
    info = {}
    for c in data:
        for code, cur in (c.get("currencies") or {}).items():
            users[code].append(c["name"]["common"])
            info.setdefault(code, []).append(cur)
    country_names = {r["name"]: r for r in records}
    forms = defaultdict(set)  # form -> {code}
    backed = defaultdict(set)  # bare name -> codes whose WordNet synset has it
    kinds = {}
    for code in sorted(info):
        names = {cur.get("name") or "" for cur in info[code]} - {""}
        symbols = sorted({cur.get("symbol") or "" for cur in info[code]} - {""})
        lasts = {n.split()[-1] for n in names}
        names |= lasts
        # WordNet's synset for the currency: a quantity glossed as the money
        # of one of the countries that use it.
        places = set()
        for u in users[code]:
            r = country_names.get(u)
            places |= {u} | (set(r["aliases"]) if r else set())
        for last in sorted(lasts):
            for k in wn.senses(last.lower(), "n"):
                s = wn.synsets[k]
                if is_money(s) and any(p in s.gloss for p in places):
                    names |= {w for w in s.words if w[0].islower() or w.split()[0][0].isupper()}
                    backed[key(last)].add(code)
        names = {n for n in names if n and (" " in n or generic_currency_word(ctx, n))}
        for n in names | set(plural_forms(ctx, sorted(n for n in names if " " not in n or True))):
            forms[key(n)].add(code)
            kinds[key(n)] = "name"
        for symbol in symbols:
            if symbol.isalpha() or any(ch.isspace() for ch in symbol) or any(ch.isalpha() and not ch.isascii() for ch in symbol):
                continue
            forms[symbol].add(code)
            kinds[symbol] = "symbol"
            if symbol == "$":
                forms[code[:2] + "$"].add(code)
                kinds[code[:2] + "$"] = "symbol"
        forms[code].add(code)
        kinds[code] = "code"
    rows = []
    for f in sorted(forms):
        base = f[:-1] if f.endswith("s") and f[:-1] in backed else f
        def rank(c):
            return (c in backed.get(base, ()), len(users[c]))
        codes = sorted(forms[f], key=lambda c: (-rank(c)[0], -rank(c)[1], c))
        primary = codes[0] if len(codes) == 1 or rank(codes[1]) < rank(codes[0]) else "-"
        rows.append(f"{f}\t{primary}\t{'|'.join(codes)}\t{kinds[f]}")
    head = header("currencies",
                  [f"npm {WORLD_COUNTRIES[0]} {WORLD_COUNTRIES[1]} (ODbL 1.0): currencies of every country (ISO 4217",
                   "  code, name, symbol); WordNet 3.0: the names of the monetary-unit synset glossed with a country",
                   "  that uses it ('pound sterling'); '$' symbols also prefixed with the code's country ('US$');",
                   "  '+s' plurals found in the background corpus. A form several currencies share belongs to",
                   "  the one WordNet gives it to, then the one most countries use; '-' when that is a tie."],
                  ["key<TAB>primary ISO code or -<TAB>all codes ('|')<TAB>kind (code: matched in capitals only |",
                   "  symbol: exact | name: lower-case key)"])
    write("currencies.tsv", head, rows)


def build_calendar(ctx, stop):
    locale.setlocale(locale.LC_TIME, "C")
    rows = {}
    for i in range(7):
        rows[calendar.day_name[i].lower()] = ("weekday", i + 1)
        rows[calendar.day_abbr[i].lower()] = ("weekday", i + 1)
    for i in range(1, 13):
        rows[calendar.month_name[i].lower()] = ("month", i)
        rows[calendar.month_abbr[i].lower()] = ("month", i)
    rows.update(CALENDAR_VARIANTS)
    out = []
    for w, (kind, n) in sorted(rows.items()):
        common = "common" if (w in ctx.common or w in stop) else ""
        out.append(f"{w}\t{kind}\t{n}\t{common}")
    head = header("weekday and month names",
                  ["Python's calendar module in the C locale (day_name, day_abbr, month_name, month_abbr);",
                   "  variants " + ", ".join(sorted(CALENDAR_VARIANTS)) + " added (CC0)"],
                  ["key<TAB>weekday|month<TAB>number (Monday = 1 .. Sunday = 7; January = 1)<TAB>'common' when the",
                   "  key is also an ordinary English word (WordNet): trust it only when capitalised"])
    write("calendar.tsv", head, out)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    ctx = Context()
    stop = build_stopwords(ctx)
    spelling = build_spelling(ctx)
    records = build_countries(ctx, stop)
    build_titles(ctx, stop)
    syn = build_synonyms(ctx, stop, spelling)
    build_polarity(ctx, stop, spelling, syn)
    build_noun_classes(ctx, stop)
    build_units(ctx, stop)
    build_verbs(ctx, stop)
    build_phrases(ctx, stop)
    build_tolls(ctx, stop)
    build_numbers(ctx)
    build_currencies(ctx, records)
    build_calendar(ctx, stop)
    n, total = background.build(ctx.form_df, ctx.sizes, ctx.total, spelling)
    log(f"data/lexicon/background_df.tsv: {n} stems over {total} documents")


if __name__ == "__main__":
    main()
