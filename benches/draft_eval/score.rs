//! Scoring drafts against the hand-annotated evaluation set (`tests/fixtures/draft/eval/`):
//! which annotated figures a draft proposes with the right value, form and place, with the right
//! speaker and relays; which proposals a person would keep; and value F1 for any extractor.
//! Shared by `benches/draft_eval.rs` (the report) and `tests/draft.rs` (the floor).

#![allow(dead_code)]

use std::ops::Range;
use std::path::{Path, PathBuf};

use crosscheck::draft::{self, Draft};
use crosscheck::model::{Figure, Stance};
use serde::Deserialize;

pub fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/draft/eval")
}

#[derive(Deserialize)]
struct Index {
    article: Vec<Article>,
}

/// An article of the set, as `eval.toml` describes it.
#[derive(Clone, Debug, Deserialize)]
pub struct Article {
    pub file: String,
    #[serde(default)]
    pub held_out: bool,
    /// The annotated source standing for the article itself.
    pub outlet: Option<String>,
    #[serde(default)]
    pub optional: Vec<String>,
}

impl Article {
    pub fn stem(&self) -> &str {
        self.file.strip_suffix(".txt").unwrap_or(&self.file)
    }

    pub fn claims_path(&self) -> PathBuf {
        dir().join(format!("{}.claims.toml", self.stem()))
    }

    pub fn text(&self) -> String {
        std::fs::read_to_string(dir().join(&self.file)).expect("article text")
    }

    /// Where each optional figure stands.
    pub fn optional_places(&self, text: &str) -> Vec<Range<usize>> {
        self.optional
            .iter()
            .filter_map(|o| text.find(o.as_str()).map(|at| at..at + o.len()))
            .collect()
    }
}

pub fn articles() -> Vec<Article> {
    let index: Index =
        toml::from_str(&std::fs::read_to_string(dir().join("eval.toml")).expect("eval.toml"))
            .expect("eval.toml parses");
    index.article
}

/// A source as annotated: id and name.
#[derive(Clone, Debug)]
pub struct Named {
    pub id: String,
    pub name: String,
}

/// An annotated claim, placed in the text.
#[derive(Clone, Debug)]
pub struct Gold {
    pub id: String,
    pub quote: Range<usize>,
    pub figure: Option<Figure>,
    pub stance: Option<Stance>,
    pub source: Named,
    pub via: Vec<Named>,
}

/// The annotated claims of an article, each at its quote's place (the nth occurrence for the
/// nth claim with the same quote).
pub fn gold(article: &Article, text: &str) -> Vec<Gold> {
    let loaded = crosscheck::load::load(&[article.claims_path()]);
    assert!(!loaded.has_errors(), "{} has errors", article.file);
    let m = &loaded.model;
    let named = |i: usize| Named {
        id: m.sources[i].id.clone(),
        name: m.sources[i].name.clone(),
    };
    let mut seen: Vec<(String, usize)> = Vec::new();
    m.claims
        .iter()
        .map(|c| {
            let n = match seen.iter_mut().find(|(q, _)| *q == c.quote) {
                Some((_, n)) => {
                    *n += 1;
                    *n
                }
                None => {
                    seen.push((c.quote.clone(), 0));
                    0
                }
            };
            let quote = nth_place(text, &c.quote, n)
                .unwrap_or_else(|| panic!("{}: quote of {} not found", article.file, c.id));
            Gold {
                id: c.id.clone(),
                quote,
                figure: c.figure().copied(),
                stance: c.stance(),
                source: named(c.source),
                via: c.via.iter().map(|&v| named(v)).collect(),
            }
        })
        .collect()
}

/// The nth place of `quote` in `text`, compared as `check` compares (folded).
fn nth_place(text: &str, quote: &str, n: usize) -> Option<Range<usize>> {
    let mut from = 0;
    let mut found = None;
    for _ in 0..=n {
        let r = crosscheck::load::quote::locate(&text[from..], quote)?;
        let r = from + r.start..from + r.end;
        from = r.start + 1;
        while !text.is_char_boundary(from) {
            from += 1;
        }
        found = Some(r);
    }
    found
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// The numbers a figure states: one, or a range's two ends.
pub fn values(f: &Figure) -> Vec<f64> {
    match *f {
        Figure::Range { low, high } => vec![low, high],
        other => vec![other.value().unwrap_or(f64::NAN)],
    }
}

fn same_values(a: &Figure, b: &Figure) -> bool {
    let (x, y) = (values(a), values(b));
    x.len() == y.len() && x.iter().zip(&y).all(|(p, q)| close(*p, *q))
}

/// The words of a name that tell it apart: lowercase, dots and possessives dropped, generic
/// words ("agency", "the", "spokesman") left out.
fn telling(name: &str) -> Vec<String> {
    const GENERIC: &[&str] = &[
        "the",
        "a",
        "an",
        "of",
        "for",
        "and",
        "in",
        "at",
        "on",
        "to",
        "from",
        "s",
        "national",
        "agency",
        "ministry",
        "office",
        "department",
        "state",
        "news",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "government",
        "senior",
        "top",
        "chief",
        "head",
        "deputy",
        "director",
        "official",
        "local",
        "international",
        "organization",
        "organisation",
        "council",
        "service",
        "group",
        "one",
        "another",
        "some",
        "said",
        "anonymous",
        "its",
        "their",
        "his",
        "her",
    ];
    name.split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '\'' || c == '\u{2019}'))
        .map(|w| {
            let w = w.trim_matches(|c: char| c == '.' || c == '\'' || c == '\u{2019}');
            let w = w
                .strip_suffix("'s")
                .or_else(|| w.strip_suffix("\u{2019}s"))
                .unwrap_or(w);
            w.replace('.', "").to_lowercase()
        })
        .filter(|w| !w.is_empty() && !GENERIC.contains(&w.as_str()))
        .collect()
}

/// The initials of a name's capitalised words: "World Health Organization" is "who".
fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter(|w| w.starts_with(char::is_uppercase))
        .filter_map(|w| w.chars().next())
        .collect::<String>()
        .to_lowercase()
}

/// Whether a proposed source name is the annotated source: they share a telling word, or one's
/// acronym is the other's initials.
pub fn same_source(proposed: &str, gold: &Named) -> bool {
    let mine = telling(proposed);
    let mut theirs = telling(&gold.name);
    theirs.extend(gold.id.split(['-', '.', '_']).map(str::to_string));
    theirs.push(initials(&gold.name));
    let my_initials = initials(proposed);
    mine.iter().any(|w| theirs.contains(w))
        || (my_initials.len() > 1
            && (my_initials == gold.id || my_initials == initials(&gold.name)))
}

/// How a draft of one article scores.
#[derive(Clone, Debug, Default)]
pub struct Score {
    /// Annotated figure claims.
    pub annotated: usize,
    /// Proposed with the right value at the right place.
    pub found: usize,
    /// …and the right form.
    pub form_right: usize,
    /// …and the right source (the speaker).
    pub source_right: usize,
    /// …and the right relays too.
    pub chain_right: usize,
    /// Figure proposals.
    pub proposed: usize,
    /// Figure proposals a person keeps (an annotated figure).
    pub kept: usize,
    /// Figure proposals of an optional figure: neither kept nor wrong.
    pub neutral: usize,
    /// Figure proposals that are dates or years.
    pub years: Vec<String>,
    pub stances_annotated: usize,
    pub stances_proposed: usize,
    pub stances_kept: usize,
    /// What went wrong, for the report.
    pub notes: Vec<String>,
}

impl Score {
    pub fn add(&mut self, o: &Score) {
        self.annotated += o.annotated;
        self.found += o.found;
        self.form_right += o.form_right;
        self.source_right += o.source_right;
        self.chain_right += o.chain_right;
        self.proposed += o.proposed;
        self.kept += o.kept;
        self.neutral += o.neutral;
        self.years.extend(o.years.iter().cloned());
        self.stances_annotated += o.stances_annotated;
        self.stances_proposed += o.stances_proposed;
        self.stances_kept += o.stances_kept;
    }

    pub fn recall(&self) -> f64 {
        ratio(self.found, self.annotated)
    }

    pub fn form_recall(&self) -> f64 {
        ratio(self.form_right, self.annotated)
    }

    /// Of the figures found, the share with the right speaker.
    pub fn attribution(&self) -> f64 {
        ratio(self.source_right, self.found)
    }

    pub fn chain(&self) -> f64 {
        ratio(self.chain_right, self.found)
    }

    pub fn precision(&self) -> f64 {
        ratio(self.kept, self.proposed - self.neutral)
    }
}

pub fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// A year or a date read as a figure: a bare 4-digit year (1900–2099) or a month's name.
fn date_like(s: &str) -> bool {
    let t = s.trim();
    let year = t.len() == 4
        && t.chars().all(|c| c.is_ascii_digit())
        && (t.starts_with("19") || t.starts_with("20"));
    const MONTHS: &[&str] = &[
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "aug",
        "sept",
        "oct",
        "nov",
        "dec",
    ];
    year || t
        .split(|c: char| !c.is_alphabetic())
        .any(|w| MONTHS.contains(&w.to_lowercase().as_str()))
}

/// Score the draft of one article against its annotations.
pub fn score(article: &Article, text: &str, gold: &[Gold], d: &Draft) -> Score {
    let optional = article.optional_places(text);
    let mut s = Score::default();
    let figures: Vec<(usize, &draft::Proposal)> = d
        .claims
        .iter()
        .enumerate()
        .filter(|(_, p)| p.figure().is_some())
        .collect();
    s.proposed = figures.len();
    let mut used = vec![false; d.claims.len()];
    for g in gold.iter().filter(|g| g.figure.is_some()) {
        s.annotated += 1;
        let want = g.figure.expect("a figure");
        let hit = figures.iter().find(|(i, p)| {
            !used[*i]
                && p.figure_at
                    .as_ref()
                    .is_some_and(|at| overlaps(at, &g.quote))
                && same_values(p.figure().expect("a figure"), &want)
        });
        let Some(&(i, p)) = hit else {
            s.notes.push(format!(
                "missed {} ({})",
                g.id,
                crosscheck::numbers::claim_syntax(&want)
            ));
            continue;
        };
        used[i] = true;
        s.found += 1;
        let got = p.figure().expect("a figure");
        if got.form() == want.form() {
            s.form_right += 1;
        } else {
            s.notes.push(format!(
                "{}: form {} for {}",
                g.id,
                crosscheck::numbers::claim_syntax(got),
                crosscheck::numbers::claim_syntax(&want)
            ));
        }
        let source_ok = match p.source {
            Some(src) => same_source(&d.sources[src].name, &g.source),
            None => article.outlet.as_deref() == Some(g.source.id.as_str()),
        };
        if source_ok {
            s.source_right += 1;
            let via_ok = p.via.len() == g.via.len()
                && p.via
                    .iter()
                    .all(|&v| g.via.iter().any(|gv| same_source(&d.sources[v].name, gv)));
            if via_ok {
                s.chain_right += 1;
            } else {
                let got: Vec<&str> = p.via.iter().map(|&v| d.sources[v].name.as_str()).collect();
                let want: Vec<&str> = g.via.iter().map(|v| v.id.as_str()).collect();
                s.notes.push(format!("{}: via {got:?} for {want:?}", g.id));
            }
        } else {
            let got = p
                .source
                .map_or("(none)", |src| d.sources[src].name.as_str());
            s.notes
                .push(format!("{}: source {got:?} for {}", g.id, g.source.id));
        }
    }
    for &(i, p) in &figures {
        if used[i] {
            s.kept += 1;
            continue;
        }
        let at = p.figure_at.clone().unwrap_or_default();
        let shown = text[at.clone()].to_string();
        if date_like(&shown) {
            s.years.push(shown.clone());
        }
        if optional.iter().any(|o| overlaps(o, &at)) {
            s.neutral += 1;
        } else {
            s.notes.push(format!(
                "not kept: {shown:?} in {:?}",
                &text[p.quote.clone()]
            ));
        }
    }
    // Yes/no statements.
    let stances: Vec<&Gold> = gold.iter().filter(|g| g.stance.is_some()).collect();
    s.stances_annotated = stances.len();
    for p in d.claims.iter().filter(|p| p.figure().is_none()) {
        s.stances_proposed += 1;
        let kept = stances
            .iter()
            .any(|g| overlaps(&g.quote, &p.quote) && g.stance == draft::stance_of(p));
        if kept {
            s.stances_kept += 1;
        } else {
            s.notes
                .push(format!("statement not kept: {:?}", &text[p.quote.clone()]));
        }
    }
    s
}

/// A number an extractor found: where, and the values it states.
#[derive(Clone, Debug)]
pub struct Extracted {
    pub at: Range<usize>,
    pub values: Vec<f64>,
}

/// Value F1 counts for any extractor: an annotated figure is found when an extracted number at
/// its quote's place states its value (for a range, either end; the other end is then no
/// mistake); an extracted number is wrong when it finds no figure and is no optional figure.
pub fn value_counts(
    article: &Article,
    text: &str,
    gold: &[Gold],
    got: &[Extracted],
) -> (usize, usize, usize) {
    let optional = article.optional_places(text);
    let mut used = vec![false; got.len()];
    let (mut tp, mut fn_) = (0, 0);
    for g in gold.iter().filter(|g| g.figure.is_some()) {
        let want = values(&g.figure.expect("a figure"));
        let matches = |e: &Extracted| {
            overlaps(&e.at, &g.quote) && e.values.iter().any(|v| want.iter().any(|w| close(*v, *w)))
        };
        match (0..got.len()).find(|&i| !used[i] && matches(&got[i])) {
            Some(i) => {
                used[i] = true;
                tp += 1;
                // The other end of a range, extracted apart, is part of the same figure.
                if want.len() == 2 {
                    for j in 0..got.len() {
                        if !used[j] && matches(&got[j]) {
                            used[j] = true;
                        }
                    }
                }
            }
            None => fn_ += 1,
        }
    }
    let fp = (0..got.len())
        .filter(|&i| !used[i] && !optional.iter().any(|o| overlaps(o, &got[i].at)))
        .count();
    (tp, fp, fn_)
}

pub fn f1(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let p = ratio(tp, tp + fp);
    let r = ratio(tp, tp + fn_);
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

/// The draft's figures as extracted numbers.
pub fn extracted(d: &Draft) -> Vec<Extracted> {
    d.claims
        .iter()
        .filter_map(|p| {
            Some(Extracted {
                at: p.figure_at.clone()?,
                values: values(p.figure()?),
            })
        })
        .collect()
}

/// The draft of an article, as `crosscheck draft` proposes it without a catalog.
pub fn draft_of(article: &Article, text: &str) -> Draft {
    draft::propose(
        text,
        &draft::Catalog::default(),
        &draft::slug(article.stem()),
    )
}
