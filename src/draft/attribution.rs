//! Who said it, and through whom: the attribution cues of one sentence ("X said", "said X",
//! "according to X", "X told Y", "Y quoted X as saying", "reported by X", "citing X", a headline's
//! "X: …", "the official toll"), and which of them a figure at a given place belongs to.

use std::ops::Range;

use crate::draft::text::{Kind, Token, is_quote_mark};

/// Who a cue names as the speaker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Speaker {
    /// A phrase of the article: a name, a description ("the agency") or a pronoun.
    Phrase(Range<usize>),
    /// "The official toll", "official figures": the officials, unnamed.
    Officials,
}

/// One attribution cue in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cue {
    pub speaker: Speaker,
    /// Phrases of those who relayed it, nearest the speaker first ("told Xinhua").
    pub relays: Vec<Range<usize>>,
    /// The words of the cue ("Haq told reporters in New York"): kept out of quotes.
    pub span: Range<usize>,
    /// It reaches the words after it: "X said [that] …".
    pub forward: bool,
    /// It reaches the words before it: "…, X said.", "“…” he told AFP."
    pub backward: bool,
    /// "… reported killed by X": the clause just before it.
    pub passive: bool,
    /// The whole sentence: "according to X", a headline's "X: …", "the official toll".
    pub sentence: bool,
    /// The verb passes on another's words ("said", "reported", "told"): a cue inside its clause
    /// is relayed by this one ("Al Jazeera reported that he confirmed …").
    pub relays_words: bool,
}

/// Verbs that attribute what follows (or precedes) them to their subject.
#[rustfmt::skip]
const REPORTING: &[&str] = &[
    "said", "says", "say", "saying", "told", "tells", "tell", "reported", "reports", "report",
    "reporting", "stated", "states", "claimed", "claims", "claim", "claiming", "estimated",
    "estimates", "estimate", "estimating", "confirmed", "confirms", "confirm", "warned", "warns",
    "announced", "announces", "added", "adds", "adding", "noted", "notes", "insisted", "insists",
    "insisting", "acknowledged", "acknowledges", "admitted", "admits", "believes", "believe",
    "believed", "thinks", "think", "thought", "put", "puts", "registered", "recorded", "counted",
    "tweeted", "tweeting", "wrote", "writes", "explained", "calculated", "projected", "predicted",
    "forecast", "denied", "denies", "disputed", "disputes", "quoted", "cited", "cites",
    "declared", "declares", "revealed", "reveals", "stressed", "emphasized", "emphasised",
    "argued", "argues", "indicated", "indicates", "suggested", "suggests", "showed", "shows",
    "informed", "briefed", "commented", "mentioned", "testified",
];

/// Verbs that pass on another's words: a cue in their clause is relayed by their subject.
#[rustfmt::skip]
const RELAYING: &[&str] = &[
    "said", "says", "say", "told", "tells", "tell", "reported", "reports", "report", "stated",
    "states", "added", "adds", "wrote", "writes", "quoted", "cited", "tweeted", "announced",
    "informed", "briefed",
];

/// Participles that go on with the speaker of the clause before: "…, adding: …".
const PARTICIPLES: &[&str] = &[
    "saying",
    "adding",
    "tweeting",
    "estimating",
    "insisting",
    "noting",
    "warning",
    "claiming",
    "reporting",
];

/// Verbs whose subject may follow them: "…, said Fleming."
const INVERTIBLE: &[&str] = &[
    "said",
    "says",
    "added",
    "reported",
    "wrote",
    "noted",
    "explained",
    "told",
    "stressed",
];

/// Passive verbs that name the speaker after "by": "26 people reported killed by the council".
const PASSIVE: &[&str] = &[
    "reported",
    "announced",
    "confirmed",
    "estimated",
    "counted",
    "recorded",
    "registered",
    "put",
    "given",
    "released",
    "published",
    "compiled",
];

/// Lowercase words a speaker's name may hold: "U.N. spokesperson Farhan Haq", "local media",
/// "the national disaster management agency".
#[rustfmt::skip]
const NAME_WORDS: &[&str] = &[
    "spokesperson", "spokesman", "spokeswoman", "spokespeople", "official", "officials",
    "minister", "ministry", "agency", "agencies", "office", "operator", "organizers", "organisers",
    "organizer", "organiser", "authorities", "authority", "police", "army", "military", "media",
    "local", "state", "senior", "top", "chief", "deputy", "defense", "defence", "intelligence",
    "government", "department", "council", "analyst", "analysts", "officer", "officers",
    "commander", "source", "sources", "expert", "experts", "researcher", "researchers", "survey",
    "report", "study", "data", "figures", "statement", "group", "groups", "aid", "humanitarian",
    "national", "disaster", "management", "search", "rescue", "emergency", "emergencies", "health",
    "foreign", "affairs", "interior", "security", "secretary", "president", "prime", "governor",
    "mayor", "adviser", "advisor", "chairman", "chairwoman", "head", "director", "administrator",
    "spy", "news", "television", "tv", "radio", "newspaper", "force", "forces", "service",
    "services", "witnesses", "residents", "villagers", "survivors", "monk", "volunteer",
    "volunteers", "doctors", "medics", "scientists", "seismologist", "economists", "economist",
    "insurers", "firm", "company", "companies", "consultancy", "rebels", "rebel", "guerrillas",
    "militants", "separatists", "insurgents", "activists", "organization", "organisation",
    "committee", "commission", "bureau", "private", "independent", "international", "western",
    "regional", "provincial", "federal", "city", "county", "district", "crisis", "operations",
    "relief", "march", "marches", "unsigned", "joint", "civil", "civilian", "staff", "team",
    "workers", "worker", "unit", "division", "united", "nations", "provisional", "transit",
    "metro", "press", "secret", "anonymous", "unnamed", "some", "several", "other", "another",
    "one", "two", "three", "a", "an", "the", "his", "her", "its", "their", "of", "for", "in",
    "at", "from", "and", "estimates", "reports", "insurance", "lawmaker", "lawmakers",
    "diplomats", "diplomat", "representative", "envoy", "ambassador", "general", "leader",
    "leaders", "correspondent", "legislator", "opposition", "coalition", "alliance", "watchdog",
    "monitor", "monitors", "observers", "observatory", "hospital", "hospitals", "medical",
    "ministries", "governments", "administration", "investigators", "prosecutors",
];

/// Words that are never part of a name.
#[rustfmt::skip]
const STOP_WORDS: &[&str] = &[
    "as", "to", "is", "are", "was", "were", "be", "been", "the", "and", "but", "that", "this",
    "with", "have", "has", "had", "not", "its", "they", "she", "who", "which", "also", "very",
    "just", "then", "than", "there", "here", "what", "when", "where", "while", "into", "onto",
    "over", "under", "about", "more", "most", "less", "such", "many", "much", "all", "any",
    "each", "every", "both", "either", "neither", "only", "even", "still", "yet", "now", "out",
    "put", "off", "down", "get", "got", "set", "let", "made", "make", "took", "take", "gave",
    "give", "see", "saw", "say", "tell", "went", "came", "sent", "left", "held", "kept",
];

/// Words that join parts of a name but do not start or end one.
const CONNECTORS: &[&str] = &["of", "for", "in", "at", "from", "and"];

/// Words that start a name but say nothing of who: "the", "one".
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "his", "her", "its", "their", "one", "another", "some", "several", "other",
    "two", "three",
];

const PRONOUNS: &[&str] = &["he", "she", "it", "they", "we", "i"];

/// Words between a subject and its verb: "also said", "had previously thought".
#[rustfmt::skip]
const ADVERBS: &[&str] = &[
    "also", "later", "previously", "earlier", "had", "has", "have", "would", "will", "could",
    "separately", "recently", "now", "again", "then", "initially", "first", "further",
    "officially", "still", "already", "did", "does", "do", "all", "both", "repeatedly", "publicly",
    "reportedly", "only", "just", "last", "on", "late", "early", "night", "morning", "afternoon",
    "evening", "today", "yesterday", "tonight", "this", "week", "month",
];

#[rustfmt::skip]
const WEEKDAYS_AND_MONTHS: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
];

/// Label words before a colon that name no speaker ("PHOTO CAPTION:").
const LABELS: &[&str] = &[
    "photo",
    "caption",
    "video",
    "watch",
    "update",
    "updated",
    "breaking",
    "exclusive",
    "analysis",
    "opinion",
    "live",
    "editorial",
    "read",
    "more",
    "related",
    "source",
    "note",
    "correction",
];

struct Sentence<'a> {
    text: &'a str,
    toks: &'a [Token],
}

impl<'a> Sentence<'a> {
    fn word(&self, i: usize) -> Option<&'a str> {
        let t = self.toks.get(i)?;
        (t.kind == Kind::Word).then(|| t.text(self.text))
    }

    fn lower(&self, i: usize) -> Option<String> {
        self.word(i).map(str::to_lowercase)
    }

    fn is(&self, i: usize, list: &[&str]) -> bool {
        self.word(i)
            .is_some_and(|w| list.iter().any(|l| l.eq_ignore_ascii_case(w)))
    }

    fn punct(&self, i: usize) -> Option<char> {
        match self.toks.get(i)?.kind {
            Kind::Punct(c) => Some(c),
            _ => None,
        }
    }

    fn capitalised(&self, i: usize) -> bool {
        self.word(i)
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase)
            && !self.is(i, WEEKDAYS_AND_MONTHS)
            && !self.is(i, DETERMINERS)
    }

    fn possessive(&self, i: usize) -> bool {
        self.word(i)
            .is_some_and(|w| w.ends_with("'s") || w.ends_with("\u{2019}s"))
    }

    /// A word that may be part of a speaker's name.
    fn name_like(&self, i: usize) -> bool {
        self.capitalised(i) || self.is(i, NAME_WORDS) || self.possessive(i)
    }

    fn range(&self, first: usize, last: usize) -> Range<usize> {
        self.toks[first].start..self.toks[last].end
    }

    /// A full stop that belongs to an abbreviation before it ("U.N.", "Gen.").
    fn abbreviation_stop(&self, i: usize) -> bool {
        self.punct(i) == Some('.')
            && i > 0
            && self.toks[i - 1].end == self.toks[i].start
            && self.word(i - 1).is_some_and(|w| {
                w.contains('.') || w.chars().count() <= 3 && w.starts_with(char::is_uppercase)
            })
    }

    /// The name ending at token `last`, read backwards: `(first, last)`. Up to two unknown
    /// lowercase nouns may stand in it when a name word comes just before them ("Mexican law
    /// enforcement", "the United Nations refugee agency"); a bracketed acronym may too
    /// ("Programme (WFP)").
    fn name_before(&self, last: usize) -> Option<(usize, usize)> {
        let mut first: Option<usize> = None;
        let mut unknown: Vec<usize> = Vec::new();
        let mut i = last as isize;
        let mut n = 0;
        while i >= 0 && n < 16 {
            let u = i as usize;
            if self.punct(u) == Some(')') {
                // "(WFP)", "(UNHCR)": part of the name.
                let open = (u.saturating_sub(4)..u)
                    .rev()
                    .find(|&k| self.punct(k) == Some('('));
                match open {
                    Some(k) if k > 0 => {
                        first = Some(k);
                        i = k as isize - 1;
                        n += u - k + 1;
                        continue;
                    }
                    _ => break,
                }
            }
            if self.name_like(u) || self.abbreviation_stop(u) {
                first = Some(u);
            } else {
                let noun_like = self.word(u).is_some_and(|w| {
                    w.chars().count() >= 3
                        && w.chars().all(char::is_lowercase)
                        && !w.ends_with("ing")
                        && !w.ends_with("ed")
                        && !w.ends_with("ly")
                        && !STOP_WORDS.contains(&w)
                });
                // Only right after the words read so far (or as the last word).
                let joined = first.is_none_or(|f| f == u + 1);
                if !(noun_like && joined && unknown.len() < 2) {
                    break;
                }
                unknown.push(u);
                first = Some(u);
            }
            i -= 1;
            n += 1;
        }
        let mut first = first?;
        // Drop unknown words at the start that no name word precedes.
        while unknown.contains(&first) && first < last {
            first += 1;
        }
        // Each unknown word needs a name word just before it.
        let named = |k: usize| {
            k > first
                && (self.capitalised(k - 1)
                    || self.abbreviation_stop(k - 1)
                    || unknown.contains(&(k - 1))
                    || self.is(k - 1, NAME_WORDS)
                        && !self.is(k - 1, CONNECTORS)
                        && !self.is(k - 1, DETERMINERS))
        };
        // A determiner after an unknown word makes it a verb with its object ("put out a").
        let verb_like = |k: usize| {
            self.is(k + 1, DETERMINERS) || unknown.contains(&(k + 1)) && self.is(k + 2, DETERMINERS)
        };
        if unknown
            .iter()
            .any(|&k| k >= first && (!named(k) || verb_like(k)))
        {
            return None;
        }
        // A name does not start with a joining word, nor end with one.
        while first <= last && (self.is(first, CONNECTORS) || self.punct(first).is_some()) {
            first += 1;
        }
        let mut last = last;
        while last > first && (self.is(last, CONNECTORS) || self.is(last, DETERMINERS)) {
            last -= 1;
        }
        if first > last {
            return None;
        }
        self.says_who(first, last).then_some((first, last))
    }

    /// The name starting at token `first`, read forwards: `(first, last)`. A comma ends it.
    fn name_after(&self, first: usize) -> Option<(usize, usize)> {
        let mut last = None;
        let mut i = first;
        while i < self.toks.len() && i - first < 14 {
            let and_name = self.is(i, &["and"]) && self.capitalised(i + 1);
            let ok = (self.name_like(i) && !self.is(i, &["and"]))
                || and_name
                || self.abbreviation_stop(i);
            if !ok {
                break;
            }
            last = Some(i);
            i += 1;
        }
        let mut last = last?;
        while last > first && (self.is(last, CONNECTORS) || self.is(last, DETERMINERS)) {
            last -= 1;
        }
        self.says_who(first, last).then_some((first, last))
    }

    /// Whether words name someone: a capitalised word or a noun of [`NAME_WORDS`] that is not
    /// only an article or a joining word.
    fn says_who(&self, first: usize, last: usize) -> bool {
        (first..=last).any(|i| {
            self.capitalised(i)
                || (self.is(i, NAME_WORDS) && !self.is(i, DETERMINERS) && !self.is(i, CONNECTORS))
        })
    }

    /// The subject of the verb at `v`: a name, a pronoun, or a name with an apposition
    /// ("Andriy Parubiy, chairman of …, said"). `(first, last)` of the phrase.
    fn subject(&self, v: usize) -> Option<(usize, usize)> {
        let mut j = v.checked_sub(1)?;
        while self.is(j, ADVERBS) || self.is(j, WEEKDAYS_AND_MONTHS) {
            j = j.checked_sub(1)?;
        }
        // Passive: "were reported" names no speaker here.
        if self.is(j, &["was", "were", "is", "are", "be", "been", "being"]) {
            return None;
        }
        if self.is(j, PRONOUNS) {
            return Some((j, j));
        }
        if self.punct(j) == Some(',') {
            return self.apposition(j);
        }
        if self.toks[j].kind == Kind::Number {
            return None;
        }
        self.name_before(j)
    }

    /// "Name, apposition, verb": the comma before the verb is at `comma`.
    fn apposition(&self, comma: usize) -> Option<(usize, usize)> {
        let open = (comma.saturating_sub(18)..comma)
            .rev()
            .find(|&k| self.punct(k) == Some(','))?;
        if (open + 1..comma)
            .any(|k| self.toks[k].kind == Kind::Number || self.punct(k).is_some_and(is_quote_mark))
        {
            return None;
        }
        let (first, _) = self.name_before(open.checked_sub(1)?)?;
        // The name before the apposition names someone (a proper name, or "the rebels").
        if !self.says_who(first, open - 1) {
            return None;
        }
        Some((first, comma - 1))
    }

    fn is_tail_position(&self, first: usize) -> bool {
        first == 0
            || self
                .punct(first - 1)
                .is_some_and(|c| c == ',' || is_quote_mark(c))
            || (first >= 2 && self.punct(first - 1).is_some_and(is_quote_mark))
    }

    /// After the verb at `v` (and its object and time words): does the clause end there, so
    /// that the cue looks back? Not before a colon, an opening quote or "that".
    fn ends_after(&self, v: usize) -> bool {
        match self.toks.get(v + 1) {
            None => true,
            Some(t) => match t.kind {
                Kind::Punct(c) => matches!(c, '.' | ',' | ';' | '!' | '?' | ')' | '('),
                Kind::Number => false,
                Kind::Word => self.is(
                    v + 1,
                    &[
                        "after",
                        "as",
                        "when",
                        "while",
                        "because",
                        "before",
                        "in",
                        "adding",
                        "citing",
                        "according",
                        "referring",
                        "speaking",
                        "via",
                        "by",
                        "with",
                        "without",
                        "although",
                        "though",
                        "but",
                        "since",
                        "during",
                    ],
                ),
            },
        }
    }

    /// The object of "told" when it is a name: "told Xinhua", "told the Washington Post" (not
    /// "told reporters").
    fn told_whom(&self, v: usize) -> Option<(usize, usize)> {
        let mut k = v + 1;
        if self.is(k, &["the"]) {
            k += 1;
        }
        if !self.capitalised(k) {
            return None;
        }
        // Capitalised words, with "of" and "and" between them: "the Wall Street Journal".
        let mut last = k;
        while self.capitalised(last + 1)
            || self.abbreviation_stop(last + 1)
            || (self.is(last + 1, &["of", "and"]) && self.capitalised(last + 2))
        {
            last += 1;
        }
        Some((v + 1, last))
    }

    /// The end of the time words after a verb: "said on Monday", "said Saturday night".
    fn after_time(&self, v: usize) -> usize {
        let mut k = v;
        while self.is(
            k + 1,
            &[
                "on",
                "late",
                "early",
                "last",
                "this",
                "night",
                "morning",
                "afternoon",
                "evening",
                "today",
                "yesterday",
                "tonight",
                "week",
                "month",
            ],
        ) || self.is(k + 1, WEEKDAYS_AND_MONTHS)
        {
            k += 1;
        }
        k
    }
}

/// Every attribution cue of the sentence whose tokens are `toks`.
pub fn cues(text: &str, toks: &[Token]) -> Vec<Cue> {
    let s = Sentence { text, toks };
    let mut out: Vec<Cue> = Vec::new();
    let headline = toks
        .last()
        .is_none_or(|t| !matches!(t.kind, Kind::Punct('.' | '!' | '?')));
    if headline && let Some(cue) = headline_speaker(&s) {
        out.push(cue);
    }
    let mut i = 0;
    while i < toks.len() {
        let Some(w) = s.lower(i) else {
            i += 1;
            continue;
        };
        // "according to X"
        if w == "according"
            && s.is(i + 1, &["to"])
            && let Some((first, last)) = s.name_after(i + 2)
        {
            let start = if i > 0 && s.punct(i - 1) == Some(',') {
                i - 1
            } else {
                i
            };
            out.push(Cue {
                speaker: Speaker::Phrase(s.range(first, last)),
                relays: Vec::new(),
                span: s.range(start, last),
                forward: false,
                backward: false,
                passive: false,
                sentence: true,
                relays_words: false,
            });
            i = last + 1;
            continue;
        }
        // "the official (death) toll", "official figures"
        if w == "official"
            && (i + 1..(i + 4).min(toks.len())).any(|k| {
                s.is(
                    k,
                    &[
                        "toll",
                        "figures",
                        "count",
                        "tally",
                        "data",
                        "estimate",
                        "estimates",
                    ],
                )
            })
        {
            out.push(Cue {
                speaker: Speaker::Officials,
                relays: Vec::new(),
                span: toks[i].start..toks[i].start,
                forward: false,
                backward: false,
                passive: false,
                sentence: true,
                relays_words: false,
            });
        }
        // "citing X": X is the speaker of the cue before, which relays it.
        if w == "citing"
            && let Some((first, last)) = s.name_after(i + 1)
        {
            let phrase = s.range(first, last);
            match out.iter_mut().rev().find(|c| !c.sentence) {
                Some(prev) => {
                    if let Speaker::Phrase(p) = &prev.speaker {
                        prev.relays.insert(0, p.clone());
                    }
                    prev.speaker = Speaker::Phrase(phrase);
                    prev.span.end = toks[last].end;
                }
                None => out.push(Cue {
                    speaker: Speaker::Phrase(phrase),
                    relays: Vec::new(),
                    span: s.range(i, last),
                    forward: false,
                    backward: false,
                    passive: false,
                    sentence: true,
                    relays_words: false,
                }),
            }
            i = last + 1;
            continue;
        }
        // "as quoted by Y", "as reported by AFP": Y relays the cue before.
        if matches!(w.as_str(), "quoted" | "reported" | "cited")
            && s.is(i + 1, &["by"])
            && i > 0
            && s.is(i - 1, &["as"])
        {
            if let Some((first, last)) = s.name_after(i + 2)
                && let Some(prev) = out.iter_mut().rev().find(|c| !c.sentence)
            {
                prev.relays.push(s.range(first, last));
            }
            i += 2;
            continue;
        }
        if let Some(cue) = passive(&s, i, &w) {
            let end = cue.span.end;
            out.push(cue);
            i = toks
                .iter()
                .position(|t| t.start >= end)
                .unwrap_or(toks.len());
            continue;
        }
        // A verb is lowercase ("United States" is no "states"), but for a headline's "Says".
        let verb_case = !s.capitalised(i)
            || headline
                && matches!(
                    w.as_str(),
                    "says"
                        | "say"
                        | "said"
                        | "claims"
                        | "reports"
                        | "estimates"
                        | "confirms"
                        | "warns"
                        | "denies"
                );
        if verb_case
            && REPORTING.contains(&w.as_str())
            && let Some(cue) = reporting(&s, i, &w, &out)
        {
            out.push(cue);
        }
        i += 1;
    }
    out
}

/// A headline's speaker before a colon: "Ukraine: 100,000 Russian troops deployed".
fn headline_speaker(s: &Sentence<'_>) -> Option<Cue> {
    let colon = (1..4.min(s.toks.len())).find(|&k| s.punct(k) == Some(':'))?;
    if !(0..colon).all(|k| s.capitalised(k) && !s.is(k, LABELS)) {
        return None;
    }
    Some(Cue {
        speaker: Speaker::Phrase(s.range(0, colon - 1)),
        relays: Vec::new(),
        span: s.range(0, colon),
        forward: false,
        backward: false,
        passive: false,
        sentence: true,
        relays_words: false,
    })
}

/// "… reported killed earlier by X", "X was quoted as saying by Y".
fn passive(s: &Sentence<'_>, v: usize, w: &str) -> Option<Cue> {
    // "X was quoted as saying by Y"
    if w == "quoted"
        && v > 0
        && s.is(v - 1, &["was", "were"])
        && s.is(v + 1, &["as"])
        && s.is(v + 2, &["saying"])
        && s.is(v + 3, &["by"])
    {
        let (first, last) = s.name_before(v.checked_sub(2)?).or_else(|| {
            let j = v.checked_sub(2)?;
            s.is(j, PRONOUNS).then_some((j, j))
        })?;
        let relay = s.name_after(v + 4).or_else(|| {
            // "kompas.com": a web address reads as a word.
            s.word(v + 4).map(|_| (v + 4, v + 4))
        })?;
        return Some(Cue {
            speaker: Speaker::Phrase(s.range(first, last)),
            relays: vec![s.range(relay.0, relay.1)],
            span: s.range(first, relay.1),
            forward: true,
            backward: true,
            passive: false,
            sentence: false,
            relays_words: false,
        });
    }
    if !PASSIVE.contains(&w) {
        return None;
    }
    let by = (v + 1..(v + 4).min(s.toks.len())).find(|&k| s.is(k, &["by"]))?;
    // Only adverbs and participles between: "reported killed earlier by".
    if (v + 1..by).any(|k| s.word(k).is_none()) {
        return None;
    }
    let (first, last) = s.name_after(by + 1)?;
    if !(first..=last).any(|k| s.capitalised(k)) && !s.is(first, &["the"]) {
        return None;
    }
    Some(Cue {
        speaker: Speaker::Phrase(s.range(first, last)),
        relays: Vec::new(),
        span: s.range(v, last),
        forward: false,
        backward: false,
        passive: true,
        sentence: false,
        relays_words: false,
    })
}

/// A reporting verb at `v` with its subject before it, or after it ("said Fleming").
fn reporting(s: &Sentence<'_>, v: usize, w: &str, before: &[Cue]) -> Option<Cue> {
    // "Y quoted X as saying", "Y cited X as estimating": X speaks, Y relays.
    if matches!(w, "quoted" | "cited" | "quoting") {
        return quoting(s, v, w);
    }
    // "… as saying": the verb of a cue already read ("quoted X as saying").
    if v > 0 && s.is(v - 1, &["as", "to", "of", "by", "for"]) {
        return None;
    }
    // "…, said Fleming.": the subject after the verb.
    if let Some(cue) = inverted(s, v, w) {
        return Some(cue);
    }
    let subject = s.subject(v);
    // A noun, not a verb: "its reporting", "a U.N. report saying".
    let noun = v > 0
        && (s.is(
            v - 1,
            &[
                "a", "an", "the", "its", "his", "her", "their", "this", "that",
            ],
        ) || s.possessive(v - 1))
        || subject.is_some_and(|(first, _)| {
            s.is(first, &["a", "an"])
                && matches!(
                    w,
                    "report"
                        | "reports"
                        | "claim"
                        | "claims"
                        | "estimate"
                        | "estimates"
                        | "reporting"
                )
        });
    if noun {
        return None;
    }
    let Some((first, last)) = subject else {
        // "…, adding: …": the speaker of the clause before goes on.
        if PARTICIPLES.contains(&w) && v > 0 && s.punct(v - 1) == Some(',') {
            let prev = before.iter().rev().find(|c| c.forward && !c.passive)?;
            return Some(Cue {
                speaker: prev.speaker.clone(),
                relays: prev.relays.clone(),
                span: s.toks[v].start..s.toks[v].end,
                forward: true,
                backward: false,
                passive: false,
                sentence: false,
                relays_words: false,
            });
        }
        return None;
    };
    let mut end = s.after_time(v);
    let mut relays = Vec::new();
    if matches!(w, "told" | "tells" | "tell" | "informed" | "briefed") {
        if let Some((_, last)) = s.told_whom(v) {
            let mut k = v + 1;
            if s.is(k, &["the"]) {
                k += 1;
            }
            relays.push(s.range(k, last));
            end = s.after_time(last);
        } else if s.word(v + 1).is_some() {
            // "told reporters in New York", "told a news briefing": kept out of the quote,
            // relays nothing.
            end = v + 1;
            while end < v + 4
                && s.word(end + 1)
                    .is_some_and(|w| w.chars().all(char::is_lowercase))
                && !s.is(
                    end + 1,
                    &[
                        "that", "in", "on", "at", "by", "after", "as", "when", "the", "it", "he",
                        "she", "they", "there", "we",
                    ],
                )
                && !s.is(
                    end,
                    &["reporters", "journalists", "me", "us", "him", "her", "them"],
                )
            {
                end += 1;
            }
            if s.is(end + 1, &["in"]) && s.capitalised(end + 2) {
                end += 2;
                while s.capitalised(end + 1) {
                    end += 1;
                }
            }
        }
    }
    if s.is(end + 1, &["that"]) {
        end += 1;
    }
    let backward = s.is_tail_position(first) && s.ends_after(end);
    Some(Cue {
        speaker: Speaker::Phrase(s.range(first, last)),
        relays,
        span: s.range(first, end),
        forward: true,
        backward,
        passive: false,
        sentence: false,
        relays_words: RELAYING.contains(&w),
    })
}

/// "…, said Fleming.": the subject after the verb, in a tail.
fn inverted(s: &Sentence<'_>, v: usize, w: &str) -> Option<Cue> {
    if !INVERTIBLE.contains(&w) || !s.is_tail_position(v) {
        return None;
    }
    let start = v + 1;
    if !(s.capitalised(start) || s.is(start, &["the", "a", "an", "one", "another"])) {
        return None;
    }
    let (first, last) = s.name_after(start)?;
    // The name ends the sentence or the clause.
    let next = s.toks.get(last + 1);
    if next.is_some_and(|t| !matches!(t.kind, Kind::Punct('.' | ',' | ';' | '!' | '?'))) {
        return None;
    }
    Some(Cue {
        speaker: Speaker::Phrase(s.range(first, last)),
        relays: Vec::new(),
        span: s.range(v, last),
        forward: false,
        backward: true,
        passive: false,
        sentence: false,
        relays_words: false,
    })
}

/// "State television quoted He Biao, director of …, as saying …": He Biao speaks, state
/// television relays. "Quoting X, …": X is named (what "he" refers to next).
fn quoting(s: &Sentence<'_>, v: usize, w: &str) -> Option<Cue> {
    let (first, _) = s.name_after(v + 1)?;
    let as_at = (v + 1..(v + 24).min(s.toks.len())).find(|&k| s.is(k, &["as"]))?;
    if w == "quoting" {
        return None;
    }
    let mut last = as_at - 1;
    while last > first && s.punct(last) == Some(',') {
        last -= 1;
    }
    let relay = s.subject(v);
    let mut end = as_at;
    if s.is(as_at + 1, &["saying", "estimating", "stating", "telling"]) {
        end += 1;
    }
    if s.is(end + 1, &["that"]) {
        end += 1;
    }
    Some(Cue {
        speaker: Speaker::Phrase(s.range(first, last)),
        relays: relay.map(|(f, l)| s.range(f, l)).into_iter().collect(),
        span: s.range(relay.map_or(v, |(f, _)| f), end),
        forward: true,
        backward: false,
        passive: false,
        sentence: false,
        relays_words: true,
    })
}

/// The subject of the verb at token `v`: a name or a pronoun ("The army rejected …").
pub fn subject_of(text: &str, toks: &[Token], v: usize) -> Option<Range<usize>> {
    let s = Sentence { text, toks };
    let (first, last) = s.subject(v)?;
    Some(s.range(first, last))
}

/// The names a sentence mentions without a cue, that pronouns may refer to: "Quoting X, …".
pub fn mentions(text: &str, toks: &[Token]) -> Vec<Range<usize>> {
    let s = Sentence { text, toks };
    let mut out = Vec::new();
    for i in 0..toks.len() {
        if s.is(i, &["quoting"])
            && let Some((first, mut last)) = s.name_after(i + 1)
        {
            while last > first && s.punct(last) == Some(',') {
                last -= 1;
            }
            out.push(s.range(first, last));
        }
    }
    out
}

/// Marks between two places that end the reach of a cue over a clause: a semicolon, a dash,
/// ", but", ", however".
pub fn separated(text: &str, from: usize, to: usize) -> bool {
    let Some(between) = text.get(from.min(to)..to.max(from)) else {
        return false;
    };
    [
        ";",
        " - ",
        " \u{2013} ",
        " \u{2014} ",
        " -- ",
        ", but ",
        ", however",
        " but ",
        ", while ",
    ]
    .iter()
    .any(|m| between.contains(m))
}

/// Whether a cue ending at `from` encloses one starting at `to`: nothing but words between
/// ("reported that he confirmed").
fn encloses(text: &str, from: usize, to: usize) -> bool {
    text.get(from..to).is_some_and(|between| {
        between.len() < 80
            && !between.chars().any(|c| {
                matches!(
                    c,
                    ',' | ';' | ':' | '-' | '\u{2013}' | '\u{2014}' | '(' | ')'
                ) || is_quote_mark(c)
            })
    })
}

/// The cue a figure at `figure` belongs to, and the cues that relay it (nearest first).
pub fn assign(text: &str, cues: &[Cue], figure: &Range<usize>) -> Option<(usize, Vec<usize>)> {
    // 0. "the official death toll … is 65": the officials, when the words come just before.
    let official = cues.iter().position(|c| {
        c.speaker == Speaker::Officials
            && c.span.start < figure.start
            && figure.start - c.span.start < 100
            && !separated(text, c.span.start, figure.start)
            && {
                // In the figure's own clause: no comma, quotation mark or full stop between.
                let between = &text[c.span.start..figure.start];
                !between.contains([',', '.', '"', '\u{201C}', '\u{201D}', ';', ':'])
                    && between.split_whitespace().count() <= 10
            }
    });
    if let Some(i) = official {
        return Some((i, Vec::new()));
    }
    // 1. "… killed by X" right after the figure.
    let passive = cues
        .iter()
        .enumerate()
        .filter(|(_, c)| c.passive && c.span.start >= figure.end && c.span.start - figure.end < 60)
        .filter(|(_, c)| {
            // Only the figure's own noun between: "26 people reported killed by …".
            let between = &text[figure.end..c.span.start];
            let words: Vec<&str> = between.split_whitespace().collect();
            words.len() <= 2
                && !words.iter().any(|w| {
                    matches!(
                        w.to_lowercase().as_str(),
                        "that" | "which" | "who" | "of" | "the" | "a" | "an" | "was" | "were"
                    )
                })
                && !between.contains([',', ';', ':'])
        })
        .min_by_key(|(_, c)| c.span.start);
    if let Some((i, _)) = passive {
        return Some((i, Vec::new()));
    }
    // 2. The nearest "X said …" before it.
    let forward = cues
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            // A verb may be the figure's hedge too: "organizers estimated 250,000".
            c.forward
                && (c.span.end <= figure.start
                    || c.span.start < figure.start && c.span.end <= figure.end)
        })
        .max_by_key(|(_, c)| c.span.end);
    // 3. The nearest "…, X said" after it.
    let backward = cues
        .iter()
        .enumerate()
        .filter(|(_, c)| c.backward && c.span.start >= figure.end)
        .min_by_key(|(_, c)| c.span.start);
    let chosen = match (forward, backward) {
        (Some((f, fc)), Some((b, bc))) => {
            // A tail in the figure's own clause beats a cue in an earlier clause.
            if separated(text, fc.span.end, figure.start)
                && !separated(text, figure.end, bc.span.start)
            {
                Some(b)
            } else {
                Some(f)
            }
        }
        (Some((f, _)), None) => Some(f),
        (None, Some((b, _))) => Some(b),
        (None, None) => None,
    };
    // 4. "according to X", a headline's "X:", "the official toll".
    let chosen = chosen.or_else(|| {
        cues.iter()
            .enumerate()
            .filter(|(_, c)| c.sentence)
            .min_by_key(|(_, c)| match c.speaker {
                Speaker::Phrase(_) => 0,
                Speaker::Officials => 1,
            })
            .map(|(i, _)| i)
    })?;
    let c = &cues[chosen];
    let mut relays = Vec::new();
    if !c.sentence && !c.passive && c.span.end <= figure.start {
        // Cues that report this one: "Al Jazeera reported that he confirmed …", "“…,” Yonhap said".
        let mut outer: Vec<(usize, usize)> = cues
            .iter()
            .enumerate()
            .filter(|(i, o)| {
                *i != chosen
                    && o.forward
                    && o.relays_words
                    && o.span.end <= c.span.start
                    && encloses(text, o.span.end, c.span.start)
            })
            .map(|(i, o)| (c.span.start - o.span.end, i))
            .collect();
        outer.sort();
        relays.extend(outer.into_iter().map(|(_, i)| i));
        let tails = cues.iter().enumerate().filter(|(i, o)| {
            *i != chosen
                && o.backward
                && o.span.start >= figure.end
                && !separated(text, figure.end, o.span.start)
        });
        relays.extend(tails.map(|(i, _)| i));
    }
    // "X reported that …, according to Yonhap": Yonhap relays X.
    if !c.sentence {
        relays.extend(cues.iter().enumerate().filter_map(|(i, o)| {
            (i != chosen && o.sentence && matches!(o.speaker, Speaker::Phrase(_))).then_some(i)
        }));
    }
    Some((chosen, relays))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::text::tokens;

    /// The speaker and relays a figure gets in a one-sentence text.
    fn who(text: &str, figure: &str) -> (String, Vec<String>) {
        let toks = tokens(text, 0..text.len());
        let cues = cues(text, &toks);
        let at = text.find(figure).unwrap();
        let Some((c, outer)) = assign(text, &cues, &(at..at + figure.len())) else {
            return ("-".into(), vec![]);
        };
        let name = |sp: &Speaker| match sp {
            Speaker::Phrase(r) => text[r.clone()].to_string(),
            Speaker::Officials => "Officials".into(),
        };
        let mut via: Vec<String> = cues[c]
            .relays
            .iter()
            .map(|r| text[r.clone()].to_string())
            .collect();
        via.extend(outer.iter().map(|&o| name(&cues[o].speaker)));
        (name(&cues[c].speaker), via)
    }

    #[test]
    fn speakers_before_and_after() {
        let cases: &[(&str, &str, &str, &[&str])] = &[
            (
                "U.N. spokesperson Farhan Haq said the ministry's figures now reflected a breakdown of the 24,686 deaths.",
                "24,686",
                "U.N. spokesperson Farhan Haq",
                &[],
            ),
            (
                "The death toll is still more than 35,000, but the ministry has updated it, the United Nations said on Monday after Israel questioned it.",
                "35,000",
                "the United Nations",
                &[],
            ),
            (
                "Only 5 percent are believed to be living in public facilities, said Fleming.",
                "5 percent",
                "Fleming",
                &[],
            ),
            (
                "Over 300 aftershocks have rocked the region, according to the Philippine Institute of Volcanology and Seismology.",
                "300",
                "the Philippine Institute of Volcanology and Seismology",
                &[],
            ),
            (
                "US officials told the Wall Street Journal the US military is planning to deploy 5,000 troops.",
                "5,000",
                "US officials",
                &["Wall Street Journal"],
            ),
            (
                "Some 20,000 soldiers arrived with 30,000 more on the way, the Defense Ministry told Xinhua.",
                "30,000",
                "the Defense Ministry",
                &["Xinhua"],
            ),
            (
                "Xinhua quoted a local official in Qinghai as saying more than 85 percent of houses have collapsed.",
                "85",
                "a local official in Qinghai",
                &["Xinhua"],
            ),
            (
                "It was a steep increase on the 26 people reported killed earlier by the country's National Disaster Risk Reduction and Management Council.",
                "26",
                "the country's National Disaster Risk Reduction and Management Council",
                &[],
            ),
            (
                "Andriy Parubiy, chairman of Ukraine's national security council, said 100,000 troops were there.",
                "100,000",
                "Andriy Parubiy, chairman of Ukraine's national security council",
                &[],
            ),
            (
                "Yonhap news agency reported Friday, citing Seoul's spy agency, that 1,500 special forces are in Russia.",
                "1,500",
                "Seoul's spy agency",
                &["Yonhap news agency"],
            ),
            (
                "\u{201C}The NIS said it has learned that the North will send 12,000 soldiers,\u{201D} Yonhap said.",
                "12,000",
                "The NIS",
                &["Yonhap"],
            ),
            (
                "Ukraine: 100,000 Russian troops deployed at border",
                "100,000",
                "Ukraine",
                &[],
            ),
            (
                "Although the official death toll is just 65, aid agencies claim thousands are missing.",
                "65",
                "Officials",
                &[],
            ),
            (
                "War uproots 2.5 million Syrians, aid groups say",
                "2.5 million",
                "aid groups",
                &[],
            ),
            (
                "The Los Angeles march\u{2019}s organizers claimed a turnout of 750,000.",
                "750,000",
                "The Los Angeles march\u{2019}s organizers",
                &[],
            ),
            (
                "The army says it killed 150 militants, while 16 soldiers died.",
                "16",
                "The army",
                &[],
            ),
            (
                "Local media cited Mayor Marty Walsh\u{2019}s office as estimating the crowd between 135,000 and 150,000 people.",
                "135,000",
                "Mayor Marty Walsh\u{2019}s office",
                &["Local media"],
            ),
            (
                "Al-Husain was quoted as saying by kompas.com that 3 teams were out.",
                "3 teams",
                "Al-Husain",
                &["kompas.com"],
            ),
        ];
        for (text, figure, speaker, via) in cases {
            let (got, got_via) = who(text, figure);
            assert_eq!(
                (
                    got.as_str(),
                    got_via.iter().map(String::as_str).collect::<Vec<_>>()
                ),
                (*speaker, via.to_vec()),
                "{text}"
            );
        }
    }

    #[test]
    fn no_cue_no_speaker() {
        assert_eq!(who("More than 10,000 people are injured.", "10,000").0, "-");
        assert_eq!(
            who(
                "An estimated one million people are homeless.",
                "one million"
            )
            .0,
            "-"
        );
        assert_eq!(
            who(
                "The toll rose to 19,136, with 42,397 people reported injured.",
                "42,397"
            )
            .0,
            "-"
        );
    }
}
