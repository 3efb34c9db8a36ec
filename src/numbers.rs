//! Reading figures in English text: the numbers a report claims ("about 11,000 troops", "between
//! 1,100 and 1,200", "$3bn", "twelve thousand"), each with its hedge and the noun it counts, and
//! not the numbers that are no claim (dates, years, ages, times, ordinals, phone numbers, names
//! such as "Section 427" or "COVID-19"). `check` uses it to see that a figure agrees with its
//! quote ([`agreement`]); drafting proposes the figures it finds ([`read`]).
//!
//! One pass over the text: a small lexer, then a reader that looks a bounded number of tokens
//! around each number, so the work grows linearly with the text whatever it holds.

use std::cell::Cell;
use std::ops::Range;
use std::sync::LazyLock;

use crate::model::Figure;

/// A figure found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    /// Bytes of the text read: from the first hedge word (or "between", or a currency sign) to
    /// the last digit, scale word, percent sign or trailing hedge ("or more"). Never the noun.
    pub span: Range<usize>,
    /// The value as a claim file writes it: the hedge decides the form; a range stays a range
    /// whatever its hedge (the hedge is kept in [`Found::hedge`]).
    pub figure: Figure,
    /// The words that loosen the number, when there are any.
    pub hedge: Option<Hedge>,
    /// What the number counts: the noun after it ("troops", "soldiers", "people killed"), past
    /// modifiers such as "North Korean" or "more". `None` when nothing after it reads as a noun.
    pub noun: Option<Range<usize>>,
    /// Written as a percentage ("65%", "4 per cent").
    pub percent: bool,
    /// The currency sign written with it (`$`, `€`, `£`…), when there is one.
    pub currency: Option<char>,
}

impl Found {
    /// The words of the figure in the text it was read from.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.span.clone()).unwrap_or("")
    }

    /// The noun counted, in the text it was read from.
    pub fn noun_text<'t>(&self, text: &'t str) -> Option<&'t str> {
        self.noun.clone().and_then(|n| text.get(n))
    }

    /// The number in the figure (for a range, its low end).
    pub fn value(&self) -> f64 {
        match self.figure {
            Figure::Range { low, .. } => low,
            Figure::Exact(v) | Figure::About(v) | Figure::AtLeast(v) | Figure::AtMost(v) => v,
        }
    }
}

/// Words that loosen a number: "about", "at least", "up to", "or more".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hedge {
    pub bound: Bound,
    /// Bytes of the hedge words in the text read.
    pub span: Range<usize>,
}

/// What a hedge says of the number it loosens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    /// Approximately the number ([`APPROXIMATION`], [`APPROXIMATION_AFTER`]).
    About,
    /// The number or more ([`LOWER_BOUND`], [`LOWER_BOUND_AFTER`]).
    AtLeast,
    /// The number or fewer ([`UPPER_BOUND`], [`UPPER_BOUND_AFTER`]).
    AtMost,
}

impl Bound {
    /// The figure of this form for `value`.
    pub fn figure(self, value: f64) -> Figure {
        match self {
            Bound::About => Figure::About(value),
            Bound::AtLeast => Figure::AtLeast(value),
            Bound::AtMost => Figure::AtMost(value),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Word lists. Matching ignores ASCII case; a phrase's words are separated by spaces in the text.

/// Words of approximation before a number: "about 11,000" is `{ about = 11000 }`. After
/// "estimated" (and the other words here) the filler "a total of" may stand before the number.
#[rustfmt::skip]
pub const APPROXIMATION: &[&str] = &[
    "about", "approximately", "approx.", "around", "roughly", "some", "an estimated", "estimated",
    "estimates", "nearly", "almost", "close to", "circa", "more or less", "in the region of",
    "on the order of", "in the order of", "give or take",
];

/// Lower bounds before a number: "at least 230,000" is `{ at_least = 230000 }`. The verbs of a
/// toll passing a mark ("topped 150,000", "crossed 2.5 million") are lower bounds too.
#[rustfmt::skip]
pub const LOWER_BOUND: &[&str] = &[
    "at least", "more than", "over", "upwards of", "upward of", "no fewer than", "no less than",
    "not less than", "not fewer than", "in excess of", "above", "greater than", "exceeding",
    "a minimum of", "at a minimum", "topped", "tops", "exceeded", "exceeds", "surpassed",
    "surpasses", "passed", "crossed", "crosses", "topped the", "exceeded the", "surpassed the",
    "passed the", "crossed the",
];

/// Upper bounds before a number: "up to 3 million" is `{ at_most = 3000000 }`.
#[rustfmt::skip]
pub const UPPER_BOUND: &[&str] = &[
    "up to", "as many as", "as much as", "as high as", "at most", "fewer than", "less than",
    "no more than", "not more than", "under", "below", "a maximum of", "at a maximum",
    "not exceeding",
];

/// Signs written before a number as hedges: "~300", "≈ 300", "> 1,000", "≤50".
pub const HEDGE_SIGNS: &[(char, Bound)] = &[
    ('~', Bound::About),
    ('≈', Bound::About),
    ('>', Bound::AtLeast),
    ('≥', Bound::AtLeast),
    ('<', Bound::AtMost),
    ('≤', Bound::AtMost),
];

/// Words of approximation after a number: "100 or so".
pub const APPROXIMATION_AFTER: &[&str] = &["or so"];

/// Lower bounds after a number: "10,000 or more", "10,000-plus", "10,000+".
pub const LOWER_BOUND_AFTER: &[&str] = &["or more", "plus", "+"];

/// Upper bounds after a number: "50 or fewer".
pub const UPPER_BOUND_AFTER: &[&str] = &["or fewer", "or less"];

/// Words that may stand before a hedge without changing it: "well over", "just under".
#[rustfmt::skip]
pub const INTENSIFIERS: &[&str] = &[
    "just", "well", "slightly", "far", "much", "somewhat", "considerably", "significantly",
    "substantially", "comfortably",
];

/// Number words read as figures ("twelve thousand", "one hundred and five", "twenty-five"). With
/// no scale, a number in words is a figure only before a noun and not after a word of
/// [`DETERMINERS`] ("three tremors", never "the two sides"); "one" only before a word of
/// [`COUNT_NOUNS`] ("one soldier", never "one of them" or "one month").
pub const NUMBER_WORDS: &[(&str, u32)] = &[
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

/// Scale words after a number, with their power of ten: "1.2 million", "twelve thousand".
/// "dozen" multiplies by twelve ("a dozen", "two dozen"). Plurals ("thousands of") are vague
/// and not read; nor is a scale word with no number before it ("several hundred").
pub const SCALE_WORDS: &[(&str, i32)] = &[
    ("hundred", 2),
    ("thousand", 3),
    ("million", 6),
    ("billion", 9),
    ("trillion", 12),
    ("lakh", 5),
    ("crore", 7),
    ("bn", 9),
    ("mn", 6),
    ("mln", 6),
    ("bln", 9),
    ("tn", 12),
];

/// Scale suffixes written against the digits, with their power of ten: "3bn", "$5m", "2.5k".
/// A bare `m` ("5m") may be metres: it reads as million only after a currency sign or before a
/// word of [`COUNT_NOUNS`].
pub const SCALE_SUFFIXES: &[(&str, i32)] = &[
    ("k", 3),
    ("m", 6),
    ("mn", 6),
    ("mln", 6),
    ("b", 9),
    ("bn", 9),
    ("bln", 9),
    ("tn", 12),
    ("trn", 12),
];

/// Currency signs kept with a figure ("$300m"); letters written against the sign ("US$") are
/// part of the figure's span.
pub const CURRENCY_SIGNS: &[char] = &['$', '€', '£', '¥', '₹', '₽', '₴', '₩', '₪'];

/// Words after a number that make it a percentage ("4 per cent"); `%` is one too.
pub const PERCENT_WORDS: &[&str] = &[
    "percent",
    "per cent",
    "pct",
    "percentage points",
    "percentage point",
];

/// Nouns that make a number a count: they tell "1500 soldiers" from the year 1500, "three
/// soldiers" from "one of them", and are taken as the noun of a figure before any other word.
#[rustfmt::skip]
pub const COUNT_NOUNS: &[&str] = &[
    "people", "person", "persons", "individuals", "individual", "civilians", "civilian",
    "residents", "resident", "citizens", "citizen", "inhabitants", "men", "man", "women", "woman",
    "children", "child", "kids", "boys", "girls", "babies", "infants", "minors", "adults",
    "elderly", "others", "soldiers", "soldier", "troops", "personnel", "servicemen",
    "servicemembers", "fighters", "fighter", "militants", "combatants", "insurgents", "rebels",
    "officers", "officer", "police", "policemen", "officials", "workers", "worker", "staff",
    "medics", "doctors", "nurses", "journalists", "journalist", "reporters", "students", "pupils",
    "teachers", "prisoners", "prisoner", "hostages", "hostage", "detainees", "captives", "refugees",
    "refugee", "migrants", "asylum-seekers", "evacuees", "displaced", "survivors", "victims",
    "victim", "casualties", "deaths", "death", "dead", "fatalities", "bodies", "body", "corpses",
    "killed", "injured", "wounded", "missing", "patients", "cases", "infections", "homes", "houses",
    "buildings", "families", "households", "protesters", "demonstrators", "voters", "members",
    "employees", "jobs", "tanks", "aircraft", "planes", "jets", "helicopters", "drones", "missiles",
    "rockets", "shells", "vehicles", "ships", "boats", "weapons", "guns", "brigades", "battalions",
    "hospitals", "clinics", "schools", "facilities", "centres", "centers", "shelters", "attacks",
    "strikes", "airstrikes", "massacres", "dollars", "euros", "pounds", "tonnes", "tons", "votes",
    "seats", "pilgrims", "tourists", "passengers", "crew", "sailors", "marines", "volunteers",
    "recruits", "conscripts", "mercenaries", "defectors", "arrests", "executions", "graves",
];

/// Words after a counted noun that belong to it: "people killed", "others injured".
#[rustfmt::skip]
pub const PARTICIPLES: &[&str] = &[
    "killed", "dead", "died", "injured", "wounded", "missing", "displaced", "detained", "arrested",
    "evacuated", "rescued", "infected", "hospitalized", "hospitalised", "captured", "executed",
    "deported", "affected", "homeless", "trapped", "buried",
];

/// Words skipped between a number and its noun: "12,000 more troops", "a 12,000-strong force".
#[rustfmt::skip]
pub const NOUN_MODIFIERS: &[&str] = &[
    "more", "other", "additional", "extra", "further", "new", "strong", "fresh", "total",
];

/// Units of time: a number counting them is a duration ("three days", "24-hour"), not a claimed
/// figure, and "45 years old" is an age.
#[rustfmt::skip]
pub const TIME_UNITS: &[&str] = &[
    "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "night", "nights",
    "week", "weeks", "fortnight", "fortnights", "month", "months", "year", "years", "decade",
    "decades", "century", "centuries",
];

/// Month names: a day beside one ("January 12", "12 Jan. 2010") is a date.
#[rustfmt::skip]
pub const MONTHS: &[&str] = &[
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec",
];

/// Words before an age: "aged 45", "ages 18 to 60".
pub const AGE_WORDS: &[&str] = &["aged", "age", "ages"];

/// Words after a time of day: "3 p.m.", "10:19 GMT" ("a.m." and "p.m." are read too).
pub const TIME_OF_DAY: &[&str] = &["am", "pm", "o'clock", "o’clock", "gmt", "utc", "bst", "cet"];

/// Words that name a thing by a number, in any case: "Section 427", "Resolution 2334",
/// "Boeing 737" (and "No. 10"). A plain number after one is never a figure. A plain number after
/// any other capitalised word that is not in [`COMMON_WORDS`] ("Apollo 11", "Windows 11") is a
/// name too, unless a word of [`COUNT_NOUNS`] follows it. Numbers written like counts (with
/// separators, a scale or a decimal point: "Russia 605,000") are always read.
#[rustfmt::skip]
pub const NAME_WORDS: &[&str] = &[
    "section", "article", "paragraph", "clause", "chapter", "page", "pages", "volume", "vol",
    "flight", "route", "highway", "interstate", "room", "gate", "platform", "terminal",
    "resolution", "amendment", "decree", "annex", "appendix", "exhibit", "version", "boeing",
    "airbus", "tupolev", "antonov", "ilyushin", "sukhoi", "precinct",
];

/// Ordinal words: "twenty-first" is an ordinal, not twenty.
#[rustfmt::skip]
pub const ORDINAL_WORDS: &[&str] = &[
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "hundredth", "thousandth", "millionth",
];

/// Fractions after a number: "three-quarters", "two thirds" are no counts.
#[rustfmt::skip]
pub const FRACTION_WORDS: &[&str] = &[
    "half", "halves", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "sixths",
    "sevenths", "eighths", "ninths", "tenths", "hundredths",
];

/// Words before a year: after one, a year-like number ("in 1934 killed 8,500") is a year unless
/// a word of [`COUNT_NOUNS`] that is no participle follows it.
#[rustfmt::skip]
pub const YEAR_WORDS: &[&str] = &[
    "in", "since", "by", "until", "till", "from", "during", "before", "after", "of", "circa",
];

/// Words after which a number is counted with its own noun, never a name: a capitalised word in
/// this list ("About 300", "Some 16 hospitals", "In 2005") starts a sentence rather than naming
/// something.
#[rustfmt::skip]
pub const COMMON_WORDS: &[&str] = &[
    "the", "a", "an", "of", "and", "or", "but", "in", "on", "at", "to", "from", "by", "for", "with",
    "without", "within", "into", "onto", "over", "under", "since", "during", "after", "before",
    "than", "as", "that", "which", "who", "whom", "whose", "were", "was", "is", "are", "be", "been",
    "being", "have", "has", "had", "will", "would", "could", "should", "may", "might", "can",
    "must", "do", "does", "did", "not", "this", "these", "those", "it", "its", "their", "his",
    "her", "our", "my", "your", "per", "each", "every", "against", "across", "among", "between",
    "including", "if", "when", "while", "where", "said", "says", "only", "another", "all",
    "exactly", "precisely", "altogether", "still", "now", "today", "yesterday", "then", "also",
    "here", "there", "meanwhile", "overall", "some", "about", "around", "nearly", "almost",
    "roughly", "approximately", "more", "fewer", "less", "just", "up", "least", "estimated",
    "total", "like", "what", "why", "how", "so", "yet", "nor", "both", "either", "neither", "even",
    "until", "till", "via", "toward", "towards", "upon", "killing", "wounding", "injuring",
    "leaving", "bringing", "reaching", "taking", "making",
];

/// Words before a number in words that make it a reference, not a count: "the two sides", "the
/// first two", "both".
#[rustfmt::skip]
pub const DETERMINERS: &[&str] = &[
    "the", "these", "those", "its", "their", "his", "her", "our", "your", "my", "all", "both",
    "first", "last", "other", "next", "previous", "remaining", "same", "every", "each",
];

/// Words that end the search for a figure's noun: "481 people, the majority" stops at the comma,
/// "43 massacres in the past" at "in".
#[rustfmt::skip]
const NOUN_STOPS: &[&str] = &[
    "of", "the", "a", "an", "and", "or", "but", "in", "on", "at", "to", "from", "by", "for", "with",
    "without", "within", "into", "over", "under", "since", "during", "after", "before", "than",
    "as", "that", "which", "who", "whom", "whose", "were", "was", "is", "are", "be", "been",
    "being", "have", "has", "had", "will", "would", "could", "should", "may", "might", "can",
    "must", "do", "does", "did", "not", "this", "these", "those", "it", "its", "their", "his",
    "her", "per", "each", "every", "against", "across", "among", "between", "including", "if",
    "when", "while", "where", "said", "says", "according", "so", "still", "now", "remain",
    "remained", "remains",
];

/// Verbs before "from … to …" that make it a range ("estimates range from 10,000 to 12,000")
/// rather than a change ("rose from 212,000 to 230,000", two figures).
#[rustfmt::skip]
const RANGE_VERBS: &[&str] = &[
    "range", "ranges", "ranged", "ranging", "vary", "varies", "varied", "varying", "anywhere",
];

// ---------------------------------------------------------------------------------------------
// The word lists indexed once (on first use), so that a lookup costs the same whatever the
// length of the list: a word is hashed in ASCII lower case, then compared with the one or two
// entries in its slot, never with every entry. Matching stays as the lists say: ASCII case
// ignored, every other byte as written.

/// The longest key an index holds, in bytes: a longer word is in none. (The longest word of the
/// lists, "servicemembers", has 14.)
const KEY_MAX: usize = 16;

/// The filler that may stand between a hedge and its number: "estimated a total of 200,000".
const A_TOTAL_OF: &[&str] = &["a", "total", "of"];

/// A word of up to [`KEY_MAX`] bytes in ASCII lower case as one integer (its bytes in order,
/// zeros after them), so that a key is compared with a word in one instruction rather than byte
/// by byte; `None` for a longer word, which no index holds.
fn folded(w: &[u8]) -> Option<u128> {
    let mut bytes = [0u8; KEY_MAX];
    bytes.get_mut(..w.len())?.copy_from_slice(w);
    Some(fold(u128::from_le_bytes(bytes)))
}

/// The word of `len` bytes at `start` in `text`, folded as [`folded`] folds it: read as the
/// [`KEY_MAX`] bytes from `start` at once where the text holds as many, the bytes past the word
/// masked off (no copy, no loop). The word is one the lexer cut: letters and apostrophes only.
fn folded_at(text: &[u8], start: usize, len: usize) -> Option<u128> {
    if len > KEY_MAX {
        return None;
    }
    let Some(chunk) = text
        .get(start..start + KEY_MAX)
        .and_then(|c| <[u8; KEY_MAX]>::try_from(c).ok())
    else {
        return folded(text.get(start..start + len)?);
    };
    let mask = u128::MAX
        .checked_shr(8 * (KEY_MAX - len) as u32)
        .unwrap_or(0);
    Some(fold(u128::from_le_bytes(chunk) & mask))
}

/// [`fold`] on eight bytes.
fn fold64(key: u64) -> u64 {
    const LOW7: u64 = u64::from_le_bytes([0x7f; 8]);
    const TOP: u64 = u64::from_le_bytes([0x80; 8]);
    let low = key & LOW7;
    let from_a = low + u64::from_le_bytes([0x3f; 8]);
    let past_z = low + u64::from_le_bytes([0x25; 8]);
    let upper = from_a & !past_z & !key & TOP;
    key | upper >> 2
}

/// ASCII lower case on the bytes of `key` at once: 0x20 added to each byte from 'A' to 'Z'.
fn fold(key: u128) -> u128 {
    // Adding 0x3f to the low seven bits of a byte sets its top bit from 'A' up, adding 0x25 from
    // '[' up (never carrying into the next byte); a byte with its own top bit set is no ASCII
    // letter and is left as it is.
    const LOW7: u128 = u128::from_le_bytes([0x7f; KEY_MAX]);
    const TOP: u128 = u128::from_le_bytes([0x80; KEY_MAX]);
    let low = key & LOW7;
    let from_a = low + u128::from_le_bytes([0x3f; KEY_MAX]);
    let past_z = low + u128::from_le_bytes([0x25; KEY_MAX]);
    let upper = from_a & !past_z & !key & TOP;
    key | upper >> 2
}

/// The hash of a folded key of `len` bytes: both halves mixed into one word, multiplied so that
/// every byte reaches the high bits a slot is taken from.
fn key_hash(key: u128, len: usize) -> u64 {
    let (low, high) = (key as u64, (key >> 64) as u64);
    (low ^ high.rotate_left(29) ^ len as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// A key of an index, folded, with its length and value.
struct Entry<V> {
    key: u128,
    len: usize,
    value: V,
}

/// Values by word, the word's ASCII case ignored. Where a list names a word twice, the first
/// entry is kept: `get` finds what a search of the list from its start finds.
struct Index<V> {
    /// The keys in ASCII lower case with their values, in the order they were first given.
    entries: Vec<Entry<V>>,
    /// Open addressing, linear probing: 1 + the entry of a key hashed to (or past) the slot, or
    /// 0 for none. A power of two, at least four times the entries, so that probes stay short.
    slots: Vec<u32>,
    /// Bit `n` set when a key is `n` bytes long (keys are at most [`KEY_MAX`]): many words are
    /// turned away on their length alone, before they are folded.
    lens: u64,
    /// 64 less the bits of a slot number: a hash shifted right by it is a slot.
    shift: u32,
}

impl Index<Word> {
    /// The entry of the word from byte `start` to `end` of `text`.
    #[inline]
    fn word_at(&self, text: &[u8], start: usize, end: usize) -> Option<usize> {
        let len = end.saturating_sub(start);
        // Most words have at most eight bytes: read as one `u64`, with half the work of the
        // general path (which gives the same key and hash: the high half is zero).
        if (1..=8).contains(&len)
            && let Some(chunk) = text
                .get(start..start + 8)
                .and_then(|c| <[u8; 8]>::try_from(c).ok())
        {
            let mask = u64::MAX >> (64 - 8 * len);
            let word = u64::from_le_bytes(chunk) & mask;
            // A word of ASCII letters (and apostrophes, which it leaves alone) is in lower case
            // with 0x20 set in every byte; any other word is folded byte by byte.
            let key = if word & u64::from_le_bytes([0x80; 8]) == 0 {
                word | (u64::from_le_bytes([0x20; 8]) & mask)
            } else {
                fold64(word)
            };
            return self.find_folded(u128::from(key), len);
        }
        if !self.may_hold(len) {
            return None;
        }
        self.find_folded(folded_at(text, start, len)?, len)
    }
}

impl<V> Index<V> {
    fn new() -> Self {
        Index {
            entries: Vec::new(),
            slots: vec![0; 16],
            lens: 0,
            shift: 60,
        }
    }

    /// The first slot to probe for a key of hash `h`.
    fn home(&self, h: u64) -> usize {
        // The high bits are the well-mixed ones; a slot count is a power of two below 2^32.
        (h >> self.shift) as usize
    }

    /// The entry of `w`, ignoring ASCII case.
    fn find(&self, w: &[u8]) -> Option<usize> {
        if !self.may_hold(w.len()) {
            return None;
        }
        self.find_folded(folded(w)?, w.len())
    }

    /// Whether a key of `len` bytes may be here: many words are turned away on their length.
    fn may_hold(&self, len: usize) -> bool {
        len <= KEY_MAX && self.lens & (1 << len) != 0
    }

    /// The entry of the word of `len` bytes folded to `key`.
    fn find_folded(&self, key: u128, len: usize) -> Option<usize> {
        let mask = self.slots.len() - 1;
        let mut slot = self.home(key_hash(key, len));
        loop {
            let e = usize::try_from(*self.slots.get(slot)?)
                .ok()?
                .checked_sub(1)?;
            let entry = self.entries.get(e)?;
            if entry.key == key && entry.len == len {
                return Some(e);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// The value of `w`, ignoring ASCII case.
    fn get(&self, w: &str) -> Option<&V> {
        let e = self.find(w.as_bytes())?;
        self.entries.get(e).map(|entry| &entry.value)
    }

    /// Puts entry `e` in the first free slot from its home.
    fn place(&mut self, e: usize) {
        let Some(entry) = self.entries.get(e) else {
            return;
        };
        let mask = self.slots.len() - 1;
        let mut slot = self.home(key_hash(entry.key, entry.len));
        while self.slots.get(slot).is_some_and(|&s| s != 0) {
            slot = (slot + 1) & mask;
        }
        if let Some(s) = self.slots.get_mut(slot) {
            *s = u32::try_from(e + 1).unwrap_or(u32::MAX);
        }
    }

    /// The value of `key`, inserted with `value()` when the key is new.
    fn entry(&mut self, key: &str, value: impl FnOnce() -> V) -> &mut V {
        let folded_key = folded(key.as_bytes());
        let Some(folded_key) = folded_key else {
            panic!("word list key longer than KEY_MAX: {key}");
        };
        let e = match self.find(key.as_bytes()) {
            Some(e) => e,
            None => {
                self.entries.push(Entry {
                    key: folded_key,
                    len: key.len(),
                    value: value(),
                });
                self.lens |= 1 << key.len();
                let e = self.entries.len() - 1;
                if self.entries.len() * 4 > self.slots.len() {
                    self.slots = vec![0; self.slots.len() * 2];
                    self.shift -= 1;
                    (0..self.entries.len()).for_each(|e| self.place(e));
                } else {
                    self.place(e);
                }
                e
            }
        };
        &mut self.entries[e].value
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
    /// "a", "an" and "half": the words other than [`NUMBER_WORDS`] that may start a number in
    /// words ("a million", "half a dozen"; see [`Reader::word_quantity`]).
    NumberLeads,
    /// The scale words numbers in words use: hundred to trillion, spelled out.
    SpelledScales,
    /// The suffix `m` of [`SCALE_SUFFIXES`]: million, or metres.
    BareM,
    /// A word written with an apostrophe ("Sudan’s"): set on a token by the lexer, in no list.
    Apostrophe,
    // The words that have an answer in [`Word`] beyond their lists: a token tells it in its
    // copy of the lists, and most words are turned away there, before the entry is looked at.
    /// The words of [`SCALE_WORDS`] ([`Word::scale`]).
    Scales,
    /// The words of [`SCALE_SUFFIXES`] ([`Word::suffix`]).
    Suffixes,
    /// The words that key a phrase of [`Lists::hedges_before`].
    KeysHedgesBefore,
    /// The words that key a phrase of [`Lists::hedges_after`].
    KeysHedgesAfter,
    /// The words that key a phrase of [`Lists::percent_words`].
    KeysPercentWords,
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
/// the lists that hold it, ASCII case ignored, its value in [`NUMBER_WORDS`], its power of ten
/// in [`SCALE_WORDS`] and [`SCALE_SUFFIXES`], and the phrases it keys. Every later question
/// about the word is then a look at these fields, not another search.
#[derive(Clone, Copy, Debug, Default)]
struct Word {
    lists: u32,
    number: Option<u32>,
    /// The power of ten of the word in [`SCALE_WORDS`].
    scale: Option<i8>,
    /// The power of ten of the word in [`SCALE_SUFFIXES`].
    suffix: Option<i8>,
    /// For each index of phrases ([`PhraseIndex::slot`]), 1 + the entry the word keys, or 0.
    phrases: [u8; 3],
}

impl Word {
    /// What the lists say of `w` (nothing for a word in none).
    #[cfg(test)]
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

/// An index of phrases, and the slot of [`Word::phrases`] that holds, for each word of a text,
/// the entry it keys here (found when the word is lexed, so that a word of the text leads to
/// its phrases without a search).
struct PhraseIndex<T> {
    phrases: Phrases<T>,
    slot: usize,
    /// The list of the words that key a phrase here.
    keys: List,
}

/// Which word of a phrase keys it.
#[derive(Clone, Copy)]
enum KeyWord {
    /// The last word, for phrases read backwards from their end ([`Reader::phrase_before`]).
    Last,
    /// The first word, for phrases read forwards from their start ([`Reader::phrase_after`]).
    First,
}

/// The word that keys a phrase of `words`.
fn key_word(words: &[&'static str], by: KeyWord) -> &'static str {
    let key = match by {
        KeyWord::Last => words.last().map(|w| w.strip_suffix('.').unwrap_or(w)),
        KeyWord::First => words.first().copied(),
    };
    key.unwrap_or_default()
}

/// The phrases, in order, each with its tag.
fn phrases<T>(list: impl IntoIterator<Item = (T, &'static str)>, by: KeyWord) -> Phrases<T> {
    let mut index = Index::new();
    for (tag, phrase) in list {
        let words: Vec<&'static str> = phrase.split(' ').collect();
        index
            .entry(key_word(&words, by), Vec::new)
            .push(Phrase { words, tag });
    }
    index
}

impl<T> PhraseIndex<T> {
    /// The phrases of `list` keyed `by` one of their words, in slot `slot` of [`Word::phrases`]
    /// (each key entered in `words`).
    fn new(
        list: impl IntoIterator<Item = (T, &'static str)>,
        by: KeyWord,
        (slot, keys): (usize, List),
        words: &mut Index<Word>,
    ) -> Self {
        let phrases = phrases(list, by);
        for (e, entry) in phrases.entries.iter().enumerate() {
            let id = u8::try_from(e + 1).unwrap_or(0);
            assert!(id != 0, "more than 255 words key phrases");
            let key = entry.value.first().map_or("", |p| key_word(&p.words, by));
            let word = words.entry(key, Word::default);
            word.lists |= keys.bit();
            if let Some(ids) = word.phrases.get_mut(slot) {
                *ids = id;
            }
        }
        PhraseIndex {
            phrases,
            slot,
            keys,
        }
    }

    /// The phrases keyed by the word of `word`.
    fn of(&self, word: &Word) -> Option<&[Phrase<T>]> {
        let id = usize::from(*word.phrases.get(self.slot)?);
        let entry = self.phrases.entries.get(id.checked_sub(1)?)?;
        Some(&entry.value)
    }
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
    hedges_before: PhraseIndex<Bound>,
    /// [`APPROXIMATION_AFTER`], [`LOWER_BOUND_AFTER`], [`UPPER_BOUND_AFTER`] by first word,
    /// but "+" (read on its own).
    hedges_after: PhraseIndex<Bound>,
    /// [`PERCENT_WORDS`] by first word.
    percent_words: PhraseIndex<()>,
    /// Every word of the lists of [`List`], of [`NUMBER_WORDS`], [`SCALE_WORDS`] and
    /// [`SCALE_SUFFIXES`], and every word that keys a phrase.
    words: Index<Word>,
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
    for w in ["a", "an", "half"] {
        words.entry(w, Word::default).lists |= List::NumberLeads.bit();
    }
    // Powers of ten: the first of a word wins, as a search of the list finds it.
    let power = |p: i32| i8::try_from(p).unwrap_or(i8::MAX);
    for &(w, p) in SCALE_WORDS {
        let word = words.entry(w, Word::default);
        word.scale.get_or_insert(power(p));
        word.lists |= List::Scales.bit();
    }
    for w in ["hundred", "thousand", "million", "billion", "trillion"] {
        words.entry(w, Word::default).lists |= List::SpelledScales.bit();
    }
    for &(s, p) in SCALE_SUFFIXES {
        let word = words.entry(s, Word::default);
        word.lists |= List::Suffixes.bit();
        if word.suffix.is_none() {
            word.suffix = Some(power(p));
            if s == "m" {
                word.lists |= List::BareM.bit();
            }
        }
    }
    Lists {
        hedges_before: PhraseIndex::new(
            before,
            KeyWord::Last,
            (0, List::KeysHedgesBefore),
            &mut words,
        ),
        // "+" is read on its own: written against the number ("10,000+").
        hedges_after: PhraseIndex::new(
            after.into_iter().filter(|&(_, p)| p != "+"),
            KeyWord::First,
            (1, List::KeysHedgesAfter),
            &mut words,
        ),
        percent_words: PhraseIndex::new(
            PERCENT_WORDS.iter().map(|&p| ((), p)),
            KeyWord::First,
            (2, List::KeysPercentWords),
            &mut words,
        ),
        words,
    }
});

// ---------------------------------------------------------------------------------------------

/// Every figure in `text`, in order.
pub fn read(text: &str) -> Vec<Found> {
    Reader::new(text, false).run()
}

/// How a claim's figure stands against its quote.
#[derive(Clone, Debug, PartialEq)]
pub struct Agreement {
    /// Every figure the quote holds, in order (durations included: "up to 10 years"): what a
    /// warning lists when none matches.
    pub numbers: Vec<Found>,
    /// Index in [`Agreement::numbers`] of the number equal to the figure's value (for a range:
    /// of a range with both its ends, or of its low end written alone).
    pub matching: Option<usize>,
    /// The form the quote's own hedge asks for, with the figure's numbers, when the figure's
    /// form contradicts it: an exact figure for "approximately 11,000" gives `About(11000)`;
    /// at-least against "up to" (or the reverse) gives the quote's bound.
    pub write_instead: Option<Figure>,
}

impl Agreement {
    /// The quote holds the figure's number (for a range, both ends).
    pub fn has_value(&self) -> bool {
        self.matching.is_some()
    }

    /// Nothing to warn about: the number is there and the form does not contradict its hedge.
    pub fn holds(&self) -> bool {
        self.matching.is_some() && self.write_instead.is_none()
    }

    /// The numbers the quote holds, as written ("approximately 11,000", "2,600").
    pub fn numbers_in<'q>(&self, quote: &'q str) -> Vec<&'q str> {
        self.numbers.iter().map(|f| f.text(quote)).collect()
    }
}

/// Whether `quote` holds a number equal to `figure`'s value (for a range, its two ends), and
/// whether the figure's form contradicts the quote's own hedge for that number.
pub fn agreement(figure: &Figure, quote: &str) -> Agreement {
    thread_local! {
        /// The tokens of the last quote read on this thread, kept for their allocation: `check`
        /// reads one short quote per claim, and lexing into a warm buffer saves the allocation
        /// and its growth each time.
        static TOKENS: Cell<Tokens> = const { Cell::new(Tokens::new()) };
    }
    /// A buffer grown past this many tokens (a long quote) is let go rather than kept.
    const KEEP: usize = 1 << 12;
    // `try_with` fails only while the thread's locals are being destroyed: a new buffer then.
    let toks = TOKENS.try_with(Cell::take).unwrap_or_default();
    let reader = Reader::with_buffer(quote, true, toks);
    // A quote is short: room for a figure at every place one may start, allocated once, costs
    // less than growing the list figure by figure.
    let numbers = reader.run_into(Vec::with_capacity(reader.starts.len().min(64)));
    let toks = reader.into_buffer();
    if toks.toks.capacity() <= KEEP {
        let _ = TOKENS.try_with(|t| t.set(toks));
    }
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

/// The figure as a claim file writes it: `11000`, `{ about = 11000 }`, `{ low = 10, high = 12 }`.
pub fn claim_syntax(figure: &Figure) -> String {
    let n = |v: f64| {
        // Whole numbers as TOML integers; others as TOML floats ("7.3", "1e23").
        if v.fract() == 0.0 && v.abs() < 9.0e15 {
            format!("{}", v as i64)
        } else {
            format!("{v:?}")
        }
    };
    match *figure {
        Figure::Exact(v) => n(v),
        Figure::About(v) => format!("{{ about = {} }}", n(v)),
        Figure::AtLeast(v) => format!("{{ at_least = {} }}", n(v)),
        Figure::AtMost(v) => format!("{{ at_most = {} }}", n(v)),
        Figure::Range { low, high } => format!("{{ low = {}, high = {} }}", n(low), n(high)),
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

/// A text's tokens, and the tokens where a figure may start: digits, and the words that may
/// start a number in words ([`NUMBER_WORDS`] and [`List::NumberLeads`]). The reader looks for
/// figures only there; every other token is looked at only around them.
#[derive(Debug, Default)]
struct Tokens {
    toks: Vec<Tok>,
    starts: Vec<usize>,
}

impl Tokens {
    const fn new() -> Self {
        Tokens {
            toks: Vec::new(),
            starts: Vec::new(),
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    kind: Kind,
    /// What the word lists say of a word, as 1 + its entry in the index of words (`LISTS.words`),
    /// or 0 for a word in no list and for other tokens: a number that a token is written with in
    /// one store, where the fields of [`Word`] would take one store each.
    word: u32,
    /// [`Word::lists`] of the word, the question most asked of a word, kept at hand.
    lists: u32,
    start: usize,
    end: usize,
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
    // Most words starting with h or w ("has", "with") are turned away on their second letter.
    if !matches!(rest.get(1), Some(b't' | b'T' | b'w' | b'W')) {
        return false;
    }
    ["https://", "http://", "www."].iter().any(|p| {
        rest.get(..p.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(p.as_bytes()))
    })
}

/// The lexer's loops look at bytes, and decode a character only where a byte is not ASCII: most
/// of a news text is, and the class of an ASCII byte is one look in [`CLASS`].
const DIGIT: u8 = 1;
/// `char::is_whitespace` of the ASCII characters: tab, line feed, vertical tab, form feed,
/// carriage return and space.
const SPACE: u8 = 2;
/// The ASCII line breaks of [`is_break`].
const BREAK: u8 = 4;
const LETTER: u8 = 8;
/// Not ASCII: a character to decode.
const WIDE: u8 = 16;

/// The class of each byte: [`DIGIT`], [`SPACE`] (with [`BREAK`]), [`LETTER`], [`WIDE`] or none.
static CLASS: [u8; 256] = {
    let mut class = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        class[b] = match b as u8 {
            b'0'..=b'9' => DIGIT,
            b'\n' | b'\r' | b'\x0b' | b'\x0c' => SPACE | BREAK,
            b'\t' | b' ' => SPACE,
            b'a'..=b'z' | b'A'..=b'Z' => LETTER,
            0x80.. => WIDE,
            _ => 0,
        };
        b += 1;
    }
    class
};

fn class(b: u8) -> u8 {
    CLASS[usize::from(b)]
}

/// The end of the whitespace from byte `i`, and whether it holds a line break.
fn space_end(text: &str, mut i: usize) -> (usize, bool) {
    let bytes = text.as_bytes();
    let mut line = false;
    while let Some(&b) = bytes.get(i) {
        let c = class(b);
        if c & SPACE != 0 {
            line |= c & BREAK != 0;
            i += 1;
        } else if c & WIDE == 0 {
            break;
        } else {
            match char_at(text, i) {
                Some(w) if w.is_whitespace() => {
                    line |= is_break(w);
                    i += w.len_utf8();
                }
                _ => break,
            }
        }
    }
    (i, line)
}

/// The end of the characters from byte `i` up to whitespace (a web address).
fn link_end(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    while let Some(&b) = bytes.get(i) {
        let c = class(b);
        if c & SPACE != 0 {
            break;
        } else if c & WIDE == 0 {
            i += 1;
        } else {
            match char_at(text, i) {
                Some(w) if !w.is_whitespace() => i += w.len_utf8(),
                _ => break,
            }
        }
    }
    i
}

/// The length of the letter at byte `i`, when there is one.
fn letter_at(text: &str, i: usize) -> Option<usize> {
    let c = class(*text.as_bytes().get(i)?);
    if c & LETTER != 0 {
        Some(1)
    } else if c & WIDE == 0 {
        None
    } else {
        char_at(text, i)
            .filter(|&l| is_letter(l))
            .map(char::len_utf8)
    }
}

/// The end of a word's letters from byte `i`: letters, and apostrophes between letters
/// ("o'clock", "Sudan’s"); and whether there is an apostrophe.
#[inline]
fn word_end(text: &str, mut i: usize) -> (usize, bool) {
    let bytes = text.as_bytes();
    let mut apostrophes = false;
    loop {
        // ASCII letters, the most of any word, one byte at a time.
        while bytes.get(i).is_some_and(|&b| class(b) & LETTER != 0) {
            i += 1;
        }
        let apostrophe = match bytes.get(i) {
            Some(b'\'') => 1,
            Some(&b) if class(b) & WIDE != 0 => match char_at(text, i) {
                Some(l) if is_letter(l) => {
                    i += l.len_utf8();
                    continue;
                }
                Some(a) if is_apostrophe(a) => a.len_utf8(),
                _ => break,
            },
            _ => break,
        };
        match letter_at(text, i + apostrophe) {
            Some(l) => {
                i += apostrophe + l;
                apostrophes = true;
            }
            None => break,
        }
    }
    (i, apostrophes)
}

/// The tokens of `text`, in `tokens` (emptied first: a buffer may be lent again and again).
// Kept out of line: inlined into the reader, its loop is given fewer registers and costs more.
#[inline(never)]
fn lex_into(text: &str, tokens: &mut Tokens) {
    let Tokens { toks, starts } = tokens;
    toks.clear();
    starts.clear();
    toks.reserve(text.len() / 3);
    let bytes = text.as_bytes();
    let words = &LISTS.words;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let start = i;
        let mut word = None;
        let mut apostrophe = false;
        let c = class(b);
        let kind = if c & DIGIT != 0 {
            i += 1;
            while bytes.get(i).is_some_and(|&d| class(d) & DIGIT != 0) {
                i += 1;
            }
            starts.push(toks.len());
            Kind::Digits
        } else if c & SPACE != 0 {
            // One plain space between words, the most common token, without the loop.
            let (end, line) = match bytes.get(i + 1) {
                Some(&n) if b == b' ' && class(n) & (SPACE | WIDE) == 0 => (i + 1, false),
                _ => space_end(text, i),
            };
            i = end;
            if line { Kind::Break } else { Kind::Space }
        } else if c & LETTER != 0 {
            if matches!(b, b'h' | b'H' | b'w' | b'W') && starts_link(text, start) {
                i = link_end(text, i + 1);
                Kind::Link
            } else {
                (i, apostrophe) = word_end(text, i + 1);
                word = words.word_at(bytes, start, i);
                Kind::Word
            }
        } else if c & WIDE == 0 {
            i += 1;
            Kind::Punct(char::from(b))
        } else {
            let Some(c) = char_at(text, i) else { break };
            if c.is_whitespace() {
                let (end, line) = space_end(text, i);
                i = end;
                if line { Kind::Break } else { Kind::Space }
            } else if is_letter(c) {
                (i, apostrophe) = word_end(text, i + c.len_utf8());
                word = words.word_at(bytes, start, i);
                Kind::Word
            } else {
                i += c.len_utf8();
                Kind::Punct(c)
            }
        };
        let (id, lists) = match word.and_then(|e| Some((e, words.entries.get(e)?))) {
            Some((e, entry)) => {
                if entry.value.number.is_some() || entry.value.is_in(List::NumberLeads) {
                    starts.push(toks.len());
                }
                (u32::try_from(e + 1).unwrap_or(0), entry.value.lists)
            }
            None => (0, 0),
        };
        let lists = if apostrophe {
            lists | List::Apostrophe.bit()
        } else {
            lists
        };
        toks.push(Tok {
            kind,
            word: id,
            lists,
            start,
            end: i,
        });
        // The plain space after a word, taken here rather than by the next turn of the loop
        // (as that turn would take it).
        if bytes.get(i) == Some(&b' ')
            && bytes
                .get(i + 1)
                .is_some_and(|&n| class(n) & (SPACE | WIDE) == 0)
        {
            toks.push(Tok {
                kind: Kind::Space,
                word: 0,
                lists: 0,
                start: i,
                end: i + 1,
            });
            i += 1;
        }
    }
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

/// What a step of the reading did, and the token it goes on from.
enum Step {
    /// Read a figure (put straight into the reading's list: a `Found` is large to move).
    Found(usize),
    Skip(usize),
}

struct Reader<'t> {
    text: &'t str,
    /// The entries of the index of words, that [`Tok::word`] points into.
    words: &'static [Entry<Word>],
    toks: Vec<Tok>,
    /// The tokens where a figure may start ([`Tokens::starts`]).
    starts: Vec<usize>,
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
        Self::with_buffer(text, durations, Tokens::new())
    }

    /// A reader of `text` that lexes into `tokens` (a buffer lent for its allocation; what it
    /// holds is replaced), given back by [`Reader::into_buffer`].
    fn with_buffer(text: &'t str, durations: bool, mut tokens: Tokens) -> Self {
        lex_into(text, &mut tokens);
        Reader {
            text,
            words: &LISTS.words.entries,
            toks: tokens.toks,
            starts: tokens.starts,
            durations,
        }
    }

    fn into_buffer(self) -> Tokens {
        Tokens {
            toks: self.toks,
            starts: self.starts,
        }
    }

    fn run(&self) -> Vec<Found> {
        self.run_into(Vec::new())
    }

    /// The figures read, in `out` (empty: given for its capacity).
    fn run_into(&self, mut out: Vec<Found>) -> Vec<Found> {
        let mut floor = 0;
        let mut i = 0;
        // Only digits and the words that may start a number in words start a figure (a step
        // anywhere else finds no number and moves on by one token): the reading goes from one
        // such token to the next, past the tokens a step has read.
        for &start in &self.starts {
            if start < i {
                continue;
            }
            i = start;
            match self.step(i, floor, &mut out) {
                Some(Step::Found(next) | Step::Skip(next)) => {
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
        #[cfg(test)]
        tests::looked_at();
        self.toks.get(i).map(|t| t.kind)
    }

    fn str(&self, i: usize) -> &'t str {
        #[cfg(test)]
        tests::looked_at();
        self.toks
            .get(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or("")
    }

    // The helpers below answer on the bytes and the length of a token where a string is not
    // needed: `str` checks that both ends are character boundaries, every time.

    /// The bytes of token `i`.
    fn bytes(&self, i: usize) -> &'t [u8] {
        #[cfg(test)]
        tests::looked_at();
        self.toks
            .get(i)
            .and_then(|t| self.text.as_bytes().get(t.start..t.end))
            .unwrap_or(&[])
    }

    /// The length of token `i` in bytes.
    fn len(&self, i: usize) -> usize {
        #[cfg(test)]
        tests::looked_at();
        self.toks
            .get(i)
            .map_or(0, |t| t.end.saturating_sub(t.start))
    }

    fn is_word(&self, i: usize) -> bool {
        self.kind(i) == Some(Kind::Word)
    }

    fn is_digits(&self, i: usize) -> bool {
        self.kind(i) == Some(Kind::Digits)
    }

    /// Digits of `n` bytes at token `i`.
    fn digits_of_len(&self, i: usize, n: usize) -> bool {
        self.is_digits(i) && self.len(i) == n
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

    /// What the lists say of the word of token `t`, when it is in one.
    fn word_of(&self, t: &Tok) -> Option<&'static Word> {
        let e = usize::try_from(t.word).ok()?.checked_sub(1)?;
        self.words.get(e).map(|e| &e.value)
    }

    fn word_in(&self, i: usize, list: List) -> bool {
        #[cfg(test)]
        tests::looked_at();
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == Kind::Word && t.lists & list.bit() != 0)
    }

    /// The value of the word at `i` in [`NUMBER_WORDS`].
    fn number_word(&self, i: usize) -> Option<u32> {
        self.lists_of(i)?.number
    }

    /// The token at `i` when it is of kind `kind`.
    fn tok(&self, i: usize, kind: Kind) -> Option<&Tok> {
        #[cfg(test)]
        tests::looked_at();
        self.toks.get(i).filter(|t| t.kind == kind)
    }

    fn word_is(&self, i: usize, w: &str) -> bool {
        // Most words are turned away on their length, before their bytes are compared.
        self.tok(i, Kind::Word).is_some_and(|t| {
            t.end.wrapping_sub(t.start) == w.len()
                && self
                    .text
                    .as_bytes()
                    .get(t.start..t.end)
                    .is_some_and(|b| b.eq_ignore_ascii_case(w.as_bytes()))
        })
    }

    fn capitalised(&self, i: usize) -> bool {
        let Some(t) = self.tok(i, Kind::Word) else {
            return false;
        };
        match self.text.as_bytes().get(t.start) {
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            Some(_) => self.str(i).chars().next().is_some_and(char::is_uppercase),
            None => false,
        }
    }

    /// A single space character (a group separator in "12 000").
    fn single_space(&self, i: usize) -> bool {
        self.tok(i, Kind::Space)
            .is_some_and(|t| match t.end.wrapping_sub(t.start) {
                1 => true,
                // A character of whitespace has at most three bytes in UTF-8.
                2..=4 => self.str(i).chars().count() == 1,
                _ => false,
            })
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

    /// The phrases of `index` keyed by the token at `i`: a word (known since it was lexed), or
    /// the sign `+`.
    fn phrases_at<'l, T>(&self, i: usize, index: &'l PhraseIndex<T>) -> Option<&'l [Phrase<T>]> {
        #[cfg(test)]
        tests::looked_at();
        let t = self.toks.get(i)?;
        match t.kind {
            Kind::Word if t.lists & index.keys.bit() == 0 => None,
            Kind::Word => index.of(self.word_of(t)?),
            Kind::Punct('+') => index.phrases.get("+").map(Vec::as_slice),
            _ => None,
        }
    }

    /// What the lists say of the word at `i`, when it is in one.
    fn lists_of(&self, i: usize) -> Option<&'static Word> {
        #[cfg(test)]
        tests::looked_at();
        self.toks
            .get(i)
            .filter(|t| t.kind == Kind::Word)
            .and_then(|t| self.word_of(t))
    }

    /// The power of ten of the word at `i` in [`SCALE_WORDS`] ("million" 6, "bn" 9).
    fn scale_at(&self, i: usize) -> Option<i32> {
        if !self.word_in(i, List::Scales) {
            return None;
        }
        self.lists_of(i)?.scale.map(i32::from)
    }

    /// The power of ten of the word at `i` as numbers in words use scales: hundred to trillion,
    /// spelled out.
    fn spelled_scale_at(&self, i: usize) -> Option<i32> {
        if !self.word_in(i, List::SpelledScales) {
            return None;
        }
        self.lists_of(i)?.scale.map(i32::from)
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
        phrases: &PhraseIndex<T>,
    ) -> Option<(T, usize)> {
        // A last word written with a full stop ("approx.") ends at the stop, after the word.
        let word = if self.punct(end) == Some('.') {
            end.checked_sub(1)?
        } else {
            end
        };
        let candidates = self.phrases_at(word, phrases)?;
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
        phrases: &PhraseIndex<T>,
    ) -> Option<(T, usize)> {
        self.phrases_at(start, phrases)?
            .iter()
            .find_map(|p| Some((p.tag, self.phrase_after(start, &p.words)?)))
    }

    // --- one step of the reading ---

    fn step(&self, i: usize, floor: usize, out: &mut Vec<Found>) -> Option<Step> {
        let q1 = match self.quantity(i, true) {
            Parsed::Number(q) => q,
            Parsed::Refused(next) => return Some(Step::Skip(next.max(i + 1))),
            Parsed::Nothing => return None,
        };
        Some(self.figure(q1, floor, out))
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
        let dot_after = |k: usize| self.punct(k + 1) == Some('.') && self.is_digits(k + 2);
        // Runs joined by dots only: 1.200.000, 12.01.2010, 1.2.3 (one dot is a decimal point).
        let mut last = i;
        let mut dots = 0;
        let mut threes = true;
        while dot_after(last) {
            last += 2;
            dots += 1;
            threes &= self.len(last) == 3;
        }
        if dots >= 2 {
            return Chain {
                last,
                groups: dots + 1,
                lens: [self.len(i), self.len(i + 2)],
                sep: Some('.'),
                threes,
                decimals: false,
            };
        }
        // Otherwise numbers (a decimal point allowed) joined by one mark or space.
        let mut chain = Chain {
            last: if dots == 1 { i + 2 } else { i },
            groups: 1,
            lens: [self.len(i), 0],
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
            if !self.is_digits(next) {
                break;
            }
            let d = self.len(next);
            if chain.groups == 1 {
                chain.lens[1] = d;
                chain.sep = Some(sep);
            } else if chain.sep != Some(sep) {
                mixed = true;
            }
            chain.threes &= d == 3;
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
                    if self.is_digits(i - 2) {
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
                    if chain.groups > 1 || self.len(i) >= 7 {
                        return Parsed::Refused(chain.last + 1);
                    }
                }
                Some(Kind::Punct('_' | '@' | '#' | '/' | '\\' | '=' | '&' | '|' | '^' | '*')) => {
                    return skip;
                }
                // '98 (a year), and leftovers of a malformed group such as "1,2345".
                Some(Kind::Punct('\'' | '’'))
                    if self.len(i) == 2 && self.punct(i + 1) != Some(',') =>
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
        if self.punct(i + 1) == Some(':') && self.is_digits(i + 2) {
            let mut last = i + 2;
            while self.punct(last + 1) == Some(':') && self.is_digits(last + 2) {
                last += 2;
            }
            return Parsed::Refused(self.after_time_words(last) + 1);
        }
        let chain = self.chain(i);
        if chain.groups >= 2 {
            let refuse = Parsed::Refused(chain.last + 1);
            // 555-1234 (a range ends in zeros: 500-1000).
            let phone = chain.groups == 2
                && chain.lens == [3, 4]
                && !self.bytes(chain.last).ends_with(b"00");
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
        let first = self.bytes(i);
        let mut int = Digits::default();
        int.push(first);
        let mut last = i;
        let mut grouped = false;
        if first.len() <= 3 {
            // 12,000,000
            while self.punct(last + 1) == Some(',') && self.digits_of_len(last + 2, 3) {
                int.push(self.bytes(last + 2));
                last += 2;
                grouped = true;
            }
            // "100, 000": a comma and space before three zeros is a slip in the separator.
            if !grouped
                && self.punct(last + 1) == Some(',')
                && self.single_space(last + 2)
                && self.digits_of_len(last + 3, 3)
                && self.bytes(last + 3) == b"000"
            {
                while self.punct(last + 1) == Some(',')
                    && self.single_space(last + 2)
                    && self.digits_of_len(last + 3, 3)
                    && self.bytes(last + 3) == b"000"
                {
                    int.push(b"000");
                    last += 3;
                }
                grouped = true;
            }
            // 12 000 000 and 1.200.000 (one dot group alone is a decimal point: 12.000 is 12).
            let dots = chain.sep == Some('.') && chain.groups >= 3;
            if !grouped && chain.threes && !chain.decimals && (chain.sep == Some(' ') || dots) {
                while last < chain.last {
                    int.push(self.bytes(last + 2));
                    last += 2;
                }
                grouped = true;
            }
        }
        let int_last = last;
        // A malformed group ("1,2345", "1,23") is no number.
        if self.punct(last + 1) == Some(',') && self.is_digits(last + 2) {
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
        if plain && first.len() > 1 && first.starts_with(b"0") {
            return Parsed::Refused(last + 1);
        }
        let digits = int.count;
        let numeral = int.exact(frac).unwrap_or_else(|| {
            // "{int}.{frac}0", written on the digits (no formatting): the integer's digits are
            // the runs of digits from `i` to `int_last`, their separators left out.
            let mut text = String::with_capacity(digits + frac.len() + 2);
            for k in i..=int_last {
                if let Some(d) = self.digits(k) {
                    text.push_str(d);
                }
            }
            text.push('.');
            text.push_str(frac);
            text.push('0');
            text.parse::<f64>().unwrap_or(f64::INFINITY)
        });
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
                let word = match self.word_in(last + 1, List::Suffixes) {
                    true => self.lists_of(last + 1).copied().unwrap_or_default(),
                    false => Word::default(),
                };
                match word.suffix {
                    Some(power) => {
                        q.bare_m = word.is_in(List::BareM);
                        q.last = last + 1;
                        self.scale(&mut q, power_of_ten(i32::from(power)));
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
            Some(Kind::Punct('.')) if self.is_word(last + 2) => {
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
        if !self.is_word(j) {
            return;
        }
        if self.word_is(j, "dozen") {
            q.last = j;
            self.scale(q, 12.0);
        } else if let Some(power) = self.scale_at(j) {
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
        // "a million", "an estimated"…: only before a scale word.
        let lead = if self.word_is(i, "a") || self.word_is(i, "an") {
            1.0
        } else if self.word_is(i, "half") {
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
            if !self.is_word(j) {
                return Parsed::Nothing;
            }
            let by = if self.word_is(j, "dozen") {
                12.0
            } else if let Some(p) = self.spelled_scale_at(j) {
                power_of_ten(p)
            } else {
                return Parsed::Nothing;
            };
            // "a hundred thousand": a larger scale may follow.
            let (mut by, mut last) = (by, j);
            if by == 100.0
                && self.kind(last + 1) == Some(Kind::Space)
                && let Some(p) = self.spelled_scale_at(last + 2).filter(|&p| p > 2)
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
            let empty = self.len(j) == 0;
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
            if !fits || empty || (value == 0 && last != Last::None) {
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
                if !self.is_word(k + 1) {
                    break;
                }
                if self.word_is(k + 1, "hundred")
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
                let Some(p) = self.spelled_scale_at(k + 1).filter(|&p| p > 2) else {
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
    fn figure(&self, q1: Quantity, floor: usize, out: &mut Vec<Found>) -> Step {
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
        self.finish(&figure, out)
    }

    /// The last checks, on the figure's right side and its noun; the figure if it passes them.
    fn finish(&self, draft: &Draft, out: &mut Vec<Found>) -> Step {
        let &Draft {
            q1,
            q2,
            low,
            start_tok,
            last,
            ref hedge,
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
                        self.is_digits(n) && self.len(n) != 4
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
        let figure = match (q2, hedge) {
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
            hedge: hedge.clone().map(|(bound, span)| Hedge { bound, span }),
            noun: noun_span,
            percent,
            currency,
        };
        out.push(found);
        Step::Found(last + 1)
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
                if self.word_is(k, "to") {
                    RangeBy::To
                } else if self.word_is(k, "or") {
                    RangeBy::Or
                } else if self.word_is(k, "and") {
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
            && !self.word_in(w, List::Apostrophe)
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
        // (The filler ends in "of": most numbers are turned away there, without the call.)
        let filler = match self.word_is(end, "of") {
            true => self.phrase_before(end, A_TOTAL_OF),
            false => None,
        };
        let (end, filler) = match filler {
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
        while self.punct(end + 1).is_some_and(is_hyphen) && self.is_word(end + 2) {
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
                Some(Kind::Punct(c)) if is_hyphen(c) && (n == 0 || self.is_word(k)) => k + 2,
                _ => break,
            };
            if !self.is_word(j) {
                break;
            }
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
            let upper = self.capitalised(j);
            // A capitalised plural straight after the number: "2.9 million Ukrainians".
            let people = n == 0
                && upper
                && self.len(j) > 3
                && self.bytes(j).ends_with(b"s")
                && !self.word_in(j, List::Apostrophe);
            if (people || !upper) && !self.word_in(j, List::NounModifiers) && fallback.is_none() {
                fallback = Some((j, j_end));
            }
            k = j_end;
        }
        fallback
    }
}

/// The digits of a number as it is read, kept as an integer while they fit in one, so that the
/// value of a number of up to 15 digits is had without writing them out and parsing them.
#[derive(Clone, Copy, Default)]
struct Digits {
    /// The first 19 digits (at most 10^19 - 1, which a `u64` holds).
    mantissa: u64,
    /// How many digits.
    count: usize,
}

impl Digits {
    fn push(&mut self, run: &[u8]) {
        let mut mantissa = self.mantissa;
        for &b in run.iter().take(19usize.saturating_sub(self.count)) {
            mantissa = mantissa
                .wrapping_mul(10)
                .wrapping_add(u64::from(b.wrapping_sub(b'0')));
        }
        self.mantissa = mantissa;
        self.count += run.len();
    }

    /// The value of these digits with the digits `frac` after a decimal point, as parsing
    /// "{digits}.{frac}" gives it, when it can be had exactly: with at most 15 digits in all, the
    /// digits are an integer below 2^53 and 10^(digits of `frac`) a power of ten below 2^53, both
    /// exact as `f64`, and one division rounds their quotient as parsing rounds the decimal.
    fn exact(&self, frac: &str) -> Option<f64> {
        const POWERS: [f64; 16] = [
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
        ];
        if self.count + frac.len() > 15 {
            return None;
        }
        let mut all = *self;
        all.push(frac.as_bytes());
        let power = POWERS.get(frac.len())?;
        Some(all.mantissa as f64 / power)
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
#[cfg(test)]
fn scale_of(w: &str) -> Option<i32> {
    LISTS.words.get(w)?.scale.map(i32::from)
}

/// The power of ten of a scale word as numbers in words use it: hundred to trillion, spelled out.
#[cfg(test)]
fn spelled_scale_of(w: &str) -> Option<i32> {
    let word = LISTS
        .words
        .get(w)
        .filter(|w| w.is_in(List::SpelledScales))?;
    word.scale.map(i32::from)
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    thread_local! {
        /// Tokens the reader looked at, to show that it reads in linear time.
        pub(super) static LOOKS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    pub(super) fn looked_at() {
        LOOKS.with(|n| n.set(n.get() + 1));
    }

    /// A figure in short: `~11000 soldiers`, `>=230000`, `10..12 million`→`10000000..12000000`,
    /// `$300000000`, `65%`.
    fn short(text: &str, f: &Found) -> String {
        let n = |v: f64| claim_syntax(&Figure::Exact(v));
        let mut s = String::new();
        if let Some(c) = f.currency {
            s.push(c);
        }
        s += &match f.figure {
            Figure::Exact(v) => n(v),
            Figure::About(v) => format!("~{}", n(v)),
            Figure::AtLeast(v) => format!(">={}", n(v)),
            Figure::AtMost(v) => format!("<={}", n(v)),
            Figure::Range { low, high } => format!("{}..{}", n(low), n(high)),
        };
        if f.percent {
            s.push('%');
        }
        if let Some(noun) = f.noun_text(text) {
            s.push(' ');
            s += noun;
        }
        s
    }

    fn shorts(text: &str) -> Vec<String> {
        read(text).iter().map(|f| short(text, f)).collect()
    }

    #[track_caller]
    fn table(cases: &[(&str, &[&str])]) {
        let mut failures = Vec::new();
        for (text, want) in cases {
            let got = shorts(text);
            if got != *want {
                failures.push(format!("{text:?}\n    want {want:?}\n     got {got:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn digits_and_separators() {
        table(&[
            ("North Korea has committed 12,000 troops", &["12000 troops"]),
            ("12 000 troops", &["12000 troops"]),
            (
                "More than 100, 000 Sudanese refugees",
                &[">=100000 refugees"],
            ),
            ("1, 000, 000 people", &["1000000 people"]),
            ("3, 250 injured", &["3", "250 injured"]),
            ("12\u{a0}000 troops", &["12000 troops"]),
            ("12\u{202f}000 troops", &["12000 troops"]),
            ("1.200.000 people", &["1200000 people"]),
            ("12.000 troops", &["12 troops"]),
            ("2,400,000,000 dollars pledged", &["2400000000 dollars"]),
            ("a toll of 3.5 per person", &["3.5"]),
            ("0 deaths were reported", &["0 deaths"]),
            ("0", &["0"]),
            ("7,028", &["7028"]),
            ("killed 481 people, the majority", &["481 people"]),
            ("1,234.5 tonnes", &["1234.5 tonnes"]),
            ("the 7.0 magnitude quake", &["7 magnitude"]),
            ("the magnitude-7.0 quake", &["7 quake"]),
        ]);
    }

    #[test]
    fn scale_words_and_suffixes() {
        table(&[
            ("1.2 million people", &["1200000 people"]),
            ("12 thousand soldiers", &["12000 soldiers"]),
            ("a $3bn fund", &["$3000000000 fund"]),
            ("3bn", &["3000000000"]),
            ("pledged $5m in aid", &["$5000000"]),
            ("pledged $300m in aid", &["$300000000"]),
            ("2.5k troops", &["2500 troops"]),
            ("US$5 billion in loans", &["$5000000000"]),
            ("€2bn", &["€2000000000"]),
            ("150-thousand dead", &["150000 dead"]),
            ("5.2 million people have fled", &["5200000 people"]),
            ("a 5m wall", &[]),
            ("5m people", &["5000000 people"]),
            ("2 dozen soldiers", &["24 soldiers"]),
            ("4.35 million", &["4350000"]),
        ]);
    }

    #[test]
    fn number_words() {
        table(&[
            ("twelve thousand troops", &["12000 troops"]),
            ("Twelve thousand troops", &["12000 troops"]),
            ("one hundred and five people", &["105 people"]),
            ("a dozen soldiers", &["12 soldiers"]),
            ("more than half a dozen countries", &[">=6 countries"]),
            ("half a million people", &["500000 people"]),
            (
                "an estimated one million people remain homeless",
                &["~1000000 people"],
            ),
            ("one soldier was killed", &["1 soldier"]),
            ("twenty-five thousand refugees", &["25000 refugees"]),
            ("twenty\u{2011}five refugees", &["25 refugees"]),
            ("two thousand three hundred homes", &["2300 homes"]),
            (
                "one million two hundred thousand people",
                &["1200000 people"],
            ),
            ("killed three North Korean soldiers", &["3 soldiers"]),
            ("a million people", &["1000000 people"]),
            ("zero casualties", &["0 casualties"]),
            ("forty journalists", &["40 journalists"]),
            ("two or three soldiers", &["2..3 soldiers"]),
            (
                "nine Nepalis and four foreigners",
                &["9 Nepalis", "4 foreigners"],
            ),
            ("three tremors were felt", &["3 tremors"]),
            ("another two soldiers", &["2 soldiers"]),
            ("two countries", &["2 countries"]),
            ("a hundred thousand people", &["100000 people"]),
            ("three-quarters of the population", &[]),
            ("two thirds of them", &[]),
        ]);
    }

    #[test]
    fn vague_words_are_not_figures() {
        table(&[
            ("one of the captured soldiers", &[]),
            ("One Ukrainian unit noted", &[]),
            ("no one was hurt", &[]),
            ("Thousands of North Korean soldiers", &[]),
            ("tens of thousands of displaced people", &[]),
            ("several hundred casualties", &[]),
            ("a few thousand troops", &[]),
            ("hundreds of thousands fled", &[]),
            ("dozens of people", &[]),
            ("nearly half of the deployed soldiers", &[]),
            ("the two sides", &[]),
            ("The first two measured 4.7", &["4.7"]),
            ("both of the two", &[]),
            ("one month after", &[]),
            ("the twenty-first century", &[]),
            ("the one hundred and first day", &[]),
            ("an estimated toll", &[]),
        ]);
    }

    #[test]
    fn ranges() {
        table(&[
            ("10-12 troops", &["10..12 troops"]),
            ("10–12 troops", &["10..12 troops"]),
            ("10 – 12 troops", &["10..12 troops"]),
            ("10—12", &["10..12"]),
            ("10\u{2212}12", &["10..12"]),
            ("between 1,100 and 1,200 people", &["1100..1200 people"]),
            ("10 to 12 soldiers", &["10..12 soldiers"]),
            ("10,000 or 12,000 troops", &["10000..12000 troops"]),
            ("10-12 million", &["10000000..12000000"]),
            (
                "between 1 and 2 million people",
                &["1000000..2000000 people"],
            ),
            ("between 500 and 2 million", &["500..2000000"]),
            ("30–40,000 people", &["30000..40000 people"]),
            ("10,000-12,000 troops", &["10000..12000 troops"]),
            ("between 10 000 and 12 000", &["10000..12000"]),
            ("5,000 - 6,000", &["5000..6000"]),
            ("$10m-$12m", &["$10000000..12000000"]),
            ("estimates range from 10,000 to 12,000", &["10000..12000"]),
            ("rose from 212,000 to 230,000", &["212000", "230000"]),
            (
                "raised the toll to 230,000 from 212,000",
                &["230000", "212000"],
            ),
            ("1.1-1.2 million", &["1100000..1200000"]),
            (
                "2,913 children and 1,709 women",
                &["2913 children", "1709 women"],
            ),
            ("about 10-12 troops", &["10..12 troops"]),
            ("won 3-1", &[]),
            ("a 52 to 48 vote", &["52", "48 vote"]),
        ]);
    }

    #[test]
    fn hedges() {
        table(&[
            (
                "approximately 11,000 North Korean soldiers",
                &["~11000 soldiers"],
            ),
            ("around 2,600 soldiers", &["~2600 soldiers"]),
            ("About 300 people", &["~300 people"]),
            ("roughly 40 people", &["~40 people"]),
            ("some 2,913 children", &["~2913 children"]),
            ("Some 16 hospitals", &["~16 hospitals"]),
            ("an estimated 1.5 million", &["~1500000"]),
            ("nearly 1,000 others injured", &["~1000 others injured"]),
            ("almost 4 million displaced persons", &["~4000000 persons"]),
            (
                "close to 1.2 million asylum-seekers",
                &["~1200000 asylum-seekers"],
            ),
            (
                "over 100 short-range ballistic missiles",
                &[">=100 missiles"],
            ),
            ("a 12,000-strong force", &["12000 force"]),
            ("approx. 500 people", &["~500 people"]),
            ("at least 230,000", &[">=230000"]),
            ("At least 195 children died", &[">=195 children died"]),
            ("more than 110,000 people", &[">=110000 people"]),
            ("over 5.9 million refugees", &[">=5900000 refugees"]),
            ("Over 7.7 million Ukrainians", &[">=7700000 Ukrainians"]),
            ("upwards of 300 troops", &[">=300 troops"]),
            ("no fewer than 300 troops", &[">=300 troops"]),
            ("well over 300 troops", &[">=300 troops"]),
            ("the toll had topped 150,000", &[">=150000"]),
            ("has passed the 100,000 mark", &[">=100000 mark"]),
            ("up to 3 million people", &["<=3000000 people"]),
            ("as many as 300,000 dead", &["<=300000 dead"]),
            ("at most 50 people", &["<=50 people"]),
            ("fewer than 100 soldiers", &["<=100 soldiers"]),
            ("less than 5%", &["<=5%"]),
            ("no more than 20 troops", &["<=20 troops"]),
            ("just under 1,000 people", &["<=1000 people"]),
            ("10,000 or more people", &[">=10000 people"]),
            ("10,000-plus troops", &[">=10000 troops"]),
            ("10,000+ troops", &[">=10000 troops"]),
            ("100 or so soldiers", &["~100 soldiers"]),
            ("50 or fewer", &["<=50"]),
            (
                "authorities had estimated a total of 200,000 dead",
                &["~200000 dead"],
            ),
            ("about $5m", &["$~5000000"]),
            ("~300 troops", &["~300 troops"]),
            ("≈ 300", &["~300"]),
            ("> 1,000 people", &[">=1000 people"]),
            ("≤50", &["<=50"]),
            (
                "there were about 1300 and at the end 2200 to 2500",
                &["~1300", "2200..2500"],
            ),
        ]);
    }

    /// The hedge phrases are found through their index (by last word before the number, by
    /// first word after it) as they were by trying every phrase: the longest wins, ASCII case
    /// is ignored, "approx." needs its full stop, and a phrase's words are joined by spaces
    /// only (not by punctuation or a line break).
    #[test]
    fn hedge_phrases_are_matched_word_by_word() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            (
                "In The Region Of 500 people",
                "~500 people",
                Some("In The Region Of"),
            ),
            (
                "IN EXCESS OF 2,000 troops",
                ">=2000 troops",
                Some("IN EXCESS OF"),
            ),
            (
                "no fewer than 30 people",
                ">=30 people",
                Some("no fewer than"),
            ),
            // The longest phrase wins: "not more than", not "more than".
            (
                "not more than 20 troops",
                "<=20 troops",
                Some("not more than"),
            ),
            ("no less than 5 people", ">=5 people", Some("no less than")),
            ("less than 5 people", "<=5 people", Some("less than")),
            (
                "more or less 300 people",
                "~300 people",
                Some("more or less"),
            ),
            ("CROSSED THE 1,000 mark", ">=1000 mark", Some("CROSSED THE")),
            (
                "had topped the 5,000 mark",
                ">=5000 mark",
                Some("topped the"),
            ),
            ("Approx. 40 people", "~40 people", Some("Approx.")),
            ("APPROX. 40 people", "~40 people", Some("APPROX.")),
            ("approx 40 people", "40 people", None),
            ("approx .40 people", "40 people", None),
            // At the start of a text, of a sentence, after a colon.
            (
                "Nearly 300 people died.",
                "~300 people died",
                Some("Nearly"),
            ),
            (
                "It rained. More than 40 people died.",
                ">=40 people died",
                Some("More than"),
            ),
            ("the toll: about 300", "~300", Some("about")),
            ("Well over 300 troops", ">=300 troops", Some("Well over")),
            ("well, over 300 troops", ">=300 troops", Some("over")),
            // A phrase split by punctuation or a line break is no phrase.
            ("at, least 40 people", "40 people", None),
            ("at least, 40 people", "40 people", None),
            ("at. least 40 people", "40 people", None),
            ("more. Than 40 people", "40 people", None),
            ("up-to 40 people", "40 people", None),
            ("as many\nas 300 people", "300 people", None),
            (
                "as  many as 300 people",
                "<=300 people",
                Some("as  many as"),
            ),
            (
                "estimated a total of 200,000 dead",
                "~200000 dead",
                Some("estimated a total of"),
            ),
            ("at least a total of 200,000 dead", "200000 dead", None),
            // After the number.
            ("10,000 OR MORE people", ">=10000 people", Some("OR MORE")),
            ("10,000 or, more people", "10000", None),
            ("10,000 or\nmore people", "10000", None),
            ("40 Percent of voters", "40%", None),
            ("3 PERCENTAGE POINTS", "3%", None),
            ("3 percentage point", "3%", None),
            ("3 per, cent", "3", None),
        ];
        let mut failures = Vec::new();
        for &(text, want, want_hedge) in cases {
            let found = read(text);
            let got: Vec<String> = found.iter().map(|f| short(text, f)).collect();
            let hedge: Vec<Option<&str>> = found
                .iter()
                .map(|f| f.hedge.as_ref().map(|h| &text[h.span.clone()]))
                .collect();
            if got != [want] || hedge != [want_hedge] {
                failures.push(format!(
                    "{text:?}\n    want {want:?} {want_hedge:?}\n     got {got:?} {hedge:?}"
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// Each index answers as a search of its list from the start would: ASCII case ignored,
    /// every other byte as written, the first entry of a word winning.
    #[test]
    fn list_indexes_answer_as_the_lists() {
        let in_list = |list: &[&str], w: &str| list.iter().any(|l| l.eq_ignore_ascii_case(w));
        let hedges: Vec<&str> = [APPROXIMATION, LOWER_BOUND, UPPER_BOUND]
            .iter()
            .flat_map(|l| l.iter())
            .map(|p| p.trim_end_matches('.'))
            .collect();
        let mut probes: Vec<String> = Vec::new();
        let words = List::WORDS
            .iter()
            .flat_map(|(_, l)| l.iter().copied())
            .chain(NUMBER_WORDS.iter().map(|&(w, _)| w))
            .chain(SCALE_WORDS.iter().map(|&(w, _)| w))
            .chain(SCALE_SUFFIXES.iter().map(|&(w, _)| w))
            .chain(hedges.iter().copied());
        for w in words {
            let mut title = w.to_string();
            if let Some(c) = title.get_mut(..1) {
                c.make_ascii_uppercase();
            }
            probes.extend([
                w.to_string(),
                w.to_ascii_uppercase(),
                title,
                format!("{w}s"),
                w[..w.len() - 1].to_string(),
                format!("x{w}"),
                w.replace('e', "é"),
                w.replace('s', "ſ"),
            ]);
        }
        probes.extend(["", "-", "'", "’", "o’clock", "O’CLOCK", "o'Clock"].map(String::from));
        for p in &probes {
            let word = Word::of(p);
            for (list, entries) in List::WORDS {
                assert_eq!(word.is_in(list), in_list(entries, p), "{p:?} in {list:?}");
            }
            assert_eq!(word.is_in(List::HedgeWords), in_list(&hedges, p), "{p:?}");
            let first = |l: &[(&str, u32)]| {
                l.iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case(p))
                    .map(|&(_, v)| v)
            };
            assert_eq!(word.number, first(NUMBER_WORDS), "{p:?}");
            let power = SCALE_WORDS
                .iter()
                .find(|(s, _)| s.eq_ignore_ascii_case(p))
                .map(|&(_, v)| v);
            assert_eq!(scale_of(p), power, "{p:?}");
            let spelled = ["hundred", "thousand", "million", "billion", "trillion"];
            assert_eq!(
                spelled_scale_of(p),
                power.filter(|_| in_list(&spelled, p)),
                "{p:?}"
            );
            let suffix = SCALE_SUFFIXES
                .iter()
                .find(|(s, _)| s.eq_ignore_ascii_case(p))
                .map(|&(s, v)| (v, s == "m"));
            let word = LISTS.words.get(p).copied().unwrap_or_default();
            let indexed = word.suffix.map(|v| (i32::from(v), word.is_in(List::BareM)));
            assert_eq!(indexed, suffix, "{p:?}");
            assert_eq!(is_count_noun(p), in_list(COUNT_NOUNS, p), "{p:?}");
        }
    }

    /// The lexer's shortcut for letters answers as `char::is_alphabetic` for every character.
    #[test]
    fn letters_are_the_alphabetic_characters() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn percentages_are_flagged() {
        table(&[
            ("over 65% of the total", &[">=65%"]),
            ("49 % of them", &["49%"]),
            ("a 4 per cent increase", &["4% increase"]),
            ("4 percent", &["4%"]),
            ("3 percentage points", &["3%"]),
        ]);
    }

    #[test]
    fn dates_years_ages_and_times_are_not_figures() {
        table(&[
            ("the 12 January 2010 earthquake", &[]),
            ("on January 12, 2010", &[]),
            ("since Oct. 7", &[]),
            ("Jan. 12", &[]),
            ("Apr 25 (EFE)", &[]),
            ("the Jan. 12 earthquake", &[]),
            ("on 24th February", &[]),
            (
                "on December 17 that 50 soldiers were killed",
                &["50 soldiers"],
            ),
            ("January 12-14", &[]),
            ("2024-10-18", &[]),
            ("12/01/2010", &[]),
            ("12.01.2010", &[]),
            ("9/11 and 24/7", &[]),
            ("in 2010", &[]),
            (
                "its worst earthquake in 1934 killed more than 8,500 people",
                &[">=8500 people"],
            ),
            ("in about 1990", &[]),
            ("in 2005.", &[]),
            ("the 2004 Asian tsunami", &[]),
            ("the 2010s", &[]),
            ("the 1990's", &[]),
            ("the ’90s", &[]),
            ("in '98", &[]),
            ("(1939-1945)", &[]),
            ("the 2010-11 season", &[]),
            ("1500 soldiers", &["1500 soldiers"]),
            ("2500 people", &["2500 people"]),
            ("aged 45", &[]),
            ("ages 18 to 60", &[]),
            ("aged between 18 and 60", &[]),
            ("a 45-year-old man", &[]),
            ("45 years old", &[]),
            ("Evans Moussignac, 28, was found", &[]),
            ("10:30", &[]),
            ("at 10:19 GMT", &[]),
            ("3 p.m.", &[]),
            ("at 3pm", &[]),
            ("5 am", &[]),
            ("at 3 o'clock", &[]),
            ("at 3 o’clock", &[]),
            ("in the past 24 hours", &[]),
            ("a 24-hour curfew", &[]),
            ("within just three days", &[]),
            ("three or four years", &[]),
            (
                "up to 10 years to rebuild 250,000 houses",
                &["250000 houses"],
            ),
            ("by November 1.", &[]),
            ("7 October attack", &[]),
            ("May 3rd", &[]),
        ]);
    }

    #[test]
    fn ordinals_phones_and_names_are_not_figures() {
        table(&[
            ("the 22nd amendment", &[]),
            ("the 1st, 2nd, 3rd and 4th", &[]),
            ("the first group", &[]),
            ("call 555-123-4567", &[]),
            ("call 555-1234", &[]),
            ("call +1 555 123 4567", &[]),
            ("call (555) 123-4567", &[]),
            ("020 7946 0958", &[]),
            ("007", &[]),
            ("Section 427", &[]),
            ("section 427 of the act", &[]),
            ("a 5G network", &[]),
            ("Boeing 737", &[]),
            ("Boeing 737 jets", &[]),
            ("COVID-19", &[]),
            ("Covid-19 cases", &[]),
            ("MiG-29 and Su-27 fighter jets", &[]),
            ("an F-16", &[]),
            ("the G7 and G20", &[]),
            ("an Airbus A320", &[]),
            ("H1N1", &[]),
            ("Apollo 11", &[]),
            ("Resolution 2334", &[]),
            ("Vol. 3", &[]),
            ("No 10 Downing Street", &[]),
            ("No more than 20 troops", &["<=20 troops"]),
            ("13 of Sudan’s 18 states", &["13", "18 states"]),
            ("1 in 77 people", &["77 people"]),
            ("3 out of 4 people", &["4 people"]),
            (
                "an increase of 13.6 million (+15 per cent)",
                &["13600000", "15%"],
            ),
            ("No. 10", &[]),
            ("version 1.2.3", &[]),
            ("192.168.0.1", &[]),
            ("see [1]", &[]),
            ("1. The army said", &[]),
            ("a 10km march", &[]),
            ("45°", &[]),
            ("https://example.com/2010/02/20102101259507378.html", &[]),
            ("www.example.com/story/13186-death-toll", &[]),
            ("content_9419884.htm", &[]),
            ("user@123", &[]),
            ("#10", &[]),
            ("1,2345", &[]),
            ("1.2.3-4", &[]),
        ]);
    }

    #[test]
    fn names_do_not_hide_counts() {
        table(&[
            (
                "Romania has received 777,000, Russia 605,000, Hungary 492,000 and Slovakia 355,000",
                &["777000", "605000", "492000", "355000"],
            ),
            ("Ministers from 11 countries", &["11 countries"]),
            ("With 13,000 personnel in Haiti", &["13000 personnel"]),
            (
                "Poland hosts 2.9 million Ukrainians",
                &["2900000 Ukrainians"],
            ),
            ("In 2005 Brussels said", &[]),
            ("In 2010, 500 people died", &["500 people died"]),
            ("in 2010 500 people died", &["500 people died"]),
        ]);
    }

    #[test]
    fn nouns_skip_modifiers_and_keep_participles() {
        table(&[
            ("12,000 more troops", &["12000 troops"]),
            ("a 12,000-strong force", &["12000 force"]),
            ("7,061 civilian casualties", &["7061 casualties"]),
            (
                "3,381 killed and 3,680 injured",
                &["3381 killed", "3680 injured"],
            ),
            ("one asylum-seeker", &[]),
            ("one", &[]),
            ("three asylum-seekers", &["3 asylum-seekers"]),
            ("230,000 people killed", &["230000 people killed"]),
            ("101 medics were killed", &["101 medics"]),
            ("57 health care facilities", &["57 facilities"]),
            ("43 massacres in the past day", &["43 massacres"]),
            ("296 were injured", &["296"]),
            ("12,000 “troops”", &["12000"]),
        ]);
    }

    #[test]
    fn text_edges() {
        table(&[
            ("", &[]),
            ("12", &["12"]),
            ("12.", &["12"]),
            ("troops: 12", &["12"]),
            ("“12,000”", &["12000"]),
            ("‘about 300’", &["~300"]),
            ("(3,381 killed)", &["3381 killed"]),
            ("-", &[]),
            ("1,", &["1"]),
            ("1.", &["1"]),
            ("$", &[]),
            ("between", &[]),
            ("at least", &[]),
            ("12,000\n\n230,000 men", &["12000", "230000 men"]),
            ("1. The army said\n2) Then", &[]),
        ]);
    }

    #[test]
    fn spans_cover_hedge_and_number() {
        let text = "Budanov said approximately 11,000 North Korean soldiers and up to $3bn, between 10 and 12 tanks, 65% and 10,000 or more.";
        let found = read(text);
        let spans: Vec<&str> = found.iter().map(|f| f.text(text)).collect();
        assert_eq!(
            spans,
            [
                "approximately 11,000",
                "up to $3bn",
                "between 10 and 12",
                "65%",
                "10,000 or more"
            ]
        );
        let hedges: Vec<Option<&str>> = found
            .iter()
            .map(|f| f.hedge.as_ref().and_then(|h| text.get(h.span.clone())))
            .collect();
        assert_eq!(
            hedges,
            [
                Some("approximately"),
                Some("up to"),
                None,
                None,
                Some("or more")
            ]
        );
        assert_eq!(found[0].noun_text(text), Some("soldiers"));
        assert_eq!(found[0].hedge.as_ref().map(|h| h.bound), Some(Bound::About));
    }

    #[test]
    fn agreement_finds_the_value_and_the_form_to_write() {
        let q = "approximately 11,000 North Korean soldiers are training in eastern Russia";
        let a = agreement(&Figure::Exact(11000.0), q);
        assert!(a.has_value() && !a.holds());
        assert_eq!(a.write_instead, Some(Figure::About(11000.0)));
        assert_eq!(claim_syntax(&a.write_instead.unwrap()), "{ about = 11000 }");
        assert!(agreement(&Figure::About(11000.0), q).holds());

        let q = "North Korea has committed 12,000 troops";
        assert!(agreement(&Figure::Exact(12000.0), q).holds());
        let a = agreement(&Figure::Exact(120000.0), q);
        assert!(!a.has_value());
        assert_eq!(a.numbers_in(q), ["12,000"]);

        let q = "Haiti's government now says at least 230,000 people died";
        let a = agreement(&Figure::Exact(230000.0), q);
        assert_eq!(a.write_instead, Some(Figure::AtLeast(230000.0)));
        let a = agreement(&Figure::AtMost(230000.0), q);
        assert_eq!(a.write_instead, Some(Figure::AtLeast(230000.0)));

        let q = "estimates suggest that between 11,000 and 12,000 North Korean soldiers";
        let range = Figure::Range {
            low: 11000.0,
            high: 12000.0,
        };
        assert!(agreement(&range, q).holds());
        let a = agreement(&Figure::Exact(11000.0), q);
        assert!(a.has_value());
        assert_eq!(a.write_instead, Some(range));

        // The ends written apart, in words, or with a scale.
        assert!(agreement(&range, "11,000 in October and 12,000 in December").has_value());
        assert!(agreement(&Figure::Exact(12000.0), "twelve thousand troops").holds());
        assert!(agreement(&Figure::Exact(1_200_000.0), "1.2 million people").holds());
        assert!(agreement(&Figure::Exact(1_200_000.0), "1,200,000 people").holds());
        // A duration a quote claims.
        assert!(agreement(&Figure::AtMost(10.0), "up to 10 years to rebuild").holds());
        // A date is no number of the figure's.
        assert!(!agreement(&Figure::Exact(12.0), "since January 12").has_value());
        let a = agreement(&Figure::Exact(5.0), "no number here");
        assert!(a.numbers.is_empty() && !a.has_value());
    }

    #[test]
    fn claim_syntax_writes_every_form() {
        assert_eq!(claim_syntax(&Figure::Exact(12000.0)), "12000");
        assert_eq!(claim_syntax(&Figure::Exact(7.5)), "7.5");
        assert_eq!(claim_syntax(&Figure::AtLeast(3.0)), "{ at_least = 3 }");
        assert_eq!(claim_syntax(&Figure::AtMost(3.0)), "{ at_most = 3 }");
        assert_eq!(
            claim_syntax(&Figure::Range {
                low: 10.0,
                high: 12.0
            }),
            "{ low = 10, high = 12 }"
        );
    }

    #[test]
    fn huge_inputs_stay_finite() {
        let digits = "9".repeat(400);
        assert!(read(&digits).is_empty());
        let text = format!("{} million", "9".repeat(300));
        assert!(read(&text).iter().all(|f| f.value().is_finite()));
        let words = "one million million million million million";
        for f in read(words) {
            assert!(f.value().is_finite());
        }
    }

    #[test]
    fn long_runs_of_numbers_are_read_in_linear_time() {
        // Chains of digits, number words and hedges that a backtracking reader would revisit:
        // four times the text means about four times the tokens looked at (counted, not timed,
        // so that a busy machine cannot decide).
        let work = |text: &str| {
            LOOKS.with(|n| n.set(0));
            std::hint::black_box(read(text));
            LOOKS.with(|n| n.get())
        };
        for unit in [
            "1 ",
            "1-",
            "1.",
            "1,",
            "1/",
            "one ",
            "about ",
            "twenty-",
            "a ",
            "10 to ",
            "12 000 ",
            "at least ",
            "- ",
            "$",
            "January ",
            "aged ",
            "x1 ",
        ] {
            let small = work(&unit.repeat(2_000));
            let large = work(&unit.repeat(8_000));
            assert!(
                large <= 4 * small + 1_000,
                "{unit:?}: {small} tokens looked at for 2,000, {large} for 8,000"
            );
        }
    }

    fn check_spans(text: &str) {
        for f in read(text) {
            assert!(f.span.start < f.span.end && f.span.end <= text.len());
            assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
            for span in f.hedge.iter().map(|h| &h.span).chain(f.noun.iter()) {
                assert!(span.start <= span.end && span.end <= text.len());
                assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            }
            match f.figure {
                Figure::Range { low, high } => {
                    assert!(low.is_finite() && high.is_finite() && low <= high)
                }
                other => assert!(other.value().is_some_and(f64::is_finite)),
            }
            assert!(agreement(&f.figure, text).has_value(), "{f:?} in {text:?}");
        }
    }

    proptest! {
        #[test]
        fn arbitrary_text_never_panics(text in any::<String>()) {
            check_spans(&text);
        }

        #[test]
        fn number_like_text_never_panics(
            text in r"([0-9]{1,5}|[ ,.\-–/:%$+'’()\u{a0}]|about|at least|million|bn|m|one|twenty|hundred|and|to|or|January|aged|years|old|people|Section|a|half|dozen){0,24}"
        ) {
            check_spans(&text);
        }
    }
}

/// The reader as it was before its costs were cut (commit 3c674ae), kept verbatim to check
/// against: every reading and every agreement of the reader above must be the same as this one's.
#[cfg(test)]
mod reference;

/// The reader against [`reference`]: the same readings (durations read or not) and the same
/// agreements, compared through their `Debug` text so that even the sign of a zero counts.
#[cfg(test)]
mod same_as_reference;
