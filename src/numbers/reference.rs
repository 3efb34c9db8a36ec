use super::{
    AGE_WORDS, APPROXIMATION, APPROXIMATION_AFTER, Agreement, Bound, COMMON_WORDS, COUNT_NOUNS,
    CURRENCY_SIGNS, DETERMINERS, FRACTION_WORDS, Figure, Found, HEDGE_SIGNS, Hedge, INTENSIFIERS,
    LOWER_BOUND, LOWER_BOUND_AFTER, MONTHS, NAME_WORDS, NOUN_MODIFIERS, NOUN_STOPS, NUMBER_WORDS,
    ORDINAL_WORDS, PARTICIPLES, PERCENT_WORDS, RANGE_VERBS, SCALE_SUFFIXES, SCALE_WORDS,
    TIME_OF_DAY, TIME_UNITS, UPPER_BOUND, UPPER_BOUND_AFTER, YEAR_WORDS,
};
use std::ops::Range;
use std::sync::LazyLock;

// ---------------------------------------------------------------------------------------------
// The word lists indexed once (on first use), so that a lookup costs the same whatever the
// length of the list: a word is hashed in ASCII lower case, then compared with the one or two
// entries in its slot, never with every entry. Matching stays as the lists say: ASCII case
// ignored, every other byte as written.

/// The longest key an index holds, in bytes: a longer word is in none.
const KEY_MAX: usize = 32;

/// The filler that may stand between a hedge and its number: "estimated a total of 200,000".
const A_TOTAL_OF: &[&str] = &["a", "total", "of"];

/// The hash of a key, ASCII case ignored: from its length and its first two and last two bytes,
/// which tell the words of a list apart well enough, for the same few instructions whatever
/// the word. (`| 0x20` folds ASCII case: bytes equal but for case hash alike.)
fn key_hash(w: &[u8]) -> u64 {
    let ends = match (w, w) {
        ([a, b, ..], [.., y, z]) => u32::from_le_bytes([a | 0x20, b | 0x20, y | 0x20, z | 0x20]),
        ([a], _) => u32::from(a | 0x20),
        _ => 0,
    };
    (u64::from(ends) << 8 | w.len() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// Values by word, the word's ASCII case ignored. Where a list names a word twice, the first
/// entry is kept: `get` finds what a search of the list from its start finds.
struct Index<V> {
    /// The keys in ASCII lower case with their values, in the order they were first given.
    entries: Vec<(Box<[u8]>, V)>,
    /// Open addressing, linear probing: 1 + the entry of a key hashed to (or past) the slot, or
    /// 0 for none. A power of two, at least four times the entries, so that probes stay short.
    slots: Vec<u32>,
    /// Bit `n` set when a key is `n` bytes long (keys are at most [`KEY_MAX`]): many words are
    /// turned away on their length alone.
    lens: u64,
}

impl<V> Index<V> {
    fn new() -> Self {
        Index {
            entries: Vec::new(),
            slots: vec![0; 16],
            lens: 0,
        }
    }

    /// The first slot to probe for a key of hash `h`.
    fn home(&self, h: u64) -> usize {
        // The high bits are the well-mixed ones; a slot count is a power of two below 2^32.
        (h >> (64 - self.slots.len().trailing_zeros())) as usize
    }

    /// The entry of `w`, ignoring ASCII case.
    fn find(&self, w: &[u8]) -> Option<usize> {
        let len = w.len();
        if len > KEY_MAX || self.lens & (1 << len) == 0 {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut slot = self.home(key_hash(w));
        loop {
            let e = usize::try_from(*self.slots.get(slot)?)
                .ok()?
                .checked_sub(1)?;
            let (key, _) = self.entries.get(e)?;
            if key.len() == len && key.eq_ignore_ascii_case(w) {
                return Some(e);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// The value of `w`, ignoring ASCII case.
    fn get(&self, w: &str) -> Option<&V> {
        let e = self.find(w.as_bytes())?;
        self.entries.get(e).map(|(_, v)| v)
    }

    /// Puts entry `e` in the first free slot from its home.
    fn place(&mut self, e: usize) {
        let Some((key, _)) = self.entries.get(e) else {
            return;
        };
        let mask = self.slots.len() - 1;
        let mut slot = self.home(key_hash(key));
        while self.slots.get(slot).is_some_and(|&s| s != 0) {
            slot = (slot + 1) & mask;
        }
        if let Some(s) = self.slots.get_mut(slot) {
            *s = u32::try_from(e + 1).unwrap_or(u32::MAX);
        }
    }

    /// The value of `key`, inserted with `value()` when the key is new.
    fn entry(&mut self, key: &str, value: impl FnOnce() -> V) -> &mut V {
        assert!(
            key.len() <= KEY_MAX,
            "word list key longer than KEY_MAX: {key}"
        );
        let e = match self.find(key.as_bytes()) {
            Some(e) => e,
            None => {
                let lower = key.to_ascii_lowercase().into_bytes().into_boxed_slice();
                self.entries.push((lower, value()));
                self.lens |= 1 << key.len();
                let e = self.entries.len() - 1;
                if self.entries.len() * 4 > self.slots.len() {
                    self.slots = vec![0; self.slots.len() * 2];
                    (0..self.entries.len()).for_each(|e| self.place(e));
                } else {
                    self.place(e);
                }
                e
            }
        };
        &mut self.entries[e].1
    }
}

impl<V: Copy> Index<V> {
    /// The entries of a list of words with values; the first of a word wins.
    fn of(list: &[(&str, V)]) -> Self {
        let mut index = Index::new();
        for &(w, v) in list {
            index.entry(w, || v);
        }
        index
    }
}

/// The word lists a word may be in, each a bit of [`Word::lists`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum List {
    Intensifiers,
    CountNouns,
    Participles,
    NounModifiers,
    TimeUnits,
    Months,
    AgeWords,
    TimeOfDay,
    NameWords,
    OrdinalWords,
    FractionWords,
    YearWords,
    CommonWords,
    Determiners,
    NounStops,
    RangeVerbs,
    /// The phrases of [`APPROXIMATION`], [`LOWER_BOUND`] and [`UPPER_BOUND`] without their
    /// trailing full stops: the hedges of one word ("Nearly 300"); the first words of longer
    /// ones ("at", "more", "up") are in [`COMMON_WORDS`].
    HedgeWords,
}

impl List {
    /// Each list with its words (but [`List::HedgeWords`], made from the phrases).
    const WORDS: [(List, &'static [&'static str]); 16] = [
        (List::Intensifiers, INTENSIFIERS),
        (List::CountNouns, COUNT_NOUNS),
        (List::Participles, PARTICIPLES),
        (List::NounModifiers, NOUN_MODIFIERS),
        (List::TimeUnits, TIME_UNITS),
        (List::Months, MONTHS),
        (List::AgeWords, AGE_WORDS),
        (List::TimeOfDay, TIME_OF_DAY),
        (List::NameWords, NAME_WORDS),
        (List::OrdinalWords, ORDINAL_WORDS),
        (List::FractionWords, FRACTION_WORDS),
        (List::YearWords, YEAR_WORDS),
        (List::CommonWords, COMMON_WORDS),
        (List::Determiners, DETERMINERS),
        (List::NounStops, NOUN_STOPS),
        (List::RangeVerbs, RANGE_VERBS),
    ];

    fn bit(self) -> u32 {
        1 << self as u32
    }
}

/// What the word lists say of a word, looked up once per word of a text (when it is lexed):
/// the lists that hold it, ASCII case ignored, and its value in [`NUMBER_WORDS`].
#[derive(Clone, Copy, Debug, Default)]
struct Word {
    lists: u32,
    number: Option<u32>,
}

impl Word {
    /// What the lists say of `w` (nothing for a word in none).
    fn of(w: &str) -> Word {
        LISTS.words.get(w).copied().unwrap_or_default()
    }

    fn is_in(self, list: List) -> bool {
        self.lists & list.bit() != 0
    }
}

/// A phrase of words, split once at its spaces ("at least" is `["at", "least"]`), with what it
/// says.
struct Phrase<T> {
    words: Vec<&'static str>,
    tag: T,
}

/// Phrases by one of their words (the first, or the last without its full stop: "approx." is
/// found by "approx"), each word's list in the order the lists give the phrases: the words of a
/// text at a place lead to the few phrases that may stand there (usually none), and those are
/// tried in the lists' order.
type Phrases<T> = Index<Vec<Phrase<T>>>;

/// Which word of a phrase keys it.
#[derive(Clone, Copy)]
enum KeyWord {
    /// The last word, for phrases read backwards from their end ([`Reader::phrase_before`]).
    Last,
    /// The first word, for phrases read forwards from their start ([`Reader::phrase_after`]).
    First,
}

/// The phrases, in order, each with its tag.
fn phrases<T>(list: impl IntoIterator<Item = (T, &'static str)>, by: KeyWord) -> Phrases<T> {
    let mut index = Index::new();
    for (tag, phrase) in list {
        let words: Vec<&'static str> = phrase.split(' ').collect();
        let key = match by {
            KeyWord::Last => words.last().map(|w| w.strip_suffix('.').unwrap_or(w)),
            KeyWord::First => words.first().copied(),
        };
        let key = key.unwrap_or_default();
        index.entry(key, Vec::new).push(Phrase { words, tag });
    }
    index
}

/// Each phrase of the lists with the tag of its list, in order.
fn tagged<T: Copy>(lists: &[(T, &'static [&'static str])]) -> Vec<(T, &'static str)> {
    lists
        .iter()
        .flat_map(|&(tag, list)| list.iter().map(move |&p| (tag, p)))
        .collect()
}

/// Every word list the reader looks words up in, indexed.
struct Lists {
    /// [`APPROXIMATION`], [`LOWER_BOUND`], [`UPPER_BOUND`] by last word.
    hedges_before: Phrases<Bound>,
    /// [`APPROXIMATION_AFTER`], [`LOWER_BOUND_AFTER`], [`UPPER_BOUND_AFTER`] by first word,
    /// but "+" (read on its own).
    hedges_after: Phrases<Bound>,
    /// [`PERCENT_WORDS`] by first word.
    percent_words: Phrases<()>,
    /// Every word of the lists of [`List`] and of [`NUMBER_WORDS`].
    words: Index<Word>,
    scale_words: Index<i32>,
    /// The scale words numbers in words use: hundred to trillion, spelled out.
    spelled_scales: Index<i32>,
    /// [`SCALE_SUFFIXES`], each with the suffix as the list writes it.
    scale_suffixes: Index<(&'static str, i32)>,
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    let before = tagged(&[
        (Bound::About, APPROXIMATION),
        (Bound::AtLeast, LOWER_BOUND),
        (Bound::AtMost, UPPER_BOUND),
    ]);
    let after = tagged(&[
        (Bound::About, APPROXIMATION_AFTER),
        (Bound::AtLeast, LOWER_BOUND_AFTER),
        (Bound::AtMost, UPPER_BOUND_AFTER),
    ]);
    let mut words: Index<Word> = Index::new();
    for (list, entries) in List::WORDS {
        for w in entries {
            words.entry(w, Word::default).lists |= list.bit();
        }
    }
    for &(_, p) in &before {
        words.entry(p.trim_end_matches('.'), Word::default).lists |= List::HedgeWords.bit();
    }
    for &(w, v) in NUMBER_WORDS {
        // The first of a word wins, as a search of the list finds it.
        words.entry(w, Word::default).number.get_or_insert(v);
    }
    let scale_words = Index::of(SCALE_WORDS);
    let mut spelled_scales = Index::new();
    for w in ["hundred", "thousand", "million", "billion", "trillion"] {
        if let Some(&p) = scale_words.get(w) {
            spelled_scales.entry(w, || p);
        }
    }
    let suffixes: Vec<(&str, (&str, i32))> =
        SCALE_SUFFIXES.iter().map(|&(s, p)| (s, (s, p))).collect();
    Lists {
        hedges_before: phrases(before, KeyWord::Last),
        // "+" is read on its own: written against the number ("10,000+").
        hedges_after: phrases(after.into_iter().filter(|&(_, p)| p != "+"), KeyWord::First),
        percent_words: phrases(PERCENT_WORDS.iter().map(|&p| ((), p)), KeyWord::First),
        words,
        scale_words,
        spelled_scales,
        scale_suffixes: Index::of(&suffixes),
    }
});

// ---------------------------------------------------------------------------------------------

/// Every figure in `text`, in order.
pub fn read(text: &str) -> Vec<Found> {
    Reader::new(text, false).run()
}

/// Whether `quote` holds a number equal to `figure`'s value (for a range, its two ends), and
/// whether the figure's form contradicts the quote's own hedge for that number.
pub fn agreement(figure: &Figure, quote: &str) -> Agreement {
    let numbers = Reader::new(quote, true).run();
    let matching = match *figure {
        Figure::Range { low, high } => numbers
            .iter()
            .position(|f| matches!(f.figure, Figure::Range { low: l, high: h } if same(l, low) && same(h, high)))
            .or_else(|| {
                let at = |v: f64| numbers.iter().position(|f| f.figure.value().is_some_and(|x| same(x, v)));
                at(low).filter(|_| at(high).is_some())
            }),
        _ => {
            let v = figure.value().unwrap_or(f64::NAN);
            let single = |f: &Found| f.figure.value().is_some_and(|x| same(x, v));
            let same_form = numbers
                .iter()
                .position(|f| single(f) && f.figure.form() == figure.form());
            same_form
                .or_else(|| numbers.iter().position(single))
                .or_else(|| {
                    numbers.iter().position(|f| {
                        matches!(f.figure, Figure::Range { low, high } if same(low, v) || same(high, v))
                    })
                })
        }
    };
    let write_instead = matching
        .and_then(|i| numbers.get(i))
        .and_then(|found| contradiction(figure, found));
    Agreement {
        numbers,
        matching,
        write_instead,
    }
}

/// The form the quote asks for when the figure's form contradicts it.
fn contradiction(figure: &Figure, found: &Found) -> Option<Figure> {
    match (*figure, found.figure) {
        (Figure::Exact(_), Figure::Range { .. }) => Some(found.figure),
        (Figure::Exact(v), _) => found.hedge.as_ref().map(|h| h.bound.figure(v)),
        (Figure::AtLeast(v), Figure::AtMost(_)) => Some(Figure::AtMost(v)),
        (Figure::AtMost(v), Figure::AtLeast(_)) => Some(Figure::AtLeast(v)),
        _ => None,
    }
}

/// Equal as figures: the same number written two ways ("1.2 million" and "1,200,000").
fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

// ---------------------------------------------------------------------------------------------
// Lexer: the text as runs of digits, words, spaces, line breaks, web addresses and single marks.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Digits,
    Word,
    /// Spaces and tabs (no-break and thin spaces too), merged.
    Space,
    /// Whitespace holding a line break.
    Break,
    /// A web address: its digits are never figures.
    Link,
    Punct(char),
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    kind: Kind,
    start: usize,
    end: usize,
    /// What the word lists say of a word (nothing for other tokens).
    word: Word,
}

fn is_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Hyphens that join words ("twenty-five", "45-year-old").
fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Marks between the ends of a range: hyphens and the dashes (figure, en, em, minus).
fn is_dash(c: char) -> bool {
    is_hyphen(c) || matches!(c, '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}')
}

/// `c.is_alphabetic()`, answered without the Unicode tables for ASCII and for the blocks news
/// text often holds: General Punctuation (dashes, curly quotes: no letters), CJK Unified
/// Ideographs and Hangul Syllables (all letters).
fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\x7f' | '\u{2000}'..='\u{206f}' => false,
        '\u{4e00}'..='\u{9fff}' | '\u{ac00}'..='\u{d7a3}' => true,
        _ => c.is_alphabetic(),
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

fn char_at(text: &str, i: usize) -> Option<char> {
    // An ASCII byte is a whole character (and `i` a boundary): no decoding.
    match *text.as_bytes().get(i)? {
        b @ 0..0x80 => Some(char::from(b)),
        _ => text.get(i..).and_then(|s| s.chars().next()),
    }
}

fn starts_link(text: &str, i: usize) -> bool {
    let rest = text.as_bytes().get(i..).unwrap_or(&[]);
    ["https://", "http://", "www."].iter().any(|p| {
        rest.get(..p.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(p.as_bytes()))
    })
}

fn lex(text: &str) -> Vec<Tok> {
    let mut toks = Vec::with_capacity(text.len() / 3);
    let mut i = 0;
    while let Some(c) = char_at(text, i) {
        let start = i;
        i += c.len_utf8();
        let kind = if c.is_ascii_digit() {
            while let Some(d) = char_at(text, i).filter(char::is_ascii_digit) {
                i += d.len_utf8();
            }
            Kind::Digits
        } else if c.is_whitespace() {
            let mut line = is_break(c);
            while let Some(w) = char_at(text, i).filter(|w| w.is_whitespace()) {
                line |= is_break(w);
                i += w.len_utf8();
            }
            if line { Kind::Break } else { Kind::Space }
        } else if !is_letter(c) {
            Kind::Punct(c)
        } else if matches!(c, 'h' | 'H' | 'w' | 'W') && starts_link(text, start) {
            while let Some(w) = char_at(text, i).filter(|w| !w.is_whitespace()) {
                i += w.len_utf8();
            }
            Kind::Link
        } else {
            loop {
                match char_at(text, i) {
                    Some(l) if is_letter(l) => i += l.len_utf8(),
                    Some(a) if is_apostrophe(a) => match char_at(text, i + a.len_utf8()) {
                        Some(l) if is_letter(l) => i += a.len_utf8() + l.len_utf8(),
                        _ => break,
                    },
                    _ => break,
                }
            }
            Kind::Word
        };
        let word = match kind {
            Kind::Word => Word::of(text.get(start..i).unwrap_or("")),
            _ => Word::default(),
        };
        toks.push(Tok {
            kind,
            start,
            end: i,
            word,
        });
    }
    toks
}

// ---------------------------------------------------------------------------------------------
// Reader.

/// A number as written, before the context decides whether it is a figure.
#[derive(Clone, Copy, Debug)]
struct Quantity {
    first: usize,
    last: usize,
    value: f64,
    /// The value before any scale.
    numeral: f64,
    /// The scale's multiplier (1 with none).
    scale: f64,
    /// A plain run of digits: no separator, decimal point, suffix or scale.
    plain: bool,
    /// How many digits a plain number has.
    digits: usize,
    /// Written in words.
    words: bool,
    /// A bare `m` suffix ("5m"): million, or metres.
    bare_m: bool,
}

enum Parsed {
    Number(Quantity),
    /// Not a figure: go on reading at this token.
    Refused(usize),
    Nothing,
}

enum Step {
    Found(Found, usize),
    Skip(usize),
}

struct Reader<'t> {
    text: &'t str,
    toks: Vec<Tok>,
    /// Read durations ("up to 10 years") as figures: a quote may claim one.
    durations: bool,
}

/// A chain of digit runs joined by single marks ("2024-10-18", "555 123 4567", "12 000 000").
struct Chain {
    last: usize,
    groups: usize,
    lens: [usize; 2],
    /// The mark joining them, when it is the same throughout.
    sep: Option<char>,
    /// Every run after the first has three digits.
    threes: bool,
    /// Some number of the chain has a decimal point.
    decimals: bool,
}

impl<'t> Reader<'t> {
    fn new(text: &'t str, durations: bool) -> Self {
        Reader {
            text,
            toks: lex(text),
            durations,
        }
    }

    fn run(&self) -> Vec<Found> {
        let mut out = Vec::new();
        let mut floor = 0;
        let mut i = 0;
        while i < self.toks.len() {
            match self.step(i, floor) {
                Some(Step::Found(found, next)) => {
                    out.push(found);
                    floor = next;
                    i = next;
                }
                Some(Step::Skip(next)) => {
                    floor = next;
                    i = next;
                }
                None => i += 1,
            }
        }
        out
    }

    // --- token helpers ---

    fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    fn str(&self, i: usize) -> &'t str {
        self.toks
            .get(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or("")
    }

    fn word(&self, i: usize) -> Option<&'t str> {
        (self.kind(i) == Some(Kind::Word)).then(|| self.str(i))
    }

    fn punct(&self, i: usize) -> Option<char> {
        match self.kind(i) {
            Some(Kind::Punct(c)) => Some(c),
            _ => None,
        }
    }

    fn digits(&self, i: usize) -> Option<&'t str> {
        (self.kind(i) == Some(Kind::Digits)).then(|| self.str(i))
    }

    fn word_in(&self, i: usize, list: List) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == Kind::Word && t.word.is_in(list))
    }

    /// The value of the word at `i` in [`NUMBER_WORDS`].
    fn number_word(&self, i: usize) -> Option<u32> {
        self.toks
            .get(i)
            .filter(|t| t.kind == Kind::Word)
            .and_then(|t| t.word.number)
    }

    fn word_is(&self, i: usize, w: &str) -> bool {
        self.word(i).is_some_and(|x| x.eq_ignore_ascii_case(w))
    }

    fn capitalised(&self, i: usize) -> bool {
        self.word(i)
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase)
    }

    /// A single space character (a group separator in "12 000").
    fn single_space(&self, i: usize) -> bool {
        self.kind(i) == Some(Kind::Space) && self.str(i).chars().count() == 1
    }

    /// The token after `i`, stepping over spaces (not a line break).
    fn next(&self, i: usize) -> Option<usize> {
        let j = i + 1;
        match self.kind(j)? {
            Kind::Space => self.kind(j + 1).map(|_| j + 1),
            _ => Some(j),
        }
    }

    /// The token before `i`, stepping over spaces (not a line break).
    fn prev(&self, i: usize) -> Option<usize> {
        let j = i.checked_sub(1)?;
        match self.kind(j)? {
            Kind::Space => j.checked_sub(1),
            _ => Some(j),
        }
    }

    /// The token of a phrase's word: a word, or the sign `+`.
    fn phrase_word(&self, i: usize) -> Option<&'t str> {
        match self.kind(i)? {
            Kind::Word => Some(self.str(i)),
            Kind::Punct('+') => Some("+"),
            _ => None,
        }
    }

    /// Where a phrase of words (`["at", "least"]`, `["approx."]`) ends at token `end`, reading
    /// backwards: the phrase's first token.
    fn phrase_before(&self, end: usize, phrase: &[&str]) -> Option<usize> {
        let mut at = Some(end);
        let mut first = end;
        for (n, &w) in phrase.iter().rev().enumerate() {
            let mut i = at?;
            if n > 0 {
                // Words of a phrase are separated by spaces.
                if self.kind(i) != Some(Kind::Space) {
                    return None;
                }
                i = i.checked_sub(1)?;
            }
            let w = match w.strip_suffix('.') {
                Some(stem) => {
                    if self.punct(i) != Some('.') || i == 0 {
                        return None;
                    }
                    i -= 1;
                    stem
                }
                None => w,
            };
            let ok = if w == "+" {
                self.punct(i) == Some('+')
            } else {
                self.word_is(i, w)
            };
            if !ok {
                return None;
            }
            first = i;
            at = i.checked_sub(1);
        }
        Some(first)
    }

    /// Where a phrase of words starts at token `start`, reading forwards: its last token.
    fn phrase_after(&self, start: usize, phrase: &[&str]) -> Option<usize> {
        let mut i = start;
        let mut last = start;
        for (n, &w) in phrase.iter().enumerate() {
            if n > 0 {
                if self.kind(last + 1) != Some(Kind::Space) {
                    return None;
                }
                i = last + 2;
            }
            let ok = if w == "+" {
                self.punct(i) == Some('+')
            } else {
                self.word_is(i, w)
            };
            if !ok {
                return None;
            }
            last = i;
        }
        Some(last)
    }

    /// The first of `phrases` (keyed by their last word) that ends at token `end`, by where it
    /// starts: its tag and first token. The longest wins; of two as long, the first listed.
    fn longest_phrase_before<T: Copy>(
        &self,
        end: usize,
        phrases: &Phrases<T>,
    ) -> Option<(T, usize)> {
        // A last word written with a full stop ("approx.") ends at the stop, after the word.
        let word = if self.punct(end) == Some('.') {
            end.checked_sub(1)?
        } else {
            end
        };
        let candidates = phrases.get(self.phrase_word(word)?)?;
        let mut best: Option<(T, usize)> = None;
        for phrase in candidates {
            if let Some(first) = self.phrase_before(end, &phrase.words)
                && best.is_none_or(|(_, b)| first < b)
            {
                best = Some((phrase.tag, first));
            }
        }
        best
    }

    /// The first of `phrases` (keyed by their first word) that starts at token `start`: its tag
    /// and last token.
    fn first_phrase_after<T: Copy>(
        &self,
        start: usize,
        phrases: &Phrases<T>,
    ) -> Option<(T, usize)> {
        phrases
            .get(self.phrase_word(start)?)?
            .iter()
            .find_map(|p| Some((p.tag, self.phrase_after(start, &p.words)?)))
    }

    // --- one step of the reading ---

    fn step(&self, i: usize, floor: usize) -> Option<Step> {
        let q1 = match self.quantity(i, true) {
            Parsed::Number(q) => q,
            Parsed::Refused(next) => return Some(Step::Skip(next.max(i + 1))),
            Parsed::Nothing => return None,
        };
        Some(self.figure(q1, floor))
    }

    /// A number at token `i`: digits or words, with a scale. `head` for the first number of a
    /// figure (its left side is looked at); not for the second end of a range.
    fn quantity(&self, i: usize, head: bool) -> Parsed {
        match self.kind(i) {
            Some(Kind::Digits) => self.digit_quantity(i, head),
            Some(Kind::Word) => self.word_quantity(i),
            _ => Parsed::Nothing,
        }
    }

    fn chain(&self, i: usize) -> Chain {
        let dot_after = |k: usize| self.punct(k + 1) == Some('.') && self.digits(k + 2).is_some();
        // Runs joined by dots only: 1.200.000, 12.01.2010, 1.2.3 (one dot is a decimal point).
        let mut last = i;
        let mut dots = 0;
        let mut threes = true;
        while dot_after(last) {
            last += 2;
            dots += 1;
            threes &= self.str(last).len() == 3;
        }
        if dots >= 2 {
            return Chain {
                last,
                groups: dots + 1,
                lens: [self.str(i).len(), self.str(i + 2).len()],
                sep: Some('.'),
                threes,
                decimals: false,
            };
        }
        // Otherwise numbers (a decimal point allowed) joined by one mark or space.
        let mut chain = Chain {
            last: if dots == 1 { i + 2 } else { i },
            groups: 1,
            lens: [self.str(i).len(), 0],
            sep: None,
            threes: true,
            decimals: dots == 1,
        };
        let mut mixed = false;
        loop {
            let k = chain.last + 1;
            let (sep, next) = match self.kind(k) {
                Some(Kind::Punct(c @ ('-' | '/'))) => (c, k + 1),
                Some(Kind::Space) if self.single_space(k) => (' ', k + 1),
                Some(Kind::Punct(')')) if self.single_space(k + 1) => (')', k + 2),
                _ => break,
            };
            let Some(d) = self.digits(next) else { break };
            if chain.groups == 1 {
                chain.lens[1] = d.len();
                chain.sep = Some(sep);
            } else if chain.sep != Some(sep) {
                mixed = true;
            }
            chain.threes &= d.len() == 3;
            chain.groups += 1;
            chain.last = next;
            if dot_after(next) {
                chain.decimals = true;
                chain.last = next + 2;
            }
        }
        if mixed {
            chain.sep = None;
        }
        chain
    }

    fn digit_quantity(&self, i: usize, head: bool) -> Parsed {
        let skip = Parsed::Refused(i + 1);
        if head && i > 0 {
            match self.kind(i - 1) {
                // A320, G7, H1N1.
                Some(Kind::Word) => return skip,
                Some(Kind::Punct(c)) if is_hyphen(c) && i > 1 => {
                    // The rest of a refused chain: 1.2.3-4.
                    if self.digits(i - 2).is_some() {
                        return skip;
                    }
                    // COVID-19, MiG-29, F-16 (a lowercase word joins: "magnitude-7.0").
                    if let Some(w) = self.word(i - 2)
                        && (w.chars().any(char::is_uppercase) || w.chars().count() <= 3)
                    {
                        return skip;
                    }
                }
                // A phone number (+44 20 7946 0958); "+15 per cent" is a change, read as 15.
                Some(Kind::Punct('+')) => {
                    let chain = self.chain(i);
                    if chain.groups > 1 || self.str(i).len() >= 7 {
                        return Parsed::Refused(chain.last + 1);
                    }
                }
                Some(Kind::Punct('_' | '@' | '#' | '/' | '\\' | '=' | '&' | '|' | '^' | '*')) => {
                    return skip;
                }
                // '98 (a year), and leftovers of a malformed group such as "1,2345".
                Some(Kind::Punct('\'' | '’'))
                    if self.str(i).len() == 2 && self.punct(i + 1) != Some(',') =>
                {
                    return skip;
                }
                Some(Kind::Punct('.' | ',' | ':'))
                    if i > 1 && matches!(self.kind(i - 2), Some(Kind::Digits | Kind::Word)) =>
                {
                    return skip;
                }
                _ => {}
            }
        }
        // A time of day: 10:30, 10:30:15.
        if self.punct(i + 1) == Some(':') && self.digits(i + 2).is_some() {
            let mut last = i + 2;
            while self.punct(last + 1) == Some(':') && self.digits(last + 2).is_some() {
                last += 2;
            }
            return Parsed::Refused(self.after_time_words(last) + 1);
        }
        let chain = self.chain(i);
        if chain.groups >= 2 {
            let refuse = Parsed::Refused(chain.last + 1);
            // 555-1234 (a range ends in zeros: 500-1000).
            let phone =
                chain.groups == 2 && chain.lens == [3, 4] && !self.str(chain.last).ends_with("00");
            let grouping = matches!(chain.sep, Some(' ' | '.'))
                && chain.threes
                && !chain.decimals
                && (1..=3).contains(&chain.lens[0]);
            match chain.sep {
                // Dates, fractions, 24/7; phone numbers "(555) 123-4567".
                Some('/' | ')') | None => return refuse,
                // Dates, phone numbers, versions and addresses: 2024-10-18, 555 123 4567, 1.2.3.
                _ if chain.groups >= 3 && !grouping => return refuse,
                // Phone numbers: 555-1234.
                Some('-') if phone => return refuse,
                _ => {}
            }
        }
        self.numeral(i, chain)
    }

    /// The last token of words after a time of day ("GMT", "a.m."), or `last` when there are none.
    fn after_time_words(&self, last: usize) -> usize {
        let Some(j) = self.next(last) else {
            return last;
        };
        if self.word_in(j, List::TimeOfDay) {
            return j;
        }
        // a.m., p.m.
        if (self.word_is(j, "a") || self.word_is(j, "p"))
            && self.punct(j + 1) == Some('.')
            && self.word_is(j + 2, "m")
        {
            return if self.punct(j + 3) == Some('.') {
                j + 3
            } else {
                j + 2
            };
        }
        last
    }

    /// Digits with their separators, decimals and scale, from token `i`.
    fn numeral(&self, i: usize, chain: Chain) -> Parsed {
        let first = self.str(i);
        let mut int = String::with_capacity(first.len() + 24);
        int.push_str(first);
        let mut last = i;
        let mut grouped = false;
        if first.len() <= 3 {
            // 12,000,000
            while self.punct(last + 1) == Some(',')
                && self.digits(last + 2).is_some_and(|d| d.len() == 3)
            {
                int.push_str(self.str(last + 2));
                last += 2;
                grouped = true;
            }
            // "100, 000": a comma and space before three zeros is a slip in the separator.
            if !grouped
                && self.punct(last + 1) == Some(',')
                && self.single_space(last + 2)
                && self.digits(last + 3) == Some("000")
            {
                while self.punct(last + 1) == Some(',')
                    && self.single_space(last + 2)
                    && self.digits(last + 3) == Some("000")
                {
                    int.push_str("000");
                    last += 3;
                }
                grouped = true;
            }
            // 12 000 000 and 1.200.000 (one dot group alone is a decimal point: 12.000 is 12).
            let dots = chain.sep == Some('.') && chain.groups >= 3;
            if !grouped && chain.threes && !chain.decimals && (chain.sep == Some(' ') || dots) {
                while last < chain.last {
                    int.push_str(self.str(last + 2));
                    last += 2;
                }
                grouped = true;
            }
        }
        // A malformed group ("1,2345", "1,23") is no number.
        if self.punct(last + 1) == Some(',') && self.digits(last + 2).is_some() {
            return Parsed::Refused(last + 3);
        }
        let mut frac = "";
        if self.punct(last + 1) == Some('.')
            && let Some(d) = self.digits(last + 2)
        {
            frac = d;
            last += 2;
        }
        let plain = !grouped && frac.is_empty();
        // Codes with leading zeros: 007, 020.
        if plain && first.len() > 1 && first.starts_with('0') {
            return Parsed::Refused(last + 1);
        }
        let digits = int.len();
        // "{int}.{frac}0", written on the digits (no formatting).
        let mut text = int;
        text.push('.');
        text.push_str(frac);
        text.push('0');
        let numeral = text.parse::<f64>().unwrap_or(f64::INFINITY);
        let mut q = Quantity {
            first: i,
            last,
            value: numeral,
            numeral,
            scale: 1.0,
            plain,
            digits,
            words: false,
            bare_m: false,
        };
        match self.kind(last + 1) {
            Some(Kind::Word) => {
                let w = self.str(last + 1);
                match LISTS.scale_suffixes.get(w) {
                    Some(&(s, power)) => {
                        q.bare_m = s == "m";
                        q.last = last + 1;
                        self.scale(&mut q, power_of_ten(power));
                    }
                    // 22nd, 2010s, 3pm, 5G, 10km.
                    None => return Parsed::Refused(last + 2),
                }
            }
            // 1990's, 45°.
            Some(Kind::Punct('°')) => return Parsed::Refused(last + 2),
            Some(Kind::Punct(a)) if is_apostrophe(a) && self.word_is(last + 2, "s") => {
                return Parsed::Refused(last + 3);
            }
            // 9419884.htm: part of a file name.
            Some(Kind::Punct('.')) if self.word(last + 2).is_some() => {
                return Parsed::Refused(last + 3);
            }
            _ => self.scale_word(&mut q),
        }
        if !q.value.is_finite() {
            return Parsed::Refused(q.last + 1);
        }
        Parsed::Number(q)
    }

    /// A scale word after the number: "1.2 million", "150-thousand", "2 dozen", "3 bn".
    fn scale_word(&self, q: &mut Quantity) {
        let j = match self.kind(q.last + 1) {
            Some(Kind::Space) => q.last + 2,
            Some(Kind::Punct(c)) if is_hyphen(c) => q.last + 2,
            _ => return,
        };
        let Some(w) = self.word(j) else { return };
        if w.eq_ignore_ascii_case("dozen") {
            q.last = j;
            self.scale(q, 12.0);
        } else if let Some(power) = scale_of(w) {
            q.last = j;
            self.scale(q, power_of_ten(power));
        }
    }

    fn scale(&self, q: &mut Quantity, by: f64) {
        q.scale *= by;
        q.value = scaled(q.numeral, q.scale);
        q.plain = false;
    }

    /// A number in words at token `i`: "twelve thousand", "one hundred and five", "a dozen",
    /// "half a million", "twenty-five".
    fn word_quantity(&self, i: usize) -> Parsed {
        let w = self.str(i);
        // "a million", "an estimated"…: only before a scale word.
        let lead = if w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("an") {
            1.0
        } else if w.eq_ignore_ascii_case("half") {
            if !self.word_is(i + 2, "a") || self.kind(i + 1) != Some(Kind::Space) {
                return Parsed::Nothing;
            }
            0.5
        } else {
            0.0
        };
        if lead > 0.0 {
            let j = if lead < 1.0 { i + 4 } else { i + 2 };
            if self.kind(j - 1) != Some(Kind::Space) {
                return Parsed::Nothing;
            }
            let Some(s) = self.word(j) else {
                return Parsed::Nothing;
            };
            let by = if s.eq_ignore_ascii_case("dozen") {
                12.0
            } else if let Some(p) = spelled_scale_of(s) {
                power_of_ten(p)
            } else {
                return Parsed::Nothing;
            };
            // "a hundred thousand": a larger scale may follow.
            let (mut by, mut last) = (by, j);
            if by == 100.0
                && self.kind(last + 1) == Some(Kind::Space)
                && let Some(p) = self
                    .word(last + 2)
                    .and_then(spelled_scale_of)
                    .filter(|&p| p > 2)
            {
                by *= power_of_ten(p);
                last += 2;
            }
            let value = lead * by;
            return Parsed::Number(Quantity {
                first: i,
                last,
                value,
                numeral: lead,
                scale: by,
                plain: false,
                digits: 0,
                words: true,
                bare_m: false,
            });
        }
        self.number_words(i)
    }

    fn number_words(&self, i: usize) -> Parsed {
        #[derive(Clone, Copy, PartialEq)]
        enum Last {
            None,
            Unit,
            Teen,
            Tens,
            Hundred,
            Scale,
        }
        let small = |j: usize| self.number_word(j);
        let Some(v0) = small(i) else {
            return Parsed::Nothing;
        };
        let mut total = 0.0f64;
        let mut group = 0u32;
        let mut last_scale = f64::INFINITY;
        let mut last = Last::None;
        let mut end = i;
        let mut j = i;
        let mut scaled_by = 1.0;
        let mut value = v0;
        loop {
            // Apply the word at j.
            let w = self.str(j);
            let cat = match value {
                0 if last == Last::None => Last::Unit,
                1..=9 => Last::Unit,
                10..=19 => Last::Teen,
                20..=90 => Last::Tens,
                _ => break,
            };
            let fits = matches!(
                (last, cat),
                (Last::None | Last::Hundred | Last::Scale, _) | (Last::Tens, Last::Unit)
            );
            if !fits || w.is_empty() || (value == 0 && last != Last::None) {
                break;
            }
            group += value;
            last = cat;
            end = j;
            // What follows: a hyphen or space, then another number word, a scale or "and".
            let sep_ok = |k: usize| {
                self.kind(k) == Some(Kind::Space) || (self.punct(k).is_some_and(is_hyphen))
            };
            let mut k = end + 1;
            // Scales: hundred, then thousand and up, each smaller than the one before.
            loop {
                if !sep_ok(k) {
                    break;
                }
                let Some(s) = self.word(k + 1) else { break };
                if s.eq_ignore_ascii_case("hundred")
                    && last != Last::Hundred
                    && group < 100
                    && group > 0
                {
                    group *= 100;
                    last = Last::Hundred;
                    end = k + 1;
                    k = end + 1;
                    continue;
                }
                let Some(p) = spelled_scale_of(s).filter(|&p| p > 2) else {
                    break;
                };
                let by = power_of_ten(p);
                if by >= last_scale || group == 0 {
                    break;
                }
                total += f64::from(group) * by;
                scaled_by = by;
                group = 0;
                last_scale = by;
                last = Last::Scale;
                end = k + 1;
                k = end + 1;
            }
            // Ordinals: twenty-first, one hundred and first.
            if sep_ok(k) && self.word_in(k + 1, List::OrdinalWords) {
                return Parsed::Refused(k + 2);
            }
            if sep_ok(k)
                && self.word_is(k + 1, "and")
                && matches!(last, Last::Hundred | Last::Scale)
            {
                if self.kind(k + 2) == Some(Kind::Space) && self.word_in(k + 3, List::OrdinalWords)
                {
                    return Parsed::Refused(k + 4);
                }
                if self.kind(k + 2) == Some(Kind::Space) && small(k + 3).is_some() {
                    k += 2;
                }
            }
            if !sep_ok(k) {
                break;
            }
            match small(k + 1) {
                Some(v) => {
                    value = v;
                    j = k + 1;
                }
                None => break,
            }
        }
        if last == Last::None {
            return Parsed::Nothing;
        }
        let numeral = total + f64::from(group);
        let mut q = Quantity {
            first: i,
            last: end,
            value: numeral,
            numeral,
            scale: 1.0,
            plain: false,
            digits: 0,
            words: true,
            bare_m: false,
        };
        if scaled_by > 1.0 {
            // Kept for a range's first end ("two to three million") to take the same scale.
            q.scale = scaled_by;
        }
        // "two dozen"
        if let Some(k) = self
            .next(end)
            .filter(|&k| self.word_is(k, "dozen") && k == end + 2)
        {
            q.last = k;
            q.value = numeral * 12.0;
            q.scale = 12.0;
        }
        Parsed::Number(q)
    }

    /// The figure around a number: a range, its hedge, percent, noun, and the checks that tell a
    /// figure from a date, a year, an age, a time, a duration or a name.
    fn figure(&self, q1: Quantity, floor: usize) -> Step {
        let refuse = |q: &Quantity| Step::Skip(q.last + 1);
        // The second end of a range.
        let mut range = self.range_after(&q1);
        // Scale shared: "10-12 million", "between 1 and 2 million".
        let mut low = q1;
        if let Some((q2, _)) = range
            && q1.scale == 1.0
            && q2.scale > 1.0
            && q1.numeral < q2.numeral
        {
            low.value = scaled(q1.numeral, q2.scale);
            low.scale = q2.scale;
        }
        // "30-40,000": the thousands are written once, on the high end.
        if let Some((q2, _)) = range
            && q1.plain
            && q1.digits <= 3
            && !q2.plain
            && q2.scale == 1.0
            && q2.value >= 1000.0
            && q2.value % 1000.0 == 0.0
            && (q2.value / 10.0..q2.value).contains(&(q1.value * 1000.0))
        {
            low.value = q1.value * 1000.0;
        }
        let mut between = None;
        if let Some((q2, how)) = range {
            let ok = low.value < q2.value;
            let lead = self.lead(q1.first);
            let before = self.prev(lead);
            let is_between = before.is_some_and(|b| self.word_is(b, "between"));
            let from = before.is_some_and(|b| self.word_is(b, "from"));
            let ranged = before
                .and_then(|b| self.prev(b))
                .is_some_and(|v| self.word_in(v, List::RangeVerbs));
            let keep = match how {
                RangeBy::Dash => {
                    // Year spans: 1939-1945, 2010-11.
                    if year_like(&q1) && q2.plain && (q2.digits == 2 || year_like(&q2)) {
                        return refuse(&q2);
                    }
                    if !ok {
                        // A score (3-1) or a code.
                        return refuse(&q2);
                    }
                    true
                }
                RangeBy::And => ok && is_between,
                RangeBy::To => ok && (!from || ranged),
                RangeBy::Or => ok,
            };
            if keep {
                if is_between {
                    between = before;
                }
            } else {
                range = None;
            }
        }
        let end_q = range.map_or(q1, |(q2, _)| q2);
        let mut last = end_q.last;

        // Left side.
        let lead = self.lead(q1.first);
        let currency = (lead < q1.first)
            .then(|| self.punct(q1.first - 1))
            .flatten()
            .or_else(|| self.punct(last + 1).filter(|c| CURRENCY_SIGNS.contains(c)));
        if currency.is_some() && lead == q1.first {
            last += 1;
        }
        let before = self.prev(between.unwrap_or(lead));
        // Ages: "aged 45", "ages 18 to 60", "aged between 18 and 60".
        if let Some(b) = before
            && (self.word_in(b, List::AgeWords)
                || (self.word_is(b, "between")
                    && self
                        .prev(b)
                        .is_some_and(|a| self.word_in(a, List::AgeWords))))
        {
            return refuse(&end_q);
        }
        let day_like = |q: &Quantity| q.plain && (1.0..=31.0).contains(&q.value);
        if day_like(&q1) && range.is_none_or(|(q2, _)| day_like(&q2)) && self.month_before(q1.first)
        {
            return refuse(&end_q);
        }
        if q1.plain && self.name_word_before(q1.first) {
            return refuse(&end_q);
        }

        // Right side: a month (12 January), a time (3 p.m.), percent, a trailing hedge.
        if day_like(&q1)
            && range.is_none_or(|(q2, _)| day_like(&q2))
            && self.next(last).is_some_and(|m| self.month_at(m))
        {
            return refuse(&end_q);
        }
        if end_q.plain && end_q.value <= 24.0 && self.after_time_words(last) != last {
            return Step::Skip(self.after_time_words(last) + 1);
        }
        let mut percent = false;
        if self.punct(last + 1) == Some('%') {
            percent = true;
            last += 1;
        } else if let Some(j) = self.next(last) {
            if self.punct(j) == Some('%') {
                percent = true;
                last = j;
            } else if let Some(((), end)) = self.first_phrase_after(j, &LISTS.percent_words) {
                percent = true;
                last = end;
            }
        }
        let mut start_tok = between.unwrap_or(lead);
        let mut hedge = None;
        if let Some((bound, first)) = self.hedge_before(lead, between, floor) {
            let hedge_end = self.prev(start_tok).unwrap_or(first);
            hedge = Some((bound, self.span(first, hedge_end)));
            start_tok = first;
        } else if let Some((bound, first, end)) = self.hedge_after(last) {
            hedge = Some((bound, self.span(first, end)));
            last = end;
        }
        let figure = Draft {
            q1,
            q2: range.map(|r| r.0),
            low: low.value,
            start_tok,
            last,
            hedge,
            percent,
            currency,
        };
        self.finish(figure)
    }

    /// The last checks, on the figure's right side and its noun; the figure if it passes them.
    fn finish(&self, draft: Draft) -> Step {
        let Draft {
            q1,
            q2,
            low,
            start_tok,
            last,
            hedge,
            percent,
            currency,
        } = draft;
        let skip = Step::Skip(last + 1);
        let noun = self.noun_after(last);
        let counted = noun
            .is_some_and(|(head, _)| self.counts(head) || self.word_in(head, List::Participles));
        // "three-quarters", "two thirds": fractions.
        let after = match self.kind(last + 1) {
            Some(Kind::Punct(c)) if is_hyphen(c) => Some(last + 2),
            _ => self.next(last),
        };
        if after.is_some_and(|a| self.word_in(a, List::FractionWords)) {
            return skip;
        }
        // Durations and ages: "three days", "24-hour", "45 years old".
        if let Some((head, end)) = noun
            && self.word_in(head, List::TimeUnits)
        {
            let old = self.next(end).is_some_and(|o| self.word_is(o, "old"))
                || (self.punct(end + 1).is_some_and(is_hyphen) && self.word_is(end + 2, "old"));
            if old || !self.durations {
                return skip;
            }
        }
        if !percent && currency.is_none() && q2.is_none() {
            // Years: in 2010, the 2004 tsunami (but 1500 soldiers, about 1300). After "in" or
            // "since" only a noun that counts makes a count ("in 1934 killed 8,500" is a year).
            let temporal = self
                .prev(start_tok)
                .is_some_and(|p| self.word_in(p, List::YearWords));
            let counts_things = noun.is_some_and(|(head, _)| {
                self.counts(head) && !self.word_in(head, List::Participles)
            });
            let year = temporal || (hedge.is_none() && !counted);
            if year_like(&q1) && !counts_things && year {
                return skip;
            }
            // A ratio: the 1 of "1 in 77 people", "3 out of 4".
            if let Some(w) = self.next(last) {
                let of = if self.word_is(w, "in") {
                    // "1 in 77", not "167 in 2012".
                    self.next(w).filter(|&n| {
                        self.digits(n).is_some_and(|d| d.len() != 4)
                            || self.word_is(n, "every")
                            || self.word_is(n, "each")
                    })
                } else if self.word_is(w, "out") {
                    self.next(w).filter(|&n| self.word_is(n, "of"))
                } else {
                    None
                };
                if of.is_some() {
                    return skip;
                }
            }
            // "5m" is million beside a currency or a count, else metres.
            if q1.bare_m && !counted {
                return skip;
            }
            // A list marker at the start of a line: "1." "2)".
            if q1.plain
                && q1.digits <= 2
                && self.line_start(start_tok)
                && matches!(self.punct(last + 1), Some('.' | ')'))
                && self.next(last + 1).is_some_and(|w| self.capitalised(w))
            {
                return skip;
            }
            // [1] footnotes.
            if q1.plain
                && q1.first > 0
                && self.punct(q1.first - 1) == Some('[')
                && self.punct(last + 1) == Some(']')
            {
                return skip;
            }
            // An age after a name: "Evans Moussignac, 28, was".
            if q1.plain && q1.value <= 120.0 && noun.is_none() && self.apposition(q1.first, last) {
                return skip;
            }
            // Apollo 11, Windows 11: a capitalised name before a plain number.
            if q1.plain && !counted && hedge.is_none() && self.proper_name_before(start_tok) {
                return skip;
            }
        }
        // Numbers in words with no scale count only when a noun follows ("three tremors", not
        // "one of them"), and not after a determiner ("the two sides", "the first two"); "one"
        // only before a word of COUNT_NOUNS ("one soldier", not "one month" or "one unit").
        if q1.words && q1.scale == 1.0 && !percent {
            let determined = self
                .prev(start_tok)
                .is_some_and(|d| self.word_in(d, List::Determiners));
            let one = q1.value == 1.0 && q2.is_none();
            if noun.is_none() || determined || (one && !counted) {
                return skip;
            }
        }
        let value = q1.value;
        let figure = match (q2, &hedge) {
            (Some(q2), _) => Figure::Range {
                low,
                high: q2.value,
            },
            (None, Some((bound, _))) => bound.figure(value),
            (None, None) => Figure::Exact(value),
        };
        let noun_span = noun.map(|(a, b)| self.span(a, b));
        let found = Found {
            span: self.span(start_tok, last),
            figure,
            hedge: hedge.map(|(bound, span)| Hedge { bound, span }),
            noun: noun_span,
            percent,
            currency,
        };
        Step::Found(found, last + 1)
    }

    /// The first token of a number with its currency sign ("$300m", "US$5 billion").
    fn lead(&self, first: usize) -> usize {
        if first == 0 {
            return first;
        }
        match self.punct(first - 1) {
            Some(c) if CURRENCY_SIGNS.contains(&c) => {
                let sign = first - 1;
                if sign > 0
                    && self
                        .word(sign - 1)
                        .is_some_and(|w| w.len() <= 3 && w.chars().all(|c| c.is_ascii_uppercase()))
                {
                    sign - 1
                } else {
                    sign
                }
            }
            _ => first,
        }
    }

    /// The second end of a range after `q1`: "-12", "– 12", "to 12", "or 12", "and 12".
    fn range_after(&self, q1: &Quantity) -> Option<(Quantity, RangeBy)> {
        let mut k = q1.last + 1;
        let spaced = self.kind(k) == Some(Kind::Space);
        if spaced {
            if !self.single_space(k) {
                return None;
            }
            k += 1;
        }
        let how = match self.kind(k)? {
            Kind::Punct(c) if is_dash(c) => RangeBy::Dash,
            Kind::Word if spaced => {
                let w = self.str(k);
                if w.eq_ignore_ascii_case("to") {
                    RangeBy::To
                } else if w.eq_ignore_ascii_case("or") {
                    RangeBy::Or
                } else if w.eq_ignore_ascii_case("and") {
                    RangeBy::And
                } else {
                    return None;
                }
            }
            _ => return None,
        };
        // A dash spaced on one side only is no range mark ("10 -12").
        let after_space = self.kind(k + 1) == Some(Kind::Space);
        if how == RangeBy::Dash && spaced != after_space {
            return None;
        }
        if how != RangeBy::Dash && !after_space {
            return None;
        }
        let mut j = if after_space { k + 2 } else { k + 1 };
        if after_space && !self.single_space(k + 1) {
            return None;
        }
        // The second end may repeat the currency sign: "$10m-$12m".
        if self.punct(j).is_some_and(|c| CURRENCY_SIGNS.contains(&c)) {
            j += 1;
        }
        match self.quantity(j, false) {
            Parsed::Number(q2) if q1.words == q2.words || !q2.words => Some((q2, how)),
            _ => None,
        }
    }

    fn month_at(&self, i: usize) -> bool {
        self.capitalised(i) && self.word_in(i, List::Months)
    }

    /// A month name just before token `i`: "January 12", "Jan. 12".
    fn month_before(&self, i: usize) -> bool {
        let Some(p) = self.prev(i) else { return false };
        if self.month_at(p) {
            return true;
        }
        self.punct(p) == Some('.') && p > 0 && self.month_at(p - 1)
    }

    /// "Section 427", "No. 10".
    fn name_word_before(&self, i: usize) -> bool {
        let Some(p) = self.prev(i) else { return false };
        if self.word_in(p, List::NameWords) {
            return true;
        }
        self.punct(p) == Some('.')
            && p > 0
            && (self.word_in(p - 1, List::NameWords)
                || ["no", "nr", "nos"].iter().any(|w| self.word_is(p - 1, w)))
    }

    /// A capitalised word just before token `i` that is a name, not a common word starting a
    /// sentence: "Apollo 11".
    fn proper_name_before(&self, i: usize) -> bool {
        let Some(p) = i.checked_sub(1) else {
            return false;
        };
        if !self.single_space(p) {
            return false;
        }
        let Some(w) = p.checked_sub(1) else {
            return false;
        };
        self.capitalised(w)
            && !self.str(w).contains(is_apostrophe)
            && !self.word_in(w, List::CommonWords)
            && !self.word_in(w, List::Months)
            && !self.word_in(w, List::HedgeWords)
            && self.number_word(w).is_none()
    }

    /// `first..=last` stands between commas after a capitalised word: "Moussignac, 28, was".
    fn apposition(&self, first: usize, last: usize) -> bool {
        let Some(comma) = self.prev(first) else {
            return false;
        };
        if self.punct(comma) != Some(',') || comma == 0 || !self.capitalised(comma - 1) {
            return false;
        }
        matches!(self.punct(last + 1), Some(',' | ')'))
    }

    fn line_start(&self, i: usize) -> bool {
        match i.checked_sub(1) {
            None => true,
            Some(p) => match self.kind(p) {
                Some(Kind::Break) => true,
                Some(Kind::Space) => p == 0 || self.kind(p - 1) == Some(Kind::Break),
                _ => false,
            },
        }
    }

    /// A hedge ending just before token `lead` (or before "between"): its bound and first token.
    fn hedge_before(
        &self,
        lead: usize,
        between: Option<usize>,
        floor: usize,
    ) -> Option<(Bound, usize)> {
        let at = between.unwrap_or(lead);
        let end = at.checked_sub(1)?;
        let sign = |i: usize| {
            let c = self.punct(i)?;
            HEDGE_SIGNS
                .iter()
                .find(|(s, _)| *s == c)
                .map(|&(_, b)| (b, i))
        };
        if let Some(found) = sign(end).or_else(|| {
            (self.single_space(end) && end > 0)
                .then(|| sign(end - 1))
                .flatten()
        }) {
            return (found.1 >= floor).then_some(found);
        }
        if self.kind(end) != Some(Kind::Space) {
            return None;
        }
        let end = end.checked_sub(1)?;
        // "estimated a total of 200,000": the filler stands between hedge and number.
        let (end, filler) = match self.phrase_before(end, A_TOTAL_OF) {
            Some(f) if f >= 2 && self.kind(f - 1) == Some(Kind::Space) => (f - 2, true),
            _ => (end, false),
        };
        let (bound, mut first) = self.longest_phrase_before(end, &LISTS.hedges_before)?;
        if filler && !matches!(bound, Bound::About) {
            return None;
        }
        // "some" and "over" alone are hedges only right before the number.
        if first < floor {
            return None;
        }
        if let Some(sp) = first.checked_sub(1)
            && self.kind(sp) == Some(Kind::Space)
            && let Some(w) = sp.checked_sub(1)
            && self.word_in(w, List::Intensifiers)
            && w >= floor
        {
            first = w;
        }
        Some((bound, first))
    }

    /// A hedge after the number ("or more", "-plus", "+"): bound, first and last token.
    fn hedge_after(&self, last: usize) -> Option<(Bound, usize, usize)> {
        if self.punct(last + 1) == Some('+') {
            return Some((Bound::AtLeast, last + 1, last + 1));
        }
        if self.punct(last + 1).is_some_and(is_hyphen) && self.word_is(last + 2, "plus") {
            return Some((Bound::AtLeast, last + 1, last + 2));
        }
        let j = self.next(last).filter(|&j| j == last + 2)?;
        let (bound, end) = self.first_phrase_after(j, &LISTS.hedges_after)?;
        Some((bound, j, end))
    }

    /// Bytes of the text from token `first` to token `last`.
    fn span(&self, first: usize, last: usize) -> Range<usize> {
        match (self.toks.get(first), self.toks.get(last)) {
            (Some(a), Some(b)) if a.start <= b.end => a.start..b.end,
            _ => 0..0,
        }
    }

    fn span_text(&self, first: usize, last: usize) -> &'t str {
        self.text.get(self.span(first, last)).unwrap_or("")
    }

    /// The word (or hyphenated word) at `j` is one of [`COUNT_NOUNS`].
    fn counts(&self, j: usize) -> bool {
        self.count_noun(j, self.compound_end(j))
    }

    /// Tokens `j` to `end` (a word, or words joined by hyphens) are one of [`COUNT_NOUNS`].
    fn count_noun(&self, j: usize, end: usize) -> bool {
        if j == end {
            self.word_in(j, List::CountNouns)
        } else {
            is_count_noun(self.span_text(j, end))
        }
    }

    /// The last token of a word joined to the next by hyphens ("asylum-seekers").
    fn compound_end(&self, j: usize) -> usize {
        let mut end = j;
        while self.punct(end + 1).is_some_and(is_hyphen) && self.word(end + 2).is_some() {
            end += 2;
        }
        end
    }

    /// The noun a number counts: first and last token ("people killed"), within a few words and
    /// the same clause.
    fn noun_after(&self, last: usize) -> Option<(usize, usize)> {
        let mut k = last;
        let mut fallback = None;
        for n in 0..5 {
            // Words follow a space, or a hyphen straight after the number ("24-hour").
            let j = match self.kind(k + 1) {
                Some(Kind::Space) => k + 2,
                Some(Kind::Punct(c)) if is_hyphen(c) && (n == 0 || self.word(k).is_some()) => k + 2,
                _ => break,
            };
            let Some(w) = self.word(j) else { break };
            if self.word_in(j, List::TimeUnits) && n == 0 {
                return Some((j, j));
            }
            // A hyphenated noun is one word: "asylum-seekers", "short-range".
            let j_end = self.compound_end(j);
            if self.count_noun(j, j_end) || (n == 0 && self.word_in(j, List::Participles)) {
                // "civilian casualties": the head is the last noun.
                let mut head = (j, j_end);
                if let Some(h) = self.next(j_end).filter(|&h| {
                    h == j_end + 2
                        && self.word_in(h, List::CountNouns)
                        && !self.word_in(h, List::Participles)
                }) {
                    head = (h, h);
                }
                let end = self
                    .next(head.1)
                    .filter(|&p| p == head.1 + 2 && self.word_in(p, List::Participles))
                    .unwrap_or(head.1);
                return Some((head.0, end));
            }
            if self.word_in(j, List::NounStops)
                || self.word_in(j, List::Months) && self.capitalised(j)
            {
                break;
            }
            let upper = w.chars().next().is_some_and(char::is_uppercase);
            // A capitalised plural straight after the number: "2.9 million Ukrainians".
            let people =
                n == 0 && upper && w.len() > 3 && w.ends_with('s') && !w.contains(is_apostrophe);
            if (people || !upper) && !self.word_in(j, List::NounModifiers) && fallback.is_none() {
                fallback = Some((j, j_end));
            }
            k = j_end;
        }
        fallback
    }
}

/// A figure read, before its last checks.
struct Draft {
    q1: Quantity,
    q2: Option<Quantity>,
    /// The low end of a range, scaled like the high end when written without a scale.
    low: f64,
    start_tok: usize,
    last: usize,
    hedge: Option<(Bound, Range<usize>)>,
    percent: bool,
    currency: Option<char>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RangeBy {
    Dash,
    To,
    Or,
    And,
}

/// The power of ten of a scale word ("million" 6, "bn" 9).
fn scale_of(w: &str) -> Option<i32> {
    LISTS.scale_words.get(w).copied()
}

/// The power of ten of a scale word as numbers in words use it: hundred to trillion, spelled out.
fn spelled_scale_of(w: &str) -> Option<i32> {
    LISTS.spelled_scales.get(w).copied()
}

fn is_count_noun(w: &str) -> bool {
    LISTS
        .words
        .get(w)
        .is_some_and(|e| e.is_in(List::CountNouns))
}

/// A plain four-digit number that reads as a year (1000-2199).
fn year_like(q: &Quantity) -> bool {
    q.plain && q.digits == 4 && (1000.0..2200.0).contains(&q.value)
}

fn power_of_ten(p: i32) -> f64 {
    10f64.powi(p)
}

/// `numeral × by`, correctly rounded for decimals: "1.2 million" is exactly 1,200,000 (the
/// numeral's shortest decimal form is shifted, not multiplied in binary).
fn scaled(numeral: f64, by: f64) -> f64 {
    let power = by.log10().round();
    if (1.0..=15.0).contains(&power) && power_of_ten(power as i32) == by {
        return format!("{numeral}e{power}").parse().unwrap_or(numeral * by);
    }
    numeral * by
}
