//! Every word and mark shown for a fact — `≈ 11,000 troops`, `B2`, `NIS → Yonhap`, `8.3%`,
//! `≠ conflict`, `✓ verified`, `1 claim` — shared by the screen and the exports so both say the
//! same thing the same way. Styles (colours) are the screen's own, in `ui::theme`.

use crate::analysis::Verdict;
use crate::decision::Status;
use crate::model::{Claim, Date, Figure, Model, Source};

/// A verdict's mark. Verdict marks and status marks never share a glyph, so a mark beside a
/// topic cannot be read as a review decision, and none relies on colour.
pub fn verdict_mark(v: Verdict) -> &'static str {
    match v {
        Verdict::Conflict => "≠",
        Verdict::Consistent => "=",
        Verdict::Unsettled => "?",
        Verdict::Single => "·",
        Verdict::None => "∅",
    }
}

/// The verdict as a mark and its word: `≠ conflict`.
pub fn verdict(v: Verdict) -> String {
    format!("{} {}", verdict_mark(v), v.as_str())
}

/// A review status's mark.
pub fn status_mark(s: Status) -> &'static str {
    match s {
        Status::Verified => "✓",
        Status::Disputed => "✗",
        Status::Unreviewed => "○",
    }
}

/// The review status as a mark and its word: `✓ verified`.
pub fn status(s: Status) -> String {
    format!("{} {}", status_mark(s), s.as_str())
}

/// Verdicts in the order an editor reads them: what conflicts first.
pub const VERDICTS_BY_URGENCY: [Verdict; 5] = [
    Verdict::Conflict,
    Verdict::Unsettled,
    Verdict::Consistent,
    Verdict::Single,
    Verdict::None,
];

/// Every verdict with its mark, for a legend: `≠ conflict  ? unsettled  …`.
pub fn verdict_legend() -> String {
    let all: Vec<String> = VERDICTS_BY_URGENCY.into_iter().map(verdict).collect();
    all.join("  ")
}

/// Every review status with its mark, for a legend: `✓ verified  ✗ disputed  ○ unreviewed`.
pub fn status_legend() -> String {
    let all: Vec<String> = [Status::Verified, Status::Disputed, Status::Unreviewed]
        .into_iter()
        .map(status)
        .collect();
    all.join("  ")
}

/// A count worded to agree with its number: `1 claim`, `2 claims`, `0 claims`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// A number with thousands separators: `12,000`, `-1,250.5`, `0.75`.
pub fn number(v: f64) -> String {
    let rounded = (v * 1000.0).round() / 1000.0;
    let text = format!("{}", rounded.abs());
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (text, None),
    };
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if rounded < 0.0 { "-" } else { "" };
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// The figure without its unit: `12,000`, `≈ 11,000`, `≥ 3,000`, `≤ 500`, `1,100–1,200`.
pub fn figure(f: &Figure) -> String {
    match *f {
        Figure::Exact(v) => number(v),
        Figure::About(v) => format!("≈ {}", number(v)),
        Figure::AtLeast(v) => format!("≥ {}", number(v)),
        Figure::AtMost(v) => format!("≤ {}", number(v)),
        Figure::Range { low, high } => format!("{}–{}", number(low), number(high)),
    }
}

/// The figure with the topic's unit: `≈ 11,000 troops`. The unit is the claim file's own word,
/// kept as written even for a figure of 1: the format has no singular to give, and guessing one
/// (`casualties`, `sorties`, `series`) would misspell more than it mends.
pub fn figure_with_unit(f: &Figure, unit: Option<&str>) -> String {
    match unit {
        Some(u) if !u.is_empty() => format!("{} {u}", figure(f)),
        _ => figure(f),
    }
}

/// What the claim asserts, for reading: the figure with its unit, or the stance.
pub fn assertion(model: &Model, claim: &Claim) -> String {
    match (claim.figure(), claim.stance()) {
        (Some(f), _) => figure_with_unit(f, model.topics[claim.topic].unit.as_deref()),
        (None, Some(s)) => s.as_str().to_string(),
        (None, None) => String::new(),
    }
}

/// Admiralty grades, source then information: `B2`; `?` for a grade not given.
pub fn grades(source: &Source, claim: &Claim) -> Option<String> {
    if source.reliability.is_none() && claim.credibility.is_none() {
        return None;
    }
    let r = source.reliability.map_or("?", |r| r.letter());
    let c = claim.credibility.map_or("?".to_string(), |c| c.to_string());
    Some(format!("{r}{c}"))
}

/// A short name for narrow places: the name before any comma or parenthesis; an acronym when
/// that is a long run of capitalised words (`NIS`); else cut to 20 characters.
pub fn short_name(source: &Source) -> String {
    const MAX: usize = 20;
    let head = source
        .name
        .split([',', '('])
        .next()
        .unwrap_or(&source.name)
        .trim();
    if head.chars().count() <= MAX {
        return head.to_string();
    }
    let words: Vec<&str> = head
        .split_whitespace()
        .filter(|w| !matches!(*w, "of" | "the" | "and" | "for"))
        .collect();
    if words.len() > 1
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    {
        return words.iter().filter_map(|w| w.chars().next()).collect();
    }
    let cut: String = head.chars().take(MAX - 1).collect();
    format!("{}…", cut.trim_end())
}

/// Who said it and who passed it on: `NIS → Yonhap`.
pub fn chain(model: &Model, claim: &Claim) -> String {
    model
        .chain(claim)
        .iter()
        .map(|s| short_name(s))
        .collect::<Vec<_>>()
        .join(" → ")
}

/// A spread as a percentage: `8.3%`.
pub fn percent(spread: f64) -> String {
    let p = spread * 100.0;
    if p != 0.0 && p.abs() < 0.1 {
        format!("{p:.2}%")
    } else {
        format!("{p:.1}%")
    }
}

/// The mark of a claim a later one replaced, listed under it: `↳`.
pub const SUPERSEDED_MARK: &str = "↳";

/// What replaced a superseded claim: `superseded by nis-troops-11000`.
pub fn superseded_by(id: &str) -> String {
    format!("superseded by {id}")
}

/// How many claims later ones replaced: `1 superseded`.
pub fn superseded(n: usize) -> String {
    format!("{n} superseded")
}

/// Drafts waiting for a person, left out of the review: `2 drafts left out`.
pub fn drafts_left_out(n: usize) -> String {
    format!("{} left out", count(n, "draft", "drafts"))
}

/// The mark of a decision made on a claim that has changed since (stale, not in force): `✎`.
pub const CHANGED_MARK: &str = "✎";

/// The words for a stale decision.
pub const CHANGED_SINCE_REVIEW: &str = "changed since review";

/// A stale decision, with who made it, never with its old status: `✎ changed since review by
/// kim`.
pub fn changed_since_review(reviewer: &str) -> String {
    format!("{CHANGED_MARK} {CHANGED_SINCE_REVIEW} by {reviewer}")
}

/// The status with who decided it, when someone did: `✓ verified by kim`, `○ unreviewed`.
pub fn status_by(s: Status, reviewer: Option<&str>) -> String {
    match reviewer {
        Some(r) if s != Status::Unreviewed => format!("{} by {r}", status(s)),
        _ => status(s),
    }
}

/// A topic's distinct origins among its current claims: `2 independent origins`.
pub fn origins(n: usize) -> String {
    count(n, "independent origin", "independent origins")
}

/// [`origins`] where room is short: `2 origins`.
pub fn origins_short(n: usize) -> String {
    count(n, "origin", "origins")
}

/// A topic's window: `window 7 days`.
pub fn window(days: u32) -> String {
    format!("window {}", count(days as usize, "day", "days"))
}

/// The information grade the evidence suggests, beside the annotated one: `evidence suggests 1`.
pub fn suggested_credibility(grade: u8) -> String {
    format!("evidence suggests {grade}")
}

/// How independent origins stand to a current claim (each origin counted once, relays never):
/// `corroborated by 2 · contradicted by 1`.
pub fn corroboration(corroborated_by: usize, contradicted_by: usize) -> String {
    format!("corroborated by {corroborated_by} · contradicted by {contradicted_by}")
}

/// A claim with no date (no `stated`, and its report no `published`), listed apart on a
/// timeline.
pub const UNDATED: &str = "undated";

/// A source that belongs to another: `part of Government of South Korea`.
pub fn part_of(origin: &Source) -> String {
    format!("part of {}", origin.name)
}

/// The mark of a draft, proposed by a program and not yet accepted by a person: `◇`.
pub const DRAFT_MARK: &str = "◇";

/// A draft, marked: `◇ draft`.
pub fn draft() -> String {
    format!("{DRAFT_MARK} draft")
}

/// How many drafts, marked: `◇ 2 drafts`.
pub fn drafts(n: usize) -> String {
    format!("{DRAFT_MARK} {}", count(n, "draft", "drafts"))
}

/// A superseded claim, marked, with what replaced it: `↳ superseded by ryder-11000-12000`.
pub fn superseded_by_marked(id: &str) -> String {
    format!("{SUPERSEDED_MARK} {}", superseded_by(id))
}

/// How many claims later ones replaced, marked: `↳ 2 superseded`.
pub fn superseded_marked(n: usize) -> String {
    format!("{SUPERSEDED_MARK} {}", superseded(n))
}

/// A stale decision on the screen, marked: `✎ changed since review` (what changed, when known,
/// is added by [`changed_what`]); the old decision is shown beside it ([`was`]).
pub fn changed() -> String {
    format!("{CHANGED_MARK} {CHANGED_SINCE_REVIEW}")
}

/// A stale decision on the screen with what changed when the journal kept the claim's fields:
/// `✎ changed since review: figure or stance, quote`; else as [`changed`].
pub fn changed_what(fields: Option<&[&str]>) -> String {
    match fields {
        Some(names) if !names.is_empty() => format!("{}: {}", changed(), names.join(", ")),
        _ => changed(),
    }
}

/// How many claims changed since their last decision, marked: `✎ 1 changed since review`.
pub fn changed_count(n: usize) -> String {
    format!("{CHANGED_MARK} {n} {CHANGED_SINCE_REVIEW}")
}

/// [`changed_count`] where room is short: `✎ 1 changed`.
pub fn changed_count_short(n: usize) -> String {
    format!("{CHANGED_MARK} {n} changed")
}

/// The stale decision, no longer in force: `was ✓ verified by ana`.
pub fn was(status: Status, reviewer: &str) -> String {
    format!("was {}", status_by(status, Some(reviewer)))
}

/// The annotated grades with the information grade the evidence suggests beside them:
/// `B2 · evidence suggests 1`, or `evidence suggests 1` without grades.
pub fn grades_and_suggestion(grades: Option<&str>, suggested: u8) -> String {
    match grades {
        Some(g) => format!("{g} · {}", suggested_credibility(suggested)),
        None => suggested_credibility(suggested),
    }
}

/// Who said it and the origin it belongs to, when that is another source:
/// `Sabrina Singh → origin: Government of the United States`.
pub fn origin_of(speaker: &Source, origin: &Source) -> String {
    format!("{} → origin: {}", short_name(speaker), origin.name)
}

/// A claim's date and where it comes from: `stated 2024-10-18`, or its report's
/// `published 2024-10-28` when the claim states none.
pub fn claim_date(date: Date, stated: bool) -> String {
    if stated {
        format!("stated {date}")
    } else {
        format!("published {date}")
    }
}

/// Time between two claims: `69 days later`.
pub fn later(days: i64) -> String {
    let n = usize::try_from(days).unwrap_or(0);
    format!("{} later", count(n, "day", "days"))
}

/// The marks of a claim's place in the analysis, for a legend:
/// `↳ superseded  ◇ draft  ✎ changed since review`.
pub fn claim_legend() -> String {
    format!("{SUPERSEDED_MARK} superseded  {}  {}", draft(), changed())
}

/// Why claims changed since their last decision count as unreviewed, for a summary's totals:
/// `1 claim has changed since review (✎): the decision made before the change is not in force,
/// …`.
pub fn changed_since_review_explained(n: usize) -> String {
    format!(
        "{} {CHANGED_SINCE_REVIEW} ({CHANGED_MARK}): the decision made before the change is not in force, and the claim counts as unreviewed until someone decides again.",
        count(n, "claim has", "claims have")
    )
}

/// Why drafts are left out, for a summary's totals: `3 drafts left out of the review: proposed
/// by a program and not yet accepted by a person, …`.
pub fn drafts_left_out_explained(n: usize) -> String {
    format!(
        "{} of the review: proposed by a program and not yet accepted by a person, they take no part in any verdict.",
        drafts_left_out(n)
    )
}

/// A review without decisions.
pub const NO_DECISIONS: &str = "No decisions yet.";

/// A claim as a sentence a reader understands on its own: who said it, then the quote —
/// `National Intelligence Service (South Korea): “North Korea has committed 12,000 troops”`.
pub fn attributed_quote(speaker: &Source, quote: &str) -> String {
    format!("{}: “{quote}”", speaker.name)
}

/// The mark of a claim on which reviewers' judgements differ (one verified it, another
/// disputed it): `⇄`. Neither a verdict, a status nor a claim's place in the analysis.
pub const DISAGREEMENT_MARK: &str = "⇄";

/// The words for a claim on which reviewers' judgements differ.
pub const REVIEWERS_DISAGREE: &str = "reviewers disagree";

/// A claim on which reviewers disagree, marked: `⇄ reviewers disagree`.
pub fn disagreement() -> String {
    format!("{DISAGREEMENT_MARK} {REVIEWERS_DISAGREE}")
}

/// How many claims reviewers disagree on, marked: `⇄ 1 disagreement`.
pub fn disagreements(n: usize) -> String {
    format!(
        "{DISAGREEMENT_MARK} {}",
        count(n, "disagreement", "disagreements")
    )
}

/// A reviewer's decision in a claim's list of decisions: `✗ disputed by ana`, `○ unreviewed by
/// lee` (a mark cleared).
pub fn decision_by(s: Status, reviewer: &str) -> String {
    format!("{} by {reviewer}", status(s))
}

/// A time, a date or a fingerprint as the program writes it: in the usual case `N` printable
/// ASCII bytes held in place, which an export writes (one or more for each claim) without
/// allocating them or checking them again as UTF-8; in a rare other case (a time with fractions
/// of a second, say) the text as made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ascii<const N: usize>(AsciiRepr<N>);

#[derive(Clone, Debug, PartialEq, Eq)]
enum AsciiRepr<const N: usize> {
    Fixed([u8; N]),
    Other(compact_str::CompactString),
}

impl<const N: usize> Ascii<N> {
    /// `bytes`, which the caller makes of digits and punctuation only: nothing that JSON, CSV
    /// or HTML escapes (the exports copy them out as they are; checked in debug builds, which
    /// every test runs).
    pub(crate) fn fixed(bytes: [u8; N]) -> Self {
        debug_assert!(
            bytes
                .iter()
                .all(|&b| b.is_ascii_graphic() && !matches!(b, b'"' | b'\\' | b'<' | b'>' | b'&')),
            "{bytes:?} is not plain ASCII"
        );
        Ascii(AsciiRepr::Fixed(bytes))
    }

    pub fn other(text: compact_str::CompactString) -> Self {
        Ascii(AsciiRepr::Other(text))
    }

    /// The `N` bytes, in the usual case.
    pub fn as_fixed(&self) -> Option<&[u8; N]> {
        match &self.0 {
            AsciiRepr::Fixed(bytes) => Some(bytes),
            AsciiRepr::Other(_) => None,
        }
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            AsciiRepr::Fixed(bytes) => std::str::from_utf8(bytes).unwrap_or_default(),
            AsciiRepr::Other(text) => text,
        }
    }
}

impl<const N: usize> std::ops::Deref for Ascii<N> {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl<const N: usize> std::fmt::Display for Ascii<N> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl<const N: usize> From<Ascii<N>> for String {
    fn from(text: Ascii<N>) -> String {
        text.as_str().to_string()
    }
}

impl<const N: usize> serde::Serialize for Ascii<N> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// An instant as exports write it, in RFC 3339 as jiff writes it (`2026-11-01T08:00:00Z`):
/// whole seconds from year 1 to 9999 — every decision a journal holds — by hand, which is
/// several times quicker than jiff's general formatter (an export writes one for each
/// decision); anything else by jiff.
pub fn timestamp(at: jiff::Timestamp) -> Ascii<20> {
    use compact_str::ToCompactString;
    // 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z.
    const FIRST: i64 = -62_135_596_800;
    const LAST: i64 = 253_402_300_799;
    let seconds = at.as_second();
    if at.subsec_nanosecond() != 0 || !(FIRST..=LAST).contains(&seconds) {
        return Ascii::other(at.to_compact_string());
    }
    let (days, second) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let Some(date) = day_digits(days) else {
        return Ascii::other(at.to_compact_string());
    };
    let two = |n: i64| [b'0' + (n / 10) as u8, b'0' + (n % 10) as u8];
    let (h, m, s) = (two(second / 3600), two(second / 60 % 60), two(second % 60));
    let clock = [b'T', h[0], h[1], b':', m[0], m[1], b':', s[0], s[1], b'Z'];
    let mut bytes = [0; 20];
    bytes[..10].copy_from_slice(&date);
    bytes[10..].copy_from_slice(&clock);
    Ascii::fixed(bytes)
}

/// The date `days` after 1970-01-01 as written (`2026-11-01`), if its year has four digits.
/// A journal's decisions fall on few days, so the last days' digits are kept (on each thread,
/// by the day's last four bits): an export writes a time for each decision.
fn day_digits(days: i64) -> Option<[u8; 10]> {
    use std::cell::Cell;
    thread_local! {
        static DAYS: [Cell<(i64, [u8; 10])>; 16] = const { [const { Cell::new((i64::MIN, [0; 10])) }; 16] };
    }
    let slot = (days & 15) as usize;
    let kept = DAYS.with(|kept| kept[slot].get());
    if kept.0 == days {
        return Some(kept.1);
    }
    let digits = crate::model::Date::from_days(days).digits()?;
    DAYS.with(|kept| kept[slot].set((days, digits)));
    Some(digits)
}

/// When a decision was made, as summaries and the agreement report show it, to the minute:
/// `2026-11-26 10:30 UTC` (from [`timestamp`]'s digits, or jiff's formatter for the rare time
/// those are not).
pub fn minute(at: jiff::Timestamp) -> String {
    match timestamp(at).as_fixed() {
        // `2026-11-26T10:30:00Z`
        Some(t) => {
            let mut text = String::with_capacity(20);
            text.push_str(std::str::from_utf8(&t[..10]).unwrap_or_default());
            text.push(' ');
            text.push_str(std::str::from_utf8(&t[11..16]).unwrap_or_default());
            text.push_str(" UTC");
            text
        }
        None => at.strftime("%Y-%m-%d %H:%M UTC").to_string(),
    }
}

/// When a decision was made, seen from `now`: `just now`, `5 min ago`, `3 h ago`, `2 days ago`,
/// and from a week on its date, `2026-11-02` (UTC). A time ahead of `now` (another machine's
/// clock) is `just now`.
pub fn when(at: jiff::Timestamp, now: jiff::Timestamp) -> String {
    let seconds = now.as_second().saturating_sub(at.as_second());
    let minutes = seconds / 60;
    let hours = minutes / 60;
    let days = hours / 24;
    match () {
        _ if minutes < 1 => "just now".to_string(),
        _ if hours < 1 => format!("{minutes} min ago"),
        _ if days < 1 => format!("{hours} h ago"),
        _ if days < 7 => format!("{} ago", count(days as usize, "day", "days")),
        _ => at.strftime("%Y-%m-%d").to_string(),
    }
}

/// [`when`] where room is short: `now`, `5m`, `3h`, `2d`, and from a week on the date.
pub fn when_short(at: jiff::Timestamp, now: jiff::Timestamp) -> String {
    let minutes = now.as_second().saturating_sub(at.as_second()) / 60;
    let (hours, days) = (minutes / 60, minutes / 60 / 24);
    match () {
        _ if minutes < 1 => "now".to_string(),
        _ if hours < 1 => format!("{minutes}m"),
        _ if days < 1 => format!("{hours}h"),
        _ if days < 7 => format!("{days}d"),
        _ => at.strftime("%Y-%m-%d").to_string(),
    }
}

/// Decisions others saved on claims a blind reviewer has not decided, counted but not shown:
/// `2 decisions from elsewhere, hidden until you decide (blind)`.
pub fn hidden_news(n: usize) -> String {
    format!(
        "{} from elsewhere, hidden until you decide (blind)",
        count(n, "decision", "decisions")
    )
}

/// What the status line says when the journal was replaced on disk and read again whole.
pub const JOURNAL_READ_AGAIN: &str = "the journal was replaced on disk: every decision read again";

/// What the screen says of a claim whose decisions are hidden from a blind reviewer until they
/// decide it themselves: `○ unreviewed (blind)`.
pub fn blind_unreviewed() -> String {
    format!("{} (blind)", status(Status::Unreviewed))
}

/// The header's tag of a blind review (`--blind`): others' decisions hidden until you decide.
pub const BLIND: &str = "BLIND";

/// This reviewer's own progress beside the desk's: `you (kim) 3/17`.
pub fn your_progress(reviewer: &str, decided: usize, total: usize) -> String {
    format!("you ({reviewer}) {decided}/{total}")
}

/// Every mark of reviewers' decisions, for a legend: `⇄ reviewers disagree  ○ unreviewed
/// (blind)`.
pub fn reviewers_legend() -> String {
    format!("{}  {}", disagreement(), blind_unreviewed())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Position, Reliability};
    use strum::VariantArray;

    proptest::proptest! {
        /// Instants are written as jiff writes them, whole seconds or not, in range or not, and
        /// to the minute as jiff's formatter writes them (the same day twice: its digits kept).
        #[test]
        fn timestamps_are_written_as_jiff_writes_them(
            second in jiff::Timestamp::MIN.as_second()..=jiff::Timestamp::MAX.as_second(),
            near in -3_000_000_000i64..300_000_000_000,
            nanos in 0i32..1_000_000_000,
        ) {
            for (second, nanos) in [(second, 0), (near, 0), (near, nanos), (second / 86_400 * 86_400, 0)] {
                let Ok(t) = jiff::Timestamp::new(second, nanos) else { continue };
                proptest::prop_assert_eq!(timestamp(t).to_string(), t.to_string());
                proptest::prop_assert_eq!(minute(t), t.strftime("%Y-%m-%d %H:%M UTC").to_string());
            }
        }
    }

    #[test]
    fn timestamps_at_the_ends_of_the_hand_written_range() {
        let ends = [-62_135_596_801, -62_135_596_800, 0, 951_782_400];
        let last = jiff::Timestamp::MAX.as_second();
        for second in ends.into_iter().chain([last - 1, last]) {
            let t = jiff::Timestamp::from_second(second).unwrap();
            assert_eq!(timestamp(t).as_str(), t.to_string());
        }
    }

    fn source(name: &str) -> Source {
        Source {
            id: "s".into(),
            name: name.into(),
            kind: None,
            reliability: Some(Reliability::B),
            part_of: None,
            pos: Position {
                file: 0,
                line: 1,
                col: 1,
            },
        }
    }

    #[test]
    fn numbers_get_thousands_separators() {
        assert_eq!(number(12000.0), "12,000");
        assert_eq!(number(1234567.0), "1,234,567");
        assert_eq!(number(999.0), "999");
        assert_eq!(number(-1250.5), "-1,250.5");
        assert_eq!(number(0.75), "0.75");
        assert_eq!(number(0.0), "0");
    }

    #[test]
    fn every_figure_form_reads_naturally() {
        assert_eq!(
            figure_with_unit(&Figure::Exact(12000.0), Some("troops")),
            "12,000 troops"
        );
        assert_eq!(
            figure_with_unit(&Figure::About(11000.0), Some("troops")),
            "≈ 11,000 troops"
        );
        assert_eq!(figure(&Figure::AtLeast(3000.0)), "≥ 3,000");
        assert_eq!(figure(&Figure::AtMost(500.0)), "≤ 500");
        assert_eq!(
            figure(&Figure::Range {
                low: 1100.0,
                high: 1200.0
            }),
            "1,100–1,200"
        );
    }

    #[test]
    fn short_names() {
        assert_eq!(
            short_name(&source("National Intelligence Service (South Korea)")),
            "NIS"
        );
        assert_eq!(
            short_name(&source("Kyrylo Budanov, Ukrainian Defence Intelligence")),
            "Kyrylo Budanov"
        );
        assert_eq!(short_name(&source("Yonhap")), "Yonhap");
        assert_eq!(
            short_name(&source("South Korean security officials")),
            "South Korean securi…"
        );
    }

    #[test]
    fn verdict_and_status_marks_never_share_a_glyph() {
        // Defect 8: `✓` beside a consistent topic read as "verified".
        let verdicts: Vec<&str> = Verdict::VARIANTS.iter().map(|&v| verdict_mark(v)).collect();
        let statuses: Vec<&str> = Status::ALL.iter().map(|&s| status_mark(s)).collect();
        for v in &verdicts {
            assert!(!statuses.contains(v), "{v} marks a verdict and a status");
        }
        let mut all = [verdicts, statuses].concat();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), Verdict::VARIANTS.len() + Status::ALL.len());
        assert!(all.iter().all(|m| m.chars().count() == 1));
    }

    #[test]
    fn marks_come_with_their_words() {
        assert_eq!(verdict(Verdict::Conflict), "≠ conflict");
        assert_eq!(verdict(Verdict::Consistent), "= consistent");
        assert_eq!(status(Status::Verified), "✓ verified");
        assert_eq!(status(Status::Unreviewed), "○ unreviewed");
        assert_eq!(
            verdict_legend(),
            "≠ conflict  ? unsettled  = consistent  · single  ∅ none"
        );
        assert_eq!(status_legend(), "✓ verified  ✗ disputed  ○ unreviewed");
        let mut ordered = VERDICTS_BY_URGENCY.to_vec();
        ordered.sort_unstable();
        assert_eq!(ordered, Verdict::VARIANTS, "every verdict has a place");
    }

    #[test]
    fn counts_agree_with_their_numbers() {
        // Defect 13: "1 claim(s)".
        assert_eq!(count(1, "claim", "claims"), "1 claim");
        assert_eq!(count(2, "claim", "claims"), "2 claims");
        assert_eq!(count(0, "claim", "claims"), "0 claims");
        assert_eq!(count(1, "entry", "entries"), "1 entry");
    }

    #[test]
    fn spread_as_percent() {
        assert_eq!(percent(1000.0 / 12000.0), "8.3%");
        assert_eq!(percent(0.0), "0.0%");
        assert_eq!(percent(0.0004), "0.04%");
    }

    #[test]
    fn format_two_words_and_marks() {
        assert_eq!(
            superseded_by("nis-troops-11000"),
            "superseded by nis-troops-11000"
        );
        assert_eq!(drafts_left_out(1), "1 draft left out");
        assert_eq!(drafts_left_out(2), "2 drafts left out");
        assert_eq!(changed_since_review("kim"), "✎ changed since review by kim");
        assert_eq!(
            status_by(Status::Verified, Some("kim")),
            "✓ verified by kim"
        );
        assert_eq!(status_by(Status::Unreviewed, Some("kim")), "○ unreviewed");
        assert_eq!(status_by(Status::Disputed, None), "✗ disputed");
        assert_eq!(origins(1), "1 independent origin");
        assert_eq!(window(7), "window 7 days");
        assert_eq!(window(1), "window 1 day");
        assert_eq!(corroboration(2, 0), "corroborated by 2 · contradicted by 0");
        assert_eq!(
            changed_since_review_explained(1),
            "1 claim has changed since review (✎): the decision made before the change is not in force, and the claim counts as unreviewed until someone decides again."
        );
        assert!(drafts_left_out_explained(2).starts_with("2 drafts left out of the review: "));
        assert_eq!(
            attributed_quote(&source("NIS"), "12,000 troops"),
            "NIS: “12,000 troops”"
        );
        // The new marks are neither verdicts nor statuses.
        for mark in [SUPERSEDED_MARK, CHANGED_MARK, DRAFT_MARK] {
            assert!(Verdict::VARIANTS.iter().all(|&v| verdict_mark(v) != mark));
            assert!(Status::ALL.iter().all(|&s| status_mark(s) != mark));
        }
    }

    #[test]
    fn the_screen_words_of_format_two() {
        assert_eq!(draft(), "◇ draft");
        assert_eq!(drafts(1), "◇ 1 draft");
        assert_eq!(drafts(2), "◇ 2 drafts");
        assert_eq!(
            superseded_by_marked("ryder-11000-12000"),
            "↳ superseded by ryder-11000-12000"
        );
        assert_eq!(superseded_marked(2), "↳ 2 superseded");
        assert_eq!(changed(), "✎ changed since review");
        assert_eq!(
            changed_what(Some(&["quote", "figure or stance"])),
            "✎ changed since review: quote, figure or stance"
        );
        assert_eq!(changed_what(None), changed());
        assert_eq!(changed_count(1), "✎ 1 changed since review");
        assert_eq!(changed_count_short(1), "✎ 1 changed");
        assert_eq!(origins_short(5), "5 origins");
        assert_eq!(was(Status::Verified, "ana"), "was ✓ verified by ana");
        assert_eq!(
            grades_and_suggestion(Some("B2"), 1),
            "B2 · evidence suggests 1"
        );
        assert_eq!(grades_and_suggestion(None, 6), "evidence suggests 6");
        let mut singh = source("Sabrina Singh, Deputy Pentagon Press Secretary");
        singh.part_of = Some(1);
        assert_eq!(
            origin_of(&singh, &source("Government of the United States")),
            "Sabrina Singh → origin: Government of the United States"
        );
        let d = Date {
            year: 2024,
            month: 10,
            day: 18,
        };
        assert_eq!(claim_date(d, true), "stated 2024-10-18");
        assert_eq!(claim_date(d, false), "published 2024-10-18");
        assert_eq!(later(69), "69 days later");
        assert_eq!(later(1), "1 day later");
        assert_eq!(
            claim_legend(),
            "↳ superseded  ◇ draft  ✎ changed since review"
        );
        let marks = [SUPERSEDED_MARK, DRAFT_MARK, CHANGED_MARK];
        assert!(marks.iter().all(|m| m.chars().count() == 1));
        assert!(marks[0] != marks[1] && marks[1] != marks[2] && marks[0] != marks[2]);
    }

    #[test]
    fn the_words_of_several_reviewers() {
        assert_eq!(disagreement(), "⇄ reviewers disagree");
        assert_eq!(disagreements(1), "⇄ 1 disagreement");
        assert_eq!(disagreements(3), "⇄ 3 disagreements");
        assert_eq!(decision_by(Status::Disputed, "ana"), "✗ disputed by ana");
        assert_eq!(
            decision_by(Status::Unreviewed, "lee"),
            "○ unreviewed by lee"
        );
        assert_eq!(blind_unreviewed(), "○ unreviewed (blind)");
        assert_eq!(your_progress("kim", 3, 17), "you (kim) 3/17");
        assert_eq!(
            hidden_news(1),
            "1 decision from elsewhere, hidden until you decide (blind)"
        );
        let now: jiff::Timestamp = "2026-11-26T13:45:00Z".parse().unwrap();
        let ago = |s: &str| when(s.parse().unwrap(), now);
        assert_eq!(ago("2026-11-26T13:44:30Z"), "just now");
        assert_eq!(ago("2026-11-26T13:50:00Z"), "just now", "a clock ahead");
        assert_eq!(ago("2026-11-26T13:40:00Z"), "5 min ago");
        assert_eq!(ago("2026-11-25T14:02:00Z"), "23 h ago");
        assert_eq!(ago("2026-11-25T13:45:00Z"), "1 day ago");
        assert_eq!(ago("2026-11-20T09:15:00Z"), "6 days ago");
        assert_eq!(ago("2026-11-02T23:59:00Z"), "2026-11-02");
        let short = |s: &str| when_short(s.parse().unwrap(), now);
        assert_eq!(short("2026-11-26T13:44:30Z"), "now");
        assert_eq!(short("2026-11-26T13:40:00Z"), "5m");
        assert_eq!(short("2026-11-25T14:02:00Z"), "23h");
        assert_eq!(short("2026-11-20T09:15:00Z"), "6d");
        assert_eq!(short("2026-11-02T23:59:00Z"), "2026-11-02");
        // The mark is no verdict, status or claim mark, and one cell wide.
        let taken = [SUPERSEDED_MARK, CHANGED_MARK, DRAFT_MARK, "▶", "◀"];
        assert!(!taken.contains(&DISAGREEMENT_MARK));
        assert!(
            Verdict::VARIANTS
                .iter()
                .all(|&v| verdict_mark(v) != DISAGREEMENT_MARK)
        );
        assert!(
            Status::ALL
                .iter()
                .all(|&s| status_mark(s) != DISAGREEMENT_MARK)
        );
        assert_eq!(crate::ui::text::width(DISAGREEMENT_MARK), 1);
    }
}
