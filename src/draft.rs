//! Proposing claims from an article: every figure the number reader finds, with who said it and
//! through whom, the clause that quotes it and a topic for what it counts; and yes/no statements
//! where the words are clear. `crosscheck draft` writes the proposals as a claim file of drafts
//! (`write`) for a person to accept, fix or reject.
//!
//! The article is read once: sentences, then per sentence its attribution cues and clauses, so
//! the work grows linearly with the text.

mod attribution;
mod quote;
mod sources;
mod stance;
mod text;
mod topics;
pub mod write;

use std::ops::Range;

use crate::model::{Assertion, Figure, Model, Stance};
use crate::numbers::{self, Bound, Found};

pub use sources::{Proposed as ProposedSource, slug};
pub use topics::Proposed as ProposedTopic;

/// A source declared in a catalog (`--catalog`), to be reused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogSource {
    pub id: String,
    pub name: String,
}

/// A topic declared in a catalog, to be reused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogTopic {
    pub id: String,
    pub question: String,
    pub unit: Option<String>,
}

/// What a catalog declares that drafts may use instead of declaring their own.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Catalog {
    pub sources: Vec<CatalogSource>,
    pub topics: Vec<CatalogTopic>,
}

impl Catalog {
    /// The sources and topics of loaded claim files (catalogs or reports).
    pub fn from_model(model: &Model) -> Self {
        Catalog {
            sources: model
                .sources
                .iter()
                .map(|s| CatalogSource {
                    id: s.id.clone(),
                    name: s.name.clone(),
                })
                .collect(),
            topics: model
                .topics
                .iter()
                .map(|t| CatalogTopic {
                    id: t.id.clone(),
                    question: t.question.clone(),
                    unit: t.unit.clone(),
                })
                .collect(),
        }
    }
}

/// One proposed claim.
#[derive(Clone, Debug, PartialEq)]
pub struct Proposal {
    /// The quote: bytes of the article.
    pub quote: Range<usize>,
    pub assertion: Assertion,
    /// Where the figure (with its hedge) stands in the article.
    pub figure_at: Option<Range<usize>>,
    /// What the figure counts (the topic's unit).
    pub unit: Option<String>,
    /// Who said it (index into [`Draft::sources`]); `None` when the article names no one.
    pub source: Option<usize>,
    /// Who relayed it, nearest the source first.
    pub via: Vec<usize>,
    /// Index into [`Draft::topics`].
    pub topic: usize,
}

impl Proposal {
    pub fn figure(&self) -> Option<&Figure> {
        match &self.assertion {
            Assertion::Figure(f) => Some(f),
            Assertion::Stance(_) => None,
        }
    }
}

/// Everything proposed for one article.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Draft {
    pub claims: Vec<Proposal>,
    pub sources: Vec<ProposedSource>,
    pub topics: Vec<ProposedTopic>,
}

impl Draft {
    /// How many figures were proposed.
    pub fn figures(&self) -> usize {
        self.claims.iter().filter(|c| c.figure().is_some()).count()
    }
}

/// Words after a number that make it a length, a speed or a temperature: no claim a review
/// compares ("75 miles", "12km below the surface").
#[rustfmt::skip]
const MEASURES: &[&str] = &[
    "miles", "mile", "km", "kilometers", "kilometres", "kilometer", "kilometre", "metres",
    "meters", "metre", "meter", "feet", "foot", "ft", "inches", "inch", "cm", "mm", "mph", "kph",
    "knots", "degrees", "yards", "yard", "kmh", "km/h", "sq", "square",
];

/// Whether a figure the reader found is no claim: a measure of length, a rank ("top 10").
fn not_a_claim(text: &str, f: &Found) -> bool {
    let after = &text[f.span.end..];
    let glued: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
    let next_word = after
        .trim_start()
        .split(|c: char| !(c.is_alphanumeric() || c == '/'))
        .next()
        .unwrap_or("");
    let measure = |w: &str| MEASURES.iter().any(|m| m.eq_ignore_ascii_case(w));
    if measure(&glued) || (glued.is_empty() && measure(next_word)) {
        return true;
    }
    if f.noun_text(text)
        .is_some_and(|n| n.split_whitespace().next().is_some_and(measure))
    {
        return true;
    }
    // A time: "07.48 EDT".
    const ZONES: &[&str] = &[
        "EDT", "EST", "CDT", "CST", "MDT", "MST", "PDT", "PST", "GMT", "UTC", "BST", "CET", "CEST",
        "IST", "JST", "KST", "AEST", "AEDT", "WIB", "ET", "PT", "HKT", "SGT",
    ];
    if glued.is_empty() && ZONES.contains(&next_word) || ZONES.contains(&glued.as_str()) {
        return true;
    }
    // A time of day: "8.30 p.m.", "about 8.02 a.m.", "10:19".
    let lower_next = next_word.to_lowercase();
    if matches!(lower_next.as_str(), "a.m" | "p.m" | "am" | "pm" | "a" | "p")
        && after.trim_start().to_lowercase().starts_with(['a', 'p'])
        && {
            let t = after.trim_start().to_lowercase();
            t.starts_with("a.m")
                || t.starts_with("p.m")
                || t.starts_with("am")
                || t.starts_with("pm")
        }
    {
        return true;
    }
    let before = text[..f.span.start].trim_end();
    let prev = before.rsplit(char::is_whitespace).next().unwrap_or("");
    let tail = before.len().saturating_sub(12);
    let ends_factor = before
        .get(tail..)
        .is_some_and(|t| t.to_lowercase().ends_with("factor of"));
    prev.eq_ignore_ascii_case("top") || ends_factor
}

/// The form the words ask for where the number reader reads them otherwise: "couldn't be more
/// than 7,000" (at most), "would exceed $5 billion" (at least), "estimated the turnout at half a
/// million" (about).
fn figure_of(text: &str, f: &Found) -> Figure {
    let before = &text[..f.span.start];
    let words: Vec<String> = before
        .rsplit(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
                .to_lowercase()
        })
        .collect();
    let value = f.value();
    match (f.figure, &f.hedge) {
        (Figure::AtLeast(v), Some(h)) | (Figure::AtMost(v), Some(h)) => {
            let hedge_before: Vec<String> = text[..h.span.start]
                .rsplit(char::is_whitespace)
                .filter(|w| !w.is_empty())
                .take(2)
                .map(str::to_lowercase)
                .collect();
            let negated = hedge_before.iter().any(|w| {
                w == "not"
                    || w == "never"
                    || w == "cannot"
                    || w.ends_with("n't")
                    || w.ends_with("n\u{2019}t")
            });
            match (negated, h.bound) {
                (true, Bound::AtLeast) => Figure::AtMost(v),
                (true, Bound::AtMost) => Figure::AtLeast(v),
                _ => f.figure,
            }
        }
        (Figure::Exact(_), None) => {
            let first = words.first().map(String::as_str).unwrap_or("");
            if matches!(first, "exceed" | "exceeding" | "surpass" | "top") {
                return Figure::AtLeast(value);
            }
            if first == "at"
                && words
                    .iter()
                    .skip(1)
                    .take(5)
                    .any(|w| w.starts_with("estimat"))
            {
                return Figure::About(value);
            }
            f.figure
        }
        _ => f.figure,
    }
}

/// The agency an article is from, by its dateline or signature: "(AP)", "(Reuters)", "/ Source:
/// Reuters", "(With AFP)", a last line "Anadolu Agency". Its name, as written.
fn agency(text: &str) -> Option<&str> {
    let head_end = text.char_indices().nth(800).map_or(text.len(), |(i, _)| i);
    let head = &text[..head_end];
    let in_brackets = |s: &'static str| {
        let with = format!("({s})");
        head.find(&with)
            .or_else(|| text.find(&format!("(With {s})")))
            .map(|_| s)
    };
    let known = [
        "AP", "Reuters", "REUTERS", "AFP", "BBC", "Xinhua", "Yonhap", "dpa", "UPI", "IANS", "PTI",
        "ANI", "EFE", "Anadolu", "AA",
    ];
    if let Some(a) = known.iter().find_map(|k| in_brackets(k)) {
        return Some(if a == "AA" { "Anadolu" } else { a });
    }
    if let Some(at) = head.find("Source: ") {
        let name = head[at + 8..].lines().next().unwrap_or("").trim();
        if known.iter().any(|k| name.eq_ignore_ascii_case(k)) {
            return Some(name);
        }
    }
    let last = text.lines().rev().find(|l| !l.trim().is_empty())?.trim();
    let signatures = [
        "Anadolu Agency",
        "Reuters",
        "AFP",
        "Xinhua",
        "Associated Press",
    ];
    signatures
        .iter()
        .find(|s| last.eq_ignore_ascii_case(s))
        .copied()
}

/// How many sentences back a quotation is looked for, and forward a tail ("…, he said.").
const QUOTE_SENTENCES: usize = 8;

/// Who says something: a source (`None`: no one named) and its relays, nearest first.
type SaidBy = (Option<usize>, Vec<usize>);

/// Per sentence: its tokens, cues, and the source each cue names (and its relays).
struct Read {
    sentence: text::Sentence,
    toks: Vec<text::Token>,
    cues: Vec<attribution::Cue>,
    /// For each cue: its speaker and relays as sources.
    who: Vec<(Option<usize>, Vec<usize>)>,
    /// Its yes/no statements, with who makes them when the sentence says it at once (the
    /// subject of "denied", "rejected"; `None`: as for a figure at the cue's place).
    statements: Vec<(stance::Statement, Option<SaidBy>)>,
}

/// Every claim proposed for `text`: figures, and yes/no statements where the cue is clear.
/// `report_id` names the yes/no topics (one per statement). Sources and topics a `catalog`
/// declares are reused.
pub fn propose(text: &str, catalog: &Catalog, report_id: &str) -> Draft {
    let mut registry = sources::Registry::default();
    let reads = read_sentences(text, &mut registry);
    let agency = agency(text).and_then(|a| registry.mention(a));

    let found: Vec<Found> = numbers::read(text)
        .into_iter()
        .filter(|f| !not_a_claim(text, f))
        .collect();
    let mut draft = Draft::default();
    let mut topic_of: Vec<(String, usize)> = Vec::new();
    let mut next_found = 0;
    for (n, read) in reads.iter().enumerate() {
        let range = &read.sentence.range;
        // The figures of this sentence (the reader's spans never cross a sentence's end much).
        while next_found < found.len() && found[next_found].span.start < range.start {
            next_found += 1;
        }
        // A number in a speaker's name is no claim: "one senior army officer said".
        let names: Vec<Range<usize>> = read
            .cues
            .iter()
            .flat_map(|c| {
                let speaker = match &c.speaker {
                    attribution::Speaker::Phrase(r) => Some(r.clone()),
                    attribution::Speaker::Officials => None,
                };
                speaker.into_iter().chain(c.relays.iter().cloned())
            })
            .collect();
        let mine: Vec<&Found> = found[next_found..]
            .iter()
            .take_while(|f| f.span.start < range.end)
            .filter(|f| {
                !names
                    .iter()
                    .any(|n| n.start < f.span.end && f.span.start < n.end)
            })
            .collect();
        let extents: Vec<Range<usize>> = mine
            .iter()
            .map(|f| {
                f.span.start
                    ..f.noun
                        .as_ref()
                        .map_or(f.span.end, |n| n.end.max(f.span.end))
            })
            .collect();
        let cue_spans: Vec<Range<usize>> = read
            .cues
            .iter()
            .map(|c| c.span.clone())
            .filter(|s| !s.is_empty())
            .collect();
        for (k, f) in mine.iter().enumerate() {
            let (source, via) =
                speaker_of(text, &reads, n, &f.span).unwrap_or((agency, Vec::new()));
            let q = quote::quote(text, range, &read.toks, &cue_spans, &extents, k);
            let (q, figure) = checked(text, range, q, f, figure_of(text, f));
            let unit = topics::unit(text, f, range);
            let topic = numeric_topic(&mut draft, &mut topic_of, &unit, catalog);
            draft.claims.push(Proposal {
                quote: q,
                assertion: Assertion::Figure(figure),
                figure_at: Some(f.span.clone()),
                unit: Some(unit),
                source,
                via,
                topic,
            });
        }
        statements(
            text, &reads, n, &mine, &cue_spans, agency, &mut draft, report_id,
        );
    }
    registry.reuse(catalog);
    draft.sources = registry.sources;
    draft
        .claims
        .sort_by_key(|c| (c.quote.start, c.figure_at.as_ref().map_or(0, |f| f.start)));
    draft
}

/// Tokens and cues of every sentence, their speakers named in the order the article names them
/// (so that "he" is the last person named before it).
fn read_sentences(text: &str, registry: &mut sources::Registry) -> Vec<Read> {
    text::sentences(text)
        .into_iter()
        .map(|sentence| {
            let toks = text::tokens(text, sentence.range.clone());
            // "We believe …" inside a quotation: the speaker is whoever is quoted, named by
            // another cue.
            let cues: Vec<attribution::Cue> = attribution::cues(text, &toks)
                .into_iter()
                .filter(|c| match &c.speaker {
                    attribution::Speaker::Phrase(r) => {
                        !matches!(text[r.clone()].to_lowercase().as_str(), "we" | "i" | "us")
                    }
                    attribution::Speaker::Officials => true,
                })
                .collect();
            // Names in order: mentions ("Quoting X"), then each cue's speaker and relays.
            let mut items: Vec<(usize, Option<usize>, Range<usize>)> =
                attribution::mentions(text, &toks)
                    .into_iter()
                    .map(|r| (r.start, None, r))
                    .collect();
            for (i, c) in cues.iter().enumerate() {
                if let attribution::Speaker::Phrase(r) = &c.speaker {
                    items.push((r.start, Some(i), r.clone()));
                }
            }
            items.sort_by_key(|(at, _, _)| *at);
            let mut who: Vec<(Option<usize>, Vec<usize>)> = vec![(None, Vec::new()); cues.len()];
            let mut last_named: Option<usize> = None;
            for (_, cue, r) in items {
                // "X's office put out a statement saying …": the statement is X's office's.
                let bare_document = {
                    let phrase = text[r.clone()].to_lowercase();
                    let phrase = phrase
                        .trim_start_matches("a ")
                        .trim_start_matches("an ")
                        .trim_start_matches("the ")
                        .trim_start_matches("its ");
                    matches!(
                        phrase,
                        "statement" | "report" | "study" | "survey" | "release" | "press release"
                    )
                };
                let id = match (bare_document, last_named) {
                    (true, Some(prev)) => Some(prev),
                    _ => registry.mention(&text[r]),
                };
                if id.is_some() {
                    last_named = id;
                }
                if let Some(i) = cue {
                    who[i].0 = id;
                }
            }
            for (i, c) in cues.iter().enumerate() {
                if c.speaker == attribution::Speaker::Officials {
                    who[i].0 = registry.mention("officials");
                }
                who[i].1 = c
                    .relays
                    .iter()
                    .filter_map(|r| registry.mention(&text[r.clone()]))
                    .collect();
            }
            // The subjects of "denied", "rejected" …, named here so that pronouns and "the
            // army" refer to what came before them.
            let according: Vec<usize> = cues
                .iter()
                .enumerate()
                .filter(|(_, c)| c.sentence && matches!(c.speaker, attribution::Speaker::Phrase(_)))
                .filter_map(|(i, _)| who[i].0)
                .collect();
            let statements = stance::statements(text, &toks)
                .into_iter()
                .map(|st| {
                    let Some(v) = st.verb else {
                        return (st, None);
                    };
                    // "The government denies …": the cue of the verb itself.
                    if let Some(i) = cues
                        .iter()
                        .position(|c| !c.sentence && c.span.contains(&toks[v].start))
                    {
                        let mut via = who[i].1.clone();
                        via.extend(according.iter().copied().filter(|a| Some(*a) != who[i].0));
                        return (st, Some((who[i].0, via)));
                    }
                    // "He mentioned that they cannot confirm …": the cue before it.
                    if attribution::assign(text, &cues, &st.cue).is_some() {
                        return (st, None);
                    }
                    // "The army rejected the claim": its subject.
                    let subject = attribution::subject_of(text, &toks, v)
                        .and_then(|r| registry.mention(&text[r]));
                    (st, subject.map(|s| (Some(s), Vec::new())))
                })
                .collect();
            Read {
                sentence,
                toks,
                cues,
                who,
                statements,
            }
        })
        .collect()
}

/// The source and relays of something at `at` in sentence `n`: a cue of its sentence; else,
/// inside a quotation opened in an earlier sentence, the cue that introduced it; else a tail
/// ("…, he said.") of a later sentence of its paragraph. `None` when no one is named.
fn speaker_of(
    text: &str,
    reads: &[Read],
    n: usize,
    at: &Range<usize>,
) -> Option<(Option<usize>, Vec<usize>)> {
    let read = &reads[n];
    let paragraph = read.sentence.paragraph;
    let Some((cue, outer)) = attribution::assign(text, &read.cues, at) else {
        // A few sentences back at most: a quotation runs over a few sentences.
        let earlier = reads[..n]
            .iter()
            .rev()
            .take(QUOTE_SENTENCES)
            .take_while(|r| r.sentence.paragraph == paragraph);
        let para_start = earlier
            .clone()
            .last()
            .map_or(read.sentence.range.start, |r| r.sentence.range.start);
        let before = &text[para_start..read.sentence.range.start];
        let open = before.matches('"').count() % 2 == 1
            || before.matches('\u{201C}').count() > before.matches('\u{201D}').count();
        if open
            && let Some((r, i)) = earlier
                .filter_map(|r| Some((r, r.cues.iter().rposition(|c| c.forward)?)))
                .next()
        {
            let (speaker, relays) = r.who[i].clone();
            return speaker.map(|s| (Some(s), relays));
        }
        let (r, i) = reads[n + 1..]
            .iter()
            .take(QUOTE_SENTENCES)
            .take_while(|r| r.sentence.paragraph == paragraph)
            .find_map(|r| Some((r, r.cues.iter().position(|c| c.backward)?)))?;
        let (speaker, relays) = r.who[i].clone();
        return speaker.map(|s| (Some(s), relays));
    };
    let (speaker, mut via) = read.who[cue].clone();
    let speaker = speaker?;
    for o in outer {
        let (s, relays) = &read.who[o];
        for r in s.iter().chain(relays) {
            if *r != speaker && !via.contains(r) {
                via.push(*r);
            }
        }
    }
    via.retain(|&v| v != speaker);
    Some((Some(speaker), via))
}

/// The quote and figure, checked as `check` will: the quote must hold the figure's number, and
/// the figure's form must not contradict the quote's hedge. Otherwise the whole sentence is
/// quoted, and failing that the figure is the one the quote's own reading gives.
fn checked(
    text: &str,
    sentence: &Range<usize>,
    q: Range<usize>,
    f: &Found,
    figure: Figure,
) -> (Range<usize>, Figure) {
    let holds = |r: &Range<usize>, fig: &Figure| {
        let a = numbers::agreement(fig, &text[r.clone()]);
        a.has_value() && (a.write_instead.is_none() || *fig != f.figure)
    };
    if holds(&q, &figure) {
        return (q, figure);
    }
    let whole = sentence.clone();
    if holds(&whole, &figure) {
        return (whole, figure);
    }
    // The quote's own reading of the number at the figure's place.
    let a = numbers::agreement(&figure, &text[q.clone()]);
    let own = a
        .numbers
        .iter()
        .find(|g| q.start + g.span.start < f.span.end && f.span.start < q.start + g.span.end)
        .map(|g| g.figure);
    (q, own.unwrap_or(figure))
}

/// The numeric topic for a unit: the catalog's when one counts the same, else one proposed per
/// unit.
fn numeric_topic(
    draft: &mut Draft,
    topic_of: &mut Vec<(String, usize)>,
    unit: &str,
    catalog: &Catalog,
) -> usize {
    if let Some((_, i)) = topic_of.iter().find(|(u, _)| u == unit) {
        return *i;
    }
    let topic = match topics::catalog_topic(unit, catalog) {
        Some(t) => ProposedTopic {
            id: t.id.clone(),
            question: t.question.clone(),
            unit: t.unit.clone(),
            from_catalog: true,
        },
        None => ProposedTopic {
            id: slug(unit),
            question: topics::question(unit),
            unit: Some(unit.to_string()),
            from_catalog: false,
        },
    };
    let i = match draft.topics.iter().position(|t| t.id == topic.id) {
        Some(i) => i,
        None => {
            draft.topics.push(topic);
            draft.topics.len() - 1
        }
    };
    topic_of.push((unit.to_string(), i));
    i
}

/// The yes/no statements of sentence `n`, each on a topic of its own, unless a figure after its
/// cue in the same clause is what it is about (that figure's claim says it). A statement that
/// something "has not been confirmed" is the article's own unless someone is said to say it.
#[allow(clippy::too_many_arguments)]
fn statements(
    text: &str,
    reads: &[Read],
    n: usize,
    figures: &[&Found],
    cue_spans: &[Range<usize>],
    agency: Option<usize>,
    draft: &mut Draft,
    report_id: &str,
) {
    let read = &reads[n];
    for (st, said_by) in &read.statements {
        let about_a_figure = figures.iter().any(|f| {
            f.span.start >= st.cue.end && !attribution::separated(text, st.cue.end, f.span.start)
        });
        if about_a_figure {
            continue;
        }
        let spans: Vec<Range<usize>> = cue_spans
            .iter()
            .filter(|c| c.end <= st.cue.start || c.start >= st.cue.end)
            .cloned()
            .collect();
        let q = quote::quote(
            text,
            &read.sentence.range,
            &read.toks,
            &spans,
            std::slice::from_ref(&st.cue),
            0,
        );
        let q = own_clause(text, q, &st.cue);
        if figures
            .iter()
            .any(|f| q.start <= f.span.start && f.span.end <= q.end)
        {
            continue;
        }
        let (source, via) = match (said_by, st.verb) {
            (Some((s, via)), _) => (s.or(agency), via.clone()),
            (None, None) if st.stance == Stance::Unconfirmed => {
                // "… could not be independently verified": the article's words, unless a tail
                // says whose ("…, the army said").
                match attribution::assign(text, &read.cues, &st.cue) {
                    Some((c, _))
                        if read.cues[c].backward && read.cues[c].span.start >= st.cue.end =>
                    {
                        (read.who[c].0.or(agency), read.who[c].1.clone())
                    }
                    _ => (agency, Vec::new()),
                }
            }
            _ => speaker_of(text, reads, n, &st.cue).unwrap_or((agency, Vec::new())),
        };
        let number = draft.topics.iter().filter(|t| t.unit.is_none()).count() + 1;
        draft.topics.push(ProposedTopic {
            id: format!("{report_id}.statement-{number}"),
            question: format!(
                "Is it so? \u{201C}{}\u{201D} (edit into the yes/no question this statement answers)",
                crate::sanitize::line(text[q.clone()].trim())
            ),
            unit: None,
            from_catalog: false,
        });
        draft.claims.push(Proposal {
            quote: q,
            assertion: Assertion::Stance(st.stance),
            figure_at: None,
            unit: None,
            source,
            via,
            topic: draft.topics.len() - 1,
        });
    }
}

/// The part of a quote joined by "but", "and", "while" that holds the cue: "this has not been
/// confirmed" of "it had killed the leader but this has not been confirmed and …".
fn own_clause(text: &str, q: Range<usize>, cue: &Range<usize>) -> Range<usize> {
    let (mut start, mut end) = (q.start, q.end);
    for mark in [" but ", " and ", " while ", " although ", " whereas "] {
        if let Some(at) = text[start..cue.start].rfind(mark) {
            start = start + at + mark.len();
        }
        if let Some(at) = text[cue.end..end].find(mark) {
            end = cue.end + at;
        }
    }
    start..end
}

/// The stance a proposal takes, if it is a yes/no statement.
pub fn stance_of(p: &Proposal) -> Option<Stance> {
    match p.assertion {
        Assertion::Stance(s) => Some(s),
        Assertion::Figure(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(text: &str) -> Draft {
        propose(text, &Catalog::default(), "r")
    }

    /// What `check` needs of every proposal: the quote is the article's words and holds the
    /// figure; the figure's form agrees with the quote's hedge, but for a negated hedge.
    fn well_formed(text: &str) {
        let d = draft(text);
        for p in &d.claims {
            let quote = &text[p.quote.clone()];
            assert!(!quote.trim().is_empty(), "{text:?}");
            if let (Some(f), Some(at)) = (p.figure(), &p.figure_at) {
                assert!(
                    p.quote.start <= at.start && at.end <= p.quote.end,
                    "{quote:?} in {text:?}"
                );
                let a = numbers::agreement(f, quote);
                assert!(a.has_value(), "{f:?} not in {quote:?} ({text:?})");
            }
            assert!(p.topic < d.topics.len());
            assert!(p.source.is_none_or(|s| s < d.sources.len()));
        }
        for s in &d.sources {
            assert!(crate::load::values::is_valid_id(&s.id), "{:?}", s.id);
        }
        for t in &d.topics {
            assert!(crate::load::values::is_valid_id(&t.id), "{:?}", t.id);
        }
    }

    #[test]
    fn figures_with_their_hedges_speakers_and_quotes() {
        let text = "North Korea has sent about 11,000 troops to Russia, South Korea's spy agency said on Friday. \
                    Ukraine's intelligence chief Kyrylo Budanov told The War Zone that at least 12,000 troops had arrived.";
        let d = draft(text);
        let got: Vec<(String, &str, Vec<&str>, &str)> = d
            .claims
            .iter()
            .map(|p| {
                (
                    numbers::claim_syntax(p.figure().unwrap()),
                    p.source.map_or("-", |s| d.sources[s].id.as_str()),
                    p.via.iter().map(|&v| d.sources[v].id.as_str()).collect(),
                    &text[p.quote.clone()],
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "{ about = 11000 }".to_string(),
                    "south-korea-spy-agency",
                    vec![],
                    "North Korea has sent about 11,000 troops to Russia"
                ),
                (
                    "{ at_least = 12000 }".to_string(),
                    "kyrylo-budanov",
                    vec!["war-zone"],
                    "at least 12,000 troops had arrived."
                ),
            ]
        );
        assert_eq!(d.topics.len(), 1);
        assert_eq!(d.topics[0].unit.as_deref(), Some("troops"));
    }

    #[test]
    fn words_the_reader_takes_otherwise() {
        let form = |text: &str| {
            let d = draft(text);
            numbers::claim_syntax(d.claims[0].figure().unwrap())
        };
        assert_eq!(
            form("A minister insisted the number couldn't be more than 7,000."),
            "{ at_most = 7000 }"
        );
        assert_eq!(
            form("Jordan said the cost would exceed $5 billion."),
            "{ at_least = 5000000000 }"
        );
        assert_eq!(
            form("Organizers estimated the turnout at 500,000."),
            "{ about = 500000 }"
        );
    }

    #[test]
    fn a_statement_put_out_is_its_author_s() {
        let text = "Mayor Marty Walsh's office put out a statement saying 150,000 people attended.";
        let d = draft(text);
        let p = &d.claims[0];
        assert_eq!(
            p.source.map(|s| d.sources[s].name.as_str()),
            Some("Mayor Marty Walsh's office")
        );
        assert_eq!(&text[p.quote.clone()], "150,000 people attended.");
    }

    #[test]
    fn no_dates_times_distances_or_ranks() {
        let d = draft(
            "Fri 29 Aug 2008 07.48 EDT. The river flowed 75 miles (120km) east, one of the top 10 floods since 2004.",
        );
        assert!(d.claims.is_empty(), "{:?}", d.claims);
    }

    #[test]
    fn the_agency_of_the_dateline_says_what_no_one_else_does() {
        let d = draft("KHARTOUM (AP) - About 300 troops arrived on Friday.");
        let p = &d.claims[0];
        assert_eq!(p.source.map(|s| d.sources[s].id.as_str()), Some("ap"));
        let d = draft("About 300 troops arrived on Friday.");
        assert_eq!(d.claims[0].source, None);
    }

    #[test]
    fn real_articles_make_well_formed_proposals() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        for sub in ["numbers", "draft/eval"] {
            for entry in std::fs::read_dir(dir.join(sub)).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|e| e == "txt") {
                    well_formed(&std::fs::read_to_string(&path).unwrap());
                }
            }
        }
    }

    #[test]
    fn sentences_cut_for_length_keep_their_figures_whole() {
        let piece = "Officials said, according to Reuters, that \u{201C}about 1,200\u{201D} and \
                     at least 3,400 - the U.N. told AFP - were killed, he said, as Xinhua quoted \
                     Gen. Li Wei as saying between 10 and 12 thousand, ";
        for shift in 0..40 {
            well_formed(&format!("{}{}", "x".repeat(shift), piece.repeat(40)));
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_makes_well_formed_proposals(text in "\\PC{0,300}") {
            well_formed(&text);
        }

        #[test]
        fn news_like_text_makes_well_formed_proposals(
            text in "([A-Z][a-z]{0,6}|[a-z]{1,8}|[0-9]{1,3}(,[0-9]{3})?|said|told|according to|about|at least|up to|between|and|\u{2019}s|U\\.N\\.|the|\\.|,|\u{201C}|\u{201D}|\"|-|\u{2014}|\\n|\\(|\\)| ){0,80}"
        ) {
            well_formed(&text);
        }
    }
}
