//! The review summary in Markdown (CommonMark with GitHub tables): totals, then a section per
//! topic — conflicts first — with its independent origins, its claims (each superseded one
//! under the claim that replaced it; drafts counted, left out) and their quotes with the report
//! each comes from, then the claims on which reviewers differ, the disputed and the
//! unreviewed. Text from the files is escaped so that it cannot break a table or inject markup.

use std::fmt::Write;

use crate::decision::Status;
use crate::export::row::ClaimRow;
use crate::export::{Only, Options, selection};
use crate::format;
use crate::model::Report;
use crate::review::Review;

pub fn to_string(review: &Review, options: &Options) -> String {
    let model = &review.model;
    let mut out = String::new();
    let _ = writeln!(out, "# Review summary\n");
    for report in &model.reports {
        let _ = writeln!(out, "- Report: {}", report_line(report));
    }
    let _ = writeln!(out, "- {}", who_and_when(review));
    totals(&mut out, review);

    let mut topics = selection(review, options.only);
    topics.sort_by_key(|(t, _)| crate::export::urgency(review.analysis.topics[*t].verdict));
    for (t, claims) in &topics {
        topic_section(&mut out, review, *t, claims);
    }
    // The closing lists cover the claims selected above (all of them unless --only says);
    // drafts are left out of the review.
    let listed: Vec<usize> = selection(review, options.only)
        .into_iter()
        .flat_map(|(_, c)| c)
        .filter(|&c| !model.claims[c].draft)
        .collect();
    disagreements_section(&mut out, review, &listed);
    claims_section(
        &mut out,
        review,
        &listed,
        "Disputed claims",
        Status::Disputed,
        "No claim is disputed.",
    );
    if options.only != Only::Reviewed {
        claims_section(
            &mut out,
            review,
            &listed,
            "Still unreviewed",
            Status::Unreviewed,
            "Every claim has been reviewed.",
        );
    }
    out
}

/// A report's title — a link only to a web address — with its outlet and date.
fn report_line(report: &Report) -> String {
    let mut about = vec![];
    if let Some(o) = &report.outlet {
        about.push(escape(o));
    }
    if let Some(d) = report.published {
        about.push(d.to_string());
    }
    // Only a web address becomes a link; anything else is shown as text.
    let title = match report.url.as_deref() {
        Some(url) => match crate::sanitize::web_url(url) {
            Some(url) => format!("[{}](<{url}>)", escape(&report.title)),
            None => format!("*{}* (url: {})", escape(&report.title), escape(url)),
        },
        None => format!("*{}*", escape(&report.title)),
    };
    if about.is_empty() {
        title
    } else {
        format!("{title} ({})", about.join(", "))
    }
}

/// The totals table. Drafts are counted, and left out of the review: verified, disputed and
/// unreviewed count the other claims, so that with the drafts they add up to all claims.
fn totals(out: &mut String, review: &Review) {
    let model = &review.model;
    let crate::export::Totals {
        verified,
        disputed,
        unreviewed,
        stale,
        drafts,
    } = crate::export::Totals::of(review);
    let _ = writeln!(
        out,
        "\n| claims | verified | disputed | unreviewed | conflicts | superseded | {} | drafts |\n|---:|---:|---:|---:|---:|---:|---:|---:|",
        format::CHANGED_SINCE_REVIEW
    );
    let _ = writeln!(
        out,
        "| {} | {verified} | {disputed} | {unreviewed} | {} | {} | {stale} | {drafts} |\n",
        model.claims.len(),
        review.analysis.conflicts(),
        review.analysis.superseded(),
    );
    if stale > 0 {
        let _ = writeln!(out, "{}\n", format::changed_since_review_explained(stale));
    }
    if drafts > 0 {
        let _ = writeln!(out, "{}\n", format::drafts_left_out_explained(drafts));
    }
}

/// `Decisions by kim, ana, from … to … (UTC)`, from the decisions in force (drafts are not
/// under review).
fn who_and_when(review: &Review) -> String {
    let draft = |id: &str| {
        review
            .claim(id)
            .is_some_and(|c| review.model.claims[c].draft)
    };
    let decisions: Vec<_> = review
        .decided()
        .filter(|d| d.status != Status::Unreviewed && !draft(d.claim))
        .collect();
    if decisions.is_empty() {
        return format::NO_DECISIONS.into();
    }
    let mut reviewers: Vec<&str> = decisions.iter().map(|d| d.reviewer).collect();
    reviewers.sort_unstable();
    reviewers.dedup();
    let first = decisions.iter().map(|d| d.at).min().unwrap_or_default();
    let last = decisions.iter().map(|d| d.at).max().unwrap_or_default();
    let time = crate::format::minute;
    let reviewers: Vec<String> = reviewers.iter().map(|r| escape(r)).collect();
    format!(
        "Decisions by {}, from {} to {}.",
        reviewers.join(", "),
        time(first),
        time(last)
    )
}

fn topic_section(out: &mut String, review: &Review, t: usize, claims: &[usize]) {
    let model = &review.model;
    let topic = &model.topics[t];
    let analysis = &review.analysis.topics[t];
    let _ = writeln!(out, "## {}\n", escape(&topic.question));
    let (drafts, superseded) = (analysis.drafts, analysis.superseded);
    let mut facts = vec![format!("**{}**", format::verdict(analysis.verdict))];
    if let Some(s) = analysis.spread {
        facts.push(format!("spread {}", format::percent(s)));
    }
    facts.push(format::count(
        analysis.claims.len() - drafts,
        "claim",
        "claims",
    ));
    if superseded > 0 {
        facts.push(format::superseded(superseded));
    }
    if drafts > 0 {
        facts.push(format::drafts_left_out(drafts));
    }
    if let Some(days) = topic.window {
        facts.push(format::window(days));
    }
    facts.push(format!("topic `{}`", topic.id));
    let _ = writeln!(out, "{}\n", facts.join(" · "));
    let origins = crate::export::row::topic_origins(review, t);
    if !origins.is_empty() {
        let names: Vec<String> = origins
            .iter()
            .map(|(origin, members)| {
                let mut name = escape(&origin.name);
                if !members.is_empty() {
                    let members: Vec<String> = members.iter().map(|s| escape(&s.name)).collect();
                    let _ = write!(name, " ({})", members.join(", "));
                }
                name
            })
            .collect();
        let _ = writeln!(
            out,
            "{}: {}.\n",
            format::origins(origins.len()),
            names.join("; ")
        );
    }
    let rows: Vec<ClaimRow> = claims
        .iter()
        .map(|&c| ClaimRow::new(review, c))
        .filter(|row| !row.is_draft())
        .collect();
    if rows.is_empty() {
        let _ = writeln!(out, "No claims.\n");
        return;
    }
    let rows = crate::export::replaced_under_replacing(rows);
    let _ = writeln!(
        out,
        "| claim | source | figure | via | date | status | note |\n|---|---|---|---|---|---|---|"
    );
    for row in &rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            claim_cell(row),
            source_cell(row),
            escape(&format::assertion(model, row.claim)),
            escape(&via(row)),
            row.date().map_or_else(|| "—".into(), String::from),
            status_cell(row),
            row.note().map_or("—".into(), escape),
        );
    }
    let _ = writeln!(out);
    for row in &rows {
        let replaced = row
            .superseded_by
            .map(|by| format!(", {}", format::superseded_by(&format!("`{}`", by.id))))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "> **{}** (`{}`{replaced}) in *{}*: “{}”\n",
            escape(&row.source.name),
            row.claim.id,
            escape(&row.report.title),
            escape(&row.claim.quote)
        );
    }
}

/// `` `id` ``, or `` ↳ `id` (superseded by `newer`) ``.
fn claim_cell(row: &ClaimRow) -> String {
    match row.superseded_by {
        Some(by) => format!(
            "{} `{}` ({})",
            format::SUPERSEDED_MARK,
            row.claim.id,
            format::superseded_by(&format!("`{}`", by.id))
        ),
        None => format!("`{}`", row.claim.id),
    }
}

/// The source with its grades, the grade the evidence suggests, and the origin it belongs to:
/// `NIS (B2; evidence suggests 1), part of Government of South Korea`.
fn source_cell(row: &ClaimRow) -> String {
    let mut grades: Vec<String> = format::grades(row.source, row.claim).into_iter().collect();
    grades.extend(
        row.suggested_credibility()
            .map(format::suggested_credibility),
    );
    let mut cell = escape(&row.source.name);
    if !grades.is_empty() {
        let _ = write!(cell, " ({})", grades.join("; "));
    }
    if row.origin.id != row.source.id {
        let _ = write!(cell, ", {}", escape(&format::part_of(row.origin)));
    }
    cell
}

/// The status in force and who decided it; a stale decision says so and never shows its old
/// status.
fn status_cell(row: &ClaimRow) -> String {
    let status = escape(&format::status_by(row.status, row.reviewer()));
    match row.stale {
        Some(d) => format!(
            "{status} · {}",
            escape(&format::changed_since_review(d.reviewer))
        ),
        None => status,
    }
}

fn claims_section(
    out: &mut String,
    review: &Review,
    listed: &[usize],
    title: &str,
    status: Status,
    none: &str,
) {
    let _ = writeln!(out, "## {title}\n");
    let mut claims: Vec<usize> = listed
        .iter()
        .copied()
        .filter(|&c| review.status(c) == status)
        .collect();
    claims.sort_unstable();
    if claims.is_empty() {
        let _ = writeln!(out, "{none}\n");
        return;
    }
    for row in claims.into_iter().map(|c| ClaimRow::new(review, c)) {
        let replaced = row
            .superseded_by
            .map(|by| format!(" ({})", format::superseded_by(&format!("`{}`", by.id))))
            .unwrap_or_default();
        let changed = row
            .stale
            .map(|d| format!(" — {}", escape(&format::changed_since_review(d.reviewer))))
            .unwrap_or_default();
        let note = row
            .note()
            .map(|n| format!(" — note: {}", escape(n)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "- `{}`{replaced} — {}: {} ({}){changed}{note}",
            row.claim.id,
            escape(&row.source.name),
            escape(&format::assertion(&review.model, row.claim)),
            escape(&row.topic.question),
        );
    }
    let _ = writeln!(out);
}

/// Each listed claim on which reviewers differ, with every reviewer's status, time and note,
/// and the decision in force; nothing when fewer than two people have decided anything.
fn disagreements_section(out: &mut String, review: &Review, listed: &[usize]) {
    let Some(all) = crate::export::disagreements(review, listed) else {
        return;
    };
    let _ = writeln!(out, "## {}\n", crate::export::DISAGREEMENTS);
    if all.is_empty() {
        let _ = writeln!(out, "{}\n", crate::export::NO_DISAGREEMENTS);
        return;
    }
    let model = &review.model;
    for d in &all {
        let claim = &model.claims[d.claim];
        let in_force = match d.in_force {
            Some(f) => format::status_by(f.status, Some(f.reviewer)),
            None => format::status(Status::Unreviewed),
        };
        let _ = writeln!(
            out,
            "- `{}` — {}: {} ({}) — in force: {}",
            claim.id,
            escape(&model.sources[claim.source].name),
            escape(&format::assertion(model, claim)),
            escape(&model.topics[claim.topic].question),
            escape(&in_force),
        );
        for decision in &d.decisions {
            let note = decision
                .note
                .map(|n| format!(" — note: {}", escape(n)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  - {}: {} ({}){note}",
                escape(decision.reviewer),
                format::status(decision.status),
                crate::format::minute(decision.at),
            );
        }
    }
    let _ = writeln!(out);
}

/// The relay chain after the source: `Yonhap`, or `—` when the source was heard directly.
fn via(row: &ClaimRow) -> String {
    if row.via.is_empty() {
        return "—".into();
    }
    let names: Vec<&str> = row.via.iter().map(|s| s.name.as_str()).collect();
    names.join(" → ")
}

/// Text safe inside a table cell or a paragraph: one line, Markdown punctuation escaped, HTML
/// neutralised.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in crate::sanitize::line(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            // The characters that can start markup; the rest read better plain.
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_tables_and_markup_intact() {
        assert_eq!(escape("a | b"), "a \\| b");
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(escape("line\nbreak"), "line break");
        assert_eq!(
            escape("**bold** [link](x) `code` # h"),
            "\\*\\*bold\\*\\* \\[link\\](x) \\`code\\` \\# h"
        );
        assert_eq!(
            escape("12,000 troops — ≈ 11,000"),
            "12,000 troops — ≈ 11,000"
        );
    }
}
