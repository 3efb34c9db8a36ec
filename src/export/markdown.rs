//! The review summary in Markdown (CommonMark with GitHub tables): totals, then a section per
//! topic — conflicts first — with its claims and quotes, then the disputed and the unreviewed.
//! Text from the files is escaped so that it cannot break a table or inject markup.

use std::fmt::Write;

use crate::analysis::Verdict;
use crate::export::{Only, Options, selection};
use crate::format;
use crate::model::Model;
use crate::review::{Review, Status};

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
        let title = match &report.url {
            Some(url) => format!(
                "[{}](<{}>)",
                escape(&report.title),
                url.replace(['<', '>'], "")
            ),
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
fn rank(v: Verdict) -> u8 {
    match v {
        Verdict::Conflict => 0,
        Verdict::Unsettled => 1,
        Verdict::Consistent => 2,
        Verdict::Single => 3,
        Verdict::None => 4,
    }
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
    let mut facts = vec![format!("**{}**", analysis.verdict.as_str())];
    if let Some(s) = analysis.spread {
        facts.push(format!("spread {}", format::percent(s)));
    }
    facts.push(format!("{} claim(s)", analysis.claims.len()));
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
    for &c in claims {
        let claim = &model.claims[c];
        let source = &model.sources[claim.source];
        let grades = format::grades(source, claim)
            .map(|g| format!(" ({g})"))
            .unwrap_or_default();
        let decision = review.decision(c);
        let _ = writeln!(
            out,
            "| `{}` | {}{} | {} | {} | {} | {} | {} |",
            claim.id,
            escape(&source.name),
            grades,
            escape(&format::assertion(model, claim)),
            escape(&via(model, claim)),
            claim.stated.map_or("—".into(), |d| d.to_string()),
            status_word(review.status(c)),
            decision
                .and_then(|d| d.note.as_deref())
                .map_or("—".into(), escape),
        );
    }
    let _ = writeln!(out);
    for &c in claims {
        let claim = &model.claims[c];
        let _ = writeln!(
            out,
            "> **{}** (`{}`): “{}”\n",
            escape(&model.sources[claim.source].name),
            claim.id,
            escape(&claim.quote)
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
    let model = &review.model;
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
    for c in claims {
        let claim = &model.claims[c];
        let note = review
            .decision(c)
            .and_then(|d| d.note.as_deref())
            .map(|n| format!(" — note: {}", escape(n)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "- `{}` — {}: {} ({}){note}",
            claim.id,
            escape(&model.sources[claim.source].name),
            escape(&format::assertion(model, claim)),
            escape(&model.topics[claim.topic].question),
        );
    }
    let _ = writeln!(out);
}

/// The relay chain after the source: `Yonhap`, or `—` when the source was heard directly.
fn via(model: &Model, claim: &crate::model::Claim) -> String {
    if claim.via.is_empty() {
        return "—".into();
    }
    claim
        .via
        .iter()
        .map(|&s| model.sources[s].name.as_str())
        .collect::<Vec<_>>()
        .join(" → ")
}

fn status_word(s: Status) -> &'static str {
    match s {
        Status::Verified => "✓ verified",
        Status::Disputed => "✗ disputed",
        Status::Unreviewed => "unreviewed",
    }
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
