//! Matching-only normalisation: folding quotes, dashes and case, American
//! spelling, stemming and stop words, place names and their abbreviations,
//! and named entities with identity keys.
//!
//! Nothing here changes displayed text: tokens and entities carry byte
//! offsets into the text they came from, and display uses those.
//!
//! General knowledge (countries with their aliases, abbreviations, demonyms
//! and capitals; titles; stop words; spelling; calendar words) comes from
//! [`crate::lexicon`]; no name of any story is written here. What the
//! lexicon does not hold is inferred from the text: transliteration
//! variants of a name share a skeleton ([`name_skeleton`]), an acronym
//! matches the name whose initials it spells ([`Entity::alias`]), and a bare
//! name is resolved against the full names of its article ([`NameTable`]).
//!
//! [`tokenize`] is on the matching hot path: words are folded and stemmed
//! once per distinct spelling (a per-thread cache), every table lookup is a
//! hash probe, and nothing is allocated per call beyond the tokens.

use crate::lexicon::{lexicon, NounClass, Place, PlaceForm, PlaceKind};
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use std::cell::{OnceCell, RefCell};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, OnceLock};

/// A word of a sentence, normalised for matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the word in the text it was taken from.
    pub start: usize,
    /// Byte offset one past the word.
    pub end: usize,
    /// Lower-cased, folded, American spelling ("Quake’s" -> "quake",
    /// "honour" -> "honor", "11,000" -> "11000").
    pub norm: Arc<str>,
    /// Stem of `norm` (English Snowball), the unit of term matching; for
    /// stop words and numbers it is `norm` itself; for a capitalised word
    /// the lexicon does not know (a name) it is the stem's
    /// [`name_skeleton`], so that "Tymoshenkov" and "Tymoshenkow" style
    /// variants ("-sky", "-skyy", "-skiy") share it.
    pub stem: Arc<str>,
    /// Whether the word is a stop word (carries no content).
    pub stop: bool,
    /// Whether the word starts with a capital letter in the original.
    pub capitalized: bool,
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘' | '`' | '´')
}

/// The byte spans of the words of `text`: runs of letters and digits, an
/// apostrophe between letters kept inside ("doesn’t", "O’Brien"), and `,`
/// or `.` between digits kept inside a number ("11,000", "3.5").
fn word_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut it = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some((s, c)) = it.next() {
            if !c.is_alphanumeric() {
                continue;
            }
            let mut end = s + c.len_utf8();
            let mut prev = c;
            while let Some(&(i, c2)) = it.peek() {
                if c2.is_alphanumeric() {
                    end = i + c2.len_utf8();
                    prev = c2;
                    it.next();
                    continue;
                }
                // Joiners: apostrophe between letters, , or . between digits.
                let next = text[i + c2.len_utf8()..].chars().next();
                let joins = match next {
                    Some(n) if is_apostrophe(c2) => prev.is_alphabetic() && n.is_alphabetic(),
                    Some(n) if c2 == ',' || c2 == '.' => {
                        prev.is_ascii_digit() && n.is_ascii_digit()
                    }
                    _ => false,
                };
                if !joins {
                    break;
                }
                it.next();
            }
            return Some((s, end));
        }
        None
    })
}

/// Splits `text` into word tokens; offsets are relative to `text`.
///
/// A word is a run of letters and digits; an apostrophe between letters
/// stays inside it ("doesn’t", "O’Brien"), and `,` or `.` between digits
/// inside a number ("11,000", "3.5"). Hyphens and dashes of every kind
/// split words, so "Jean-Luc" and "Jean Luc" give the same tokens. Places
/// are written one way: an abbreviation of a place in capitals ("US",
/// "U.S.", "UAE", "WHO") gives the words of the place's name ("united"
/// "states", ...), each spanning the abbreviation, and a multi-word alias
/// ("United States of America", "Federal Republic of Germany") gives the
/// words of the name, spanning the alias. Abbreviations in a run of
/// capitals that are not abbreviations ("AS WE SAID") stay words.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5);
    for (s, end) in word_spans(text) {
        push_word(text, s, end, &mut out);
    }
    contract_dotted(text, &mut out);
    contract_place_aliases(text, &mut out);
    out
}

/// Folded form, stem, stop flag of a word as written, and the name of the
/// place it abbreviates (capital abbreviations only).
#[derive(Debug, Clone)]
struct Folded {
    norm: Arc<str>,
    stem: Arc<str>,
    stop: bool,
    place: Option<&'static str>,
}

/// Entries kept in each per-thread cache before it is cleared.
const CACHE_LIMIT: usize = 200_000;

thread_local! {
    /// Word as written -> its folded form. News vocabulary repeats
    /// heavily, so this skips most folding, stemming and lexicon lookups on
    /// large corpora; it is cleared when it grows past [`CACHE_LIMIT`].
    static WORD_CACHE: RefCell<FxHashMap<Box<str>, Folded>> = RefCell::new(FxHashMap::default());
    /// Phrase key -> the place it names, for multi-word lookups.
    static PLACE_CACHE: RefCell<FxHashMap<Box<str>, Option<Place>>> = RefCell::new(FxHashMap::default());
    /// Scratch buffer for phrase keys.
    static KEY_BUF: RefCell<String> = const { RefCell::new(String::new()) };
}

fn fold_and_stem(word: &str) -> Folded {
    let hit = WORD_CACHE.with(|c| c.borrow().get(word).cloned());
    if let Some(f) = hit {
        return f;
    }
    let lex = lexicon();
    let norm = fold_word(word);
    let stop = is_stop_word(&norm);
    let digits = norm.bytes().any(|b| b.is_ascii_digit());
    // Stop words are never matched on, so their stem is the word itself.
    let stem = if stop || digits {
        norm.clone()
    } else {
        let s = stemmer().stem(&norm);
        let capitalized = word.chars().next().is_some_and(char::is_uppercase);
        if capitalized && is_unknown_word(&norm) {
            name_skeleton(&s)
        } else {
            s.into_owned()
        }
    };
    let place = if word.len() >= 2 && word.bytes().next().is_some_and(|b| b.is_ascii_uppercase()) {
        lex.place(word)
            .filter(|p| p.form == PlaceForm::Abbreviation)
            .map(|p| p.name)
    } else {
        None
    };
    let f = Folded {
        norm: norm.into(),
        stem: stem.into(),
        stop,
        place,
    };
    WORD_CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= CACHE_LIMIT {
            c.clear();
        }
        c.insert(word.into(), f.clone());
    });
    f
}

/// Whether the lexicon knows a lower-case word as an English word: in a
/// synonym class or a noun of WordNet. Capitalised words it does not know
/// are names.
fn is_unknown_word(norm: &str) -> bool {
    let lex = lexicon();
    lex.word_class(norm).is_none() && lex.noun_class(norm).is_none()
}

fn token(f: Folded, start: usize, end: usize, capitalized: bool) -> Token {
    Token {
        start,
        end,
        norm: f.norm,
        stem: f.stem,
        stop: f.stop,
        capitalized,
    }
}

/// Pushes the tokens of a place's name, each spanning `start..end`.
fn push_place_name(name: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    for (s, e) in word_spans(name) {
        out.push(token(fold_and_stem(&name[s..e]), start, end, true));
    }
}

fn push_word(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let word = &text[start..end];
    let capitalized = word.chars().next().is_some_and(char::is_uppercase);
    let f = fold_and_stem(word);
    if let Some(name) = f.place {
        if !shouted(text, start, end) {
            push_place_name(name, start, end, out);
            return;
        }
    }
    out.push(token(f, start, end, capitalized));
}

/// Whether a word in capitals stands among words in capitals that are not
/// abbreviations ("AS WE SAID"): then it is shouted, not abbreviated.
fn shouted(text: &str, start: usize, end: usize) -> bool {
    let all_caps = |w: &str| w.len() >= 2 && w.chars().all(|c| c.is_uppercase());
    if !all_caps(&text[start..end]) {
        return false;
    }
    let before = text[..start].trim_end_matches(|c: char| !c.is_alphanumeric());
    let prev = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let after = text[end..].trim_start_matches(|c: char| !c.is_alphanumeric());
    let next = after
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    [prev, next].iter().any(|w| {
        all_caps(w)
            && lexicon()
                .place(w)
                .is_none_or(|p| p.form != PlaceForm::Abbreviation)
    })
}

/// Dotted abbreviations ("U.S.", "U.A.E.") folded like their plain forms:
/// the single-letter tokens become the place's name, spanning the letters.
fn contract_dotted(text: &str, tokens: &mut Vec<Token>) {
    let single_cap = |t: &Token| {
        t.end == t.start + 1
            && text
                .as_bytes()
                .get(t.start)
                .is_some_and(u8::is_ascii_uppercase)
    };
    let mut i = 0;
    while i < tokens.len() {
        let mut j = i;
        while j < tokens.len()
            && single_cap(&tokens[j])
            && text.get(tokens[j].end..tokens[j].end + 1) == Some(".")
            && (j == i || tokens[j].start == tokens[j - 1].end + 1)
        {
            j += 1;
        }
        if j - i >= 2 {
            let (start, end) = (tokens[i].start, tokens[j - 1].end);
            let place = text
                .get(start..end)
                .and_then(|letters| lexicon().place(letters))
                .filter(|p| p.form == PlaceForm::Abbreviation);
            if let Some(p) = place {
                let mut new = Vec::new();
                push_place_name(p.name, start, end, &mut new);
                let n = new.len();
                tokens.splice(i..j, new);
                i += n.max(1);
                continue;
            }
        }
        i = j.max(i + 1);
    }
}

/// The place a lower-case phrase key names (memoised per thread).
fn place_of_key(key: &str) -> Option<Place> {
    if let Some(hit) = PLACE_CACHE.with(|c| c.borrow().get(key).copied()) {
        return hit;
    }
    let found = lexicon().place(key);
    PLACE_CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= CACHE_LIMIT {
            c.clear();
        }
        c.insert(key.into(), found);
    });
    found
}

/// The place named by the norms of `tokens`, joined by spaces.
fn place_of_tokens(tokens: &[Token]) -> Option<Place> {
    KEY_BUF.with(|b| {
        let mut b = b.borrow_mut();
        b.clear();
        for (k, t) in tokens.iter().enumerate() {
            if k > 0 {
                b.push(' ');
            }
            b.push_str(&t.norm);
        }
        place_of_key(&b)
    })
}

/// Multi-word aliases of places ("United States of America", "Federal
/// Republic of Germany") replaced by the words of the place's name,
/// in place. A candidate starts and ends with a capitalised word, with only
/// lower-case stop words ("of", "the") inside.
fn contract_place_aliases(text: &str, tokens: &mut Vec<Token>) {
    let max = lexicon().max_place_words();
    let mut i = 0;
    while i < tokens.len() {
        if !tokens[i].capitalized || tokens[i].stop {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut last_cap = i;
        while j < tokens.len() && j - i < max {
            let t = &tokens[j];
            let gap = text.get(tokens[j - 1].end..t.start).unwrap_or("");
            if !(joins(gap) || gap == "-") || !(t.capitalized || t.stop) {
                break;
            }
            if t.capitalized {
                last_cap = j;
            }
            j += 1;
        }
        let mut replaced = false;
        let mut end = last_cap + 1;
        while end >= i + 2 {
            if tokens[end - 1].capitalized {
                if let Some(p) = place_of_tokens(&tokens[i..end]) {
                    if matches!(p.form, PlaceForm::Alias | PlaceForm::Name) {
                        let (s, e) = (tokens[i].start, tokens[end - 1].end);
                        let mut new = Vec::new();
                        push_place_name(p.name, s, e, &mut new);
                        let same = new.len() == end - i
                            && new
                                .iter()
                                .zip(&tokens[i..end])
                                .all(|(a, b)| a.norm == b.norm);
                        let n = new.len();
                        if !same {
                            tokens.splice(i..end, new);
                        }
                        i += if same { end - i } else { n.max(1) };
                        replaced = true;
                        break;
                    }
                }
            }
            end -= 1;
        }
        if !replaced {
            i += 1;
        }
    }
}

/// The matching form of one word: lower case, apostrophes folded,
/// possessive dropped, digit-group commas dropped, British spelling mapped
/// to American (the lexicon's table).
pub fn fold_word(word: &str) -> String {
    let mut norm = String::with_capacity(word.len());
    let digits = word.bytes().next().is_some_and(|b| b.is_ascii_digit());
    for c in word.chars() {
        if is_apostrophe(c) {
            norm.push('\'');
        } else if digits && c == ',' {
            continue;
        } else {
            norm.extend(c.to_lowercase());
        }
    }
    if let Some(base) = norm.strip_suffix("'s") {
        norm.truncate(base.len());
    }
    match lexicon().american(&norm) {
        Some(us) => us.to_string(),
        None => norm,
    }
}

/// The transliteration skeleton of a name: lower case, accents dropped,
/// "y" after the first letter read as "i", a final "j" after "i" dropped,
/// and doubled letters written once. Spellings of one name in different
/// romanisations ("-sky", "-skyy", "-skiy", "-skyi", "-skyj"; "Mohammed" /
/// "Mohamed"; "Gaddafi" / "Gadafi") share it, while different names stay
/// apart. Used for name keys and for the stems of unknown capitalised
/// words, never for English words.
pub fn name_skeleton(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut prev: Option<char> = None;
    for (k, c) in word.chars().flat_map(char::to_lowercase).enumerate() {
        let c = match fold_accent(c) {
            'y' if k > 0 => 'i',
            c => c,
        };
        if prev == Some(c) && c.is_alphabetic() {
            continue;
        }
        out.push(c);
        prev = Some(c);
    }
    if out.len() > 2 && out.ends_with("ij") {
        out.pop();
    }
    out
}

/// A Latin letter without its accent ("é" -> "e", "š" -> "s").
fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ğ' | 'ģ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
        'ķ' => 'k',
        'ł' | 'ľ' | 'ļ' => 'l',
        'ñ' | 'ń' | 'ň' | 'ņ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ř' => 'r',
        'ś' | 'š' | 'ş' | 'ș' => 's',
        'ť' | 'ţ' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        c => c,
    }
}

/// Whether a lower-cased word (apostrophes folded to `'`) carries no
/// content for matching: a stop word of the lexicon (the Snowball list) or
/// one of the function words and reporting verbs it lacks ("said",
/// "according", "would", "also").
pub fn is_stop_word(word: &str) -> bool {
    lexicon().is_stop(word) || is_extra_stop(word)
}

/// Function words, modal verbs and reporting verbs that the Snowball list
/// lacks but that say nothing about which fact a sentence states.
fn is_extra_stop(w: &str) -> bool {
    matches!(
        w,
        "according"
            | "added"
            | "adding"
            | "almost"
            | "also"
            | "although"
            | "among"
            | "another"
            | "anyone"
            | "anything"
            | "around"
            | "became"
            | "become"
            | "can"
            | "could"
            | "either"
            | "else"
            | "even"
            | "ever"
            | "every"
            | "however"
            | "let"
            | "might"
            | "much"
            | "must"
            | "neither"
            | "now"
            | "onto"
            | "others"
            | "otherwise"
            | "per"
            | "quite"
            | "rather"
            | "said"
            | "say"
            | "saying"
            | "says"
            | "shall"
            | "since"
            | "still"
            | "though"
            | "thus"
            | "till"
            | "told"
            | "toward"
            | "towards"
            | "unless"
            | "upon"
            | "us"
            | "via"
            | "whether"
            | "whose"
            | "will"
            | "within"
            | "without"
            | "yet"
            | "across"
            | "amongst"
            | "just"
            | "it'll"
            | "that'll"
    )
}

/// What an entity names, as far as the lexicon and the text tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    /// A country or territory, or a capital (the city after a locative,
    /// else standing for its state).
    Place,
    /// An organisation: an international body, an acronym, or a name
    /// ending in an institution word ("Supreme Court", "Central Bank").
    Organization,
    /// A person: a titled name, a personal name of two or three words, or a
    /// bare name that the article's [`NameTable`] resolves.
    Person,
    /// Any other name (a region, a product, a name the text leaves open).
    Other,
}

/// A name mentioned in a text, with its identity key for matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Byte offset in the text.
    pub start: usize,
    /// Byte offset one past the name.
    pub end: usize,
    /// Canonical form ("france", "olaf scholz", "world health
    /// organization"): folded, titles stripped, a place by its lexicon name.
    pub canonical: String,
    /// Identity key for matching: equal keys are the same entity. A place
    /// is its lexicon name whichever way the text names it ("france" for
    /// "France", "French", "Paris said"; "paris" for the city "in Paris");
    /// a person is the [`name_skeleton`] of the surname in Western order
    /// ("scholz" for "Olaf Scholz" and "Scholz"), and a bare name that the
    /// article's [`NameTable`] resolves has the full name's key; any other
    /// name is the skeleton of its canonical form.
    ///
    /// A hyphen splits a name into words as a space does, whatever the case
    /// after it, so "Choi Hae Won", "Choi Hae-won" and "Choi Hae-Won" are all
    /// "choi hae won" keyed "won", and a hyphenated surname is keyed by its
    /// last part ("jones" for "Ann Smith-Jones" and "Smith-Jones"). A title
    /// word after given names and before nothing but a generational suffix
    /// is the surname, not a title ("king" for "Martin Luther King Jr.";
    /// "King Charles" stays "charles").
    pub key: String,
    /// A second key: the initials of a multi-word name that is neither a
    /// person nor a place ("federal aviation administration" -> "faa"),
    /// which an acronym elsewhere ("FAA") has as its key.
    pub alias: Option<String>,
    /// What the name is.
    pub kind: EntityKind,
}

impl Entity {
    /// Whether two mentions name the same entity: equal keys, or one's key
    /// is the initials the other's name spells ("FAA" and "Federal Aviation
    /// Administration"). Two aliases alone never match: different names
    /// share initials.
    pub fn same_as(&self, other: &Entity) -> bool {
        self.key == other.key
            || self.alias.as_deref() == Some(other.key.as_str())
            || other.alias.as_deref() == Some(self.key.as_str())
    }

    /// The entity's keys: its key, then its alias if any.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.key.as_str()).chain(self.alias.as_deref())
    }
}

/// The people an article names in full, so that a bare name elsewhere in it
/// ("Khamenei", or a surname-first name's first word such as "Lee" after
/// "Lee Jae Myung") resolves to the full name without any list of names,
/// and the capitalised words the article prints mid-sentence (names, as
/// opposed to a capitalised first word of a sentence).
///
/// Build it once per article with [`NameTable::of_text`], then read each
/// sentence's entities with [`entities_at`] (or [`entities_with`]).
#[derive(Debug, Clone, Default)]
pub struct NameTable {
    /// Full names of people in text order.
    people: Vec<FullName>,
    /// Skeleton of every word of a full name -> indices into `people`.
    by_word: HashMap<String, Vec<usize>>,
    /// Norms of capitalised words printed inside a sentence.
    mid_sentence: HashSet<Arc<str>>,
    /// The full names printed by its story's articles, for a bare name
    /// this article never prints in full ([`NameTable::with_story`]).
    story: Option<Arc<StoryNames>>,
}

/// The people a story's articles name in full, for a bare name that one
/// article prints without its full name: "President Xi" in one article and
/// "Xi Jinping" in another are one person, though neither article prints
/// both. Built from the articles' [`NameTable`]s, without any list of names.
#[derive(Debug, Default)]
pub struct StoryNames {
    /// Skeleton of every word of a full name -> the full names holding it,
    /// one per key.
    by_word: HashMap<String, Vec<FullName>>,
    /// The keys of the full names (their surnames in Western order).
    keys: HashSet<String>,
}

impl StoryNames {
    /// The full names of people in the given articles' tables.
    pub fn of_tables<'a>(tables: impl IntoIterator<Item = &'a NameTable>) -> StoryNames {
        let mut names = StoryNames::default();
        for t in tables {
            for p in &t.people {
                names.keys.insert(p.key.clone());
                for w in p.canonical.split(' ') {
                    let list = names.by_word.entry(name_skeleton(w)).or_default();
                    if !list.iter().any(|q| q.key == p.key) {
                        list.push(p.clone());
                    }
                }
            }
        }
        names
    }

    /// The one person a bare word names in this story: a word of full names
    /// of one key only, and not itself the key of a full name ("Trump" is
    /// already keyed as "Donald Trump" is; "Kim" of two different Kims
    /// stays unresolved).
    fn resolve(&self, norm: &str) -> Option<&FullName> {
        let word = name_skeleton(norm);
        if self.keys.contains(&word) {
            return None;
        }
        match self.by_word.get(&word)?.as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
struct FullName {
    at: usize,
    canonical: String,
    key: String,
}

impl NameTable {
    /// The full names and mid-sentence capitalised words of an article.
    pub fn of_text(text: &str) -> NameTable {
        let tokens = tokenize(text);
        let mut table = NameTable {
            mid_sentence: mid_sentence_norms(text, &tokens),
            ..NameTable::default()
        };
        let ctx = Ctx {
            table: Some(&table),
            at: None,
            mid: OnceCell::new(),
        };
        let found = find_entities(text, &tokens, &ctx);
        for e in found {
            if e.kind != EntityKind::Person || !e.canonical.contains(' ') {
                continue;
            }
            let idx = table.people.len();
            for w in e.canonical.split(' ') {
                let list = table.by_word.entry(name_skeleton(w)).or_default();
                if list.last() != Some(&idx) {
                    list.push(idx);
                }
            }
            table.people.push(FullName {
                at: e.start,
                canonical: e.canonical,
                key: e.key,
            });
        }
        table
    }

    /// The table, with the full names of its story's articles as a fallback
    /// for a bare name this article does not print in full (titled, or not
    /// an English word, so that a sentence-initial "Will" is never a
    /// person because another article names a Will).
    pub fn with_story(mut self, story: Arc<StoryNames>) -> NameTable {
        self.story = Some(story);
        self
    }

    /// The number of full names of people.
    pub fn len(&self) -> usize {
        self.people.len()
    }

    /// Whether the article names nobody in full.
    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
    }

    /// The full names of people, in text order: (canonical form, key).
    pub fn people(&self) -> impl Iterator<Item = (&str, &str)> {
        self.people
            .iter()
            .map(|p| (p.canonical.as_str(), p.key.as_str()))
    }

    /// The full name a bare word belongs to: the last one printed before
    /// byte `at` of the article, else the first one after; without `at`,
    /// the first one printed.
    fn resolve(&self, norm: &str, at: Option<usize>) -> Option<&FullName> {
        let hits = self.by_word.get(&name_skeleton(norm))?;
        let pick = match at {
            Some(at) => {
                let before =
                    hits.partition_point(|&i| self.people.get(i).is_some_and(|p| p.at < at));
                before
                    .checked_sub(1)
                    .and_then(|k| hits.get(k))
                    .or_else(|| hits.first())
            }
            None => hits.first(),
        };
        pick.and_then(|&i| self.people.get(i))
    }
}

/// What entity finding knows beyond the sentence.
struct Ctx<'a> {
    table: Option<&'a NameTable>,
    /// Byte offset of the sentence in its article.
    at: Option<usize>,
    /// Norms of the capitalised words printed inside a sentence of the
    /// text itself, built on first need (one pass, however long the text).
    mid: OnceCell<HashSet<Arc<str>>>,
}

/// Names in `text`: runs of capitalised words (joined by spaces, hyphens or
/// "of", a lower-case syllable after a hyphen kept: "Choi Hae-won"), with
/// titles stripped ("Chancellor Olaf Scholz" -> "olaf
/// scholz"), possessives dropped, places named one way ("U.S.", "US",
/// "United States of America", "American" -> "united states"), a capital
/// standing for its state ("Paris said" -> "france", "in Paris" stays
/// "paris"), and a demonym or place before a title given as its own entity
/// ("French President ..." -> "france" and the person). A lone capitalised
/// word opening a sentence is kept only if it is a place, an acronym, a
/// word the text also capitalises mid-sentence, or not an English word the
/// lexicon knows, so "However" or "Officials" are not names.
///
/// For sentences of an article, [`entities_at`] with the article's
/// [`NameTable`] also resolves bare names against the article's full names.
pub fn entities(text: &str) -> Vec<Entity> {
    entities_of_tokens(text, &tokenize(text), 0, None)
}

/// [`entities`] of one sentence of an article whose [`NameTable`] is
/// `table`: a bare name that is a word of a full name of the article
/// ("Lee" after "Lee Jae Myung", "Ishiba" after "Shigeru Ishiba") gets the full
/// name's canonical form and key; a lone sentence-initial word is a name
/// when the article prints it mid-sentence too. Resolves to the first full
/// name containing the word; see [`entities_at`] to prefer the most recent.
pub fn entities_with(sentence: &str, table: &NameTable) -> Vec<Entity> {
    let tokens = tokenize(sentence);
    find_entities(
        sentence,
        &tokens,
        &Ctx {
            table: Some(table),
            at: None,
            mid: OnceCell::new(),
        },
    )
}

/// [`entities_with`] for a sentence starting at byte `at` of its article:
/// a bare name resolves to the last full name containing it printed before
/// the sentence (else the first one after). Offsets stay relative to
/// `sentence`.
pub fn entities_at(sentence: &str, at: usize, table: &NameTable) -> Vec<Entity> {
    entities_of_tokens(sentence, &tokenize(sentence), at, Some(table))
}

/// [`entities`] (no `table`) or [`entities_at`] over tokens already taken
/// from `sentence` by [`tokenize`], for callers that need both.
pub(crate) fn entities_of_tokens(
    sentence: &str,
    tokens: &[Token],
    at: usize,
    table: Option<&NameTable>,
) -> Vec<Entity> {
    find_entities(
        sentence,
        tokens,
        &Ctx {
            table,
            at: table.map(|_| at),
            mid: OnceCell::new(),
        },
    )
}

fn find_entities(text: &str, tokens: &[Token], ctx: &Ctx<'_>) -> Vec<Entity> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !starts_name(&tokens[i]) {
            i += 1;
            continue;
        }
        // Grow the run.
        let s = i;
        let mut e = i + 1;
        while e < tokens.len() {
            let prev = &tokens[e - 1];
            let gap = text.get(prev.end..tokens[e].start).unwrap_or("");
            // "People's" opens names ("People's Party") rather than owning.
            if possessive(text, prev) && &*prev.norm != "people" {
                break;
            }
            let t = &tokens[e];
            let initial_letter = prev.norm.chars().count() == 1
                || text
                    .get(prev.start..prev.end)
                    .is_some_and(|w| w.contains('.'));
            let abbreviated = initial_letter || is_title_abbreviation(&prev.norm);
            let joined = joins(gap) || (abbreviated && (gap == "." || gap == ". "));
            let next_cap = tokens.get(e + 1).is_some_and(|n| n.capitalized);
            if joined && t.capitalized && (!t.stop || is_acronym(text, t)) {
                e += 1;
            } else if joined && !t.capitalized && &*t.norm == "of" && next_cap {
                // "Bank of England", "Secretary of State".
                e += 1;
            } else if is_hyphen(gap)
                && !t.capitalized
                && (next_cap || name_part(&t.norm) || given_name_syllable(text, tokens, s, e))
            {
                // "Jae-myung", "Commander-in-Chief", "Choi Hae-won"; not
                // "Paris-based" or "Donald Trump-era rules".
                e += 1;
            } else {
                break;
            }
        }
        // Trim calendar words and lower-case connectors at both ends.
        let mut a = s;
        let mut b = e;
        // "Shares of Acme": a capitalised sentence start joined by "of".
        if b - a >= 3
            && &*tokens[a + 1].norm == "of"
            && !tokens[a + 1].capitalized
            && sentence_initial(text, tokens, a)
            && is_common_english(&tokens[a].norm)
        {
            a += 2;
        }
        while a < b
            && (is_calendar(&tokens[a])
                || tokens[a].stop && !is_acronym(text, &tokens[a])
                || b - a >= 2
                    && is_sentence_adverb(&tokens[a].norm)
                    && sentence_initial(text, tokens, a))
        {
            a += 1;
        }
        while b > a {
            let t = &tokens[b - 1];
            let hyphened =
                b - 1 > a && is_hyphen(text.get(tokens[b - 2].end..t.start).unwrap_or(""));
            // "Theresa May": a month that is also a word ends a longer name.
            let surname = b - a >= 2
                && !is_calendar(&tokens[b - 2])
                && lexicon().calendar(&t.norm).is_some_and(|c| c.common_word);
            if (is_calendar(t) && !surname) || (!t.capitalized && !hyphened) {
                b -= 1;
            } else {
                break;
            }
        }
        if a < b {
            make_entity(text, tokens, a, b, ctx, &mut out);
        }
        i = e.max(i + 1);
    }
    out
}

/// Whether a lower-case word after a hyphen continues a name ("Jae-myung",
/// "Suk-yeol"): short, no English word the lexicon knows, no English
/// ending ("Paris-based", "state-owned"). [`given_name_syllable`] also
/// takes syllables the lexicon knows, after two name words.
fn name_part(norm: &str) -> bool {
    norm.len() <= 5 && !is_stop_word(norm) && is_unknown_word(norm) && !has_english_ending(norm)
}

/// Whether the lower-case word at `tokens[e]`, after a hyphen, is the last
/// syllable of a given name written with a hyphen ("Choi Hae-won", "Lee
/// Min-ho") rather than the English end of a compound adjective ("Donald
/// Trump-era rules"): it follows two or more capitalised words of the run
/// `s..e`, it is short and no stop word, has no English ending, and the
/// compound does not modify a following lower-case content word. The
/// syllable may be an English or proper noun of the lexicon ("won", "sung"),
/// which is why [`name_part`] alone does not take it. The spaced and
/// capitalised spellings ("Choi Hae Won", "Choi Hae-Won") give the same
/// words.
fn given_name_syllable(text: &str, tokens: &[Token], s: usize, e: usize) -> bool {
    let Some(t) = tokens.get(e) else {
        return false;
    };
    let names_before = e >= s + 2
        && tokens[e - 2..e]
            .iter()
            .all(|p| p.capitalized && !p.stop && p.norm.chars().all(char::is_alphabetic));
    if !names_before
        || t.norm.chars().count() > 5
        || !t.norm.chars().all(char::is_alphabetic)
        || is_stop_word(&t.norm)
        || has_english_ending(&t.norm)
    {
        return false;
    }
    // "Choi Hae-won's sister": a possessive is the name itself.
    if possessive(text, t) {
        return true;
    }
    let Some(next) = tokens.get(e + 1) else {
        return true;
    };
    let attributive = text.get(t.end..next.start) == Some(" ")
        && !next.capitalized
        && !next.stop
        && !lexicon().is_verb(&next.norm)
        && !is_sentence_adverb(&next.norm)
        && next.norm.chars().all(char::is_alphabetic);
    !attributive
}

/// Whether a lower-case word ends like an English participle, agent noun or
/// adverb, or is "-wide" ("based", "ruling", "leader", "only", "nationwide").
fn has_english_ending(norm: &str) -> bool {
    ["ed", "ing", "er", "ly", "wide"]
        .iter()
        .any(|e| norm.ends_with(e))
}

fn starts_name(t: &Token) -> bool {
    t.capitalized && t.norm.chars().next().is_some_and(char::is_alphabetic)
}

fn is_calendar(t: &Token) -> bool {
    lexicon().calendar(&t.norm).is_some()
}

/// Whether the text between two tokens keeps them in one name (" of " is
/// the gap left by a contracted alias with "of" inside).
fn joins(gap: &str) -> bool {
    gap.is_empty() || gap == " " || gap == " of " || is_hyphen(gap)
}

/// The hyphens that join the parts of a name ("Jae-myung").
const HYPHENS: [char; 3] = ['-', '‑', '‐'];

/// Whether the gap between two tokens is a single hyphen.
fn is_hyphen(gap: &str) -> bool {
    let mut cs = gap.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if HYPHENS.contains(&c))
}

fn possessive(text: &str, t: &Token) -> bool {
    let w = text.get(t.start..t.end).unwrap_or("");
    let mut cs = w.chars().rev();
    matches!((cs.next(), cs.next()), (Some('s' | 'S'), Some(c)) if is_apostrophe(c))
        || text
            .get(t.end..)
            .and_then(|r| r.chars().next())
            .is_some_and(is_apostrophe)
            && w.ends_with(['s', 'S'])
}

fn is_acronym(text: &str, t: &Token) -> bool {
    let w = text.get(t.start..t.end).unwrap_or("");
    let w = w
        .strip_suffix("’s")
        .or_else(|| w.strip_suffix("'s"))
        .unwrap_or(w);
    w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Whether token `i` opens a sentence, clause quote or the text.
fn sentence_initial(text: &str, tokens: &[Token], i: usize) -> bool {
    let before = match i.checked_sub(1).and_then(|p| tokens.get(p)) {
        Some(p) => text.get(p.end..tokens[i].start).unwrap_or(""),
        None => return true,
    };
    before.contains(['.', '!', '?', ':', ';', '“', '‘', '"', '(', '\n', '—', '–'])
        || before.trim_start().starts_with('\'')
}

/// The most words in a title phrase, the lexicon's or [`is_extra_title`]'s.
fn max_title_words() -> usize {
    lexicon().max_title_words().max(3)
}

/// Titles and roles written before names that the lexicon's title table
/// lacks (it keeps WordNet's titles that news prints before names).
fn is_extra_title(key: &str) -> bool {
    matches!(
        key,
        "leader"
            | "supreme leader"
            | "spokeswoman"
            | "spokesperson"
            | "chair"
            | "chairperson"
            | "envoy"
            | "speaker"
            | "ceo"
            | "sheikh"
            | "emir"
            | "ayatollah"
            | "lord"
            | "lady"
            | "dame"
            | "coach"
            | "justice"
            | "foreign secretary"
            | "commander in chief"
    )
}

fn is_title_key(key: &str) -> bool {
    lexicon().title(key).is_some() || is_extra_title(key)
}

/// Whether a phrase is a title or role written before names ("President",
/// "Prime Minister", "Lt. Gen.", "Supreme Leader", any case): the
/// lexicon's titles and their abbreviations, and a few roles it lacks.
/// With `modifiers`, also words that combine with titles ("Deputy",
/// "Acting", "Former").
pub fn is_title(phrase: &str, modifiers: bool) -> bool {
    let key = crate::lexicon::phrase_key(phrase);
    match lexicon().title(&key) {
        Some(t) => modifiers || t.kind != crate::lexicon::TitleKind::Modifier,
        None => is_extra_title(&key),
    }
}

/// Whether a lower-case word ends names of organisations and places
/// ("ministry", "council", "square"): a name ending in one is no person.
pub fn is_institution_word(word: &str) -> bool {
    is_institution(word)
}

fn is_title_abbreviation(norm: &str) -> bool {
    lexicon()
        .title(norm)
        .is_some_and(|t| t.kind == crate::lexicon::TitleKind::Abbreviation)
}

/// The number of tokens of the longest title phrase at `run[j..]`, or 0.
fn title_len(run: &[Token], j: usize, buf: &mut String) -> usize {
    let most = max_title_words().min(run.len() - j);
    for n in (1..=most).rev() {
        buf.clear();
        for (k, t) in run[j..j + n].iter().enumerate() {
            if k > 0 {
                buf.push(' ');
            }
            buf.push_str(&t.norm);
        }
        if is_title_key(buf) {
            return n;
        }
    }
    0
}

/// The title phrases of a run, left to right: (first token, one past last).
fn title_spans(run: &[Token]) -> Vec<(usize, usize)> {
    let mut buf = String::new();
    let mut spans = Vec::new();
    let mut j = 0;
    while j < run.len() {
        let n = title_len(run, j, &mut buf);
        if n > 0 {
            spans.push((j, j + n));
            j += n;
        } else {
            j += 1;
        }
    }
    spans
}

/// The entity (or entities) of tokens `a..b`: a place, or a demonym or
/// place before a title and the name after it.
fn make_entity(
    text: &str,
    tokens: &[Token],
    a: usize,
    b: usize,
    ctx: &Ctx<'_>,
    out: &mut Vec<Entity>,
) {
    let run = &tokens[a..b];
    if let Some(p) = place_of_tokens(run) {
        out.push(place_entity(text, tokens, a, b, p));
        return;
    }
    // "Shigeru Ishiba of Japan": a person, then a place.
    if let Some(k) = run.iter().position(|t| &*t.norm == "of" && !t.capitalized) {
        let (left, right) = (&run[..k], &run[k + 1..]);
        if left.len() >= 2
            && !right.is_empty()
            && place_of_tokens(right).is_some()
            && (looks_like_person(text, left) || !title_spans(left).is_empty())
        {
            make_entity(text, tokens, a, a + k, ctx, out);
            make_entity(text, tokens, a + k + 1, b, ctx, out);
            return;
        }
    }
    // Titles: a place before the first one is an entity of its own; the
    // name starts after the last one that a further name follows. A title
    // word ending the name, before nothing or a generational suffix only,
    // is a surname ("former premier John Major", "Martin Luther King Jr.").
    let spans = title_spans(run);
    let named = without_suffix(run).len();
    let first_title = spans.first().map(|s| s.0);
    let prefix_place = first_title
        .filter(|&t| t > 0)
        .and_then(|t| place_of_tokens(&run[..t]).map(|p| (t, p)));
    let contiguous = spans.windows(2).all(|w| w[0].1 == w[1].0);
    let only_titles = contiguous && spans.last().is_some_and(|s| s.1 == run.len());
    if let Some((t, p)) = prefix_place {
        out.push(place_entity(text, tokens, a, a + t, p));
    }
    if only_titles && (first_title == Some(0) || prefix_place.is_some()) {
        // "the French President": the place was the name. But a last title
        // word that is a word of a full name the article prints is that
        // person ("Dr. King" after "Martin Luther King").
        let from = prefix_place.map_or(0, |(t, _)| t);
        if let Some(&(j, k)) = spans.last() {
            let surname = k == j + 1
                && j >= from
                && ctx
                    .table
                    .is_some_and(|t| t.resolve(&run[j].norm, ctx.at).is_some());
            if surname {
                name_entity(text, tokens, a + j, b, j > from, ctx, out);
            }
        }
        return;
    }
    let mut first = spans.iter().rev().find(|s| s.1 < named).map_or(0, |s| s.1);
    if let Some((t, _)) = prefix_place {
        first = first.max(t);
    }
    // A title word opening another kind of name ("General Assembly"); an
    // abbreviated title ("Mr.", "Gen.") is always followed by a person
    // ("Mr. Moon").
    let abbreviated = spans
        .iter()
        .find(|s| s.1 == first)
        .is_some_and(|s| s.1 == s.0 + 1 && is_title_abbreviation(&run[s.0].norm));
    if first > 0 && !abbreviated && not_a_name_after_title(&run[first..]) {
        first = prefix_place.map_or(0, |(t, _)| t);
    }
    let titled = first > prefix_place.map_or(0, |(t, _)| t);
    name_entity(text, tokens, a + first, b, titled, ctx, out);
}

/// Whether the words after a title make something else than a person's
/// name: an institution ("General Assembly") or a common word ("General
/// Motors", "General Staff").
fn not_a_name_after_title(name: &[Token]) -> bool {
    if name.last().is_some_and(|t| is_institution(&t.norm)) {
        return true;
    }
    let [t] = name else {
        return false;
    };
    let lex = lexicon();
    // A word that is a numeral only ("Xi", the Roman eleven) is no common
    // word after a title: "President Xi".
    let numeral = lex
        .word_class(&t.norm)
        .and_then(|c| lex.class_label(c))
        .is_some_and(|label| lex.number_word(label).is_some());
    if numeral {
        return false;
    }
    let noun = lex.noun_class(&t.norm);
    noun == Some(NounClass::Group)
        || (lex.word_class(&t.norm).is_some() && noun != Some(NounClass::Person))
        || (noun.is_some_and(|n| n != NounClass::Person)
            && t.norm.ends_with('s')
            && !t.norm.ends_with("ss"))
}

fn place_entity(text: &str, tokens: &[Token], a: usize, b: usize, p: Place) -> Entity {
    let (start, end) = (tokens[a].start, tokens[b - 1].end);
    if p.form == PlaceForm::Capital && capital_is_city(text, tokens, a, b) {
        let city = joined_norms(&tokens[a..b]);
        return Entity {
            start,
            end,
            key: city.clone(),
            canonical: city,
            alias: None,
            kind: EntityKind::Place,
        };
    }
    let name = crate::lexicon::phrase_key(p.name).into_owned();
    Entity {
        start,
        end,
        key: name.clone(),
        canonical: name,
        alias: None,
        kind: if p.kind == PlaceKind::Body {
            EntityKind::Organization
        } else {
            EntityKind::Place
        },
    }
}

fn joined_norms(tokens: &[Token]) -> String {
    let mut s = String::new();
    for (k, t) in tokens.iter().enumerate() {
        if k > 0 {
            s.push(' ');
        }
        s.push_str(&t.norm);
    }
    s
}

/// The skeletons of the words of a name, joined by spaces.
fn skeleton_key(name: &[Token]) -> String {
    let mut s = String::new();
    for (k, t) in name.iter().enumerate() {
        if k > 0 {
            s.push(' ');
        }
        s.push_str(&name_skeleton(&t.norm));
    }
    s
}

/// The initials of a name's content words, if there are at least two
/// ("Federal Aviation Administration" -> "faa").
fn initials(name: &[Token]) -> Option<String> {
    let s: String = name
        .iter()
        .filter(|t| !t.stop)
        .filter_map(|t| t.norm.chars().next())
        .filter(|c| c.is_alphabetic())
        .collect();
    (s.chars().count() >= 2).then_some(s)
}

/// The name at tokens `a..b` (titles already stripped).
fn name_entity(
    text: &str,
    tokens: &[Token],
    a: usize,
    b: usize,
    titled: bool,
    ctx: &Ctx<'_>,
    out: &mut Vec<Entity>,
) {
    let name = &tokens[a..b];
    let (Some(head), Some(tail)) = (name.first(), name.last()) else {
        return;
    };
    let (start, end) = (head.start, tail.end);
    let full = name;
    // "Jesse Jackson Jr.": the generational suffix is not the surname.
    let name = without_suffix(name);
    let tail = name.last().unwrap_or(tail);
    let single = name.len() == 1;
    if single && (head.stop || head.norm.chars().count() < 2) {
        return;
    }
    if let Some(p) = place_of_tokens(name) {
        out.push(place_entity(text, tokens, a, b, p));
        return;
    }
    let acronym = single && is_acronym(text, head);
    let resolved = if single && !acronym {
        ctx.table.and_then(|t| {
            t.resolve(&head.norm, ctx.at).or_else(|| {
                let story = t.story.as_deref()?;
                (titled || !is_common_english(&head.norm))
                    .then(|| story.resolve(&head.norm))
                    .flatten()
            })
        })
    } else {
        None
    };
    // A word before a generational suffix ("Charles III") is a name.
    if single
        && full.len() == 1
        && !titled
        && !acronym
        && resolved.is_none()
        && sentence_initial(text, tokens, a)
        && !printed_mid_sentence(text, tokens, a, ctx)
        && is_common_english(&head.norm)
    {
        return;
    }
    let canonical = joined_norms(full);
    let entity = |key: String, alias: Option<String>, kind: EntityKind| Entity {
        start,
        end,
        canonical: canonical.clone(),
        key,
        alias,
        kind,
    };
    if acronym {
        out.push(entity(
            head.norm.to_string(),
            None,
            EntityKind::Organization,
        ));
        return;
    }
    if let Some(full) = resolved {
        out.push(Entity {
            start,
            end,
            canonical: full.canonical.clone(),
            key: full.key.clone(),
            alias: None,
            kind: EntityKind::Person,
        });
        return;
    }
    if is_institution(&tail.norm) && !single {
        // "Japanese Defense Ministry" style names: the place they belong to,
        // then the organisation.
        if let Some((n, p)) = (1..name.len()).rev().find_map(|n| {
            place_of_tokens(&name[..n])
                .filter(|p| {
                    matches!(
                        p.form,
                        PlaceForm::Name
                            | PlaceForm::Alias
                            | PlaceForm::Abbreviation
                            | PlaceForm::Demonym
                    )
                })
                .map(|p| (n, p))
        }) {
            out.push(place_entity(text, tokens, a, a + n, p));
        }
        out.push(entity(
            skeleton_key(name),
            initials(name),
            EntityKind::Organization,
        ));
        return;
    }
    if !single && (titled || looks_like_person(text, name)) {
        out.push(entity(name_skeleton(&tail.norm), None, EntityKind::Person));
        return;
    }
    let kind = if titled {
        EntityKind::Person
    } else {
        EntityKind::Other
    };
    let alias = if single { None } else { initials(name) };
    out.push(entity(skeleton_key(name), alias, kind));
}

/// Whether the word at token `i`, which opens a sentence, is printed
/// capitalised inside a sentence of the text or of its article.
fn printed_mid_sentence(text: &str, tokens: &[Token], i: usize, ctx: &Ctx<'_>) -> bool {
    let norm = &tokens[i].norm;
    if ctx.table.is_some_and(|t| t.mid_sentence.contains(&**norm)) {
        return true;
    }
    ctx.mid
        .get_or_init(|| mid_sentence_norms(text, tokens))
        .contains(&**norm)
}

/// The norms of the capitalised words printed inside a sentence (not
/// opening one) of `text`.
fn mid_sentence_norms(text: &str, tokens: &[Token]) -> HashSet<Arc<str>> {
    tokens
        .iter()
        .enumerate()
        .filter(|(k, t)| t.capitalized && !t.stop && !sentence_initial(text, tokens, *k))
        .map(|(_, t)| t.norm.clone())
        .collect()
}

/// Whether a lower-case word is ordinary English as the lexicon knows it
/// (a stop word, a calendar or number word, a word of a synonym class, a
/// noun other than a singular noun for a person), or a sentence adverb;
/// capitalised at the start of a sentence, it is then no name.
fn is_common_english(norm: &str) -> bool {
    let lex = lexicon();
    if is_stop_word(norm)
        || is_sentence_word(norm)
        || lex.calendar(norm).is_some()
        || lex.number(norm).is_some()
        || lex.word_class(norm).is_some()
    {
        return true;
    }
    match lex.noun_class(norm) {
        Some(NounClass::Person) => norm.ends_with('s') && !norm.ends_with("ss"),
        Some(_) => true,
        None => norm.len() >= 6 && norm.ends_with("ly"),
    }
}

/// A sentence adverb or connective opening a run of capitalised words
/// ("Later Lee said", "Separately Acme said"): not part of the name.
fn is_sentence_adverb(norm: &str) -> bool {
    is_sentence_word(norm) || (norm.len() >= 6 && norm.ends_with("ly") && is_unknown_word(norm))
}

/// Adverbs, determiners and connectives that open sentences and that the
/// lexicon's tables (nouns, synonym classes, stop words) do not hold.
fn is_sentence_word(w: &str) -> bool {
    matches!(
        w,
        "however"
            | "meanwhile"
            | "moreover"
            | "nevertheless"
            | "nonetheless"
            | "furthermore"
            | "instead"
            | "later"
            | "earlier"
            | "then"
            | "today"
            | "yesterday"
            | "tonight"
            | "tomorrow"
            | "here"
            | "there"
            | "hence"
            | "therefore"
            | "besides"
            | "indeed"
            | "perhaps"
            | "maybe"
            | "already"
            | "overall"
            | "many"
            | "several"
            | "last"
            | "next"
            | "first"
            | "despite"
            | "amid"
            | "unlike"
            | "like"
            | "following"
            | "including"
            | "whereas"
            | "yes"
            | "please"
            | "thanks"
            | "sources"
            | "photo"
            | "pictured"
    )
}

/// Two or three capitalised words (besides middle initials and a
/// generational suffix), none an institution word, a place or an acronym,
/// none shaped like a common noun or adjective ("-tion", "-ment", "-al",
/// the plural of a common word): probably a person ("Olaf Scholz", "Lee
/// Jae Myung", "Robert L. Wilkins"), whose key is the surname.
fn looks_like_person(text: &str, name: &[Token]) -> bool {
    let words = name_words(name);
    (2..=3).contains(&words.len())
        && words
            .iter()
            .all(|t| plain_name_word(text, t) && !name_word_looks_common(&t.norm))
}

/// The words of a name that say who it is: without a generational suffix,
/// and without middle initials ("Robert L. Wilkins": Robert, Wilkins).
fn name_words(name: &[Token]) -> Vec<&Token> {
    let name = without_suffix(name);
    let last = name.len().saturating_sub(1);
    name.iter()
        .enumerate()
        .filter(|&(k, t)| k == 0 || k == last || !is_initial(t))
        .map(|(_, t)| t)
        .collect()
}

/// A capitalised word of letters that is no stop word, acronym, place or
/// word ending an institution's name; a lower-case syllable straight after
/// a hyphen counts as capitalised ("won" of "Choi Hae-won").
fn plain_name_word(text: &str, t: &Token) -> bool {
    (t.capitalized || after_hyphen(text, t))
        && !t.stop
        && !is_acronym(text, t)
        && !is_institution(&t.norm)
        && place_of_key(&t.norm).is_none()
        && t.norm.chars().all(char::is_alphabetic)
}

/// Whether a word is written straight after a hyphen ("won" of "Hae-won").
fn after_hyphen(text: &str, t: &Token) -> bool {
    text.get(..t.start).is_some_and(|b| b.ends_with(HYPHENS))
}

/// A single letter, as a middle initial is ("L" of "Robert L. Wilkins").
fn is_initial(t: &Token) -> bool {
    t.capitalized && t.norm.chars().count() == 1 && t.norm.chars().all(char::is_alphabetic)
}

/// `name` without a generational suffix at its end ("Jr", "Sr", "III"),
/// where a name remains: "Jesse Jackson Jr." is Jesse Jackson, "King Jr."
/// is King and "King Charles III" is King Charles; a suffix alone stays.
fn without_suffix(name: &[Token]) -> &[Token] {
    match name.split_last() {
        Some((last, rest)) if !rest.is_empty() && is_generational_suffix(last) => rest,
        _ => name,
    }
}

/// A generational suffix or regnal number after a name ("Jr", "Sr", "II",
/// "III", "IV").
fn is_generational_suffix(t: &Token) -> bool {
    matches!(&*t.norm, "jr" | "sr" | "ii" | "iii" | "iv")
}

/// Whether a capitalised word of a run has the shape of a common noun or
/// adjective rather than a name: a common ending, or a plural of a word
/// English uses in lower case ("Republicans", "Churches"; not "Wilkins",
/// "Collins", "Sachs").
fn name_word_looks_common(w: &str) -> bool {
    // The ending of a word the lexicon knows ("Rallying", "National"); a
    // word it does not know is a name whatever its ending ("Eric",
    // "Jinping").
    if has_common_ending(w) && !is_unknown_word(w) {
        return true;
    }
    if !common_word_shape(w) {
        return false;
    }
    let singular = |suffix: &str| w.strip_suffix(suffix).is_some_and(is_common_english);
    singular("s") || singular("es")
}

/// Endings of English common nouns and adjectives, rare in personal names.
/// An ending counts only as a suffix, after a stem with a vowel
/// ([`has_common_ending`]).
const COMMON_ENDINGS: &[&str] = &[
    "tion", "sion", "ment", "ship", "ance", "ence", "ity", "ness", "ism", "ive", "ary", "ical",
    "al", "ic", "ing", "ure", "ways", "ers", "ies",
];

/// Whether a word ends in one of [`COMMON_ENDINGS`] as a suffix: after a
/// stem with a vowel ("Rallying", "Partnership", "Comprehensive"), not as
/// the word's only syllable ("King", "Ming", "Mary", "Clive", "Lance").
fn has_common_ending(w: &str) -> bool {
    COMMON_ENDINGS.iter().any(|e| {
        w.strip_suffix(e).is_some_and(|stem| {
            stem.chars()
                .any(|c| matches!(fold_accent(c), 'a' | 'e' | 'i' | 'o' | 'u' | 'y'))
        })
    })
}

/// Whether a word has a common noun's or adjective's ending, or a plural
/// "s".
fn common_word_shape(w: &str) -> bool {
    has_common_ending(w)
        || (w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("is") && !w.ends_with("us"))
}

/// Words that end organisation and place names; a run ending in one is not
/// a person, so it keeps its full canonical form as key.
fn is_institution(w: &str) -> bool {
    matches!(
        w,
        "administration"
            | "agency"
            | "army"
            | "assembly"
            | "association"
            | "authority"
            | "bank"
            | "board"
            | "bureau"
            | "charter"
            | "city"
            | "coast"
            | "command"
            | "commission"
            | "committee"
            | "company"
            | "congress"
            | "corporation"
            | "council"
            | "court"
            | "department"
            | "east"
            | "federation"
            | "force"
            | "forces"
            | "foundation"
            | "front"
            | "fund"
            | "government"
            | "group"
            | "guard"
            | "house"
            | "institute"
            | "kingdom"
            | "league"
            | "ministry"
            | "nations"
            | "navy"
            | "news"
            | "north"
            | "office"
            | "organization"
            | "parliament"
            | "party"
            | "peninsula"
            | "police"
            | "post"
            | "province"
            | "region"
            | "republic"
            | "river"
            | "school"
            | "sea"
            | "senate"
            | "service"
            | "social"
            | "south"
            | "square"
            | "states"
            | "street"
            | "times"
            | "treaty"
            | "tribunal"
            | "union"
            | "university"
            | "war"
            | "west"
    )
}

/// Words before a capital that make it the city, not the state.
fn is_locative(w: &str) -> bool {
    matches!(
        w,
        "across"
            | "around"
            | "at"
            | "attacked"
            | "bombed"
            | "hit"
            | "in"
            | "inside"
            | "into"
            | "near"
            | "on"
            | "outside"
            | "over"
            | "shelled"
            | "struck"
            | "targeted"
            | "visit"
            | "visited"
            | "visiting"
            | "within"
    )
}

/// Whether the capital at tokens `a..b` is the city: after a locative
/// ("in Paris", "visit to Paris", "strikes on Paris"), before a comma and
/// a country ("Paris, France"), in a compound ("Paris-based"), or a
/// possessive before a capitalised place ("Paris’s Charles de Gaulle
/// Airport").
fn capital_is_city(text: &str, tokens: &[Token], a: usize, b: usize) -> bool {
    let prev = |k: usize| a.checked_sub(k).and_then(|p| tokens.get(p));
    if let Some(p) = prev(1) {
        let w = &*p.norm;
        if is_locative(w) && !p.capitalized {
            return true;
        }
        if w == "the" && prev(2).is_some_and(|q| is_locative(&q.norm)) {
            return true;
        }
        if w == "to"
            && prev(2).is_some_and(|q| {
                matches!(
                    &*q.norm,
                    "visit" | "trip" | "travel" | "traveled" | "flew" | "returned" | "moved"
                )
            })
        {
            return true;
        }
    }
    let Some(last) = b.checked_sub(1).and_then(|l| tokens.get(l)) else {
        return false;
    };
    let after = text.get(last.end..).unwrap_or("");
    // "Paris-based": a compound names the place.
    if after.starts_with(['-', '‑', '‐']) {
        return true;
    }
    if let Some(next) = tokens.get(b) {
        if possessive(text, last) && next.capitalized {
            return true;
        }
        if after.starts_with(", ") && next.capitalized {
            let country = (1..=3).any(|n| {
                tokens
                    .get(b..b + n)
                    .and_then(place_of_tokens)
                    .is_some_and(|p| {
                        matches!(
                            p.form,
                            PlaceForm::Name | PlaceForm::Alias | PlaceForm::Abbreviation
                        )
                    })
            });
            if country {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(t: &str) -> Vec<String> {
        tokenize(t)
            .into_iter()
            .map(|t| t.norm.to_string())
            .collect()
    }

    fn stems(t: &str) -> Vec<String> {
        tokenize(t)
            .into_iter()
            .map(|t| t.stem.to_string())
            .collect()
    }

    fn canon(t: &str) -> Vec<String> {
        entities(t).into_iter().map(|e| e.canonical).collect()
    }

    fn keys(t: &str) -> Vec<String> {
        entities(t).into_iter().map(|e| e.key).collect()
    }

    /// The entity whose text is `name` in `t`.
    fn entity(t: &str, name: &str) -> Entity {
        entities(t)
            .into_iter()
            .find(|e| &t[e.start..e.end] == name)
            .unwrap_or_else(|| panic!("no entity {name:?} in {:#?}", entities(t)))
    }

    #[test]
    fn offsets_are_exact() {
        let t = "“Jean-Luc’s 11,000 votes”—done.";
        for tok in tokenize(t) {
            assert!(t.get(tok.start..tok.end).is_some());
        }
        let toks = tokenize(t);
        assert_eq!(&t[toks[0].start..toks[0].end], "Jean");
        assert_eq!(&t[toks[1].start..toks[1].end], "Luc’s");
        assert_eq!(&t[toks[2].start..toks[2].end], "11,000");
        assert!(toks[0].capitalized && toks[1].capitalized && !toks[3].capitalized);
        let t = "in the U.S. capital";
        let toks = tokenize(t);
        assert_eq!(&t[toks[2].start..toks[2].end], "U.S");
        for e in entities("The Democratic People’s Republic of Korea (DPRK) has") {
            assert!(e.start < e.end);
        }
    }

    #[test]
    fn folds_quotes_dashes_case_and_possessives() {
        assert_eq!(norms("Chile’s quake"), vec!["chile", "quake"]);
        assert_eq!(norms("Chile's quake"), norms("chile’s QUAKE"));
        assert_eq!(norms("doesn’t"), vec!["doesn't"]);
        assert_eq!(
            norms("Pope Francis’ funeral"),
            vec!["pope", "francis", "funeral"]
        );
        assert_eq!(norms("Chile–Peru border"), norms("Chile-Peru border"));
        assert_eq!(norms("Chile—Peru"), vec!["chile", "peru"]);
        assert_eq!(
            norms("11,000-12,000 and 3.5"),
            vec!["11000", "12000", "and", "3.5"]
        );
        assert_eq!(norms("Jean-Luc Picard"), norms("Jean Luc Picard"));
    }

    #[test]
    fn british_spelling_from_the_lexicon() {
        for (uk, us) in [
            ("honour", "honor"),
            ("honoured", "honored"),
            ("favourite", "favorite"),
            ("defence", "defense"),
            ("organisations", "organizations"),
            ("recognised", "recognized"),
            ("criticising", "criticizing"),
            ("travelled", "traveled"),
            ("labelled", "labeled"),
            ("centre", "center"),
            ("programme", "program"),
        ] {
            assert_eq!(fold_word(uk), us, "{uk}");
            assert_eq!(fold_word(us), us, "{us}");
        }
        for same in [
            "rise", "promise", "advise", "exercise", "hour", "four", "crisis",
        ] {
            assert_eq!(fold_word(same), same, "{same}");
        }
        assert_eq!(
            stems("the honour of the club"),
            stems("the honor of the club")
        );
    }

    #[test]
    fn stop_words_from_the_lexicon_and_reporting_verbs() {
        for w in ["the", "of", "doesn't", "would", "their"] {
            assert!(lexicon().is_stop(w) && is_stop_word(w), "{w}");
        }
        for w in ["said", "according", "told", "also", "us"] {
            assert!(is_stop_word(w), "{w}");
        }
        for w in ["quake", "votes", "confirmed", "killed", "one", "may"] {
            assert!(!is_stop_word(w), "{w}");
        }
        let t = tokenize("Rescuers confirmed deploying");
        assert_eq!(&*t[0].stem, "rescuer");
        assert_eq!(&*t[1].stem, "confirm");
        assert_eq!(&*t[2].stem, "deploy");
        assert!(tokenize("He said that").iter().all(|t| t.stop));
    }

    #[test]
    fn place_abbreviations_and_aliases_are_the_name() {
        let us = vec!["the", "united", "states", "voted"];
        assert_eq!(norms("the US voted"), us);
        assert_eq!(norms("the U.S. voted"), us);
        assert_eq!(norms("the United States voted"), us);
        assert_eq!(norms("the United States of America voted"), us);
        assert_eq!(
            norms("the UAE voted"),
            norms("the United Arab Emirates voted")
        );
        assert_eq!(
            norms("the Federal Republic of Germany"),
            vec!["the", "germany"]
        );
        assert_eq!(
            norms("WHO experts"),
            norms("World Health Organization experts")
        );
        // Words, not abbreviations: lower case, or shouted among capitals.
        assert_eq!(norms("let us go"), vec!["let", "us", "go"]);
        assert_eq!(norms("who knew"), vec!["who", "knew"]);
        assert_eq!(norms("AS WE SAID"), vec!["as", "we", "said"]);
        assert_eq!(
            norms("the US, UK and EU"),
            vec!["the", "united", "states", "united", "kingdom", "and", "european", "union"]
        );
    }

    #[test]
    fn transliterated_names_share_a_skeleton() {
        for (a, b) in [
            ("Zelenskyy", "Zelensky"),
            ("Zelenskiy", "Zelensky"),
            ("Zelenskyi", "Zelensky"),
            ("Syrskyi", "Syrsky"),
            ("Mohammed", "Mohamed"),
            ("Gaddafi", "Gadafi"),
            // Made up: two romanisations of one surname and given name.
            ("Brovarskyy", "Brovarskij"),
            ("Oleksiy", "Oleksii"),
        ] {
            assert_eq!(name_skeleton(a), name_skeleton(b), "{a} / {b}");
            assert_eq!(stems(a), stems(b), "{a} / {b}");
            assert_eq!(keys(&format!("met {a}")), keys(&format!("met {b}")));
        }
        for (a, b) in [("Brovarsky", "Borovsky"), ("Kelly", "Kell"), ("Li", "Lee")] {
            assert_ne!(name_skeleton(a), name_skeleton(b), "{a} / {b}");
        }
        assert_eq!(name_skeleton("Müller"), name_skeleton("Muller"));
        // English words keep their Snowball stems, whatever their case.
        assert_eq!(stems("Officials"), stems("officials"));
        assert_eq!(stems("Rallying"), stems("rallying"));
    }

    #[test]
    fn places_demonyms_and_capitals() {
        let e = entity("French officials said the talks failed.", "French");
        assert_eq!((e.key.as_str(), e.kind), ("france", EntityKind::Place));
        assert_eq!(
            keys("France and the French Republic"),
            vec!["france", "france"]
        );
        assert_eq!(keys("Paris said it would respond."), vec!["france"]);
        assert_eq!(keys("the mood in Paris was calm"), vec!["paris"]);
        assert_eq!(keys("during his visit to Paris in June"), vec!["paris"]);
        assert_eq!(
            keys("riots in Paris, France, spread"),
            vec!["paris", "france"]
        );
        assert_eq!(keys("a setback for Tokyo, which"), vec!["japan"]);
        assert_eq!(keys("Washington imposed tariffs"), vec!["united states"]);
        assert_eq!(keys("Americans and the U.S."), vec!["united states"; 2]);
        // A demonym or place before a title is its own entity.
        assert_eq!(
            keys("German Chancellor Olaf Scholz met the Brazilian president"),
            vec!["germany", "scholz", "brazil"]
        );
        assert_eq!(keys("The French President said"), vec!["france"]);
        // A place opening an organisation's name, then the organisation.
        assert_eq!(
            keys("the Japanese Defense Ministry said"),
            vec!["japan", "japanese defense ministri"]
        );
        assert_eq!(
            canon("the Washington Post reported"),
            vec!["washington post"]
        );
    }

    #[test]
    fn titles_are_stripped_from_names() {
        let e = entity("Chancellor Olaf Scholz spoke", "Olaf Scholz");
        assert_eq!((e.key.as_str(), e.kind), ("scholz", EntityKind::Person));
        assert_eq!(keys("and Prime Minister Keir Starmer"), vec!["starmer"]);
        assert_eq!(keys("told Lt. Gen. Ana Ruiz"), vec!["ruiz"]);
        assert_eq!(keys("Secretary of State Ana Ruiz"), vec!["ruiz"]);
        assert_eq!(keys("Deputy Foreign Minister Ana Ruiz"), vec!["ruiz"]);
        assert_eq!(keys("Supreme Court Justice Ana Ruiz"), vec!["ruiz"]);
        assert_eq!(keys("Dr. Ana Ruiz"), vec!["ruiz"]);
        assert_eq!(keys("said Judge Ruiz"), vec!["ruiz"]);
        // A title word ending a name, or opening another kind of name.
        assert_eq!(keys("the former premier John Major"), vec!["major"]);
        assert_eq!(
            canon("the General Assembly and General Motors"),
            vec!["general assembly", "general motors"]
        );
    }

    #[test]
    fn acronyms_match_the_names_they_spell() {
        let t = "The WHO and the World Health Organization agree.";
        assert_eq!(keys(t), vec!["world health organization"; 2]);
        let long = entity(
            "The Federal Aviation Administration grounded jets.",
            "Federal Aviation Administration",
        );
        let short = entity("The FAA grounded jets.", "FAA");
        assert_eq!(long.alias.as_deref(), Some("faa"));
        assert_eq!(short.kind, EntityKind::Organization);
        assert!(long.same_as(&short) && short.same_as(&long));
        assert_eq!(
            long.keys().collect::<Vec<_>>(),
            vec!["federal aviation administration", "faa"]
        );
        // Initials alone never join two long names.
        let other = entity("the Fair Access Agency said", "Fair Access Agency");
        assert!(!other.same_as(&long));
        // People and places have no initials.
        assert_eq!(entity("Keir Starmer said", "Keir Starmer").alias, None);
    }

    #[test]
    fn middle_initials_and_suffixes_do_not_change_who_is_named() {
        // With or without a title, a middle initial or "Jr.": one person,
        // keyed by the surname.
        let titled = entity(
            "Former Rep. Jesse Jackson Jr. pleaded guilty.",
            "Jesse Jackson Jr",
        );
        let bare = entity(
            "Jesse L. Jackson Jr., the former congressman, pleaded guilty.",
            "Jesse L. Jackson Jr",
        );
        assert_eq!(
            (titled.key.as_str(), titled.kind),
            ("jackson", EntityKind::Person)
        );
        assert_eq!(
            (bare.key.as_str(), bare.kind),
            ("jackson", EntityKind::Person)
        );
        assert_eq!(bare.canonical, "jesse l jackson jr");
        let judge = entity("Judge Marta E. Collins ruled.", "Marta E. Collins");
        let plain = entity("The judge, Marta Collins, ruled.", "Marta Collins");
        assert!(judge.same_as(&plain), "{judge:?} {plain:?}");
        // A plural English uses in lower case is no surname.
        let party = entity("Yesterday House Republicans voted.", "House Republicans");
        assert_eq!(party.kind, EntityKind::Other);
    }

    #[test]
    fn bare_names_resolve_against_the_article() {
        let article = "President Lee Jae-myung of South Korea met Shigeru Ishiba. \
                       Lee said the talks went well. Ishiba agreed. \
                       Kim Yo Jong later replied. Then Lee Jae Myung left.";
        let table = NameTable::of_text(article);
        let people: Vec<_> = table.people().map(|p| p.0).collect();
        assert!(people.contains(&"lee jae myung") && people.contains(&"shigeru ishiba"));
        let lee = "Lee said the talks went well.";
        let e = entities_with(lee, &table);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].canonical, "lee jae myung");
        assert_eq!(e[0].kind, EntityKind::Person);
        let full = entities("Then Lee Jae Myung left.");
        assert_eq!(e[0].key, full[0].key, "bare and full names share a key");
        // Western order: the surname is the key either way.
        let ishiba = entities_with("Ishiba agreed.", &table);
        assert_eq!(ishiba[0].key, "ishiba");
        assert_eq!(ishiba[0].canonical, "shigeru ishiba");
        // Without the table a bare first word is just itself.
        assert_eq!(keys("Lee said the talks went well."), vec!["le"]);
        // The most recent full name before the sentence wins.
        let article = "Kim Jong Un spoke first. Kim Yo Jong spoke next. Kim left.";
        let table = NameTable::of_text(article);
        let at = article.find("Kim left").unwrap_or(0);
        assert_eq!(
            entities_at("Kim left.", at, &table)[0].canonical,
            "kim yo jong"
        );
        assert_eq!(
            entities_at("Kim left.", 5, &table)[0].canonical,
            "kim jong un"
        );
        assert_eq!(
            entities_with("Kim left.", &table)[0].canonical,
            "kim jong un"
        );
    }

    #[test]
    fn sentence_initial_words() {
        assert!(canon("However, the quake damaged roads.").is_empty());
        assert!(canon("Officials said nothing.").is_empty());
        assert!(canon("Rescuers reached the village.").is_empty());
        assert!(canon("Separately, rescuers arrived.").is_empty());
        assert_eq!(canon("Scholz has claimed it"), vec!["scholz"]);
        assert_eq!(canon("Chile declared an emergency"), vec!["chile"]);
        assert_eq!(canon("Later Scholz said so"), vec!["scholz"]);
        // A common word is a name where the article prints it mid-sentence.
        assert!(canon("Apple reported revenue.").is_empty());
        let article = "Shares of Apple rose. Apple reported revenue.";
        let table = NameTable::of_text(article);
        assert_eq!(entities_with("Apple reported revenue.", &table).len(), 1);
        assert_eq!(canon(article), vec!["apple", "apple"]);
    }

    #[test]
    fn calendar_words_are_not_names() {
        assert!(canon("said on Monday that in March the vote").is_empty());
        assert_eq!(canon("Theresa May spoke on Friday"), vec!["theresa may"]);
        assert_eq!(canon("on Tuesday Olaf Scholz"), vec!["olaf scholz"]);
    }

    #[test]
    fn names_keep_their_words() {
        assert_eq!(canon("told Jean-Luc Picard"), vec!["jean luc picard"]);
        assert_eq!(canon("the Paris-based firm"), vec!["paris"]);
        assert_eq!(keys("reported by Sky News"), vec!["ski news"]);
        assert_eq!(
            keys("a pact on Comprehensive Strategic Partnership"),
            vec!["comprehensive strategic partnership"]
        );
        assert_eq!(
            keys("in Mexico City’s Zocalo"),
            vec!["mexico city", "zocalo"]
        );
    }

    /// The one person entity of `t`.
    fn person(t: &str) -> Entity {
        let found: Vec<_> = entities(t)
            .into_iter()
            .filter(|e| e.kind == EntityKind::Person)
            .collect();
        assert_eq!(found.len(), 1, "{t}: {found:#?}");
        found.into_iter().next().unwrap_or_else(|| unreachable!())
    }

    #[test]
    fn hyphenated_name_parts_key_like_spaced_ones() {
        // One man, three spellings: one key, one canonical form.
        let spaced = person("Officials said Kim Jong Un inspected the new pier.");
        for t in [
            "Kim Jong-un inspected the new pier on Tuesday.",
            "State media showed Kim Jong-Un at the pier.",
            "Kim Jong-un’s sister spoke at the pier.",
            "At the pier, Kim Jong-un said little.",
        ] {
            let e = person(t);
            assert_eq!(e.key, spaced.key, "{t}");
            assert_eq!(e.canonical, "kim jong un", "{t}");
            assert!(e.same_as(&spaced));
        }
        // Made up: a hyphenated given name whose syllable is an English word.
        assert_eq!(
            person("Choi Hae-won signed the lease.").key,
            person("The lease was signed by Choi Hae Won.").key
        );
        // Different people keep different keys.
        assert_ne!(person("Kim Yo-jong replied.").key, spaced.key);
        assert_ne!(person("Kim Jong-il died in 2011.").key, spaced.key);
        // A hyphenated surname, with or without the given name: one key.
        let full = person("The report by Ann Smith-Jones was late.");
        let bare = person("The report by Smith-Jones was late.");
        assert_eq!(full.key, bare.key);
        assert_eq!(person("Dr. Ann Smith-Jones agreed.").key, full.key);
        assert_ne!(full.canonical, person("Ann Smith agreed.").canonical);
        // An English compound after a name is no part of it.
        assert_eq!(canon("the Ana Ruiz-era rules changed"), vec!["ana ruiz"]);
        assert_eq!(canon("an Ana Ruiz-led panel met"), vec!["ana ruiz"]);
        // A bare first word still resolves through the article.
        let article = "Kim Jong-un toured a farm on Monday. Kim later left.";
        let table = NameTable::of_text(article);
        let at = article.find("Kim later").unwrap_or(0);
        let kim = entities_at("Kim later left.", at, &table);
        assert_eq!(kim.len(), 1);
        assert_eq!(kim[0].canonical, "kim jong un");
        assert_eq!(kim[0].key, spaced.key);
    }

    #[test]
    fn a_title_word_after_given_names_is_a_surname() {
        let jr = entity(
            "Martin Luther King Jr. said the march would go on.",
            "Martin Luther King Jr",
        );
        assert_eq!((jr.key.as_str(), jr.kind), ("king", EntityKind::Person));
        assert_eq!(jr.canonical, "martin luther king jr");
        for t in [
            "Martin Luther King spoke first.",
            "The Rev. Martin Luther King Jr. spoke first.",
            "Then Dr. King Jr. spoke.",
        ] {
            assert_eq!(person(t).key, jr.key, "{t}");
        }
        // Made up: another title word as a surname, with a suffix.
        assert_eq!(person("Tomas Prince Sr. testified.").key, "prince");
        assert_eq!(person("Later Tomas Prince testified.").key, "prince");
        // "Dr. King" alone is a title pair; in an article that names Martin
        // Luther King it is he, as a bare "King" is.
        assert!(canon("Then Dr. King left.").is_empty());
        let article = "Martin Luther King Jr. spoke at noon. Dr. King left early. \
                       King said the march would resume. The President spoke.";
        let table = NameTable::of_text(article);
        for sentence in ["Dr. King left early.", "King said the march would resume."] {
            let at = article.find(sentence).unwrap_or(0);
            let e = entities_at(sentence, at, &table);
            assert_eq!(e.len(), 1, "{sentence}");
            assert_eq!(e[0].key, jr.key, "{sentence}");
            assert_eq!(e[0].canonical, "martin luther king jr", "{sentence}");
        }
        let at = article.find("The President").unwrap_or(0);
        assert!(entities_at("The President spoke.", at, &table).is_empty());
        // Before a further name a title word stays a title.
        assert_eq!(keys("King Charles said"), vec!["charles"]);
        assert_eq!(keys("King Charles III said"), vec!["charles"]);
        assert_eq!(keys("and President Ana Ruiz said"), vec!["ruiz"]);
        assert_eq!(
            keys("and Prime Minister Keir Starmer said"),
            vec!["starmer"]
        );
        assert_ne!(person("King Charles said").key, jr.key);
    }

    #[test]
    fn endings_count_only_after_a_stem() {
        for w in ["rallying", "partnership", "comprehensive", "national"] {
            assert!(name_word_looks_common(w), "{w}");
        }
        for w in [
            "king", "ming", "mary", "clive", "lance", "smith", "eric", "jinping",
        ] {
            assert!(!name_word_looks_common(w), "{w}");
        }
        assert_eq!(person("Later Eric Adams said it.").key, "adams");
        assert_eq!(person("The talks with Xi Jinping ended.").key, "jinping");
        assert_eq!(person("The letter from Mary Ruiz arrived.").key, "ruiz");
        assert_eq!(
            entity("Yesterday House Republicans voted.", "House Republicans").kind,
            EntityKind::Other
        );
    }

    #[test]
    fn no_panic_on_odd_input() {
        for t in [
            "",
            "’",
            "'s",
            "A",
            "U.",
            "U.S",
            "—",
            "Ünïcödé Wörds’ ‘x’",
            "1,",
            ",1",
            "of Of OF",
            "US",
            "The Of",
            "Mr. Dr. Lt.",
            "- -in- Jae-",
        ] {
            let _ = tokenize(t);
            let table = NameTable::of_text(t);
            let _ = entities_at(t, 3, &table);
            for e in entities(t) {
                assert!(t.get(e.start..e.end).is_some(), "{t}");
            }
        }
    }
}

#[cfg(test)]
mod story_names_tests {
    use super::*;

    fn story(texts: &[&str]) -> Arc<StoryNames> {
        let tables: Vec<NameTable> = texts.iter().map(|t| NameTable::of_text(t)).collect();
        Arc::new(StoryNames::of_tables(&tables))
    }

    fn keys(text: &str, story: &Arc<StoryNames>) -> Vec<String> {
        let table = NameTable::of_text(text).with_story(Arc::clone(story));
        entities_at(text, 0, &table)
            .into_iter()
            .map(|e| e.key)
            .collect()
    }

    #[test]
    fn a_bare_name_resolves_through_the_story() {
        let s = story(&[
            "Xi Jinping said on Monday that the bridge would open.",
            "Moon Jae-in met the mayor of Busan.",
        ]);
        // A title before a numeral-looking surname, or an honorific before
        // a common word, still makes a person.
        assert_eq!(
            keys("President Xi said the bridge would open.", &s),
            ["jinping"]
        );
        assert_eq!(keys("The talks with Mr. Xi ended.", &s), ["jinping"]);
        assert_eq!(
            keys("Mr. Moon met the mayor.", &s),
            keys("Moon Jae-in spoke.", &s)
        );
    }

    #[test]
    fn the_story_never_overrides_a_key_or_an_ambiguous_word() {
        let s = story(&[
            "Donald Trump spoke. Kim Jong Un and Kim Yo Jong listened.",
            "Will Smith arrived.",
        ]);
        // "Trump" is already the key of the full name.
        assert_eq!(keys("President Trump spoke.", &s), ["trump"]);
        // Two Kims: the bare word stays itself.
        assert_eq!(keys("Mr. Kim listened.", &s), ["kim"]);
        // A common word opening a sentence is no person because some Will is.
        assert!(keys("Will the bridge open?", &s).is_empty());
        // Without the story, a bare name is keyed by itself.
        let alone = NameTable::of_text("President Xi spoke.");
        let e = entities_at("President Xi spoke.", 0, &alone);
        assert_eq!(e.first().map(|e| e.key.as_str()), Some("xi"));
    }
}
