//! `crosscheck agreement`: how far reviewers agree — per pair, over all — and where they differ,
//! as tables for the desk or as the JSON of claim format 2. The numbers are the domain's
//! (`crosscheck::agreement`); here they are rounded to four decimals and laid out.

use std::fmt::Write as _;
use std::process::ExitCode;

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::cli::{AgreementArgs, AgreementFormat, JournalArgs};
use crate::commands::{EXIT_ERRORS, exit, load_review, location, to_stdout};
use crosscheck::agreement::{Agreement, Disagreement};
use crosscheck::export::json::DecisionOut;
use crosscheck::format;
use crosscheck::review::Review;
use crosscheck::sanitize;

pub fn run(args: &AgreementArgs, journal: &JournalArgs) -> anyhow::Result<ExitCode> {
    let paths = args.inputs.paths();
    let location = match location(journal, &paths) {
        Ok(location) => location,
        Err(code) => return Ok(code),
    };
    let Some(review) = load_review(&paths, &location, true) else {
        return Ok(exit(EXIT_ERRORS));
    };
    let agreement = Agreement::of(&review);
    let text = match args.format {
        AgreementFormat::Text => text(&review, &agreement),
        AgreementFormat::Json => json(&review, &agreement),
    };
    to_stdout(&text)?;
    // The process ends here: as `check`, it does not hand every claim back to the allocator.
    drop(agreement);
    std::mem::forget(review);
    Ok(ExitCode::SUCCESS)
}

/// Four decimals, as the spec's example gives them; never `-0`.
fn round(v: f64) -> f64 {
    let r = (v * 10_000.0).round() / 10_000.0;
    if r == 0.0 { 0.0 } else { r }
}

#[derive(Serialize)]
struct Out<'a> {
    reviewers: &'a [&'a str],
    pairs: Vec<PairOut<'a>>,
    alpha: Option<f64>,
    /// Claims judged by two or more reviewers: those α is computed over.
    units: usize,
    /// Pairs that judged no claim in common, not listed among more than
    /// `agreement::MOST_PAIRS_LISTED` pairs (absent when every pair is listed).
    #[serde(skip_serializing_if = "is_zero")]
    unlisted_pairs: usize,
    disagreements: Vec<DisagreementOut<'a>>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

#[derive(Serialize)]
struct PairOut<'a> {
    a: &'a str,
    b: &'a str,
    both: usize,
    agree: usize,
    observed: Option<f64>,
    kappa: Option<f64>,
}

#[derive(Serialize)]
struct DisagreementOut<'a> {
    claim: &'a str,
    topic: &'a str,
    /// Whose decision is in force on the claim (the last, unless stale), or null.
    in_force: Option<&'a str>,
    decisions: Vec<DecisionOut<'a>>,
}

fn json(review: &Review, agreement: &Agreement<'_>) -> String {
    let model = &review.model;
    let out = Out {
        reviewers: &agreement.reviewers,
        pairs: agreement
            .pairs
            .iter()
            .map(|p| PairOut {
                a: p.a,
                b: p.b,
                both: p.both,
                agree: p.agree,
                observed: p.observed.map(round),
                kappa: p.kappa.map(round),
            })
            .collect(),
        alpha: agreement.alpha.map(round),
        units: agreement.units,
        unlisted_pairs: agreement.unlisted,
        disagreements: agreement
            .disagreements
            .iter()
            .map(|d| {
                let claim = &model.claims[d.claim];
                DisagreementOut {
                    claim: &claim.id,
                    topic: &model.topics[claim.topic].id,
                    in_force: d.in_force.map(|f| f.reviewer),
                    decisions: d
                        .decisions
                        .iter()
                        .map(|d| DecisionOut::new(d, None))
                        .collect(),
                }
            })
            .collect(),
    };
    // Plain structs of strings and finite numbers always serialise.
    let mut text = serde_json::to_string_pretty(&out).unwrap_or_default();
    text.push('\n');
    text
}

/// Untrusted text (names, notes, ids, questions) made safe for one line of a terminal.
fn clean(s: &str) -> String {
    sanitize::line(s).into_owned()
}

/// A value to four decimals, or `—` when undefined.
fn shown(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_string(), |v| format!("{:.4}", round(v)))
}

/// Rows of cells as a table: the first `left` columns left-aligned, the others (numbers)
/// right-aligned, two spaces between columns, widths measured as a terminal shows them.
fn table(rows: &[Vec<String>], left: usize) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| c.width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            let pad = " ".repeat(widths[i].saturating_sub(cell.width()));
            if i > 0 {
                line.push_str("  ");
            }
            if i < left {
                line.push_str(cell);
                line.push_str(&pad);
            } else {
                line.push_str(&pad);
                line.push_str(cell);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn text(review: &Review, agreement: &Agreement<'_>) -> String {
    let reviewers: Vec<String> = agreement.reviewers.iter().map(|r| clean(r)).collect();
    match reviewers.as_slice() {
        [] => return "No reviewer has decided a claim yet: agreement needs two.\n".into(),
        [one] => {
            return format!(
                "Only {one} has decided claims: agreement needs two reviewers, so there are no pairs, and α is undefined.\n"
            );
        }
        _ => {}
    }
    let mut out = format!(
        "Agreement between {}: {}\n\n",
        format::count(reviewers.len(), "reviewer", "reviewers"),
        reviewers.join(", ")
    );
    out.push_str(&pairs(agreement));
    out.push('\n');
    out.push_str(&alpha(agreement));
    out.push('\n');
    out.push_str(&disagreements(review, &agreement.disagreements));
    out
}

/// The pairs' table, then what each `—` means.
fn pairs(agreement: &Agreement<'_>) -> String {
    let mut rows = vec![
        ["pair", "both", "agree", "observed", "Cohen's κ"]
            .map(String::from)
            .to_vec(),
    ];
    let mut undefined = Vec::new();
    for p in &agreement.pairs {
        let pair = format!("{} – {}", clean(p.a), clean(p.b));
        if p.kappa.is_none() {
            let why = if p.both == 0 {
                "no claim decided by both"
            } else {
                "both gave every claim one and the same status"
            };
            undefined.push(format!("{pair}: κ undefined, {why}"));
        }
        rows.push(vec![
            pair,
            p.both.to_string(),
            p.agree.to_string(),
            shown(p.observed),
            shown(p.kappa),
        ]);
    }
    let mut out = table(&rows, 1);
    for line in undefined {
        out.push_str(&format!("  — {line}\n"));
    }
    if agreement.unlisted > 0 {
        out.push_str(&format!(
            "  and {} that judged no claim in common (not listed: over {} pairs in all)\n",
            match agreement.unlisted {
                1 => "1 other pair".to_string(),
                n => format!("{} other pairs", format::number(n as f64)),
            },
            format::number(crosscheck::agreement::MOST_PAIRS_LISTED as f64)
        ));
    }
    out
}

fn alpha(agreement: &Agreement<'_>) -> String {
    let over = format!(
        "over {} decided by two or more reviewers ({})",
        format::count(agreement.units, "claim", "claims"),
        format::count(agreement.values, "decision", "decisions")
    );
    match agreement.alpha {
        Some(a) => format!("Krippendorff's α (nominal): {}, {over}\n", shown(Some(a))),
        None if agreement.units == 0 => {
            "Krippendorff's α (nominal): — (undefined: no claim decided by two or more reviewers)\n"
                .into()
        }
        None => format!(
            "Krippendorff's α (nominal): — (undefined: every decision {over} has one and the same status)\n"
        ),
    }
}

/// Each claim on which reviewers differ: the claim, its topic and what it asserts, then each
/// reviewer's status, time and note, the one in force marked.
fn disagreements(review: &Review, all: &[Disagreement<'_>]) -> String {
    if all.is_empty() {
        return "No claim on which reviewers differ.\n".into();
    }
    let mut out = format!(
        "{} on which reviewers differ:\n",
        format::count(all.len(), "claim", "claims")
    );
    // Written a few hundred at a time on both cores, in order.
    let chunks: Vec<&[Disagreement<'_>]> = all.chunks(DISAGREEMENTS_PER_PIECE).collect();
    let written = crosscheck::parallel::in_order_on_both_cores(
        &chunks,
        |chunk| {
            let mut piece = String::new();
            chunk
                .iter()
                .for_each(|d| write_disagreement(&mut piece, review, d));
            Ok(piece)
        },
        &mut |piece: String| {
            out.push_str(&piece);
            Ok(())
        },
    );
    debug_assert!(written.is_ok(), "writing into memory cannot fail");
    out
}

/// How many disagreements each piece of work writes.
const DISAGREEMENTS_PER_PIECE: usize = 256;

/// A claim on which reviewers differ: the claim, its topic and what it asserts, then each
/// reviewer's status, time and note, the one in force marked.
fn write_disagreement(out: &mut String, review: &Review, d: &Disagreement<'_>) {
    let model = &review.model;
    let claim = &model.claims[d.claim];
    let _ = write!(
        out,
        "\n{} — {}: {} ({})\n",
        sanitize::line(&claim.id),
        sanitize::line(&model.sources[claim.source].name),
        sanitize::line(&format::assertion(model, claim)),
        sanitize::line(&model.topics[claim.topic].question),
    );
    let rows: Vec<Vec<String>> = d
        .decisions
        .iter()
        .map(|decision| {
            let in_force = d.in_force.is_some_and(|f| f.reviewer == decision.reviewer);
            vec![
                format!("  {}", clean(decision.reviewer)),
                format::status(decision.status),
                format::minute(decision.at),
                if in_force { "in force" } else { "" }.to_string(),
            ]
        })
        .collect();
    let aligned = table(&rows, usize::MAX);
    for (line, decision) in aligned.lines().zip(&d.decisions) {
        out.push_str(line);
        if let Some(note) = decision.note.filter(|n| !n.trim().is_empty()) {
            let _ = write!(out, "\n      note: {}", sanitize::line(note));
        }
        out.push('\n');
    }
}
