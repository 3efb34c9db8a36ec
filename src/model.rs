//! The in-memory model of a set of claim files: reports, sources, topics and claims, with every
//! field of format 2 (format 1 and catalogs, `part_of`, `window`, `supersedes`, `draft`). Cross
//! references are resolved to indices; all text is already sanitised.

use std::path::PathBuf;

use strum::{EnumString, IntoStaticStr, VariantArray};

/// A calendar date as written in a claim file (`2024-10-18`).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Days from 1970-01-01 to this date in the proleptic Gregorian calendar (Howard Hinnant's
    /// `days_from_civil`), as its fields say, whether or not the calendar has such a day.
    pub fn days(self) -> i64 {
        let (year, month, day) = (
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        );
        let y = if month <= 2 { year - 1 } else { year };
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// [`Date::days`], for a day the calendar has (years 0 to 9999, as jiff's); `None` for any
    /// other.
    pub fn day_number(self) -> Option<i64> {
        let y = self.year;
        let leap = y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400));
        let days_in_month = match self.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (self.year <= 9999 && (1..=days_in_month).contains(&self.day)).then(|| self.days())
    }

    /// The date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`), its year held to
    /// 0–9999.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date {
            year: year.clamp(0, 9999) as u16,
            month: month as u8,
            day: day as u8,
        }
    }

    /// The date as written (`2024-10-18`), when its year has four digits or fewer (as every
    /// date a claim file holds).
    pub fn digits(&self) -> Option<[u8; 10]> {
        if self.year > 9999 || self.month > 99 || self.day > 99 {
            return None;
        }
        let two = |n: u8| [b'0' + n / 10, b'0' + n % 10];
        let y = self.year;
        let (m, d) = (two(self.month), two(self.day));
        Some([
            b'0' + (y / 1000) as u8,
            b'0' + (y / 100 % 10) as u8,
            b'0' + (y / 10 % 10) as u8,
            b'0' + (y % 10) as u8,
            b'-',
            m[0],
            m[1],
            b'-',
            d[0],
            d[1],
        ])
    }
}

impl Date {
    /// The date as [`Display`](std::fmt::Display) writes it, held in place (no allocation: the
    /// exports write two for each claim).
    pub fn text(&self) -> crate::format::Ascii<10> {
        use compact_str::ToCompactString;
        match self.digits() {
            Some(digits) => crate::format::Ascii::fixed(digits),
            None => crate::format::Ascii::other(self.to_compact_string()),
        }
    }
}

impl std::fmt::Display for Date {
    /// `2024-10-18`: the year in four digits at least, month and day in two. Written by hand
    /// where it can be: padded formatting costs more than the rest of a claim's export row.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.digits() {
            Some(text) => f.write_str(std::str::from_utf8(&text).unwrap_or_default()),
            None => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day),
        }
    }
}

/// Where something was declared: a file of the run and a 1-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub file: usize,
    pub line: u32,
    pub col: u32,
}

/// Admiralty source grade: how reliable the source has been (A completely … F cannot be judged).
/// Written as its letter (`B`), derived from the variant names.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    EnumString,
    IntoStaticStr,
    serde::Serialize,
    serde::Deserialize,
)]
pub enum Reliability {
    A,
    B,
    C,
    D,
    E,
    F,
}

impl Reliability {
    pub fn parse(s: &str) -> Option<Self> {
        s.parse().ok()
    }

    pub fn letter(self) -> &'static str {
        self.into()
    }
}

/// A number as the annotator wrote it, with its hedge. Its form is named in exports as
/// `exact`, `about`, `at_least`, `at_most`, `range` (derived: [`Figure::form`]).
#[derive(Clone, Copy, Debug, PartialEq, IntoStaticStr, serde::Serialize, serde::Deserialize)]
#[strum(serialize_all = "snake_case")]
pub enum Figure {
    Exact(f64),
    About(f64),
    AtLeast(f64),
    AtMost(f64),
    Range { low: f64, high: f64 },
}

impl Figure {
    /// The name of the form in exports.
    pub fn form(&self) -> &'static str {
        self.into()
    }

    /// The number written, `None` for a range.
    pub fn value(&self) -> Option<f64> {
        match *self {
            Self::Exact(v) | Self::About(v) | Self::AtLeast(v) | Self::AtMost(v) => Some(v),
            Self::Range { .. } => None,
        }
    }
}

/// A position on a yes/no topic, written `affirms`, `denies`, `unconfirmed` (derived).
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    EnumString,
    IntoStaticStr,
    VariantArray,
    serde::Serialize,
    serde::Deserialize,
)]
#[strum(serialize_all = "lowercase")]
pub enum Stance {
    Affirms,
    Denies,
    Unconfirmed,
}

impl Stance {
    pub const ALL: &'static [Stance] = Self::VARIANTS;

    pub fn parse(s: &str) -> Option<Self> {
        s.parse().ok()
    }

    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// What a claim says: a figure on a numeric topic, a stance on a yes/no topic.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Assertion {
    Figure(Figure),
    Stance(Stance),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub id: String,
    pub title: String,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<Date>,
    /// The report's full text, resolved against the claim file's directory. Read when shown.
    pub text: Option<PathBuf>,
    pub pos: Position,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub id: String,
    pub name: String,
    pub kind: Option<String>,
    pub reliability: Option<Reliability>,
    /// The source this one belongs to (index into [`Model::sources`]): not independent of it.
    pub part_of: Option<usize>,
    pub pos: Position,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Topic {
    pub id: String,
    pub question: String,
    /// Present: a numeric topic; absent: a yes/no topic.
    pub unit: Option<String>,
    /// Relative tolerance for `about` figures, `0 <= t < 1`.
    pub tolerance: f64,
    /// Claims further apart than this many days are not compared.
    pub window: Option<u32>,
    pub pos: Position,
}

impl Topic {
    pub const DEFAULT_TOLERANCE: f64 = 0.05;

    pub fn is_numeric(&self) -> bool {
        self.unit.is_some()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    pub id: String,
    /// Index into [`Model::reports`]: the report of the file that declares the claim.
    pub report: usize,
    pub topic: usize,
    pub source: usize,
    /// Relays, nearest the source first; indices into [`Model::sources`].
    pub via: Vec<usize>,
    pub quote: String,
    pub stated: Option<Date>,
    /// Admiralty information grade, 1 (confirmed) to 6 (cannot be judged).
    pub credibility: Option<u8>,
    pub assertion: Assertion,
    /// Claims on the same topic this one corrects or updates (indices into [`Model::claims`]).
    pub supersedes: Vec<usize>,
    /// Proposed by a program and not yet accepted by a person: no part in any analysis.
    pub draft: bool,
    pub pos: Position,
    /// Its fingerprint (`fingerprint::of`), when the loader computed it as it read the claim.
    pub fingerprint: Option<u64>,
}

impl Claim {
    pub fn figure(&self) -> Option<&Figure> {
        match &self.assertion {
            Assertion::Figure(f) => Some(f),
            Assertion::Stance(_) => None,
        }
    }

    pub fn stance(&self) -> Option<Stance> {
        match self.assertion {
            Assertion::Stance(s) => Some(s),
            Assertion::Figure(_) => None,
        }
    }
}

/// Everything loaded in one run. Indices in claims point into the vectors here.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Model {
    /// The claim files of the run, in load order; [`Position::file`] indexes this.
    pub files: Vec<PathBuf>,
    /// A digest of each file's text as loaded (see `load::unit::digest`), to refuse editing a
    /// file that changed on disk since.
    pub file_digests: Vec<u64>,
    pub reports: Vec<Report>,
    pub sources: Vec<Source>,
    pub topics: Vec<Topic>,
    pub claims: Vec<Claim>,
}

impl Model {
    /// The origin of a source: the last source reached by following `part_of` (a source
    /// without `part_of` is its own). Relays never change a claim's origin.
    pub fn origin(&self, source: usize) -> usize {
        let mut at = source;
        // `part_of` cycles are load errors; the bound keeps a bad model from looping.
        for _ in 0..self.sources.len() {
            match self.sources[at].part_of {
                Some(up) => at = up,
                None => break,
            }
        }
        at
    }

    /// [`Model::origin`] of every source, by source: each chain is walked once, however long
    /// (a chain of 40,000 sources walked from each of them was quadratic).
    pub fn origins(&self) -> Vec<usize> {
        const UNKNOWN: usize = usize::MAX;
        let mut origins = vec![UNKNOWN; self.sources.len()];
        let mut path = Vec::new();
        for s in 0..self.sources.len() {
            path.clear();
            let mut at = s;
            // Up to a source whose origin is known, or the top (bounded as `origin` is).
            let origin = loop {
                if origins[at] != UNKNOWN {
                    break origins[at];
                }
                path.push(at);
                match self.sources[at].part_of {
                    Some(up) if path.len() <= self.sources.len() => at = up,
                    _ => break at,
                }
            };
            path.iter().for_each(|&c| origins[c] = origin);
        }
        origins
    }

    /// The claim's relay chain: who said it, then who passed it on, nearest first.
    pub fn chain(&self, claim: &Claim) -> Vec<&Source> {
        std::iter::once(claim.source)
            .chain(claim.via.iter().copied())
            .filter_map(|i| self.sources.get(i))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Every source's origin, made at once, is what following its chain gives (chains of
        /// any shape, sources met in any order).
        #[test]
        fn origins_made_at_once_are_each_sources_origin(
            ups in proptest::collection::vec(proptest::option::of(0usize..40), 40),
            order in proptest::strategy::Strategy::prop_shuffle(proptest::strategy::Just((0..40).collect::<Vec<usize>>())),
        ) {
            let mut model = Model::default();
            let pos = Position { file: 0, line: 1, col: 1 };
            let blank = |i: usize| Source {
                id: format!("s{i}"),
                name: String::new(),
                kind: None,
                reliability: None,
                part_of: None,
                pos,
            };
            model.sources = (0..40).map(blank).collect();
            // Each source belongs to one later in a shuffled order, or to none: no cycle (a
            // loaded model never has one: cycles are cut), chains up to 40 long, met in any
            // order.
            for (k, &s) in order.iter().enumerate() {
                let later = 40 - k - 1;
                if let (Some(u), true) = (ups[s], later > 0) {
                    model.sources[s].part_of = Some(order[k + 1 + u % later]);
                }
            }
            for (s, &origin) in model.origins().iter().enumerate() {
                proptest::prop_assert_eq!(origin, model.origin(s));
            }
        }
    }

    #[test]
    fn a_chain_of_forty_thousand_sources_has_one_origin() {
        let pos = Position {
            file: 0,
            line: 1,
            col: 1,
        };
        let model = Model {
            sources: (0..40_000)
                .map(|i| Source {
                    id: format!("s{i}"),
                    name: String::new(),
                    kind: None,
                    reliability: None,
                    part_of: (i + 1 < 40_000).then_some(i + 1),
                    pos,
                })
                .collect(),
            ..Model::default()
        };
        assert!(model.origins().iter().all(|&o| o == 39_999));
    }
}
