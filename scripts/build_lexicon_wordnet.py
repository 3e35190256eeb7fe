"""WordNet 3.0 database reader for the lexicon build (no third-party code).

Reads the Princeton WordNet 3.0 database files that Debian's `wordnet-base`
package installs under /usr/share/wordnet (data.*, index.*, *.exc,
cntlist.rev) and the lexicographer file names from its lexnames(5WN) man
page. Only what `build_lexicon.py` needs: synsets with their words, pointers
and glosses; sense ranking and tag counts; the morphological exceptions and
detachment rules of WordNet's `morphy`.
"""

import gzip
import re
from collections import defaultdict
from pathlib import Path

WORDNET_DIR = Path("/usr/share/wordnet")
LEXNAMES_MAN = Path("/usr/share/man/man5/lexnames.5WN.gz")
POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
# cntlist.rev's ss_type digits; 5 is an adjective satellite.
SS_TYPE_POS = {"1": "n", "2": "v", "3": "a", "4": "r", "5": "a"}
# Detachment rules of WordNet's morphy (morph.c), by part of speech.
MORPHY_RULES = {
    "n": [("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"),
          ("shes", "sh"), ("men", "man"), ("ies", "y")],
    "v": [("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"),
          ("ed", ""), ("ing", "e"), ("ing", "")],
    "a": [("er", ""), ("est", ""), ("er", "e"), ("est", "e")],
    "r": [],
}


class Synset:
    """One synset: offset, part of speech, lexicographer file, words,
    pointers and gloss."""

    __slots__ = ("key", "pos", "lexfile", "words", "pointers", "gloss")

    def __init__(self, key, pos, lexfile, words, pointers, gloss):
        self.key = key  # (pos, offset)
        self.pos = pos  # n, v, a (satellites included), r
        self.lexfile = lexfile  # e.g. "noun.person"
        self.words = words  # words as written ("United_States" -> "United States")
        # (symbol, target key, source word index, target word index);
        # word indexes are 1-based, 0 for a semantic (synset) pointer.
        self.pointers = pointers
        self.gloss = gloss

    def lemmas(self):
        """The synset's words, lower-cased (WordNet's index form)."""
        return [w.lower() for w in self.words]


class WordNet:
    """The whole database in memory (about 120k synsets)."""

    def __init__(self, root=WORDNET_DIR):
        self.root = Path(root)
        self.lexnames = read_lexnames()
        self.synsets = {}
        for pos, name in POS_FILES.items():
            self._read_data(pos, self.root / f"data.{name}")
        # (lemma, pos) -> [synset key] in sense order (most frequent first).
        self.index = {}
        for pos, name in POS_FILES.items():
            self._read_index(pos, self.root / f"index.{name}")
        # (lemma, pos, sense number) -> tag count from the semantic concordances.
        self.tag_counts = defaultdict(int)
        for line in (self.root / "cntlist.rev").read_text(encoding="latin-1").splitlines():
            parts = line.split()
            if len(parts) != 3:
                continue
            key, sense_no, count = parts
            lemma, rest = key.split("%", 1)
            pos = SS_TYPE_POS[rest[0]]
            self.tag_counts[(lemma, pos, int(sense_no))] += int(count)
        self.exceptions = {}
        for pos, name in POS_FILES.items():
            table = defaultdict(list)
            for line in (self.root / f"{name}.exc").read_text(encoding="latin-1").splitlines():
                parts = line.split()
                if len(parts) >= 2:
                    table[parts[0]].extend(parts[1:])
            self.exceptions[pos] = table

    def _read_data(self, pos, path):
        for line in path.read_text(encoding="latin-1").splitlines():
            if line.startswith("  "):
                continue  # licence header
            body, _, gloss = line.partition(" | ")
            f = body.split()
            offset, lexfile_no = f[0], int(f[1])
            n_words = int(f[3], 16)
            words = []
            i = 4
            for _ in range(n_words):
                word = re.sub(r"\((a|p|ip)\)$", "", f[i]).replace("_", " ")
                words.append(word)
                i += 2
            n_ptrs = int(f[i])
            i += 1
            pointers = []
            for _ in range(n_ptrs):
                sym, target, tpos, st = f[i], f[i + 1], f[i + 2], f[i + 3]
                tpos = "a" if tpos == "s" else tpos
                pointers.append((sym, (tpos, target), int(st[:2], 16), int(st[2:], 16)))
                i += 4
            key = (pos, offset)
            self.synsets[key] = Synset(
                key, pos, self.lexnames[lexfile_no], words, pointers, gloss.strip()
            )

    def _read_index(self, pos, path):
        for line in path.read_text(encoding="latin-1").splitlines():
            if line.startswith("  "):
                continue
            f = line.split()
            lemma = f[0].replace("_", " ")
            n_synsets = int(f[2])
            n_ptr_types = int(f[3])
            offsets = f[4 + n_ptr_types + 2:]
            assert len(offsets) == n_synsets, line
            self.index[(lemma, pos)] = [(pos, o) for o in offsets]

    def senses(self, lemma, pos):
        """Synset keys of `lemma` as `pos`, most frequent sense first."""
        return self.index.get((lemma, pos), [])

    def tag_count(self, lemma, pos, sense_no):
        """Semantic-concordance tag count of sense `sense_no` (1-based)."""
        return self.tag_counts.get((lemma, pos, sense_no), 0)

    def word_index(self, synset, lemma):
        """1-based position of `lemma` among the synset's words (0 if absent)."""
        for i, w in enumerate(synset.words, 1):
            if w.lower() == lemma:
                return i
        return 0

    def lexical_pointers(self, synset, lemma, symbols):
        """Pointers of `symbols` leaving `lemma` in `synset` (lexical ones from
        that word, and semantic ones from the whole synset), as
        (symbol, target synset, target lemma or None)."""
        wi = self.word_index(synset, lemma)
        out = []
        for sym, target, src, dst in synset.pointers:
            if sym not in symbols:
                continue
            if src == 0:
                out.append((sym, target, None))
            elif src == wi:
                tsyn = self.synsets[target]
                out.append((sym, target, tsyn.words[dst - 1].lower()))
        return out

    def morphy(self, form, pos):
        """Base forms of `form` as `pos` that WordNet lists (WordNet's morphy:
        the form itself, its exceptions, then the detachment rules)."""
        form = form.lower()
        out = []
        if (form, pos) in self.index:
            out.append(form)
        for base in self.exceptions[pos].get(form, []):
            base = base.replace("_", " ")
            if (base, pos) in self.index and base not in out:
                out.append(base)
        for suffix, repl in MORPHY_RULES[pos]:
            if form.endswith(suffix) and len(form) > len(suffix):
                base = form[: len(form) - len(suffix)] + repl
                if (base, pos) in self.index and base not in out:
                    out.append(base)
        return out


def read_lexnames():
    """Lexicographer file number -> name, from the lexnames(5WN) man page."""
    text = gzip.open(LEXNAMES_MAN, "rt", encoding="latin-1").read()
    names = {}
    for m in re.finditer(r"^(\d\d)\s+((?:adj|adv|noun|verb)\.\w+)", text, re.M):
        names[int(m.group(1))] = m.group(2)
    if len(names) != 45:
        raise SystemExit(f"{LEXNAMES_MAN}: expected 45 lexicographer files, found {len(names)}")
    return names
