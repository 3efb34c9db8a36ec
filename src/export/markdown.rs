//! The review summary in Markdown (CommonMark with GitHub tables): totals, then a section per
//! topic — conflicts first — with its claims and quotes, then the disputed and the unreviewed.
//! Text from the files is escaped so that it cannot break a table or inject markup.

use std::fmt::Write;

use crate::analysis::Verdict;
use crate::decision::Status;
use crate::export::row::ClaimRow;
use crate::export::{Only, Options, selection};
use crate::format;
use crate::review::Review;

pub fn to_string(review: &Review, options: &Options) -> String {
    let model = &review.model;
    let mut out = String::new();
    let _ = writeln!(out, "# Review summary\n");
    for report in &model.reports {
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
        let about = if about.is_empty() {
            String::new()
        } else {
            format!(" ({})", about.join(", "))
        };
        let _ = writeln!(out, "- Report: {title}{about}");
    }
    let _ = writeln!(out, "- {}", who_and_when(review));
    let p = review.progress();
    let _ = writeln!(
        out,
        "\n| claims | verified | disputed | unreviewed | conflicts |\n|---:|---:|---:|---:|---:|"
    );
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} |\n",
        model.claims.len(),
        p.verified,
        p.disputed,
        p.unreviewed,
        review.analysis.conflicts()
    );

    let mut topics = selection(review, options.only);
    topics.sort_by_key(|(t, _)| rank(review.analysis.topics[*t].verdict));
    for (t, claims) in &topics {
        topic_section(&mut out, review, *t, claims);
    }
    // The closing lists cover the claims selected above (all of them unless --only says).
    let listed: Vec<usize> = selection(review, options.only)
        .into_iter()
        .flat_map(|(_, c)| c)
        .collect();
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

/// Sections in the order an editor reads them: what conflicts first.
fn rank(v: Verdict) -> usize {
    format::VERDICTS_BY_URGENCY
        .iter()
        .position(|&u| u == v)
        .unwrap_or(format::VERDICTS_BY_URGENCY.len())
}

/// `Decisions by kim, ana, from … to … (UTC)`, from the decisions in force.
fn who_and_when(review: &Review) -> String {
    let decisions: Vec<_> = review
        .decided()
        .filter(|d| d.status != Status::Unreviewed)
        .collect();
    if decisions.is_empty() {
        return "No decisions yet.".into();
    }
    let mut reviewers: Vec<&str> = decisions.iter().map(|d| d.reviewer.as_str()).collect();
    reviewers.sort_unstable();
    reviewers.dedup();
    let first = decisions.iter().map(|d| d.at).min().unwrap_or_default();
    let last = decisions.iter().map(|d| d.at).max().unwrap_or_default();
    let time = |t: jiff::Timestamp| t.strftime("%Y-%m-%d %H:%M UTC").to_string();
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
    let mut facts = vec![format!("**{}**", format::verdict(analysis.verdict))];
    if let Some(s) = analysis.spread {
        facts.push(format!("spread {}", format::percent(s)));
    }
    facts.push(format::count(analysis.claims.len(), "claim", "claims"));
    facts.push(format!("topic `{}`", topic.id));
    let _ = writeln!(out, "{}\n", facts.join(" · "));
    if claims.is_empty() {
        let _ = writeln!(out, "No claims.\n");
        return;
    }
    let _ = writeln!(
        out,
        "| claim | source | figure | via | stated | status | note |\n|---|---|---|---|---|---|---|"
    );
    let rows: Vec<ClaimRow> = claims.iter().map(|&c| ClaimRow::new(review, c)).collect();
    for row in &rows {
        let grades = format::grades(row.source, row.claim)
            .map(|g| format!(" ({g})"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "| `{}` | {}{} | {} | {} | {} | {} | {} |",
            row.claim.id,
            escape(&row.source.name),
            grades,
            escape(&format::assertion(model, row.claim)),
            escape(&via(row)),
            row.stated().unwrap_or_else(|| "—".into()),
            format::status(row.status),
            row.note().map_or("—".into(), escape),
        );
    }
    let _ = writeln!(out);
    for row in &rows {
        let _ = writeln!(
            out,
            "> **{}** (`{}`): “{}”\n",
            escape(&row.source.name),
            row.claim.id,
            escape(&row.claim.quote)
        );
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
        let note = row
            .note()
            .map(|n| format!(" — note: {}", escape(n)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "- `{}` — {}: {} ({}){note}",
            row.claim.id,
            escape(&row.source.name),
            escape(&format::assertion(&review.model, row.claim)),
            escape(&row.topic.question),
        );
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
