//! The JSON summary of format 2: totals, then every topic with its verdict, spread, origins and
//! window, and its claims — drafts and superseded ones included — with their time, independence
//! and decisions.

use serde::Serialize;

use crate::export::row::{ClaimRow, rounded_spread};
use crate::export::{Options, selection};
use crate::review::Review;

#[derive(Serialize)]
struct Summary<'a> {
    totals: Totals,
    topics: Vec<TopicOut<'a>>,
}

#[derive(Serialize)]
struct Totals {
    reports: usize,
    sources: usize,
    topics: usize,
    claims: usize,
    conflicts: usize,
    verified: usize,
    disputed: usize,
    unreviewed: usize,
    drafts: usize,
    superseded: usize,
    /// Claims whose last decision is stale.
    stale: usize,
}

#[derive(Serialize)]
struct TopicOut<'a> {
    id: &'a str,
    question: &'a str,
    unit: Option<&'a str>,
    verdict: &'static str,
    spread: Option<f64>,
    origins: usize,
    window: Option<u32>,
    claims: ClaimsOut<'a>,
}

/// A topic's claims, each turned into its JSON form only as it is written (a summary of 100k
/// claims is never held whole).
struct ClaimsOut<'a> {
    review: &'a Review,
    claims: Vec<usize>,
}

impl Serialize for ClaimsOut<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(
            self.claims
                .iter()
                .map(|&c| ClaimOut::new(&ClaimRow::new(self.review, c))),
        )
    }
}

#[derive(Serialize)]
struct ClaimOut<'a> {
    id: &'a str,
    report: &'a str,
    source: &'a str,
    source_name: &'a str,
    origin: &'a str,
    reliability: Option<&'static str>,
    credibility: Option<u8>,
    suggested_credibility: Option<u8>,
    corroborated_by: Option<usize>,
    contradicted_by: Option<usize>,
    via: Vec<&'a str>,
    quote: &'a str,
    stated: Option<String>,
    date: Option<String>,
    draft: bool,
    supersedes: Vec<&'a str>,
    superseded_by: Option<&'a str>,
    figure: Option<FigureOut>,
    stance: Option<&'static str>,
    /// Of the decision in force: a stale decision never is.
    status: &'static str,
    note: Option<&'a str>,
    reviewer: Option<&'a str>,
    decided_at: Option<String>,
    stale: bool,
    fingerprint: String,
    decisions: Vec<DecisionOut<'a>>,
}

/// One reviewer's last decision on a claim.
#[derive(Serialize)]
struct DecisionOut<'a> {
    reviewer: &'a str,
    status: &'static str,
    note: Option<&'a str>,
    at: String,
    stale: bool,
}

#[derive(Serialize)]
struct FigureOut {
    form: &'static str,
    value: Option<serde_json::Number>,
    low: Option<serde_json::Number>,
    high: Option<serde_json::Number>,
}

/// Whole numbers print as integers (`12000`, not `12000.0`).
pub fn number(v: f64) -> serde_json::Number {
    const EXACT_INT: f64 = 9_007_199_254_740_992.0; // 2^53
    if v.fract() == 0.0 && v.abs() <= EXACT_INT {
        serde_json::Number::from(v as i64)
    } else {
        serde_json::Number::from_f64(v).unwrap_or_else(|| serde_json::Number::from(0))
    }
}

impl<'a> ClaimOut<'a> {
    fn new(row: &ClaimRow<'a>) -> Self {
        let figure = row.figure().map(|f| FigureOut {
            form: f.form(),
            value: f.value().map(number),
            low: row.low().map(number),
            high: row.high().map(number),
        });
        ClaimOut {
            id: &row.claim.id,
            report: &row.report.id,
            source: &row.source.id,
            source_name: &row.source.name,
            origin: &row.origin.id,
            reliability: row.reliability(),
            credibility: row.claim.credibility,
            suggested_credibility: row.suggested_credibility(),
            corroborated_by: row.corroborated_by(),
            contradicted_by: row.contradicted_by(),
            via: row.via_ids().collect(),
            quote: &row.claim.quote,
            stated: row.stated(),
            date: row.date(),
            draft: row.is_draft(),
            supersedes: row.supersedes_ids().collect(),
            superseded_by: row.superseded_by_id(),
            figure,
            stance: row.stance().map(|s| s.as_str()),
            status: row.status.as_str(),
            note: row.note(),
            reviewer: row.reviewer(),
            decided_at: row.decided_at(),
            stale: row.is_stale(),
            fingerprint: row.fingerprint(),
            decisions: row
                .decisions
                .iter()
                .map(|&(d, stale)| DecisionOut {
                    reviewer: d.reviewer,
                    status: d.status.as_str(),
                    note: d.note,
                    at: d.at.to_string(),
                    stale,
                })
                .collect(),
        }
    }
}

/// The summary as pretty-printed JSON, ending in a newline.
pub fn to_string(review: &Review, options: &Options) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail, and serde_json writes UTF-8.
    let _ = write(review, options, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// The summary as pretty-printed JSON, ending in a newline, written as it is made.
pub fn write(
    review: &Review,
    options: &Options,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let model = &review.model;
    let progress = review.progress();
    let topics = selection(review, options.only)
        .into_iter()
        .map(|(t, claims)| (&model.topics[t], &review.analysis.topics[t], claims))
        .map(|(topic, analysis, claims)| TopicOut {
            id: &topic.id,
            question: &topic.question,
            unit: topic.unit.as_deref(),
            verdict: analysis.verdict.as_str(),
            spread: analysis.spread.map(rounded_spread),
            origins: analysis.origins,
            window: topic.window,
            claims: ClaimsOut { review, claims },
        })
        .collect();
    let summary = Summary {
        totals: Totals {
            reports: model.reports.len(),
            sources: model.sources.len(),
            topics: model.topics.len(),
            claims: model.claims.len(),
            conflicts: review.analysis.conflicts(),
            verified: progress.verified,
            disputed: progress.disputed,
            unreviewed: progress.unreviewed,
            drafts: model.claims.iter().filter(|c| c.draft).count(),
            superseded: review.analysis.superseded(),
            stale: review.stale_count(),
        },
        topics,
    };
    // Serialising plain structs of strings and finite numbers fails only when writing does.
    serde_json::to_writer_pretty(&mut *out, &summary).map_err(std::io::Error::from)?;
    out.write_all(b"\n")
}
