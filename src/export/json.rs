//! The JSON summary of format 1: totals, then every topic with its verdict, spread and claims.

use serde::Serialize;

use crate::export::{Options, selection};
use crate::model::{Figure, Stance};
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
}

#[derive(Serialize)]
struct TopicOut<'a> {
    id: &'a str,
    question: &'a str,
    unit: Option<&'a str>,
    verdict: &'static str,
    spread: Option<f64>,
    claims: Vec<ClaimOut<'a>>,
}

#[derive(Serialize)]
struct ClaimOut<'a> {
    id: &'a str,
    report: &'a str,
    source: &'a str,
    source_name: &'a str,
    reliability: Option<&'static str>,
    credibility: Option<u8>,
    via: Vec<&'a str>,
    quote: &'a str,
    stated: Option<String>,
    figure: Option<FigureOut>,
    stance: Option<&'static str>,
    status: &'static str,
    note: Option<&'a str>,
    reviewer: Option<&'a str>,
    decided_at: Option<String>,
}

#[derive(Serialize)]
struct FigureOut {
    form: &'static str,
    value: Option<serde_json::Number>,
    low: Option<serde_json::Number>,
    high: Option<serde_json::Number>,
}

/// Spreads are given to four decimal places, as in the format's example (0.0833).
pub fn rounded_spread(spread: f64) -> f64 {
    (spread * 10_000.0).round() / 10_000.0
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

fn figure_out(f: &Figure, tolerance: f64) -> FigureOut {
    let interval = f.interval(tolerance);
    FigureOut {
        form: f.form(),
        value: f.value().map(number),
        low: interval.low.map(number),
        high: interval.high.map(number),
    }
}

/// The summary as pretty-printed JSON, ending in a newline.
pub fn to_string(review: &Review, options: &Options) -> String {
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
            claims: claims
                .iter()
                .map(|&c| {
                    let claim = &model.claims[c];
                    let source = &model.sources[claim.source];
                    let decision = review.decision(c);
                    ClaimOut {
                        id: &claim.id,
                        report: &model.reports[claim.report].id,
                        source: &source.id,
                        source_name: &source.name,
                        reliability: source.reliability.map(|r| r.letter()),
                        credibility: claim.credibility,
                        via: claim
                            .via
                            .iter()
                            .map(|&s| model.sources[s].id.as_str())
                            .collect(),
                        quote: &claim.quote,
                        stated: claim.stated.map(|d| d.to_string()),
                        figure: claim.figure().map(|f| figure_out(f, topic.tolerance)),
                        stance: claim.stance().map(Stance::as_str),
                        status: review.status(c).as_str(),
                        note: decision.and_then(|d| d.note.as_deref()),
                        reviewer: decision.map(|d| d.reviewer.as_str()),
                        decided_at: decision.map(|d| d.at.to_string()),
                    }
                })
                .collect(),
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
        },
        topics,
    };
    // Serialising plain structs of strings and finite numbers cannot fail.
    let mut out = serde_json::to_string_pretty(&summary).unwrap_or_default();
    out.push('\n');
    out
}
